/**
 * Several server processes at once (issue #2 acceptance): two `lianxin start` against
 * one empty PostgreSQL database both come up; the schema is migrated once and the demo
 * seeded once. Also backup and restore through the CLI on SQLite.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDialects } from '@lianxin/storage/testing';
import { knownMigrations } from '@lianxin/storage';
import { startProduct } from '../../../e2e/support/server';
import { eventually } from './eventually';

const run = promisify(execFile);
const dialects = await testDialects();
const CLI = path.resolve(import.meta.dirname, '../bin/lianxin.mjs');

describe.runIf(dialects.includes('postgres'))('many instances on one PostgreSQL database', () => {
  it('two processes started at the same moment both come up; migrated and seeded once', async () => {
    const { createPostgresDatabase } = await import('@lianxin/storage/testing');
    const database = await createPostgresDatabase();
    // Instances over one database share one key, as in production (docs/OPERATIONS.md): the
    // database keeps the key's check value and a process with another key refuses to start.
    const env = { DATABASE_URL: database.url, LIANXIN_SECRET_KEY: Buffer.alloc(32, 5).toString('base64') };
    const [a, b] = await Promise.all([startProduct('sqlite', env), startProduct('sqlite', env)]);
    try {
      for (const product of [a, b]) {
        const ready = await fetch(`${product.url}/readyz`);
        expect(await ready.json()).toEqual({ status: 'ready', database: 'postgres' });
      }
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const migrations = await client.query('SELECT name FROM kysely_migration');
        expect(migrations.rows.map((r: { name: string }) => r.name).sort()).toEqual(knownMigrations('postgres'));
        const users = await client.query("SELECT count(*)::int AS n FROM users WHERE username = 'admin'");
        expect(users.rows[0].n).toBe(1);
        const stations = await client.query("SELECT count(*)::int AS n FROM units WHERE kind = 'station'");
        expect(stations.rows[0].n).toBe(24);
      } finally {
        await client.end();
      }
      // A session made on one instance is valid on the other.
      const login = await fetch(`${a.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'lianxin-demo' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await database.drop();
    }
  }, 120_000); // starts CLI processes: each takes seconds on a busy 2-core machine
});

describe.runIf(dialects.includes('postgres'))('two worker processes on one PostgreSQL database', () => {
  it('run every queued job exactly once', async () => {
    const { createPostgresDatabase } = await import('@lianxin/storage/testing');
    const database = await createPostgresDatabase();
    // Instances share one key, as in production (docs/OPERATIONS.md).
    const env = { DATABASE_URL: database.url, LIANXIN_JOB_POLL_MS: '100', LIANXIN_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') };
    // The first instance migrates, seeds and records one opinion with a phone number.
    // The opinion is opened in the request (not queued in the intake inbox), so its case exists
    // before any worker runs; the inbox has its own tests (intake-inbox.test.ts).
    const web = await startProduct('sqlite', { ...env, LIANXIN_ROLES: 'web', LIANXIN_INTAKE_INBOX: 'off' });
    let workers: Awaited<ReturnType<typeof startProduct>>[] = [];
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const res = await fetch(`${web.url}/api/v1/public/opinions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: '两个工作进程的测试意见。', contact: { phone: '13600001111' } }),
      });
      expect(res.status).toBe(201);
      const { rows } = await client.query('SELECT id FROM cases LIMIT 1');
      const caseId = rows[0].id as string;
      await client.query("DELETE FROM jobs WHERE name = 'notify'");
      const now = new Date().toISOString();
      for (let i = 0; i < 120; i++) {
        await client.query("INSERT INTO jobs (id, name, payload, status, run_at, created_at, updated_at) VALUES ($1, 'notify', $2, 'pending', $3, $3, $3)", [
          `twice-${i}`,
          JSON.stringify({ caseId, to: 'citizen', template: 'case.accepted' }),
          now,
        ]);
      }
      workers = await Promise.all([startProduct('sqlite', { ...env, LIANXIN_ROLES: 'worker' }), startProduct('sqlite', { ...env, LIANXIN_ROLES: 'worker' })]);
      await eventually(
        async () => {
          const done = Number((await client.query("SELECT count(*) AS n FROM jobs WHERE id LIKE 'twice-%' AND status = 'done'")).rows[0].n);
          expect(done, 'jobs done by the two workers').toBe(120);
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      const deliveries = Number((await client.query("SELECT count(*) AS n FROM deliveries WHERE template = 'case.accepted' AND channel = 'sms'")).rows[0].n);
      expect(deliveries).toBe(120);
    } finally {
      await client.end();
      await Promise.all([web.stop(), ...workers.map((w) => w.stop())]);
      await database.drop();
    }
  }, 150_000);
});

describe('backup and restore through the CLI (SQLite)', () => {
  it('backs up a live database, restores it after a change, and the change is gone', async () => {
    const product = await startProduct('sqlite');
    const env = { ...process.env, LIANXIN_DATA_DIR: product.dataDir, NODE_ENV: 'development', LIANXIN_DEMO_CASES: '0' };
    const backupFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-backup-')), 'b.sqlite');
    try {
      const out = await run(process.execPath, [CLI, 'backup', backupFile], { env });
      expect(out.stdout).toContain('Backup written');
      const login = await fetch(`${product.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'lianxin-demo' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const created = await fetch(`${product.url}/api/v1/topics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: '备份后新增的专题' }),
      });
      expect(created.status).toBe(201);
    } finally {
      await product.stop().catch(() => {});
    }
    // The product removed its data dir on stop; restore into a fresh one.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-restore-'));
    const env2 = { ...process.env, LIANXIN_DATA_DIR: dataDir, NODE_ENV: 'development', LIANXIN_DEMO_CASES: '0' };
    const restored = await run(process.execPath, [CLI, 'restore', backupFile, '--yes'], { env: env2 });
    expect(restored.stdout).toContain('Restored');
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(path.join(dataDir, 'lianxin.sqlite'), { readonly: true });
    try {
      expect((db.prepare("SELECT count(*) AS n FROM units WHERE kind = 'station'").get() as { n: number }).n).toBe(24);
      expect((db.prepare("SELECT count(*) AS n FROM topics WHERE name = '备份后新增的专题'").get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
    const refused = await run(process.execPath, [CLI, 'restore', backupFile], { env: env2 }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).not.toBe(0);
  }, 120_000); // starts CLI processes: each takes seconds on a busy 2-core machine
});
