/**
 * Backup and restore round trip through the CLI on both databases (issue #9 item 8): a backup
 * taken while the server runs and takes submissions, restored with `--verify` into an empty
 * target — every table's row count and digest match the manifest, the audit chains verify and
 * the acknowledged opinions are there. A manifest that does not match fails the restore.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDialects } from '@lianxin/storage/testing';
import { api, signIn, type CaseList, type Me, type Receipt } from '../../../scripts/support/http';
import { runCli, serverEnv } from '../../../scripts/support/server-process';
import { openSql } from '../../../scripts/support/sql';
import { loadConfig } from '../src/config';
import { startServer } from '../src/server';

const dialects = await testDialects();

describe.each(dialects)('backup and restore --verify on %s', (dialect) => {
  it('restores exactly the backup, verified, and refuses a manifest that does not match', async () => {
    const sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bk-src-'));
    const targetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bk-dst-'));
    const sourceDb = dialect === 'postgres' ? await createPostgresDatabase() : null;
    const targetDb = dialect === 'postgres' ? await createPostgresDatabase() : null;
    const key = { LIANXIN_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'), LIANXIN_RATE_LIMITS: '0' };
    const sourceEnv = serverEnv(sourceDir, sourceDb?.url ?? null, key);
    const targetEnv = serverEnv(targetDir, targetDb?.url ?? null, key);
    const file = path.join(sourceDir, 'backups', dialect === 'sqlite' ? 'b.sqlite' : 'b.dump');
    // The source runs in this process (the real start path, on a free port); the CLI runs as a process.
    const server = await startServer(loadConfig({ ...sourceEnv, PORT: '0' }));
    const url = server.url!;
    const codes: string[] = [];
    try {
      const staff = await signIn(url, 'staff-anyang');
      // Sent to staff-anyang's own station, so the staff can act on them whatever routing decides.
      const unitId = (await api<Me>(url, 'GET', '/api/v1/me', { session: staff })).body.user.scope.unitId;
      for (let i = 0; i < 5; i++) {
        const res = await api<Receipt>(url, 'POST', '/api/v1/public/opinions', {
          body: { content: `安阳街道备份测试意见第${i + 1}条，路面破损。`, anonymous: true, unitId },
        });
        expect(res.status).toBe(201);
        codes.push(res.body.trackingCode);
      }
      const found = await api<CaseList>(url, 'GET', `/api/v1/cases?q=${codes[0]}`, { session: staff });
      const accepted = await api(url, 'POST', `/api/v1/cases/${found.body.items[0].id}/actions/accept`, {
        session: staff,
        body: { expectedVersion: 1 },
      });
      expect(accepted.status).toBe(200);
      // A live backup while submissions keep arriving.
      const [backup] = await Promise.all([
        runCli(['backup', file], sourceEnv),
        api(url, 'POST', '/api/v1/public/opinions', { body: { content: '安阳街道备份进行中提交的意见，路灯不亮。', anonymous: true } }),
      ]);
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toContain('Backup written');
    } finally {
      await server.stop();
    }
    try {
      const restored = await runCli(['restore', file, '--yes', '--verify'], targetEnv);
      expect(restored.stderr).toBe('');
      expect(restored.stdout).toMatch(/Verified: \d+ tables match/);
      expect(restored.stdout).toMatch(/Audit chain OK: ([6-9]|\d\d+) cases/);
      const sql = await openSql({ sqlitePath: path.join(targetDir, 'lianxin.sqlite'), databaseUrl: targetDb?.url ?? null });
      try {
        const rows = await sql.all<{ tracking_code: string }>('SELECT tracking_code FROM cases');
        expect(rows.map((r) => r.tracking_code)).toEqual(expect.arrayContaining(codes));
      } finally {
        await sql.close();
      }

      // One digest off: the restore runs, the verification names the table and fails.
      const manifestFile = `${file}.manifest.json`;
      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
      manifest.tables.cases.digest = '0';
      fs.writeFileSync(manifestFile, JSON.stringify(manifest));
      const refused = await runCli(['restore', file, '--yes', '--verify'], targetEnv);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Table cases');
      expect(refused.stderr).toContain('verification FAILED');
    } finally {
      await sourceDb?.drop();
      await targetDb?.drop();
      fs.rmSync(sourceDir, { recursive: true, force: true });
      fs.rmSync(targetDir, { recursive: true, force: true });
    }
  }, 120_000); // a server and several CLI processes on a busy 2-core machine
});
