/**
 * The generated database a read-path bench runs on, cached between runs: generating a million
 * cases takes many minutes, so each size is generated once (SQLite: a file under the temp dir;
 * PostgreSQL: a database `lianxin_bench_<N>` on the server) and reused. An interrupted
 * generation is topped up where it stopped (case numbers continue), never restarted.
 *
 * Every case walks the workflow unless asked otherwise: with `generate` below the size, only
 * that many do and the rest are copies of them (new ids and tracking codes, same units,
 * categories, times, states and text), inserted by the database itself with its triggers on —
 * the roll-up and the search index are kept as for any write. Copies have no events: case pages
 * are read from the generated cases.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  analyzeAfterBulkLoad,
  isBulkLoadSuspended,
  migrateToLatest,
  openDatabase,
  resumeUpkeepAfterBulkLoad,
  type Dialect,
  type Storage,
} from '@lianxin/storage';
import { sql } from 'kysely';
import pg from 'pg';
import { createRepositories } from '@lianxin/storage';
import { ensureDemoOrganisation, generateCases, openGeneratedKey } from '../generate/generate';

/** Where cached SQLite databases live (outside the repository). */
export const CACHE_DIR = process.env.LIANXIN_BENCH_CACHE ?? path.join(os.tmpdir(), 'lianxin-bench');

/** Prefix of the PostgreSQL bench databases (`<prefix>_<N>`): a branch with migrations of its own keeps its databases apart. */
export const PG_DATABASE_PREFIX = process.env.LIANXIN_BENCH_PG_PREFIX ?? 'lianxin_bench';

/** The PostgreSQL server bench databases are created on. */
export const PG_ADMIN_URL = process.env.LIANXIN_BENCH_PG_URL ?? process.env.LIANXIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A prepared bench database. */
export interface BenchDatabase {
  dialect: Dialect;
  storage: Storage;
  /** SQLite: the server's data directory (holds `lianxin.sqlite`); PostgreSQL: null. */
  dataDir: string | null;
  /** The secret key its contact data is encrypted with (its `secret.key`: in `dataDir`, or beside the cache for PostgreSQL). */
  masterKey: Buffer;
  /** PostgreSQL: the database URL; SQLite: null. */
  databaseUrl: string | null;
  cases: number;
  /** Cases that walked the workflow; the others are copies of them. */
  generated: number;
  /** Seconds spent generating on this run (null when the cache was complete). */
  generatedSeconds: number | null;
  /** Seconds spent copying on this run. */
  copiedSeconds: number | null;
  /** Seconds spent migrating on this run (new migrations on a cached database, e.g. index builds and roll-up backfills). */
  migratedSeconds: number;
  migrationsApplied: string[];
}

async function ensurePostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const countCases = async (storage: Storage) => Number((await sql<{ n: number }>`select count(*) as n from cases`.execute(storage.db)).rows[0]?.n ?? 0);

/** Suffix of copied cases' ids (`gen1-00000042-x3` is the third copy of case 42). */
export const COPY_MARK = '-x';

/** Cases that walked the workflow (not copies). */
export const countGenerated = async (storage: Storage) =>
  Number((await sql<{ n: number }>`select count(*) as n from cases where id not like ${`%${COPY_MARK}%`}`.execute(storage.db)).rows[0]?.n ?? 0);

/** Copies generated cases until there are `target` cases (resumable: a copy already there is not made again). */
async function copyCases(storage: Storage, target: number, log: (line: string) => void): Promise<void> {
  const columns =
    storage.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from pragma_table_info('cases')`.execute(storage.db)).rows.map((r) => r.name)
      : (
          await sql<{ name: string }>`select column_name as name from information_schema.columns
            where table_name = 'cases' and table_schema = current_schema() and is_generated = 'NEVER' order by ordinal_position`.execute(storage.db)
        ).rows.map((r) => r.name);
  let have = await countCases(storage);
  const base = await countGenerated(storage);
  for (let k = 1; have < target; k++) {
    const mark = `${COPY_MARK}${k}`;
    const value = (c: string) => (c === 'id' || c === 'tracking_code' ? `c.${c} || '${mark}'` : c === 'source_key' ? 'NULL' : `c.${c}`);
    while (have < target) {
      const take = Math.min(50_000, target - have);
      const result = await sql
        .raw(
          `INSERT INTO cases (${columns.join(', ')}) SELECT ${columns.map(value).join(', ')} FROM cases c
           WHERE c.id NOT LIKE '%${COPY_MARK}%' AND NOT EXISTS (SELECT 1 FROM cases d WHERE d.id = c.id || '${mark}')
           ORDER BY c.id LIMIT ${take}`,
        )
        .execute(storage.db);
      const added = Number(result.numAffectedRows ?? 0);
      have += added;
      log(`${storage.dialect}: ${have} cases (copies of the ${base} generated)`);
      if (added < take) break; // this round of copies is complete
    }
  }
  // VACUUM too on PostgreSQL: fresh copies are not all-visible, so counts would read the heap.
  await analyzeAfterBulkLoad(storage);
}

/** The fixed key bench databases were seeded with before the generator kept a key file. */
const LEGACY_BENCH_KEY = Buffer.alloc(32, 1);

/**
 * The bench database's key, as the server would open it (`openGeneratedKey`). A cached database
 * generated before the generator kept its key file gets the fixed key it was seeded with written
 * there (the check then proves it right).
 */
async function benchKey(storage: Storage, keyDir: string): Promise<Buffer> {
  const keyFile = path.join(keyDir, 'secret.key');
  const repos = createRepositories(storage.db);
  if (!fs.existsSync(keyFile) && !(await repos.secretKey.check()) && (await repos.secretKey.sampleCiphertexts()).length)
    fs.writeFileSync(keyFile, `${LEGACY_BENCH_KEY.toString('base64')}\n`, { mode: 0o600 });
  return (await openGeneratedKey(storage, keyDir, {})).key;
}

/**
 * Opens (creating and generating when needed) the bench database of `cases` cases, `generate` of
 * them through the workflow (default: all; copies only when asked for).
 */
export async function prepareDatabase(
  dialect: Dialect,
  cases: number,
  generate: number = cases,
  log: (line: string) => void = () => {},
): Promise<BenchDatabase> {
  let storage: Storage;
  let dataDir: string | null = null;
  let databaseUrl: string | null = null;
  // Where the key file lives: the SQLite data dir; for PostgreSQL a directory beside the cache.
  const keyDir = path.join(CACHE_DIR, `${dialect}-${cases}`);
  fs.mkdirSync(keyDir, { recursive: true });
  if (dialect === 'sqlite') {
    dataDir = keyDir;
    storage = openDatabase({ sqlitePath: path.join(dataDir, 'lianxin.sqlite') });
  } else {
    databaseUrl = await ensurePostgresDatabase(`${PG_DATABASE_PREFIX}_${cases}`);
    storage = openDatabase({ databaseUrl, poolSize: 4 });
  }
  if (await isBulkLoadSuspended(storage)) {
    // An earlier run stopped inside a bulk load: put indexes, triggers and roll-up back before
    // migrating (a migration may touch them); the generation below then continues where it stopped.
    log(`${dialect}: finishing an interrupted bulk load (rebuilding indexes, search rows and the roll-up)`);
    await resumeUpkeepAfterBulkLoad(storage);
  }
  const t0 = performance.now();
  const { applied } = await migrateToLatest(storage);
  const migratedSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
  if (applied.length) log(`${dialect}: applied ${applied.join(', ')} in ${migratedSeconds} s`);
  const masterKey = await benchKey(storage, keyDir);
  await ensureDemoOrganisation(storage, masterKey);
  const have = await countGenerated(storage);
  const wanted = Math.min(generate, cases);
  let generatedSeconds: number | null = null;
  if (have < wanted && (await countCases(storage)) === have) {
    log(`${dialect}: generating ${wanted - have} cases (cached at ${dataDir ?? databaseUrl}, reused by later runs)`);
    let last = performance.now();
    const report = await generateCases(storage, {
      cases: wanted - have,
      firstIndex: have,
      batchSize: 10_000,
      onProgress: (written) => {
        if (performance.now() - last > 15_000) {
          last = performance.now();
          log(`${dialect}: ${have + written} cases`);
        }
      },
    });
    generatedSeconds = Number(report.seconds.toFixed(1));
    log(`${dialect}: generated ${report.cases} cases and ${report.events} events in ${generatedSeconds} s`);
  }
  let copiedSeconds: number | null = null;
  if ((await countCases(storage)) < cases) {
    const t1 = performance.now();
    await copyCases(storage, cases, log);
    copiedSeconds = Number(((performance.now() - t1) / 1000).toFixed(1));
  }
  return {
    dialect,
    storage,
    dataDir,
    masterKey,
    databaseUrl,
    cases: await countCases(storage),
    generated: await countGenerated(storage),
    generatedSeconds,
    copiedSeconds,
    migratedSeconds,
    migrationsApplied: applied,
  };
}
