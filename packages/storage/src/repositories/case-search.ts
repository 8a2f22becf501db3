/**
 * Full-text search of the case list on both engines, from app-side tokens (`tokensForQuery`):
 * FTS5 `MATCH` ranked by bm25 on SQLite, `tsvector @@ tsquery` ranked by ts_rank on PostgreSQL.
 * A query that looks like a tracking code also matches tracking codes by substring.
 */
import { PostgresAdapter, sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../database';
import type { Database } from '../schema';
import { containsText } from '../sql-helpers';

type CaseQuery<O> = SelectQueryBuilder<Database, 'cases', O>;

/** A prepared text search over the case list. */
export interface CaseTextSearch {
  /** Restricts a case query to matches. */
  filter<O>(query: CaseQuery<O>): CaseQuery<O>;
  /** Orders by relevance (best first). */
  orderByRank<O>(query: CaseQuery<O>): CaseQuery<O>;
}

/** Characters a tracking code (or a part of one) is made of. */
const CODE_LIKE = /^[0-9A-Za-z-]{3,}$/;

/** Strips everything but letters and digits from a token. */
const clean = (t: string): string => t.replace(/[^\p{L}\p{N}]+/gu, '');

/** An FTS5 MATCH expression requiring every token. */
export function fts5MatchOf(tokens: readonly string[]): string | null {
  const safe = tokens.map(clean).filter(Boolean);
  return safe.length ? safe.map((t) => `"${t}"`).join(' ') : null;
}

/** A `to_tsquery('simple', …)` expression requiring every token. */
export function tsQueryOf(tokens: readonly string[]): string | null {
  const safe = tokens.map(clean).filter(Boolean);
  return safe.length ? safe.map((t) => `'${t}'`).join(' & ') : null;
}

/** The search for `q` with its query tokens, or null when the tokens are empty (callers fall back to LIKE). */
export function caseTextSearch(db: DB, q: string, tokens: readonly string[] | undefined): CaseTextSearch | null {
  if (!tokens?.length) return null;
  const codeLike = CODE_LIKE.test(q.trim());
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const expr = tsQueryOf(tokens);
    if (!expr) return null;
    const tsq = sql`to_tsquery('simple', ${expr})`;
    const matches = sql<boolean>`search_vector @@ ${tsq}`;
    return {
      filter: (query) => query.where((eb) => (codeLike ? eb.or([matches, containsText('tracking_code', q.trim())]) : matches)),
      orderByRank: (query) => query.orderBy(sql`ts_rank(search_vector, ${tsq})`, 'desc'),
    };
  }
  const match = fts5MatchOf(tokens);
  if (!match) return null;
  const hits = sql<{
    hit_id: string;
    hit_rank: number;
  }>`(SELECT r.case_id AS hit_id, bm25(cases_fts) AS hit_rank FROM cases_fts JOIN case_fts_rows r ON r.fts_rowid = cases_fts.rowid WHERE cases_fts MATCH ${match})`;
  return {
    filter: <O>(query: CaseQuery<O>) => {
      if (!codeLike) return query.innerJoin(hits.as('hits'), (join) => join.onRef('hits.hit_id', '=', 'cases.id')) as unknown as CaseQuery<O>;
      const joined = query.leftJoin(hits.as('hits'), (join) => join.onRef('hits.hit_id', '=', 'cases.id'));
      return joined.where((eb) => eb.or([eb('hits.hit_id', 'is not', null), containsText('tracking_code', q.trim())])) as unknown as CaseQuery<O>;
    },
    // bm25 is lower for better matches; tracking-code-only matches (no FTS row) come last.
    orderByRank: (query) => query.orderBy(sql`coalesce(hits.hit_rank, 1e9)`, 'asc'),
  };
}
