/**
 * What a backup holds, per table: the row count and a content digest, written next to the
 * backup file (`<file>.manifest.json`) so a restore can prove it brought back exactly that.
 * The digest is order-independent (a sum of per-row hashes), so it needs no primary key and
 * no sort, and is computed in constant memory. It is compared only within one engine.
 * On PostgreSQL the digests are taken in the very snapshot `pg_dump` exports.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import { createRequire } from 'node:module';
import type { Dialect, Storage } from './database';

const run = promisify(execFile);

/** Row count and content digest of one table. */
export interface TableDigest {
  rows: number;
  digest: string;
}

/** The manifest stored beside a backup. */
export interface BackupManifest {
  format: 1;
  dialect: Dialect;
  createdAt: string;
  tables: Record<string, TableDigest>;
}

/** A table whose restored content differs from the manifest. */
export interface TableMismatch {
  table: string;
  expected: TableDigest | null;
  actual: TableDigest | null;
}

/** The manifest file of a backup file. */
export function manifestPath(backupFile: string): string {
  return `${backupFile}.manifest.json`;
}

// The digest of a row: the first 60 bits of its hash, summed over the table (mod 2^64, as text).
const MASK = (1n << 64n) - 1n;

/** Per-table digests of a SQLite database file or handle. */
export function sqliteDigests(db: SQLite.Database): Record<string, TableDigest> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: Record<string, TableDigest> = {};
  for (const { name } of tables) {
    let rows = 0;
    let sum = 0n;
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) {
      const text = JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v));
      sum = (sum + BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 15)}`)) & MASK;
      rows++;
    }
    out[name] = { rows, digest: sum.toString(16) };
  }
  return out;
}

/** Per-table digests on PostgreSQL, inside the caller's (snapshot) transaction. */
async function postgresDigests(client: pg.Client): Promise<Record<string, TableDigest>> {
  const tables = (await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows;
  const out: Record<string, TableDigest> = {};
  for (const { tablename } of tables) {
    const { rows } = await client.query<{ n: string; s: string }>(
      `SELECT count(*)::text AS n, (coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0) % 18446744073709551616)::text AS s FROM "${tablename}" t`,
    );
    out[tablename] = { rows: Number(rows[0].n), digest: BigInt(rows[0].s).toString(16) };
  }
  return out;
}

/** Digests of the live PostgreSQL database at `url` (one consistent snapshot). */
export async function postgresDatabaseDigests(url: string): Promise<Record<string, TableDigest>> {
  const client = new (createRequire(import.meta.url)('pg') as typeof pg).Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const digests = await postgresDigests(client);
    await client.query('COMMIT');
    return digests;
  } finally {
    await client.end();
  }
}

/**
 * Writes a backup and its manifest. SQLite: the online backup, then the digests of the copy
 * itself. PostgreSQL: `pg_dump` of a snapshot exported by a transaction that takes the
 * digests of that same snapshot, so both describe one moment even while the servers write.
 */
export async function backupWithManifest(
  storage: Storage,
  file: string,
  databaseUrl?: string | null,
): Promise<{ bytes: number; manifestFile: string; manifest: BackupManifest }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let tables: Record<string, TableDigest>;
  if (storage.dialect === 'sqlite') {
    if (!storage.sqlite) throw new Error('SQLite handle missing');
    await storage.sqlite.backup(file);
    const copy = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      tables = sqliteDigests(copy);
    } finally {
      copy.close();
    }
  } else {
    if (!databaseUrl) throw new Error('DATABASE_URL is required to back up PostgreSQL');
    const client = new (createRequire(import.meta.url)('pg') as typeof pg).Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
      const dump = run('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${file}`, databaseUrl], { maxBuffer: 16 * 1024 * 1024 });
      tables = await postgresDigests(client);
      await dump;
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  }
  const manifest: BackupManifest = { format: 1, dialect: storage.dialect, createdAt: new Date().toISOString(), tables };
  const manifestFile = manifestPath(file);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { bytes: fs.statSync(file).size, manifestFile, manifest };
}

/** Reads the manifest of `backupFile`. */
export function readManifest(backupFile: string): BackupManifest {
  const file = manifestPath(backupFile);
  if (!fs.existsSync(file)) throw new Error(`no manifest beside the backup: ${file} (take the backup with \`lianxin backup\`)`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 1 || !manifest.tables) throw new Error(`unreadable manifest: ${file}`);
  return manifest;
}

/** Compares the tables of a restored database with a manifest; empty when they match exactly. */
export async function compareWithManifest(manifest: BackupManifest, target: { sqlitePath?: string; databaseUrl?: string | null }): Promise<TableMismatch[]> {
  let actual: Record<string, TableDigest>;
  if (target.databaseUrl) actual = await postgresDatabaseDigests(target.databaseUrl);
  else {
    if (!target.sqlitePath) throw new Error('no database to verify');
    const db = new SQLite(target.sqlitePath, { readonly: true, fileMustExist: true });
    try {
      actual = sqliteDigests(db);
    } finally {
      db.close();
    }
  }
  const names = [...new Set([...Object.keys(manifest.tables), ...Object.keys(actual)])].sort();
  return names
    .map((table) => ({ table, expected: manifest.tables[table] ?? null, actual: actual[table] ?? null }))
    .filter((m) => m.expected?.rows !== m.actual?.rows || m.expected?.digest !== m.actual?.digest);
}
