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
 * than the table size. The filters are applied inside the candidate query, so a station's staff
 * still get up to that many matches of their own station; on SQLite, when the filters or the scope
 * can be spelled as facet tokens (`case-facets.ts`), FTS5 finds those candidates by intersecting
 * posting lists instead of walking every text match ({@link filteredFts5Search}). On PostgreSQL a
 * GIN index of text, facet and creation-month lexemes (migration 0018) finds them month window by
 * month window, newest first ({@link newestPgMatches}).
 */
import { PostgresAdapter, sql, type Expression, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../database';
import type { Database } from '../schema';
import { containsText } from '../sql-helpers';
import { facetsAsTsQuery, monthFacet, pgFacetVectorSql } from './case-facets';

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
  /**
   * Count the matches in the page query (`count(*) over ()`) instead of a second statement
   * (the page query then reads the candidates once, not twice, and in its own join order).
   */
  countInPage?: boolean;
  /** Runs before {@link filter} with the list's filtered query (PostgreSQL: finds the candidates). */
  prepare?(query: CaseQuery<unknown>): Promise<void>;
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

/**
 * The search for `q` with its query tokens, or null when the tokens are empty (callers fall back to
 * LIKE). `facets`: the FTS5 facet expression the list's scope and filters imply (`case-facets.ts`;
 * used for non-code queries — on PostgreSQL as tsquery lexemes — ignored otherwise). On PostgreSQL
 * call `prepare` before `filter`.
 */
export function caseTextSearch(
  db: DB,
  q: string,
  tokens: readonly string[] | undefined,
  facets: string | null = null,
  /** The list's creation period, when it has one: PostgreSQL looks for the newest matches from its end back. */
  period: { to?: string | undefined } = {},
): CaseTextSearch | null {
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
    // The newest matches passing the list's filters (found by `prepare`); ts_rank is then computed for those only.
    let ids: string[] | null = null;
    return {
      prepare: async (query) => {
        ids = await newestPgMatches(db, query, expr, facets, { upTo: period.to });
      },
      filter: <O>(query: CaseQuery<O>) => {
        if (!ids) throw new Error('filter before prepare');
        // A join, not `id = ANY(…)`: for the newest-first page the planner walked cases by
        // creation time testing each id against the list (the whole table, for the count).
        const candidates = sql`unnest(${ids}::text[])`.as('cand');
        return query.innerJoin(candidates, (join) => join.on(sql<boolean>`cases.id = cand`)) as unknown as CaseQuery<O>;
      },
      orderByRank: (query) => query.orderBy(sql`ts_rank(search_vector, ${tsq})`, 'desc'),
      bound: SEARCH_CANDIDATES,
      countInPage: true,
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
  if (facets) return filteredFts5Search(db, match, facets);
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
      return fromHits(db, candidates);
    },
    // bm25 is lower for better matches.
    orderByRank: (query) => query.orderBy(sql`hits.hit_rank`, 'asc'),
    bound: SEARCH_CANDIDATES,
    // Counted in the page query, which reads the candidates first: a count statement of its own
    // could start from the cases instead (SQLite did for a quarter's closed cases: 112,000 probes).
    countInPage: true,
  };
}

/**
 * SQLite: the cases of the candidates `hits` (already passing every filter of the list), read in
 * that order — the candidates first, each case by its id. `CROSS JOIN` keeps SQLite from starting
 * at the cases instead: with the filters repeated outside, it walked a quarter's 112,000 closed
 * cases probing the candidates for each (0.1 s for 767 matches).
 */
function fromHits<O>(db: DB, hits: Expression<unknown>): CaseQuery<O> {
  return db
    .selectFrom(sql`(${hits})`.as('hits'))
    .crossJoin('cases')
    .where(sql<boolean>`cases.id = hits.hit_id`) as unknown as CaseQuery<O>;
}

/**
 * A search with filters or a scope that facet tokens express (`case-facets.ts`): the candidates
 * come from `cases_filter_fts` (text and facet tokens), so FTS5 intersects the posting lists and
 * yields, newest first, only matches that very likely pass the filters; the list's own filters
 * still check each of them, so the candidates are exactly those of the plain walk. The ranking is
 * bm25 of `cases_fts` (the facet tokens would change document lengths there), computed for the
 * candidates only: FTS5 walks the text matches within the candidates' rowid range and evaluates
 * bm25 for the rows in the candidate list.
 */
function filteredFts5Search(db: DB, match: string, facets: string): CaseTextSearch {
  const filterMatch = `(${match}) AND ${facets}`;
  const matched = sql<{
    match_id: string;
    match_rowid: number;
  }>`(SELECT r.case_id AS match_id, f.rowid AS match_rowid FROM cases_filter_fts f JOIN case_fts_rows r ON r.fts_rowid = f.rowid WHERE cases_filter_fts MATCH ${filterMatch})`;
  // The candidate query of the last filter() call: orderByRank ranks exactly those rows.
  let candidates: Expression<unknown> | null = null;
  return {
    filter: <O>(query: CaseQuery<O>) => {
      const picked = query
        .innerJoin(matched.as('m'), (join) => join.onRef('m.match_id', '=', 'cases.id'))
        .select([sql<string>`m.match_id`.as('hit_id'), sql<number>`m.match_rowid`.as('hit_rowid')])
        .orderBy(sql`m.match_rowid`, 'desc')
        .limit(SEARCH_CANDIDATES);
      candidates = picked;
      return fromHits(db, picked);
    },
    orderByRank: <O>(query: CaseQuery<O>) => {
      if (!candidates) throw new Error('orderByRank before filter');
      // The candidates once (MATERIALIZED), then FTS5 walks the text matches between their lowest and
      // highest rowid only. `+rowid IN`: the list filters FTS5's output; as an index lookup each
      // rowid would cost a whole bm25 query. `LIMIT -1` keeps the subquery from being flattened into
      // the outer query, so bm25 is always evaluated on the row FTS5 is positioned on (flattened into
      // other shapes, e.g. an aggregate, SQLite refuses bm25 "in the requested context").
      const ranks = sql<{
        rank_rowid: number;
        rank: number;
      }>`(WITH cand AS MATERIALIZED (SELECT hit_rowid FROM ${candidates} AS c)
        SELECT rowid AS rank_rowid, bm25(cases_fts) AS rank FROM cases_fts
        WHERE cases_fts MATCH ${match} AND rowid BETWEEN (SELECT min(hit_rowid) FROM cand) AND (SELECT max(hit_rowid) FROM cand)
          AND +rowid IN (SELECT hit_rowid FROM cand) LIMIT -1)`;
      return query
        .innerJoin(ranks.as('ranks'), (join) => join.on(sql<boolean>`ranks.rank_rowid = hits.hit_rowid`))
        .orderBy(sql`ranks.rank`, 'asc') as unknown as CaseQuery<O>;
    },
    bound: SEARCH_CANDIDATES,
    countInPage: true,
  };
}

/**
 * The windows, in months of creation, in which a PostgreSQL search looks for its newest matches:
 * the newest case's month, then the 3 before it, then the 12 before those; then everything older.
 * A common word fills the candidates in the first window or two; a rare one costs a few index
 * lookups more.
 */
export const SEARCH_MONTH_WINDOWS: readonly number[] = [1, 3, 12];

/** The GIN-indexed text, facet and month lexemes of a case (migration 0018). */
const searchFacetVector = sql.raw(`(search_vector || ${pgFacetVectorSql('cases')})`);

/**
 * PostgreSQL: ids of the newest `limit` cases of `query` (the list's filters and scope) matching
 * the tsquery text `textQuery`, newest first (ties by id). Walking cases by creation time and
 * testing each, or fetching every text match, read tens of thousands of rows for a common word at
 * a million cases; here the GIN index of migration 0018 intersects the text with the facets of
 * the list's filters (`facets`, FTS5 syntax — the same ones SQLite uses) and with a window of
 * creation months, so only matches in the window are read: the newest month first, then
 * the months before it ({@link SEARCH_MONTH_WINDOWS}), then everything older, until `limit`
 * matches are found (with a period ending earlier, from the period's last month back). Windows are contiguous and go back in time, so the first `limit` found are
 * exactly the newest `limit`; the list's filters still apply in SQL to every row (facets only
 * narrow).
 */
export async function newestPgMatches(
  db: DB,
  query: CaseQuery<unknown>,
  textQuery: string,
  facets: string | null,
  {
    limit = SEARCH_CANDIDATES,
    windows = SEARCH_MONTH_WINDOWS,
    upTo,
  }: {
    limit?: number;
    windows?: readonly number[];
    /** The end (exclusive) of the list's creation period: the windows start at its month, not at the newest case's. */
    upTo?: string | undefined;
  } = {},
): Promise<string[]> {
  const newest = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .executeTakeFirst();
  if (!newest?.at) return [];
  // The newest case the period can hold: windows after it would only find nothing.
  const last = new Date(upTo && Date.parse(upTo) - 1 < Date.parse(newest.at) ? Date.parse(upTo) - 1 : newest.at);
  const monthOf = (back: number) => new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - back, 1));
  const base = facets ? `(${facetsAsTsQuery(facets)})` : null;
  const found: string[] = [];
  let seen = 0;
  for (let w = 0; w <= windows.length && found.length < limit; w++) {
    // The months of this window; the last pass takes everything older by time (negating every
    // month seen in the tsquery made GIN read all their posting lists).
    const inWindows = w < windows.length;
    const months = inWindows ? `(${Array.from({ length: windows[w] }, (_, i) => `'${monthFacet(monthOf(seen + i))}'`).join(' | ')})` : null;
    const before = !inWindows && seen ? monthOf(seen - 1).toISOString() : null;
    if (inWindows) seen += windows[w];
    const lexemes = [base, months].filter(Boolean).join(' & ');
    const tsq = lexemes ? sql`(to_tsquery('simple', ${textQuery}) && ${lexemes}::tsquery)` : sql`to_tsquery('simple', ${textQuery})`;
    // OFFSET 0 keeps the ORDER BY … LIMIT outside: the planner must not walk cases by creation
    // time testing each row, but take the window's matches from the index and sort those.
    const matching = query.where(sql<boolean>`${searchFacetVector} @@ ${tsq}`);
    const inWindow = (before ? matching.where('cases.created_at', '<', before) : matching)
      .select(['cases.id as id', 'cases.created_at as created_at'])
      .offset(0);
    const rows = await db
      .selectFrom(inWindow.as('w'))
      .select('w.id')
      .orderBy('w.created_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(limit - found.length)
      .execute();
    for (const row of rows) found.push(row.id);
  }
  return found;
}
