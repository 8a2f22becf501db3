/**
 * Real databases for tests: an in-memory SQLite, and a fresh PostgreSQL database over a
 * real connection whenever one is reachable. In CI (or with LIANXIN_REQUIRE_PG=1) an
 * unreachable PostgreSQL is a failure, never a silent skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Dialect, type Storage } from '../database';
import { migrateToLatest } from '../migrate';

/** Server used for test databases; each test file gets its own database on it. */
export const TEST_PG_ADMIN_URL = process.env.LIANXIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** PostgreSQL is required (CI, or explicitly asked for). */
export const PG_REQUIRED = process.env.CI === 'true' || process.env.LIANXIN_REQUIRE_PG === '1';

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL server answers. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/** The dialects tests should run on here: SQLite always, PostgreSQL when reachable or required. */
export async function testDialects(): Promise<Dialect[]> {
  if (await postgresReachable()) return ['sqlite', 'postgres'];
  if (PG_REQUIRED) throw new Error(`PostgreSQL is required for tests but ${TEST_PG_ADMIN_URL} is unreachable`);
  console.warn(`[tests] PostgreSQL at ${TEST_PG_ADMIN_URL} unreachable: PostgreSQL tests are SKIPPED on this run`);
  return ['sqlite'];
}

/** Creates an empty PostgreSQL database and returns its URL. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A migrated, empty database of the given dialect, with a `dispose` that removes it. */
export interface TestStorage extends Storage {
  /** Connection URL (PostgreSQL) or null (SQLite in memory). */
  url: string | null;
  dispose(): Promise<void>;
}

/** Opens a fresh migrated test database. */
export async function openTestStorage(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestStorage> {
  if (dialect === 'sqlite') {
    const storage = openDatabase({ sqlitePath: ':memory:' });
    if (options.migrate !== false) await migrateToLatest(storage);
    return { ...storage, url: null, dispose: () => storage.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const storage = openDatabase({ databaseUrl: url, poolSize: 4 });
  if (options.migrate !== false) await migrateToLatest(storage);
  return {
    ...storage,
    url,
    dispose: async () => {
      await storage.close();
      await drop();
    },
  };
}
