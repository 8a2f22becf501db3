/**
 * Tamper evidence (issue #4): editing any stored event by hand makes `lianxin audit
 * verify` fail and name it — through the real CLI on a real SQLite file.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../bin/lianxin.mjs');

describe('lianxin audit verify', () => {
  it('passes on an untouched database and names the event edited by hand', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-audit-'));
    const env = { ...process.env, LIANXIN_DATA_DIR: dataDir, NODE_ENV: 'development' };
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
