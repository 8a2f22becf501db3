/**
 * Bulk loading of cases and their events, for benchmarks and large imports: millions of rows in
 * minutes instead of hours. SQLite goes through one prepared statement per table inside one
 * transaction per batch (the FTS5 triggers still index every row); PostgreSQL receives one
 * `INSERT … SELECT * FROM unnest($1::type[], …)` per table and batch — one parameter per column
 * however many rows, so a batch of 10,000 rows is a single round trip. Rows are written as given:
 * callers are responsible for consistency (ids, hash chains, counters), exactly as with the
 * repositories' own inserts.
 *
 * For a load of many batches, `suspendUpkeepForBulkLoad` first takes the per-row upkeep off the
 * two tables — the roll-up trigger, the SQLite full-text trigger and the secondary indexes — and
 * `resumeUpkeepAfterBulkLoad` redoes that work set-based: indexes built by sorting, the missing
 * full-text rows added in one statement, the roll-up rebuilt from all cases by its own backfill
 * (the statements `syncWorkdays` rebuilds with), then the triggers put back exactly as they were.
 * Per row, the roll-up trigger costs more than everything else a bulk insert does together.
 * The definitions taken off are kept in the table `bulk_load_suspended` until they are back, so
 * an interrupted load is resumed (and finished) by the next run.
 */
import { sql, type Insertable } from 'kysely';
import type { Storage } from './database';
import type { CaseEventsTable, CasesTable } from './schema';
import { postgresTime, sqliteTime } from './repositories/stats-measures';
import { rollupRebuildStatements } from './repositories/stats-recalc';
import { facetTokensSql, filterTokensSql } from './repositories/case-facets';

/** A batch to load: case rows and the events of those cases. */
export interface BulkCaseBatch {
  cases: Insertable<CasesTable>[];
  events: Insertable<CaseEventsTable>[];
}

type Row = Record<string, unknown>;

/** Column names of a batch: every row of one table must set the same columns (defaults fill the rest). */
function columnsOf(rows: readonly Row[], table: string): string[] {
  const columns = Object.keys(rows[0]);
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length || columns.some((c) => !(c in row))) {
      throw new Error(`bulk load into ${table}: every row must set the same columns (${columns.join(', ')})`);
    }
  }
  return columns;
}

/** Prepared insert statements per SQLite handle and column list. */
const sqliteStatements = new WeakMap<object, Map<string, { run(...values: unknown[]): unknown }>>();

function sqliteInsert(storage: Storage, table: string, rows: readonly Row[]): void {
  const handle = storage.sqlite!;
  const columns = columnsOf(rows, table);
  const key = `${table}(${columns.join(',')})`;
  let cache = sqliteStatements.get(handle);
  if (!cache) sqliteStatements.set(handle, (cache = new Map<string, { run(...values: unknown[]): unknown }>()));
  let statement = cache.get(key);
  if (!statement) {
    statement = handle.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    cache.set(key, statement);
  }
  for (const row of rows) statement.run(...columns.map((c) => row[c] ?? null));
}

/** PostgreSQL column types per table (`udt_name`), read once per database handle. */
const pgTypes = new WeakMap<object, Map<string, Map<string, string>>>();

async function pgColumnTypes(storage: Storage, table: string): Promise<Map<string, string>> {
  let perTable = pgTypes.get(storage.db);
  if (!perTable) pgTypes.set(storage.db, (perTable = new Map<string, Map<string, string>>()));
  const known = perTable.get(table);
  if (known) return known;
  const result = await sql<{ column_name: string; udt_name: string }>`
    SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(storage.db);
  const types = new Map(result.rows.map((r) => [r.column_name, r.udt_name]));
  perTable.set(table, types);
  return types;
}

async function pgInsert(storage: Storage, db: Storage['db'], table: string, rows: readonly Row[]): Promise<void> {
  const columns = columnsOf(rows, table);
  const types = await pgColumnTypes(storage, table);
  const arrays = columns.map((c) => {
    const type = types.get(c);
    if (!type) throw new Error(`bulk load into ${table}: no column ${c}`);
    return sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`;
  });
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(db);
}

/**
 * Inserts a batch of cases and events in one transaction (all or nothing). Every case row must
 * set the same columns, and so must every event row.
 */
export async function bulkInsertCases(storage: Storage, batch: BulkCaseBatch): Promise<void> {
  const cases = batch.cases as unknown as Row[];
  const events = batch.events as unknown as Row[];
  if (storage.dialect === 'sqlite' && storage.sqlite) {
    storage.sqlite.transaction(() => {
      if (cases.length) sqliteInsert(storage, 'cases', cases);
      if (events.length) sqliteInsert(storage, 'case_events', events);
    })();
    return;
  }
  await storage.db.transaction().execute(async (trx) => {
    if (cases.length) await pgInsert(storage, trx, 'cases', cases);
    if (events.length) await pgInsert(storage, trx, 'case_events', events);
  });
}

/**
 * Refreshes the planner's statistics after a bulk load (`ANALYZE` on both engines). PostgreSQL
 * also clusters the rebuilt roll-up by its key and vacuums the loaded tables, as autovacuum would soon after: until their pages are marked
 * all-visible, counts cannot be answered from an index alone (measured at a million cases: the
 * list's count over a month read 68,000 heap pages, 250 ms) and the first readers pay for the
 * hint bits.
 */
export async function analyzeAfterBulkLoad(storage: Storage): Promise<void> {
  // The roll-up was just rebuilt in hash order: put its rows in key order (grain, dims, period, …),
  // which is how every overview reads them (a range of periods of one grain and dims). Scattered,
  // a year-to-date overview read one page per roll-up row: 80–90 ms at a million cases, 25 ms clustered.
  if (storage.dialect === 'postgres') await sql`CLUSTER case_stats USING case_stats_pkey`.execute(storage.db);
  if (storage.dialect === 'postgres') await sql`VACUUM (ANALYZE) cases, case_events, case_stats`.execute(storage.db);
  await sql`ANALYZE`.execute(storage.db);
}

/** Where the definitions taken off by {@link suspendUpkeepForBulkLoad} wait to be put back. */
const SUSPENDED = 'bulk_load_suspended';
/** Tables whose upkeep a bulk load suspends. */
const BULK_TABLES = ['cases', 'case_events'];
/** Insert triggers whose work {@link resumeUpkeepAfterBulkLoad} redoes set-based (every other trigger stays on). */
const SUSPENDED_TRIGGERS = { sqlite: ['cases_stats_insert', 'cases_fts_insert'], postgres: ['cases_stats_insert'] };
/**
 * Tables the resume knows how to fill. A suspended trigger that writes anywhere else (a later
 * migration taught it more) is left on instead: slower, never wrong.
 */
const REBUILT_TABLES = new Set(['case_stats', 'case_fts_rows', 'cases_fts', 'cases_filter_fts']);

/** Whether the resume redoes everything trigger `definition` writes (SQLite bodies are plain SQL; PostgreSQL's calls the roll-up function). */
function rebuildable(dialect: Storage['dialect'], definition: string): boolean {
  if (dialect === 'postgres') return /EXECUTE FUNCTION case_stats_trigger\(\)/.test(definition);
  return [...definition.matchAll(/\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?!\s+SET\b)|DELETE\s+FROM)\s+(\w+)/gi)].every((m) =>
    REBUILT_TABLES.has(m[1].toLowerCase()),
  );
}

type Definition = { name: string; kind: 'index' | 'trigger'; definition: string };

async function suspendedDefinitions(db: Storage['db'], dialect: Storage['dialect']): Promise<Definition[] | null> {
  const exists =
    dialect === 'sqlite'
      ? await sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${SUSPENDED}`.execute(db)
      : await sql`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${SUSPENDED}`.execute(db);
  if (!exists.rows.length) return null;
  return (await sql<Definition>`SELECT name, kind, definition FROM ${sql.table(SUSPENDED)} ORDER BY kind, name`.execute(db)).rows;
}

/** Whether a bulk load suspended the upkeep and has not put it back yet (an interrupted load). */
export async function isBulkLoadSuspended(storage: Storage): Promise<boolean> {
  return (await suspendedDefinitions(storage.db, storage.dialect)) !== null;
}

/**
 * Takes the per-row upkeep off `cases` and `case_events` for a bulk load: the roll-up's insert
 * trigger, SQLite's full-text insert trigger and every non-unique index (unique ones stay, they
 * guard the data). Idempotent: a database already suspended is left as it is. Until
 * {@link resumeUpkeepAfterBulkLoad}, the database is only fit for more bulk inserts.
 */
export async function suspendUpkeepForBulkLoad(storage: Storage): Promise<void> {
  await storage.db.transaction().execute(async (trx) => {
    if (await suspendedDefinitions(trx, storage.dialect)) return;
    const tables = sql.join(BULK_TABLES);
    const triggers = SUSPENDED_TRIGGERS[storage.dialect];
    const found: Definition[] =
      storage.dialect === 'sqlite'
        ? (
            await sql<Definition>`SELECT name, type AS kind, sql AS definition FROM sqlite_master
              WHERE tbl_name IN (${tables}) AND sql IS NOT NULL
                AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') OR (type = 'trigger' AND name IN (${sql.join(triggers)})))`.execute(trx)
          ).rows
        : [
            ...(
              await sql<Definition>`SELECT c.relname AS name, 'index' AS kind, pg_get_indexdef(i.indexrelid) AS definition
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relname IN (${tables}) AND t.relnamespace = current_schema()::regnamespace
                  AND NOT i.indisunique AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`.execute(trx)
            ).rows,
            ...(
              await sql<Definition>`SELECT g.tgname AS name, 'trigger' AS kind, pg_get_triggerdef(g.oid) AS definition
                FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
                WHERE NOT g.tgisinternal AND t.relname IN (${tables}) AND t.relnamespace = current_schema()::regnamespace
                  AND g.tgname IN (${sql.join(triggers)})`.execute(trx)
            ).rows,
          ];
    await sql`CREATE TABLE ${sql.table(SUSPENDED)} (name TEXT PRIMARY KEY, kind TEXT NOT NULL, definition TEXT NOT NULL)`.execute(trx);
    for (const d of found.filter((x) => x.kind === 'index' || rebuildable(storage.dialect, x.definition))) {
      await sql`INSERT INTO ${sql.table(SUSPENDED)} (name, kind, definition) VALUES (${d.name}, ${d.kind}, ${d.definition})`.execute(trx);
      const table = storage.dialect === 'postgres' && d.kind === 'trigger' ? sql` ON ${sql.table(d.definition.match(/ ON (\S+) /)![1])}` : sql``;
      await sql`DROP ${sql.raw(d.kind === 'index' ? 'INDEX' : 'TRIGGER')} ${sql.id(d.name)}${table}`.execute(trx);
    }
  });
}

/**
 * Puts back what {@link suspendUpkeepForBulkLoad} took off, in one transaction, and redoes its
 * work for every row loaded meanwhile: builds the indexes, adds the missing full-text rows
 * (SQLite; PostgreSQL's search vector is a generated column, only its index was off), rebuilds
 * the roll-up from all cases, recreates the triggers; then refreshes the planner's statistics.
 * Returns false (and does nothing) when the upkeep was not suspended.
 */
export async function resumeUpkeepAfterBulkLoad(storage: Storage): Promise<boolean> {
  const done = await storage.db.transaction().execute(async (trx) => {
    const definitions = await suspendedDefinitions(trx, storage.dialect);
    if (!definitions) return false;
    // Index builds sort in memory up to this much instead of spilling to disk (this transaction only).
    if (storage.dialect === 'postgres') await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
    for (const d of definitions.filter((x) => x.kind === 'index')) await sql.raw(d.definition).execute(trx);
    const fts = definitions.find((d) => d.kind === 'trigger' && d.name === 'cases_fts_insert');
    if (storage.dialect === 'sqlite' && fts) {
      // What cases_fts_insert does per row, for the cases that came in while it was off.
      const before = Number((await sql<{ n: number }>`SELECT coalesce(max(fts_rowid), 0) AS n FROM case_fts_rows`.execute(trx)).rows[0].n);
      await sql`INSERT OR IGNORE INTO case_fts_rows (case_id) SELECT c.id FROM cases c
        WHERE c.search_tokens IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_fts_rows r WHERE r.case_id = c.id) ORDER BY c.rowid`.execute(trx);
      await sql`INSERT INTO cases_fts (rowid, search_tokens) SELECT r.fts_rowid, c.search_tokens FROM case_fts_rows r JOIN cases c ON c.id = r.case_id
        WHERE r.fts_rowid > ${before}`.execute(trx);
      // … and its second index, text with facet tokens (migration 0016) and, since 0041, the month
      // token: what the suspended trigger writes (it is put back as it was).
      const tokens = fts.definition.includes('created_at') ? filterTokensSql('c') : `c.search_tokens || ${facetTokensSql('c')}`;
      if (fts.definition.includes('cases_filter_fts'))
        await sql`INSERT INTO cases_filter_fts (rowid, tokens) SELECT r.fts_rowid, ${sql.raw(tokens)} FROM case_fts_rows r JOIN cases c ON c.id = r.case_id
        WHERE r.fts_rowid > ${before}`.execute(trx);
    }
    await sql`DELETE FROM case_stats`.execute(trx);
    for (const statement of rollupRebuildStatements(storage.dialect === 'sqlite' ? sqliteTime : postgresTime)) await sql.raw(statement).execute(trx);
    for (const d of definitions.filter((x) => x.kind === 'trigger')) await sql.raw(d.definition).execute(trx);
    await sql`DROP TABLE ${sql.table(SUSPENDED)}`.execute(trx);
    return true;
  });
  if (done) await analyzeAfterBulkLoad(storage);
  return done;
}
