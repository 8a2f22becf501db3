/**
 * Opening the database: SQLite (embedded default) or PostgreSQL (scale-out), behind one
 * Kysely `DB` type. Only this package knows SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

/** The one database handle type. */
export type DB = Kysely<Database>;

/** Which engine is behind a handle. */
export type Dialect = 'sqlite' | 'postgres';

/** Where the data lives. */
export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL. */
  databaseUrl?: string | null;
  /** SQLite file path (or `:memory:`) when no PostgreSQL URL is given. */
  sqlitePath?: string;
  /** Pool size on PostgreSQL. */
  poolSize?: number;
}

/** An open database. */
export interface Storage {
  db: DB;
  dialect: Dialect;
  /** Human-readable location with any password removed, for logs. */
  location: string;
  /** The better-sqlite3 handle (SQLite only), for the online backup API. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Timestamps come back as ISO-8601 UTC strings on both engines (DESIGN §5). */
function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID) return (v) => new Date(v).toISOString();
  // COUNT(*) and BIGSERIAL are int8: small enough here to be plain numbers.
  if (oid === INT8_OID || oid === NUMERIC_OID) return (v) => Number(v);
  return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
}

/** True when the URL selects PostgreSQL. */
export function isPostgresUrl(url: string | null | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Removes the password from a connection URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

/** Opens the database chosen by `options`. */
export function openDatabase(options: DatabaseOptions): Storage {
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
    });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', location: redactUrl(options.databaseUrl), close: () => db.destroy() };
  }
  const file = options.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
}
