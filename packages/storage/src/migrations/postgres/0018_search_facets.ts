import { sql, type Kysely } from 'kysely';
import { pgFacetVectorSql } from '../shared/0016_search_facets';

/**
 * Search at a million cases (PostgreSQL). A GIN index of each case's text lexemes together with
 * facet lexemes of its list filters and its creation month (`pgFacetVectorSql`, `case-facets.ts`):
 * a search asks for "text AND facets AND recent months" in one index scan, so it reads from the
 * table only the newest matches it needs (`case-search.ts`) instead of walking the cases by
 * creation time or fetching every text match. An expression index: the table is not rewritten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE INDEX cases_search_facets_idx ON cases USING gin ((search_vector || ${pgFacetVectorSql('cases')}))`).execute(db);
  await sql`ANALYZE cases`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
