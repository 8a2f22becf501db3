/**
 * Migration 0041, both dialects: list, search and overview shapes at a million cases (issue #17).
 *
 * - `cases_created_id_idx (created_at, id)` replaces `cases_created_idx (created_at)`: the list's
 *   newest-first order (`created_at DESC, id DESC`) and its keyset cursors are exactly this
 *   index's order, so a page of a date range walks it from the range's end and stops after the
 *   page (with the one-column index SQLite skip-scanned the status index and sorted the whole
 *   range: 0.4 s for a quarter), and a cursor page at any depth is one index seek.
 * - SQLite: `cases_filter_fts` gains a month facet token per case (its creation month, UTC — the
 *   month lexeme PostgreSQL's facet index of 0018 already has), so a search within a date range
 *   intersects the text with the range's months in FTS5 instead of walking every newer match.
 *   The triggers of 0016 that write the filter index are recreated with it, and the index is
 *   refilled.
 *
 * - PostgreSQL: the roll-up's pages keep a fifth free for its triggers' in-place updates.
 *
 * Frozen: a later change is a new migration.
 */
import { sql, type Kysely } from 'kysely';
import { defineSharedMigration, type DialectTypes } from './shared-migration';
import { facetTokensSql } from './0016_search_facets';

/** SQLite: the month facet token of the case row `r` (mark, `m`, `yyyymm` of its UTC creation time). */
export function sqliteMonthTokenSql(r: string): string {
  return `' ' || char(57344) || 'm' || substr(${r}.created_at, 1, 4) || substr(${r}.created_at, 6, 2)`;
}

/** SQLite: what `cases_filter_fts` holds for the case row `r` from this migration on. */
export function filterTokensSql(r: string): string {
  return `${r}.search_tokens || ${facetTokensSql(r)} || ${sqliteMonthTokenSql(r)}`;
}

async function monthFacets(db: Kysely<unknown>, t: DialectTypes): Promise<void> {
  if (t.dialect !== 'sqlite') return;
  const rowidOf = (r: string) => `(SELECT fts_rowid FROM case_fts_rows WHERE case_id = ${r}.id)`;
  for (const trigger of ['cases_fts_insert', 'cases_fts_update', 'cases_filter_fts_update']) await sql.raw(`DROP TRIGGER ${trigger}`).execute(db);
  await sql
    .raw(
      `CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases WHEN new.search_tokens IS NOT NULL BEGIN
        INSERT OR IGNORE INTO case_fts_rows(case_id) VALUES (new.id);
        INSERT INTO cases_fts(rowid, search_tokens) SELECT fts_rowid, new.search_tokens FROM case_fts_rows WHERE case_id = new.id;
        INSERT INTO cases_filter_fts(rowid, tokens) SELECT fts_rowid, ${filterTokensSql('new')} FROM case_fts_rows WHERE case_id = new.id;
      END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER cases_fts_update AFTER UPDATE OF search_tokens ON cases BEGIN
        DELETE FROM cases_fts WHERE rowid = ${rowidOf('old')};
        DELETE FROM cases_filter_fts WHERE rowid = ${rowidOf('old')};
        INSERT OR IGNORE INTO case_fts_rows(case_id) SELECT new.id WHERE new.search_tokens IS NOT NULL;
        INSERT INTO cases_fts(rowid, search_tokens) SELECT fts_rowid, new.search_tokens FROM case_fts_rows WHERE case_id = new.id AND new.search_tokens IS NOT NULL;
        INSERT INTO cases_filter_fts(rowid, tokens) SELECT fts_rowid, ${filterTokensSql('new')} FROM case_fts_rows WHERE case_id = new.id AND new.search_tokens IS NOT NULL;
      END`,
    )
    .execute(db);
  const filterColumns = ['status', 'channel', 'category_id', 'department_id', 'deputy_id', 'target_deputy_id', 'unit_path', 'created_at'];
  const changed = filterColumns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
  await sql
    .raw(
      `CREATE TRIGGER cases_filter_fts_update AFTER UPDATE OF ${filterColumns.join(', ')} ON cases
       WHEN new.search_tokens IS NOT NULL AND old.search_tokens IS new.search_tokens AND (${changed}) BEGIN
        DELETE FROM cases_filter_fts WHERE rowid = ${rowidOf('old')};
        INSERT INTO cases_filter_fts(rowid, tokens) SELECT fts_rowid, ${filterTokensSql('new')} FROM case_fts_rows WHERE case_id = new.id;
      END`,
    )
    .execute(db);
  // Refill: a contentless index is emptied whole, then written in rowid order (FTS5 appends fastest so).
  await sql.raw(`INSERT INTO cases_filter_fts(cases_filter_fts) VALUES ('delete-all')`).execute(db);
  await sql
    .raw(
      `INSERT INTO cases_filter_fts(rowid, tokens)
       SELECT r.fts_rowid, ${filterTokensSql('c')} FROM case_fts_rows r JOIN cases c ON c.id = r.case_id WHERE c.search_tokens IS NOT NULL ORDER BY r.fts_rowid`,
    )
    .execute(db);
}

export default defineSharedMigration({
  statements: () => ['CREATE INDEX cases_created_id_idx ON cases(created_at, id)', 'DROP INDEX cases_created_idx'],
  run: async (db, t) => {
    await monthFacets(db, t);
    // PostgreSQL: room on each roll-up page for the triggers' updates to stay on it (HOT), so the
    // rows keep the key order overviews read them in (bulk loads cluster it: bulk-load.ts).
    if (t.dialect === 'postgres') await sql`ALTER TABLE case_stats SET (fillfactor = 80)`.execute(db);
    // SQLite: statistics of every case index, read whole (2.6 s at a million cases): sampled ones
    // (analysis_limit) misjudged the statuses by 40× and made the planner walk them.
    if (t.dialect === 'sqlite') await sql`ANALYZE cases`.execute(db);
  },
});
