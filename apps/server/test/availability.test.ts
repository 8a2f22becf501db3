/**
 * A database out of reach or out of room (issue #15, items 7 and 9): every request then answers
 * 503 SERVICE_UNAVAILABLE with Retry-After in the shared error shape — never a 500 — and
 * `/readyz` fails while writes cannot succeed, then recovers. Real failures, not mocks: SQLite
 * really reaching `max_page_count` (SQLITE_FULL), a SQLite file really deleted, SQLite refusing
 * writes (`query_only`, as a read-only mount does: the tests run as root, for whom file modes
 * do not bite), a PostgreSQL server that refuses connections, backends terminated, and the
 * PostgreSQL database dropped under the running app. Also `/metrics` behind its token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FixedClock } from '@lianxin/core';
import { migrateToLatest, openDatabase, type Storage } from '@lianxin/storage';
import { testDialects, TEST_PG_ADMIN_URL } from '@lianxin/storage/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { DemoSeedService } from '../src/demo/demo-seed.service';
import { createTestApp, errorCode, type TestApp } from './support';

const dialects = await testDialects();

/** Asserts the 503 answer: shared shape, documented code, Retry-After. */
function expectUnavailable(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(503);
  expect(errorCode(res)).toBe('SERVICE_UNAVAILABLE');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

let submissions = 0;
/** A citizen's submission: a write through the whole intake path. */
const submit = (app: FastifyInstance) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/public/opinions',
    payload: { content: `可用性测试第${++submissions}件：路灯不亮，请尽快修复。`, anonymous: true },
  });

/** The app over a SQLite file of our own (the shared harness uses an in-memory database). */
async function fileApp(dir: string): Promise<{ app: FastifyInstance; storage: Storage; file: string }> {
  const file = path.join(dir, 'lianxin.sqlite');
  const storage = openDatabase({ sqlitePath: file });
  await migrateToLatest(storage);
  const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: dir, LIANXIN_RATE_LIMITS: 'off' }, { webDist: '/nonexistent' });
  const ctx = createContext({ config, storage, clock: new FixedClock('2026-03-02T01:00:00.000Z'), masterKey: Buffer.alloc(32, 1) });
  await new DemoSeedService(ctx).seed();
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return { app, storage, file };
}

describe('SQLite out of room or gone', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a full database (SQLITE_FULL) answers 503 and is not ready; room again, all is well', async () => {
    const t = await createTestApp('sqlite', { rateLimits: false });
    try {
      expect((await submit(t.app)).statusCode).toBe(201);
      expect((await t.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      const sqlite = t.storage.sqlite!;
      const pages = Number(sqlite.pragma('page_count', { simple: true }));
      const limit = Number(sqlite.pragma('max_page_count', { simple: true }));
      // The file may not grow by a single page any more: the first insert that needs one fails.
      sqlite.pragma(`max_page_count = ${pages}`);
      expectUnavailable(await t.request({ method: 'GET', url: '/readyz' }));
      let answer: LightMyRequestResponse | undefined;
      for (let i = 0; i < 200 && (!answer || answer.statusCode === 201); i++) answer = await submit(t.app);
      expectUnavailable(answer!);
      sqlite.pragma(`max_page_count = ${limit}`);
      expect((await t.request({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'sqlite' });
      expect((await submit(t.app)).statusCode).toBe(201);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('a read-only database answers 503 to writes and is not ready', async () => {
    const t = await createTestApp('sqlite', { rateLimits: false });
    try {
      t.storage.sqlite!.pragma('query_only = 1');
      expectUnavailable(await submit(t.app));
      expectUnavailable(await t.request({ method: 'GET', url: '/readyz' }));
      // Reads still work.
      expect((await t.request({ method: 'GET', url: '/api/v1/public/units' })).statusCode).toBe(200);
      t.storage.sqlite!.pragma('query_only = 0');
      expect((await t.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('a deleted database file: writes are refused with 503 rather than lost, and /readyz fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-avail-'));
    dirs.push(dir);
    const { app, storage, file } = await fileApp(dir);
    try {
      expect((await submit(app)).statusCode).toBe(201);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      expectUnavailable(await submit(app));
      expectUnavailable(open311Shape(await app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: {} })));
      expectUnavailable(await app.inject({ method: 'GET', url: '/readyz' }));
    } finally {
      await app.close();
      await storage.close();
    }
  }, 60_000);
});

describe.each(dialects.filter((d) => d === 'postgres'))('PostgreSQL lost (%s)', () => {
  it('a server that refuses connections: 503 and not ready, never 500', async () => {
    // A port nothing listens on: connection refused, as when PostgreSQL is down.
    const storage = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/lianxin', poolSize: 2 });
    const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: '/tmp/lianxin-test-unused' }, { webDist: '/nonexistent' });
    const ctx = createContext({ config, storage, clock: new FixedClock('2026-03-02T01:00:00.000Z'), masterKey: Buffer.alloc(32, 1) });
    const app = await buildApp(ctx, { logger: false });
    try {
      expectUnavailable(await app.inject({ method: 'GET', url: '/api/v1/public/units' }));
      expectUnavailable(await submit(app));
      expectUnavailable(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'lianxin-demo' } }));
      expectUnavailable(await app.inject({ method: 'GET', url: '/readyz' }));
    } finally {
      await app.close();
      await storage.close();
    }
  }, 60_000);

  it('backends terminated, then the database dropped: 503 and not ready, never 500', async () => {
    const t: TestApp = await createTestApp('postgres', { rateLimits: false });
    const name = new URL(t.storage.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      const staff = await t.login('admin');
      expect((await submit(t.app)).statusCode).toBe(201);

      // Every connection of the app killed by the administrator (57P01): answers are 503 or, once
      // the pool has reconnected, normal — never 500.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      for (let i = 0; i < 3; i++) {
        const res = await t.request({ method: 'GET', url: '/api/v1/units?pageSize=5', session: staff });
        if (res.statusCode !== 200) expectUnavailable(res);
      }
      expect((await t.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);

      // The database is gone (3D000 on every new connection).
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      expectUnavailable(await submit(t.app));
      expectUnavailable(await t.request({ method: 'GET', url: '/api/v1/units?pageSize=5', session: staff }));
      expectUnavailable(await t.request({ method: 'GET', url: '/open311/v2/services.json' }).then(open311Shape));
      expectUnavailable(await t.request({ method: 'GET', url: '/readyz' }));
    } finally {
      await admin.end();
      await t.close();
    }
  }, 90_000);
});

/** Open311 answers in the spec's error list; check its status and Retry-After, then read it as our shape. */
function open311Shape(res: LightMyRequestResponse): LightMyRequestResponse {
  const list = res.json<Array<{ code: number; description: string }>>();
  expect(list[0]?.code).toBe(503);
  return { ...res, json: () => ({ error: { code: 'SERVICE_UNAVAILABLE', message: list[0].description, details: [] } }) } as LightMyRequestResponse;
}

describe.each(dialects)('/metrics access on %s', (dialect) => {
  it('is closed in production without a token, and needs the token when one is set', async () => {
    const closed = await createTestApp(dialect, { production: true });
    try {
      const res = await closed.request({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('AUTH_REQUIRED');
      expect(res.body).not.toContain('lianxin_');
    } finally {
      await closed.close();
    }
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await createTestApp(dialect, { production: true, metricsToken: token });
    try {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${token}`, `Bearer ${token}x`]) {
        const res = await guarded.request({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
        expect(res.statusCode, authorization).toBe(401);
        expect(res.headers['www-authenticate']).toContain('Bearer');
        expect(res.body).not.toContain('lianxin_');
      }
      const ok = await guarded.request({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('lianxin_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  }, 60_000);

  it('reads the token and the production default from the environment', () => {
    expect(loadConfig({ NODE_ENV: 'production', LIANXIN_METRICS_TOKEN: 'abcdefghijklmnopqrstuvwxyz' }).metricsToken).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(() => loadConfig({ LIANXIN_METRICS_TOKEN: 'short' })).toThrow(/LIANXIN_METRICS_TOKEN/);
  });
});
