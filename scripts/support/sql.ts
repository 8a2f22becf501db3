/**
 * Read-only SQL straight on the product's database (SQLite file or PostgreSQL URL), for
 * checks that must look past the API: events, jobs, notifications, row counts.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** A query function and its close. */
export interface SqlReader {
  all<T = Record<string, unknown>>(query: string): Promise<T[]>;
  close(): Promise<void>;
}

/** Opens the database the server on `sqlitePath` / `databaseUrl` uses. */
export async function openSql(target: { sqlitePath: string; databaseUrl: string | null }): Promise<SqlReader> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    return {
      all: async <T>(query: string) => (await client.query(query)).rows as T[],
      close: () => client.end(),
    };
  }
  const db = new SQLite(target.sqlitePath, { readonly: true, fileMustExist: true });
  return {
    all: async <T>(query: string) => db.prepare(query).all() as T[],
    close: async () => void db.close(),
  };
}
