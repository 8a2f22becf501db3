/**
 * Bulk loading of cases and their events, for benchmarks and large imports: millions of rows in
 * minutes instead of hours. SQLite goes through one prepared statement per table inside one
 * transaction per batch (the FTS5 triggers still index every row); PostgreSQL receives one
 * `INSERT … SELECT * FROM unnest($1::type[], …)` per table and batch — one parameter per column
 * however many rows, so a batch of 10,000 rows is a single round trip. Rows are written as given:
 * callers are responsible for consistency (ids, hash chains, counters), exactly as with the
 * repositories' own inserts.
 */
import { sql, type Insertable } from 'kysely';
import type { Storage } from './database';
import type { CaseEventsTable, CasesTable } from './schema';

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

/** Refreshes the planner's statistics after a bulk load (`ANALYZE` on both engines). */
export async function analyzeAfterBulkLoad(storage: Storage): Promise<void> {
  await sql`ANALYZE`.execute(storage.db);
}
