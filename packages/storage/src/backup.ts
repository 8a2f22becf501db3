/**
 * Backups: SQLite's online backup API (consistent while the server runs) and `pg_dump` /
 * `pg_restore` for PostgreSQL.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Storage } from './database';

const run = promisify(execFile);

/** Writes a consistent copy of the database to `file`; returns its size in bytes. */
export async function backupDatabase(storage: Storage, file: string, databaseUrl?: string | null): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (storage.dialect === 'sqlite') {
    if (!storage.sqlite) throw new Error('SQLite handle missing');
    await storage.sqlite.backup(file);
  } else {
    if (!databaseUrl) throw new Error('DATABASE_URL is required to back up PostgreSQL');
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, databaseUrl], { maxBuffer: 16 * 1024 * 1024 });
  }
  return fs.statSync(file).size;
}

/** Checks that `file` is a Lianxin SQLite backup: readable, intact, and migrated. */
export function verifySqliteBackup(file: string): { migrations: number; integrity: string } {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const row = db.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number };
    return { migrations: row.n, integrity };
  } finally {
    db.close();
  }
}

/**
 * Restores a backup over the current database. For SQLite the server must be stopped:
 * the file replaces the database and its WAL is discarded. For PostgreSQL the dump is
 * restored with `--clean`, replacing the objects it contains.
 */
export async function restoreDatabase(options: { file: string; sqlitePath?: string; databaseUrl?: string | null }): Promise<void> {
  if (!fs.existsSync(options.file)) throw new Error(`backup file not found: ${options.file}`);
  if (options.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${options.databaseUrl}`, options.file], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return;
  }
  if (!options.sqlitePath) throw new Error('no SQLite path to restore into');
  const check = verifySqliteBackup(options.file);
  if (check.integrity !== 'ok') throw new Error(`backup failed its integrity check: ${check.integrity}`);
  fs.mkdirSync(path.dirname(options.sqlitePath), { recursive: true });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(options.sqlitePath + suffix, { force: true });
  fs.copyFileSync(options.file, options.sqlitePath);
}
