/**
 * The admin audit log is tamper-evident (issue #15, item 10), on both databases: it is a hash
 * chain like the case events, so `lianxin audit verify` names the first break when a record is
 * deleted (a contact reveal someone wanted gone), edited, reordered or cut off the end; many
 * appends at the same moment (several PostgreSQL connections) still form one valid chain; and
 * entries stored before the chain existed are chained by the migration in the order written.
 */
import { FixedClock } from '@lianxin/core';
import { createRepositories, migrateTo, migrateToLatest } from '@lianxin/storage';
import { openTestStorage, testDialects } from '@lianxin/storage/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../src/audit/audit.service';
import { verifyAuditChains } from '../src/audit/audit-verify';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('audit log chain on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let revealId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    const deputy = (await t.request({ method: 'GET', url: '/api/v1/deputies?pageSize=1', session: admin })).json().items[0];
    expect((await t.request({ method: 'POST', url: `/api/v1/deputies/${deputy.id}/reveal-contact`, session: admin })).statusCode).toBe(200);
    revealId = (await t.ctx.repos.audit.list({ action: 'deputy.contact.reveal' })).items[0].id;
    // More entries after the reveal, so it sits inside the chain.
    for (const name of ['审计链测试甲', '审计链测试乙'])
      expect((await t.request({ method: 'POST', url: '/api/v1/departments', session: admin, payload: { name } })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = () => t.storage.db.selectFrom('audit_log').selectAll().orderBy('chain_index').execute();

  it('verifies untouched, counting every entry', async () => {
    const all = await rows();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: true, auditEntries: all.length });
  });

  it('names the entry after a deleted contact reveal', async () => {
    const all = await rows();
    const position = all.findIndex((r) => r.id === revealId);
    const reveal = all[position];
    const next = all[position + 1];
    await t.storage.db.deleteFrom('audit_log').where('id', '=', revealId).execute();
    expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({
      ok: false,
      kind: 'audit',
      id: next.id,
      eventId: next.id,
      label: expect.stringContaining(next.action),
    });
    // Renumbering the chain to hide the gap still breaks the link of the entry after it. (Shifted
    // through negative numbers: the chain position is unique, checked row by row.)
    const shift = async (from: number, by: number) => {
      await sql`UPDATE audit_log SET chain_index = -(chain_index + ${by}) WHERE chain_index >= ${from}`.execute(t.storage.db);
      await sql`UPDATE audit_log SET chain_index = -chain_index WHERE chain_index < 0`.execute(t.storage.db);
    };
    await shift(Number(reveal.chain_index) + 1, -1);
    expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: false, kind: 'audit', id: next.id, reason: expect.stringMatching(/link/) });
    await shift(Number(reveal.chain_index), 1);
    await t.storage.db.insertInto('audit_log').values(reveal).execute();
    expect((await verifyAuditChains(t.ctx.repos)).ok).toBe(true);
  });

  it('names an edited entry', async () => {
    const original = (await t.storage.db.selectFrom('audit_log').select('summary').where('id', '=', revealId).executeTakeFirstOrThrow()).summary;
    await t.storage.db.updateTable('audit_log').set({ summary: '改过的摘要' }).where('id', '=', revealId).execute();
    expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: false, kind: 'audit', id: revealId, reason: expect.stringMatching(/hash/) });
    await t.storage.db.updateTable('audit_log').set({ summary: original }).where('id', '=', revealId).execute();
    expect((await verifyAuditChains(t.ctx.repos)).ok).toBe(true);
  });

  it('detects two entries swapped', async () => {
    const all = await rows();
    const [a, b] = [all[1], all[2]];
    // Give each the other's place in the chain (through a free number: the position is unique).
    const place = async (first: typeof a, firstAt: unknown, second: typeof b, secondAt: unknown) => {
      await t.storage.db.updateTable('audit_log').set({ chain_index: -1 }).where('id', '=', first.id).execute();
      await t.storage.db
        .updateTable('audit_log')
        .set({ chain_index: Number(secondAt) })
        .where('id', '=', second.id)
        .execute();
      await t.storage.db
        .updateTable('audit_log')
        .set({ chain_index: Number(firstAt) })
        .where('id', '=', first.id)
        .execute();
    };
    await place(a, b.chain_index, b, a.chain_index);
    expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: false, kind: 'audit', id: b.id, reason: expect.stringMatching(/link/) });
    await place(a, a.chain_index, b, b.chain_index);
    expect((await verifyAuditChains(t.ctx.repos)).ok).toBe(true);
  });

  it('detects the newest entries cut off', async () => {
    const all = await rows();
    const last = all.at(-1)!;
    await t.storage.db.deleteFrom('audit_log').where('id', '=', last.id).execute();
    expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({
      ok: false,
      kind: 'audit',
      id: all.at(-2)!.id,
      reason: 'audit entries are missing after the last one shown',
    });
    await t.storage.db.insertInto('audit_log').values(last).execute();
    expect((await verifyAuditChains(t.ctx.repos)).ok).toBe(true);
  });

  it('keeps one valid chain when many entries are appended at once', async () => {
    const before = (await rows()).length;
    const audit = t.ctx.audit;
    const actor = { userId: admin.user.id, username: 'admin', roles: ['admin'], scope: {}, ip: '127.0.0.1' } as unknown as Parameters<typeof audit.record>[0];
    await Promise.all([
      // On their own (each in a transaction of its own)…
      ...Array.from({ length: 30 }, (_, i) => audit.record(actor, { action: 'test.concurrent', entity: 'test', entityId: `solo-${i}` })),
      // …and inside transactions that write something else too.
      ...Array.from({ length: 10 }, (_, i) =>
        t.storage.db.transaction().execute(async (trx) => {
          const repos = createRepositories(trx);
          await repos.settings.set(`test.concurrent.${i}`, { i }, t.clock.now().toISOString());
          await audit.record(actor, { action: 'test.concurrent', entity: 'test', entityId: `trx-${i}` }, repos);
        }),
      ),
    ]);
    const all = await rows();
    expect(all.length).toBe(before + 40);
    expect(all.map((r) => Number(r.chain_index))).toEqual(all.map((_, i) => i + 1));
    expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: true, auditEntries: before + 40 });
  });
});

describe.each(dialects)('audit chain migration on %s', (dialect) => {
  it('chains the entries written before it, in the order written, and later appends continue the chain', async () => {
    const storage = await openTestStorage(dialect, { migrate: false });
    try {
      await migrateTo(storage, '0019_supervised_open');
      for (let i = 0; i < 5; i++)
        await sql`INSERT INTO audit_log (id, at, actor_name, action, entity, entity_id, payload) VALUES (${`old-${i}`}, ${`2026-01-0${i + 1}T08:00:00.000Z`}, ${'admin'}, ${'deputy.contact.reveal'}, ${'deputy'}, ${`d${i}`}, ${'{"why":"核实"}'})`.execute(
          storage.db,
        );
      await migrateToLatest(storage);
      const repos = createRepositories(storage.db);
      expect(await verifyAuditChains(repos)).toMatchObject({ ok: true, auditEntries: 5 });
      const chained = await storage.db.selectFrom('audit_log').select(['id', 'chain_index']).orderBy('chain_index').execute();
      expect(chained.map((r) => r.id)).toEqual(['old-0', 'old-1', 'old-2', 'old-3', 'old-4']);
      await new AuditService({ clock: new FixedClock('2026-03-02T01:00:00.000Z'), repos }).record(null, { action: 'after.migration', entity: 'test' });
      expect(await verifyAuditChains(repos)).toMatchObject({ ok: true, auditEntries: 6 });
      await storage.db.deleteFrom('audit_log').where('id', '=', 'old-2').execute();
      expect(await verifyAuditChains(repos)).toMatchObject({ ok: false, kind: 'audit', id: 'old-3' });
    } finally {
      await storage.dispose();
    }
  }, 60_000);
});
