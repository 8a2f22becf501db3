/**
 * Test harness: a real app over a real database (SQLite in memory, or a fresh
 * PostgreSQL database), seeded with the demo organisation, on an injected clock.
 */
import { FixedClock } from '@lianxin/core';
import { openTestStorage, type TestStorage } from '@lianxin/storage/testing';
import type { Dialect } from '@lianxin/storage';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildAppOptions } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { createContext, type AppContext } from '../src/context';
import { DemoSeedService } from '../src/demo/demo-seed.service';

export { eventually, type EventuallyOptions } from './eventually';

export const DEMO_PASSWORD = 'lianxin-demo';

/** A signed-in test client. */
export interface Session {
  cookie: string;
  csrf: string;
  user: { id: string; username: string; roles: string[]; permissions: string[]; scope: Record<string, string | null> };
}

/** A running test app. */
export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  storage: TestStorage;
  clock: FixedClock;
  /** Signs in (demo password by default) and returns cookie + CSRF token. */
  login(username: string, password?: string): Promise<Session>;
  /** Injects a request, adding the session's cookie and CSRF header when given. */
  request(options: InjectOptions & { session?: Session }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Builds a seeded test app on `dialect`. */
/** `appOptions.logger` lets a test read the log (security.test.ts captures it); by default nothing is logged. */
export async function createTestApp(dialect: Dialect, overrides: Partial<Config> = {}, appOptions: BuildAppOptions = { logger: false }): Promise<TestApp> {
  const storage = await openTestStorage(dialect);
  const clock = new FixedClock('2026-03-02T01:00:00.000Z');
  const config = loadConfig({ NODE_ENV: 'test', LIANXIN_DATA_DIR: '/tmp/lianxin-test-unused' }, { webDist: '/nonexistent', ...overrides });
  const ctx = createContext({ config, storage, clock, masterKey: Buffer.alloc(32, 1) });
  await new DemoSeedService(ctx).seed();
  const app = await buildApp(ctx, appOptions);
  await app.ready();

  const request: TestApp['request'] = ({ session, ...options }) => {
    const headers = { ...(options.headers ?? {}) } as Record<string, string>;
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] ??= session.csrf;
    }
    return app.inject({ ...options, headers });
  };

  const login: TestApp['login'] = async (username, password = DEMO_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'lx_session');
    if (!cookie) throw new Error('no session cookie');
    const body = res.json<{ csrfToken: string; user: Session['user'] }>();
    return { cookie: `lx_session=${cookie.value}`, csrf: body.csrfToken, user: body.user };
  };

  return {
    app,
    ctx,
    storage,
    clock,
    login,
    request,
    close: async () => {
      await app.close();
      await storage.dispose();
    },
  };
}

/** Asserts the API.md error shape and returns the code. */
export function errorCode(res: LightMyRequestResponse): string {
  const body = res.json<{ error?: { code?: unknown; message?: unknown; details?: unknown } }>();
  if (!body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string' || !Array.isArray(body.error.details)) {
    throw new Error(`not the error shape: ${res.body}`);
  }
  return body.error.code;
}
