/**
 * Tamper evidence (issues #4 and #6): editing any stored event by hand makes `lianxin audit
 * verify` fail and name it — through the real CLI on a real SQLite file for cases, and on
 * both databases for suggestion/motion event chains and ballot hashes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { testDialects } from '@lianxin/storage/testing';
import { describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../src/audit/audit-verify';
import { createTestApp } from './support';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../bin/lianxin.mjs');

describe('lianxin audit verify', () => {
  it('passes on an untouched database and names the event edited by hand', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-audit-'));
    const env = { ...process.env, LIANXIN_DATA_DIR: dataDir, NODE_ENV: 'development', LIANXIN_DEMO_CASES: '0' };
    await run(process.execPath, [CLI, 'seed', '--demo'], { env });
    const { openRuntime } = await import('../src/runtime');
    const { loadConfig } = await import('../src/config');
    const ctx = await openRuntime(loadConfig(env));
    const receipt = await ctx.intake.submit({ content: '审计链测试：路灯不亮请修复。', anonymous: true }, { channel: 'online' });
    await ctx.intake.submit({ content: '审计链测试：第二件意见。', anonymous: true }, { channel: 'online' });
    await ctx.storage.close();

    const ok = await run(process.execPath, [CLI, 'audit', 'verify'], { env });
    expect(ok.stdout).toMatch(/Audit chain OK: 2 cases, 2 events/);

    const db = new SQLite(path.join(dataDir, 'lianxin.sqlite'));
    const event = db.prepare('SELECT id, payload FROM case_events WHERE case_id = ?').get(receipt.case.id) as { id: string; payload: string };
    db.prepare('UPDATE case_events SET payload = ? WHERE id = ?').run(event.payload.replace('online', 'walk_in'), event.id);
    db.close();

    const broken = await run(process.execPath, [CLI, 'audit', 'verify'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((broken as { code: number }).code).toBe(1);
    expect((broken as { stderr: string }).stderr).toContain(event.id);
    expect((broken as { stderr: string }).stderr).toContain(receipt.trackingCode);
  }, 120_000); // starts CLI processes: each takes seconds on a busy 2-core machine
});

describe.each(await testDialects())('audit verify of suggestion/motion chains on %s', (dialect) => {
  it('passes untouched, then names a proposal event edited by hand and one removed', async () => {
    const t = await createTestApp(dialect);
    try {
      const deputy = await t.login('deputy-demo');
      const created = await t.request({
        method: 'POST',
        url: '/api/v1/suggestions',
        session: deputy,
        payload: { type: 'suggestion', title: '关于审计链的建议', body: '建议内容不得被篡改。' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().proposal.id as string;
      const submitted = await t.request({ method: 'POST', url: `/api/v1/suggestions/${id}/actions/submit`, session: deputy, payload: { expectedVersion: 1 } });
      expect(submitted.statusCode, submitted.body).toBe(200);

      const ok = await verifyAuditChains(t.ctx.repos);
      expect(ok).toMatchObject({ ok: true, proposals: 1, proposalEvents: 2 });

      const [first, second] = await t.ctx.repos.proposals.events(id);
      await sql`UPDATE proposal_events SET reason = ${'后来改的'} WHERE id = ${first.id}`.execute(t.storage.db);
      expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: false, kind: 'proposal', id, eventId: first.id, label: '关于审计链的建议' });

      // Restore it; then drop the last event: the row no longer matches the end of its chain.
      await sql`UPDATE proposal_events SET reason = NULL WHERE id = ${first.id}`.execute(t.storage.db);
      expect((await verifyAuditChains(t.ctx.repos)).ok).toBe(true);
      await sql`DELETE FROM proposal_events WHERE id = ${second.id}`.execute(t.storage.db);
      expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: false, kind: 'proposal', id, reason: 'events are missing after the last one shown' });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('names a ballot whose stored choices no longer match its hash, an altered sealed pool, and a missing ballot', async () => {
    const t = await createTestApp(dialect);
    try {
      const office = await t.login('supervisor');
      const deputy = await t.login('deputy-demo');
      const verify = () => verifyAuditChains(t.ctx.repos, { openPool: (roundId, phase, sealed) => t.ctx.voting.openPool(roundId, phase, sealed) });
      const round = await t.request({
        method: 'POST',
        url: '/api/v1/voting/rounds',
        session: office,
        payload: { year: 2026, title: '审计测试票决', choose: 1, majorityRequired: false },
      });
      expect(round.statusCode, round.body).toBe(201);
      const roundId = round.json().id as string;
      const candidates: string[] = [];
      for (const title of ['审计项目甲', '审计项目乙'])
        candidates.push(
          (
            await t.request({
              method: 'POST',
              url: `/api/v1/voting/rounds/${roundId}/candidates`,
              session: office,
              payload: { title, description: '项目说明文字' },
            })
          ).json().id,
        );
      const act = async (action: string, body: object = {}) => {
        const version = (await t.ctx.repos.voting.getRound(roundId)).version;
        const res = await t.request({
          method: 'POST',
          url: `/api/v1/voting/rounds/${roundId}/actions/${action}`,
          session: office,
          payload: { expectedVersion: version, ...body },
        });
        expect(res.statusCode, res.body).toBe(200);
      };
      await act('open_comments');
      await act('open_voting', { electorate: [deputy.user.scope.deputyId] });
      const cast = await t.request({ method: 'POST', url: `/api/v1/voting/rounds/${roundId}/ballot`, session: deputy, payload: { selected: [candidates[0]] } });
      expect(cast.statusCode, cast.body).toBe(201);
      const receipt = cast.json().receipt as string;

      // While the vote runs, the ballot is in the sealed pool, and is checked there.
      expect(await verify()).toMatchObject({ ok: true, ballots: 1 });
      const [pool] = await t.storage.db.selectFrom('vote_ballot_pool').selectAll().execute();
      const flipped = `${pool.sealed.slice(0, -4)}${pool.sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      await t.storage.db.updateTable('vote_ballot_pool').set({ sealed: flipped }).execute();
      expect(await verify()).toMatchObject({ ok: false, kind: 'ballot', id: roundId, reason: expect.stringContaining('do not open') });
      await t.storage.db.updateTable('vote_ballot_pool').set({ sealed: pool.sealed }).execute();

      await act('close_voting');
      expect(await verify()).toMatchObject({ ok: true, ballots: 1 });
      await sql`UPDATE vote_ballots SET choices = ${JSON.stringify({ selected: [candidates[1]] })}`.execute(t.storage.db);
      expect(await verify()).toMatchObject({ ok: false, kind: 'ballot', id: roundId, label: '审计测试票决', eventId: receipt });
      await sql`DELETE FROM vote_ballots`.execute(t.storage.db);
      expect(await verify()).toMatchObject({ ok: false, kind: 'ballot', id: roundId, reason: '1 deputies voted in selection but 0 ballots are stored' });
    } finally {
      await t.close();
    }
  }, 60_000);
});
