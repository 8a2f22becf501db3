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
import { ballotHash } from '@lianxin/core';
import { sql } from 'kysely';
import { testDialects } from '@lianxin/storage/testing';
import { describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../src/services/audit-verify';
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

  it('names a ballot whose stored choices no longer match its hash', async () => {
    const t = await createTestApp(dialect);
    try {
      const office = await t.login('supervisor');
      const round = await t.request({
        method: 'POST',
        url: '/api/v1/voting/rounds',
        session: office,
        payload: { year: 2026, title: '审计测试票决', choose: 1, majorityRequired: false },
      });
      expect(round.statusCode, round.body).toBe(201);
      const roundId = round.json().id as string;
      const ballot = { roundId, phase: 'selection' as const, choices: { selected: ['candidate-a'] }, nonce: 'n-1' };
      const deputyId = (await t.login('deputy-demo')).user.scope.deputyId!;
      await t.ctx.repos.voting.cast(roundId, 'selection', deputyId, { ...ballot, hash: ballotHash(ballot) });
      expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({ ok: true, ballots: 1 });

      await sql`UPDATE vote_ballots SET choices = ${'{"selected":["candidate-b"]}'}`.execute(t.storage.db);
      expect(await verifyAuditChains(t.ctx.repos)).toMatchObject({
        ok: false,
        kind: 'ballot',
        id: roundId,
        label: '审计测试票决',
        eventId: ballotHash(ballot),
      });
    } finally {
      await t.close();
    }
  }, 60_000);
});
