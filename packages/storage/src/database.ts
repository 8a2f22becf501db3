/**
 * Opening the database: SQLite (embedded default) or PostgreSQL (scale-out), behind one
 * Kysely `DB` type. Only this package knows SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SqliteDatabase,
  type UnknownRow,
} from 'kysely';
import type PgModule from 'pg';
import { createRequire } from 'node:module';
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
  /** Writes made through this handle, by table (for in-process caches of reference data). */
  changes?: TableChanges;
  close(): Promise<void>;
}

/**
 * Tells listeners which tables this process writes to (insert, update, delete built with Kysely;
 * raw `sql` statements are not seen). Caches of rarely changing data (units, categories, …) use it
 * to drop their copy as soon as this process changes the data; writes by other processes reach
 * them only through the caches' own expiry.
 */
export class TableChanges {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` whenever one of `tables` is written; returns a function that stops it. */
  on(tables: readonly string[], listener: () => void): () => void {
    for (const table of tables) {
      const set = this.listeners.get(table) ?? new Set();
      set.add(listener);
      this.listeners.set(table, set);
    }
    return () => {
      for (const table of tables) this.listeners.get(table)?.delete(listener);
    };
  }

  /** Reports a write to `table`. */
  written(table: string): void {
    for (const listener of this.listeners.get(table) ?? []) listener();
  }

  /** The Kysely plugin that reports the writes it sees. */
  plugin(): KyselyPlugin {
    return {
      transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
        if (this.listeners.size) {
          const table = writtenTable(args.node);
          if (table) this.written(table);
        }
        return args.node;
      },
      transformResult: (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => Promise.resolve(args.result),
    };
  }
}

/** The table an insert, update or delete writes to, if it names one plainly. */
function writtenTable(node: RootOperationNode): string | null {
  const tableName = (n: OperationNode | undefined): string | null => {
    if (!n) return null;
    if (n.kind === 'TableNode') return (n as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
    if (n.kind === 'AliasNode') return tableName((n as unknown as { node: OperationNode }).node);
    return null;
  };
  if (node.kind === 'InsertQueryNode') return tableName(node.into);
  if (node.kind === 'UpdateQueryNode') return tableName(node.table);
  if (node.kind === 'DeleteQueryNode') return tableName(node.from.froms[0]);
  return null;
}

/** Most prepared statements kept per SQLite connection. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The better-sqlite3 handle as Kysely sees it, with prepared statements reused: Kysely prepares
 * every query it runs, and preparing costs more than running a small insert or a lookup by key.
 * Statements are kept per SQL text (least recently used dropped first). Safe because Kysely runs
 * one query at a time on the single SQLite connection; SQLite re-prepares a statement by itself
 * when the schema changes under it.
 */
export function cachingStatements(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) {
        // Refresh its place in the LRU order.
        cache.delete(sqlText);
      } else {
        statement = sqlite.prepare(sqlText);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sqlText, statement);
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** node-postgres, loaded when a PostgreSQL database is opened (a SQLite process never loads it: a shorter start). */
const loadPg = (): typeof PgModule => createRequire(import.meta.url)('pg') as typeof PgModule;

/** Timestamps come back as ISO-8601 UTC strings on both engines (DESIGN §5). */
function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID) return (v) => new Date(v).toISOString();
  // COUNT(*) and BIGSERIAL are int8: small enough here to be plain numbers.
  if (oid === INT8_OID || oid === NUMERIC_OID) return (v) => Number(v);
  return loadPg().types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
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
    const pg = loadPg();
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: { getTypeParser: pgTypeParser as typeof PgModule.types.getTypeParser },
    });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {});
    // Nor one in use: when the server goes away mid-query (restart, pg_terminate_backend, a dropped
    // database) the query fails — and becomes a 503 — but the socket's late ECONNRESET is emitted
    // on the client, which has no listener while checked out; unheard, it is an uncaught exception.
    // The pool drops such a client when it is released (it is no longer queryable).
    pool.on('connect', (client) => client.on('error', () => {}));
    const changes = new TableChanges();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [changes.plugin()] });
    return { db, dialect: 'postgres', location: redactUrl(options.databaseUrl), changes, close: () => db.destroy() };
  }
  const file = options.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of page cache instead of SQLite's 2 MB: at hundreds of thousands of cases the indexes
  // the read paths walk (and the statistics roll-up) no longer fit in 2 MB, and every page read
  // went to the OS; measured, a filtered search's index lookups took half the CPU (bench/results).
  sqlite.pragma('cache_size = -65536');
  const changes = new TableChanges();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }), plugins: [changes.plugin()] });
  return { db, dialect: 'sqlite', location: file, sqlite, changes, close: () => db.destroy() };
}
