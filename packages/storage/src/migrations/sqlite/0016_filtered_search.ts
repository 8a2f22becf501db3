import { sql, type Kysely } from 'kysely';
import { facetTokensSql } from '../shared/0016_search_facets';

/**
 * Filtered search at a million cases (SQLite). `cases_filter_fts` indexes each case's text tokens
 * together with facet tokens of its list filters (status, channel, category, department,
 * deputies, every unit of its path — `case-facets.ts`), under the same rowid as `cases_fts`. A
 * search with a filter or a scope intersects text and facets in FTS5 instead of walking every
 * text match; `cases_fts` stays as it was and still ranks (bm25 must not see the facet tokens).
 * The triggers of 0005 are recreated to keep both indexes, in one order, and a new one rewrites
 * a case's facets when a filter column changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const facets = (r: string) => `${r}.search_tokens || ${facetTokensSql(r)}`;
  await sql`CREATE VIRTUAL TABLE cases_filter_fts USING fts5(tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  await sql
    .raw(
      `INSERT INTO cases_filter_fts(rowid, tokens)
       SELECT r.fts_rowid, ${facets('c')} FROM case_fts_rows r JOIN cases c ON c.id = r.case_id WHERE c.search_tokens IS NOT NULL`,
    )
    .execute(db);
  for (const trigger of ['cases_fts_insert', 'cases_fts_update', 'cases_fts_delete']) await sql.raw(`DROP TRIGGER ${trigger}`).execute(db);
  const rowidOf = (r: string) => `(SELECT fts_rowid FROM case_fts_rows WHERE case_id = ${r}.id)`;
  await sql
    .raw(
      `CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases WHEN new.search_tokens IS NOT NULL BEGIN
        INSERT OR IGNORE INTO case_fts_rows(case_id) VALUES (new.id);
        INSERT INTO cases_fts(rowid, search_tokens) SELECT fts_rowid, new.search_tokens FROM case_fts_rows WHERE case_id = new.id;
        INSERT INTO cases_filter_fts(rowid, tokens) SELECT fts_rowid, ${facets('new')} FROM case_fts_rows WHERE case_id = new.id;
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
        INSERT INTO cases_filter_fts(rowid, tokens) SELECT fts_rowid, ${facets('new')} FROM case_fts_rows WHERE case_id = new.id AND new.search_tokens IS NOT NULL;
      END`,
    )
    .execute(db);
  const filterColumns = ['status', 'channel', 'category_id', 'department_id', 'deputy_id', 'target_deputy_id', 'unit_path'];
  const changed = filterColumns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
  // A change of search_tokens in the same statement is handled by cases_fts_update (also with the new facets).
  await sql
    .raw(
      `CREATE TRIGGER cases_filter_fts_update AFTER UPDATE OF ${filterColumns.join(', ')} ON cases
       WHEN new.search_tokens IS NOT NULL AND old.search_tokens IS new.search_tokens AND (${changed}) BEGIN
        DELETE FROM cases_filter_fts WHERE rowid = ${rowidOf('old')};
        INSERT INTO cases_filter_fts(rowid, tokens) SELECT fts_rowid, ${facets('new')} FROM case_fts_rows WHERE case_id = new.id;
      END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
        DELETE FROM cases_fts WHERE rowid = ${rowidOf('old')};
        DELETE FROM cases_filter_fts WHERE rowid = ${rowidOf('old')};
        DELETE FROM case_fts_rows WHERE case_id = old.id;
      END`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
