/**
 * Ballot secrecy against whoever holds the database or a backup of it (issue #15, item 2), on
 * both databases. Six deputies vote, in a known order, six different ballots; the test then
 * plays the attacker with everything the stored data offers and tries to pair each deputy with
 * a ballot:
 * - row order: SQLite rowids, PostgreSQL heap order (ctid), of participations and ballots;
 * - PostgreSQL `xmin`: the transaction that wrote each participation and each ballot;
 * - timestamps: the audit log dates each deputy's vote; anything dated or ordered on the ballots?
 * - receipts: is a receipt stored anywhere near a voter (any table, any column)?
 * - leftovers: earlier versions of the sealed pool still in the SQLite file's free space.
 * While the vote runs there is no ballot in the clear at all, only one sealed blob that every cast
 * rewrites; after the close every ballot row is written by the closing transaction in hash order,
 * so each physical attribute orders the ballots by hash — which the random nonce makes unrelated
 * to the voter. Everything voting already guaranteed still holds: one ballot per deputy, receipts
 * found among the published ballots, the right count, results only after the close.
 */
import { randomBytes } from 'node:crypto';
import { ballotHash } from '@lianxin/core';
import { createRepositories, migrateTo, migrateToLatest, type Dialect } from '@lianxin/storage';
import { openTestStorage, testDialects } from '@lianxin/storage/testing';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

/** Every row of every table, as text (what a backup holds). */
async function everyRow(db: Kysely<unknown>, dialect: Dialect): Promise<Array<{ table: string; text: string }>> {
  const tables =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`.execute(db)).rows.map((r) => r.name);
  const rows: Array<{ table: string; text: string }> = [];
  for (const table of tables) {
    for (const row of (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)).rows)
      rows.push({ table, text: JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)) });
  }
  return rows;
}

/** The tables in which `secret` appears. */
const tablesHolding = (rows: Array<{ table: string; text: string }>, secret: string) => [
  ...new Set(rows.filter((r) => r.text.includes(secret)).map((r) => r.table)),
];

/** The base64 body of a sealed blob (a long random-looking string that would survive in free pages). */
const bodyOf = (sealed: string) => sealed.split(':')[3];

describe.each(dialects)('ballot secrecy against the stored data on %s', (dialect) => {
  let t: TestApp;
  let office: Session;
  const voters: Session[] = [];
  const voterIds: string[] = [];
  const candidates: string[] = [];
  let roundId: string;
  /** Ground truth the attacker is after: deputy → receipt, in the order they voted. */
  const truth: Array<{ deputyId: string; receipt: string; selected: string[] }> = [];
  /** The sealed pool after each cast. */
  const snapshots: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await t.login('admin');
    office = await t.login('supervisor');
    const deputies = (await t.request({ method: 'GET', url: '/api/v1/deputies?pageSize=6', session: admin })).json().items as Array<{ id: string }>;
    expect(deputies).toHaveLength(6);
    for (const [i, d] of deputies.entries()) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        session: admin,
        payload: { username: `secret-voter-${i}`, displayName: `票决代表${i}`, password: 'lianxin-demo', roles: ['deputy'], scope: { deputyId: d.id } },
      });
      expect(res.statusCode, res.body).toBe(201);
      voters.push(await t.login(`secret-voter-${i}`));
      voterIds.push(d.id);
    }
    roundId = (
      await t.request({
        method: 'POST',
        url: '/api/v1/voting/rounds',
        session: office,
        payload: { year: 2026, title: '保密性测试票决', choose: 2, majorityRequired: false },
      })
    ).json().id;
    for (let i = 0; i < 6; i++)
      candidates.push(
        (
          await t.request({
            method: 'POST',
            url: `/api/v1/voting/rounds/${roundId}/candidates`,
            session: office,
            payload: { title: `保密测试项目${i}`, description: '项目说明文字' },
          })
        ).json().id,
      );
    await act('open_comments');
    await act('open_voting', { electorate: voterIds });
    // Six different ballots, cast one after another.
    const picks = [[0, 1], [2, 3], [4, 5], [0, 2], [1, 3], [0]];
    for (const [i, pick] of picks.entries()) {
      const selected = pick.map((k) => candidates[k]);
      const res = await t.request({ method: 'POST', url: `/api/v1/voting/rounds/${roundId}/ballot`, session: voters[i], payload: { selected } });
      expect(res.statusCode, res.body).toBe(201);
      truth.push({ deputyId: voterIds[i], receipt: res.json().receipt, selected });
      // (Read defensively: before the fix there was no pool, and the assertions below say what was stored instead.)
      const pool = await t.storage.db
        .selectFrom('vote_ballot_pool')
        .select('sealed')
        .where('round_id', '=', roundId)
        .executeTakeFirst()
        .catch(() => undefined);
      snapshots.push(pool?.sealed ?? '');
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  async function act(action: string, body: object = {}) {
    const version = (await t.ctx.repos.voting.getRound(roundId)).version;
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/voting/rounds/${roundId}/actions/${action}`,
      session: office,
      payload: { expectedVersion: version, ...body },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** The ballots' physical order (rowid / heap), as the attacker reads it, or null when there is none. */
  async function ballotsByRowid(): Promise<string[] | null> {
    try {
      const { rows } = await sql<{ hash: string }>`SELECT hash FROM vote_ballots WHERE round_id = ${roundId} ORDER BY rowid`.execute(t.storage.db);
      return rows.map((r) => r.hash);
    } catch (error) {
      expect(String(error)).toMatch(/no such column: rowid/);
      return null;
    }
  }

  it('while the vote runs: no ballot in the clear, no receipt anywhere, one sealed blob rewritten whole by every cast', async () => {
    expect(await t.storage.db.selectFrom('vote_ballots').selectAll().where('round_id', '=', roundId).execute()).toEqual([]);
    const pools = await t.storage.db.selectFrom('vote_ballot_pool').selectAll().where('round_id', '=', roundId).execute();
    // One row for all six ballots: no row, rowid, heap position or xmin of its own for any ballot.
    expect(pools).toHaveLength(1);
    for (const secret of [...truth.map((v) => v.receipt), ...candidates]) expect(pools[0].sealed).not.toContain(secret);

    const rows = await everyRow(t.storage.db as Kysely<unknown>, dialect);
    for (const { receipt } of truth) expect(tablesHolding(rows, receipt), receipt).toEqual([]);

    // Each cast sealed the whole pool afresh: consecutive versions share nothing to diff.
    for (let i = 1; i < snapshots.length; i++) {
      expect(snapshots[i]).not.toBe(snapshots[i - 1]);
      expect(snapshots[i]).not.toContain(bodyOf(snapshots[i - 1]).slice(0, 24));
    }
    if (dialect === 'sqlite') {
      // Earlier versions of the blob were zeroed, not left in the file's free space.
      const file = t.storage.sqlite!.serialize().toString('latin1');
      expect(file.includes(bodyOf(snapshots.at(-1)!).slice(0, 48))).toBe(true); // (the blob spans overflow pages: compare a piece)
      for (const [i, old] of snapshots.slice(0, -1).entries())
        expect(file.includes(bodyOf(old).slice(0, 48)), `pool after cast ${i + 1} still in the file`).toBe(false);
    }
    // Nobody sees a count before the close.
    expect((await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${roundId}/ballots` })).statusCode).toBe(422);
  });

  it('after the close: every receipt is published and counted, and no stored order, transaction or time leads back to a deputy', async () => {
    const closed = await act('close_voting');
    expect(closed.selectionResult).toMatchObject({ ballots: 6, electorate: 6 });
    const votes = Object.fromEntries(closed.selectionResult.results.map((r: { candidateId: string; votes: number }) => [r.candidateId, r.votes]));
    expect(votes).toEqual({ [candidates[0]]: 3, [candidates[1]]: 2, [candidates[2]]: 2, [candidates[3]]: 2, [candidates[4]]: 1, [candidates[5]]: 1 });
    const published = (await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${roundId}/ballots` })).json();
    expect(published).toMatchObject({ voted: 6, hashesValid: true, reproducible: true });
    const byHash = new Map(published.ballots.map((b: { hash: string; choices: { selected: string[] } }) => [b.hash, b]));
    for (const v of truth) expect((byHash.get(v.receipt) as { choices: { selected: string[] } }).choices.selected).toEqual([...v.selected].sort());

    const sortedReceipts = truth.map((v) => v.receipt).sort();
    // Receipts: stored only as the ballots' own ids, nowhere near a voter.
    const rows = await everyRow(t.storage.db as Kysely<unknown>, dialect);
    for (const { receipt } of truth) expect(tablesHolding(rows, receipt), receipt).toEqual(['vote_ballots']);
    // Timestamps: the audit log dates each vote, but a ballot has nothing dated or ordered.
    expect(
      Object.keys((await t.storage.db.selectFrom('vote_ballots').selectAll().where('round_id', '=', roundId).executeTakeFirstOrThrow()) ?? {}).sort(),
    ).toEqual(['choices', 'hash', 'nonce', 'phase', 'round_id']);
    expect((await t.ctx.repos.audit.list({ action: 'voting.vote.selection' })).items).toHaveLength(6);

    if (dialect === 'sqlite') {
      // Row order: no rowid on the ballots; their physical order is that of their hashes.
      expect(await ballotsByRowid()).toBeNull();
      const physical = (await sql<{ hash: string }>`SELECT hash FROM vote_ballots NOT INDEXED WHERE round_id = ${roundId}`.execute(t.storage.db)).rows;
      expect(physical.map((r) => r.hash)).toEqual(sortedReceipts);
      // The participations keep the casting order — with nothing on the ballot side to match it.
      const participations = (
        await sql<{ deputy_id: string }>`SELECT deputy_id FROM vote_participations WHERE round_id = ${roundId} ORDER BY rowid`.execute(t.storage.db)
      ).rows;
      expect(participations.map((r) => r.deputy_id)).toEqual(truth.map((v) => v.deputyId));
      // Leftovers: no version of the sealed pool survives in the file.
      const file = t.storage.sqlite!.serialize().toString('latin1');
      for (const [i, old] of snapshots.entries()) expect(file.includes(bodyOf(old).slice(0, 48)), `pool after cast ${i + 1} still in the file`).toBe(false);
    } else {
      // xmin: every ballot was written by one transaction, the close (it also moved the round on),
      // none by a transaction that recorded a participation.
      const ballots = (
        await sql<{ hash: string; xmin: string }>`SELECT hash, xmin::text AS xmin FROM vote_ballots WHERE round_id = ${roundId} ORDER BY ctid`.execute(
          t.storage.db,
        )
      ).rows;
      const participations = (
        await sql<{
          deputy_id: string;
          xmin: string;
        }>`SELECT deputy_id, xmin::text AS xmin FROM vote_participations WHERE round_id = ${roundId} ORDER BY ctid`.execute(t.storage.db)
      ).rows;
      const round = (await sql<{ xmin: string }>`SELECT xmin::text AS xmin FROM vote_rounds WHERE id = ${roundId}`.execute(t.storage.db)).rows[0];
      expect(new Set(ballots.map((b) => b.xmin))).toEqual(new Set([round.xmin]));
      expect(new Set(participations.map((p) => p.xmin)).size).toBe(6); // the attacker does see six separate casts…
      for (const p of participations) expect(ballots.some((b) => b.xmin === p.xmin)).toBe(false); // …and no ballot from any of them
      expect(participations.map((p) => p.deputy_id)).toEqual(truth.map((v) => v.deputyId));
      // Heap order: the ballots lie in hash order.
      expect(ballots.map((b) => b.hash)).toEqual(sortedReceipts);
    }
    // The sealed pool is gone with the vote.
    expect(await t.storage.db.selectFrom('vote_ballot_pool').selectAll().where('round_id', '=', roundId).execute()).toEqual([]);
  });

  it('one ballot per deputy, and none after the close', async () => {
    const again = await t.request({
      method: 'POST',
      url: `/api/v1/voting/rounds/${roundId}/ballot`,
      session: voters[0],
      payload: { selected: [candidates[5]] },
    });
    expect(again.statusCode).toBe(422);
    expect(await t.storage.db.selectFrom('vote_ballots').select('hash').where('round_id', '=', roundId).execute()).toHaveLength(6);
  });
});

describe.each(dialects)('ballots stored before the sealed pool on %s', (dialect) => {
  it('are rewritten in hash order by the migration, leaving their casting order behind', async () => {
    const storage = await openTestStorage(dialect, { migrate: false });
    try {
      await migrateTo(storage, '0019_supervised_open');
      const at = '2026-03-02T01:00:00.000Z';
      await sql`INSERT INTO vote_rounds (id, year, title, phase, choose, created_at, updated_at) VALUES ('r1', 2026, '旧票决', 'voting', 1, ${at}, ${at})`.execute(
        storage.db,
      );
      const ballots = Array.from({ length: 8 }, (_, i) => {
        const b = { roundId: 'r1', phase: 'selection' as const, choices: { selected: [`c${i % 3}`] }, nonce: randomBytes(16).toString('hex') };
        return { ...b, hash: ballotHash(b) };
      });
      // Cast order: anything but hash order.
      const castOrder = [...ballots].sort((a, b) => (a.hash < b.hash ? 1 : -1));
      for (const b of castOrder)
        await sql`INSERT INTO vote_ballots (hash, round_id, phase, choices, nonce) VALUES (${b.hash}, 'r1', 'selection', ${JSON.stringify(b.choices)}, ${b.nonce})`.execute(
          storage.db,
        );
      const before =
        dialect === 'sqlite'
          ? (await sql<{ hash: string }>`SELECT hash FROM vote_ballots ORDER BY rowid`.execute(storage.db)).rows
          : (await sql<{ hash: string }>`SELECT hash FROM vote_ballots ORDER BY ctid`.execute(storage.db)).rows;
      expect(before.map((r) => r.hash)).toEqual(castOrder.map((b) => b.hash)); // the link the old layout kept

      await migrateToLatest(storage);
      const sorted = ballots.map((b) => b.hash).sort();
      if (dialect === 'sqlite') {
        await expect(sql`SELECT rowid FROM vote_ballots`.execute(storage.db)).rejects.toThrow(/no such column: rowid/);
        expect((await sql<{ hash: string }>`SELECT hash FROM vote_ballots NOT INDEXED`.execute(storage.db)).rows.map((r) => r.hash)).toEqual(sorted);
      } else {
        const rows = (await sql<{ hash: string; xmin: string }>`SELECT hash, xmin::text AS xmin FROM vote_ballots ORDER BY ctid`.execute(storage.db)).rows;
        expect(rows.map((r) => r.hash)).toEqual(sorted);
        expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
      }
      // Still the same ballots, still counted by the repository.
      expect((await createRepositories(storage.db).voting.ballots('r1', 'selection')).map((b) => b.hash)).toEqual(sorted);
    } finally {
      await storage.dispose();
    }
  }, 60_000);
});
