/**
 * Full-text search of the case list on both engines, from app-side tokens (`tokensForQuery`):
 * FTS5 `MATCH` ranked by bm25 on SQLite, `tsvector @@ tsquery` ranked by ts_rank on PostgreSQL.
 * A query that looks like a tracking code also matches tracking codes by substring.
 *
 * Bounded candidate set: ranking every match does not scale — at a million cases a common word
 * (停车) matches tens of thousands of cases, and computing bm25 / ts_rank and joining each of them
 * took hundreds of milliseconds. So the search first takes the newest {@link SEARCH_CANDIDATES}
 * matches that pass every other filter of the list (scope, status, …; newest by index order on
 * SQLite, where FTS rowids grow with insertion, and by `created_at` on PostgreSQL), then ranks only
 * those. Below that many matches nothing changes; above it, results and the total cover the newest
 * matches — the ones people look for in a case list — and the list reports `totalCapped` (the
 * console then shows "1000+"). This bounds the cost of text-only searches by the candidates rather
 * than the table size; searches combined with selective filters still scan
 * every text match (figures in bench/results/search.json). The filters are applied inside the candidate query, so a station's staff still
 * get up to that many matches of their own station.
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
  /**
   * Most matches this search counts ({@link SEARCH_CANDIDATES}), or null when it counts every
   * match (code-like queries): a total equal to the bound means "at least that many".
   */
  bound: number | null;
}

/** Most matches a search ranks and counts (see the module comment). */
export const SEARCH_CANDIDATES = 1000;

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
    if (codeLike) {
      return {
        filter: (query) => query.where((eb) => eb.or([matches, containsText('tracking_code', q.trim())])),
        orderByRank: (query) => query.orderBy(sql`ts_rank(search_vector, ${tsq})`, 'desc'),
        bound: null,
      };
    }
    return {
      // The newest matches passing the list's filters; ts_rank is then computed for those only.
      filter: <O>(query: CaseQuery<O>) => {
        const candidates = query.where(matches).select('cases.id').orderBy('cases.created_at', 'desc').limit(SEARCH_CANDIDATES);
        return query.where('cases.id', 'in', candidates as never);
      },
      orderByRank: (query) => query.orderBy(sql`ts_rank(search_vector, ${tsq})`, 'desc'),
      bound: SEARCH_CANDIDATES,
    };
  }
  const match = fts5MatchOf(tokens);
  if (!match) return null;
  if (codeLike) {
    const hits = sql<{
      hit_id: string;
      hit_rank: number;
    }>`(SELECT r.case_id AS hit_id, bm25(cases_fts) AS hit_rank FROM cases_fts JOIN case_fts_rows r ON r.fts_rowid = cases_fts.rowid WHERE cases_fts MATCH ${match})`;
    return {
      filter: <O>(query: CaseQuery<O>) => {
        const joined = query.leftJoin(hits.as('hits'), (join) => join.onRef('hits.hit_id', '=', 'cases.id'));
        return joined.where((eb) => eb.or([eb('hits.hit_id', 'is not', null), containsText('tracking_code', q.trim())])) as unknown as CaseQuery<O>;
      },
      // bm25 is lower for better matches; tracking-code-only matches (no FTS row) come last.
      orderByRank: (query) => query.orderBy(sql`coalesce(hits.hit_rank, 1e9)`, 'asc'),
      bound: null,
    };
  }
  // FTS5 walks the match list newest first (rowids grow with insertion) and stops after the
  // candidates; bm25 is evaluated for those rows only.
  const matched = sql<{
    match_id: string;
    match_rowid: number;
    match_rank: number;
  }>`(SELECT r.case_id AS match_id, cases_fts.rowid AS match_rowid, bm25(cases_fts) AS match_rank FROM cases_fts JOIN case_fts_rows r ON r.fts_rowid = cases_fts.rowid WHERE cases_fts MATCH ${match})`;
  return {
    filter: <O>(query: CaseQuery<O>) => {
      const candidates = query
        .innerJoin(matched.as('m'), (join) => join.onRef('m.match_id', '=', 'cases.id'))
        .select([sql<string>`m.match_id`.as('hit_id'), sql<number>`m.match_rank`.as('hit_rank')])
        .orderBy(sql`m.match_rowid`, 'desc')
        .limit(SEARCH_CANDIDATES);
      return query.innerJoin(candidates.as('hits'), (join) => join.onRef('hits.hit_id', '=', 'cases.id')) as unknown as CaseQuery<O>;
    },
    // bm25 is lower for better matches.
    orderByRank: (query) => query.orderBy(sql`hits.hit_rank`, 'asc'),
    bound: SEARCH_CANDIDATES,
  };
}
