/**
 * Schema migrations. Each dialect has its own folder with the same migration names, so
 * both databases always stand at the same named version. On PostgreSQL a session-level
 * advisory lock serializes instances that start at the same moment: the first migrates,
 * the others wait and then find nothing to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Storage } from './database';

/**
 * Where the migrations live: `sqlite/` and `postgres/` hold one file per migration, named
 * `NNNN_name.ts`. They are discovered, not listed: a file dropped in both folders is a
 * migration; a name present in only one of them stops every run (see `migrationFolderProblems`).
 * `shared/` holds code the two files of a migration share; it is not scanned.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** A migration file: four digits, an underscore, lower-case words; TypeScript (run by tsx). */
const MIGRATION_FILE = /^(\d{4}_[a-z0-9_]+)\.ts$/;
/** Files a migration folder may hold besides migrations (none today; tests and notes). */
const NOT_A_MIGRATION = /(\.test\.ts|\.d\.ts|\.md)$/;

/** The migration files of one dialect's folder: name → absolute path. */
function migrationFiles(dialect: Storage['dialect'], dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(path.join(dir, dialect)).sort()) {
    const name = MIGRATION_FILE.exec(entry)?.[1];
    if (name) files.set(name, path.join(dir, dialect, entry));
  }
  return files;
}

/**
 * What is wrong with the migration folders under `dir`: a migration one dialect has and the
 * other lacks (both databases must always stand at the same named version), or a file that
 * looks meant as a migration but is misnamed (and so would be silently skipped). Empty when sound.
 */
export function migrationFolderProblems(dir: string = MIGRATIONS_DIR): string[] {
  const problems: string[] = [];
  const sqlite = migrationFiles('sqlite', dir);
  const postgres = migrationFiles('postgres', dir);
  for (const name of sqlite.keys()) if (!postgres.has(name)) problems.push(`migration ${name} exists for sqlite but not for postgres`);
  for (const name of postgres.keys()) if (!sqlite.has(name)) problems.push(`migration ${name} exists for postgres but not for sqlite`);
  for (const dialect of ['sqlite', 'postgres'] as const) {
    for (const entry of fs.readdirSync(path.join(dir, dialect))) {
      if (!MIGRATION_FILE.test(entry) && !NOT_A_MIGRATION.test(entry))
        problems.push(`${dialect}/${entry} is not named like a migration (NNNN_lower_case_name.ts)`);
    }
  }
  return problems;
}

function assertSoundFolders(dir: string): void {
  const problems = migrationFolderProblems(dir);
  if (problems.length) throw new Error(`migrations are inconsistent: ${problems.join('; ')}`);
}

/** Where to read migrations from, and which of them to run (all by default). */
export interface MigrationSource {
  /** Folder holding `sqlite/` and `postgres/`; the package's own by default (tests pass others). */
  dir?: string;
  /** Only these names (tests that rebuild an older release's schema). */
  only?: readonly string[];
}

/** Names of every migration this build knows, in order. */
export function knownMigrations(dialect: Storage['dialect'], source: MigrationSource = {}): string[] {
  const names = [...migrationFiles(dialect, source.dir ?? MIGRATIONS_DIR).keys()].sort();
  return source.only ? names.filter((n) => source.only!.includes(n)) : names;
}

async function loadMigration(file: string): Promise<Migration> {
  const module = (await import(pathToFileURL(file).href)) as Partial<Migration>;
  if (typeof module.up !== 'function') throw new Error(`migration ${file} exports no up() function`);
  return { up: module.up, down: module.down };
}

function provider(dialect: Storage['dialect'], source: MigrationSource): MigrationProvider {
  const dir = source.dir ?? MIGRATIONS_DIR;
  return {
    getMigrations: async () => {
      assertSoundFolders(dir);
      const files = migrationFiles(dialect, dir);
      const names = knownMigrations(dialect, source);
      return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await loadMigration(files.get(name)!)] as const)));
    },
  };
}

/** Arbitrary but fixed key of the advisory lock that guards migrations. */
const MIGRATION_LOCK_KEY = 7_420_250_001;

/** Result of a migration run. */
export interface MigrateResult {
  applied: string[];
}

async function runMigrator(db: Storage['db'], dialect: Storage['dialect'], source: MigrationSource): Promise<MigrateResult> {
  // Numbers are handed out to work done side by side, so a database may have run a later number
  // before an earlier one arrives; each migration stands alone, so the earlier one still runs.
  const { error, results } = await new Migrator({ db, provider: provider(dialect, source), allowUnorderedMigrations: true }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Migrations this build knows that the database has not recorded as applied, from one read of
 * the migration table, without loading the migration modules (a start of an up-to-date server,
 * and every `/readyz`, skip importing fifty files). All of them when the table is not there yet.
 */
async function notApplied(db: Storage['db'], dialect: Storage['dialect'], source: MigrationSource): Promise<string[]> {
  assertSoundFolders(source.dir ?? MIGRATIONS_DIR);
  const known = knownMigrations(dialect, source);
  let applied: Set<string>;
  try {
    applied = new Set((await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows.map((r) => r.name));
  } catch {
    return known;
  }
  return known.filter((name) => !applied.has(name));
}

/** Brings the schema up to date; safe to call from several processes at once. */
export async function migrateToLatest(storage: Storage, source: MigrationSource = {}): Promise<MigrateResult> {
  if (!(await notApplied(storage.db, storage.dialect, source)).length) return { applied: [] };
  if (storage.dialect !== 'postgres') return runMigrator(storage.db, storage.dialect, source);
  // Hold one connection for the whole run so the lock and the work share a session.
  return storage.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await runMigrator(conn, storage.dialect, source);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

/** Names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(storage: Storage): Promise<string[]> {
  return notApplied(storage.db, storage.dialect, {});
}

/** Runs the migrations up to and including `name` (tests of a migration over data written before it). */
export async function migrateTo(storage: Storage, name: string): Promise<void> {
  const { error } = await new Migrator({ db: storage.db, provider: provider(storage.dialect, {}), allowUnorderedMigrations: true }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
