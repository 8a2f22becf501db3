/**
 * Facet tokens: the case list's filter values written into a second full-text index on SQLite
 * (`cases_filter_fts`, migration 0016), next to the case's text tokens, so that a search with a
 * filter or a scope asks FTS5 for "text AND facets" — an intersection of posting lists — instead
 * of walking every text match and looking its case up to test the filter (at a million cases a
 * station's staff searching a common word walked ~25,000 matches: 170 ms).
 *
 * A facet token is a private-use character (U+E000), a kind letter and the value without `-`
 * and `_` (unicode61 splits on those). Query tokens can never hold the private-use character
 * (`clean` in case-search keeps letters and digits only), so no text query can match a facet.
 *
 * Facets only narrow: the list still applies every filter in SQL on each match, so a facet need
 * only be implied by its filter. Values a token cannot spell exactly (anything but ASCII letters
 * and digits once `-`/`_` are gone) get no facet on the query side and fall back to the plain walk.
 */

/** The private-use character every facet token starts with (`char(57344)` in SQL). */
export const FACET_MARK = '\uE000';

/** Kind letters of facet tokens. */
const KIND = { status: 's', channel: 'c', category: 'g', department: 'd', deputy: 'p', unit: 'u', month: 'm' } as const;
type FacetKind = keyof typeof KIND;

const strip = (col: string) => `replace(replace(${col}, '-', ''), '_', '')`;
/** The facet mark in SQL: `char` on SQLite, `chr` on PostgreSQL. */
type FacetDialect = 'sqlite' | 'postgres';
const mark = (d: FacetDialect) => (d === 'sqlite' ? 'char(57344)' : 'chr(57344)');
const token = (kind: FacetKind, col: string, d: FacetDialect) => `coalesce(' ' || ${mark(d)} || '${KIND[kind]}' || ${strip(col)}, '')`;

/**
 * SQL for the facet tokens of the case row `r` (`NEW`, or a table alias): status, channel,
 * category, department, both deputies and every segment of the unit path (one token per
 * ancestor unit, so a subtree filter is one token). Starts with a space when not empty.
 */
export function facetTokensSql(r: string, d: FacetDialect = 'sqlite'): string {
  const trimmed = d === 'sqlite' ? `trim(${r}.unit_path, '/')` : `btrim(${r}.unit_path, '/')`;
  const unitSegments = `coalesce(' ' || ${mark(d)} || 'u' || replace(${strip(trimmed)}, '/', ' ' || ${mark(d)} || 'u'), '')`;
  return [
    token('status', `${r}.status`, d),
    token('channel', `${r}.channel`, d),
    token('category', `${r}.category_id`, d),
    token('department', `${r}.department_id`, d),
    token('deputy', `${r}.deputy_id`, d),
    token('deputy', `${r}.target_deputy_id`, d),
    unitSegments,
  ].join(' || ');
}

/**
 * SQLite: the month facet token of the case row `r` (its UTC creation month, as {@link monthFacet}
 * spells it) that `cases_filter_fts` holds after the facets since migration 0041; PostgreSQL's
 * facet vector has the same lexeme ({@link pgFacetVectorSql}). Created_at is ISO-8601 UTC text.
 */
export function sqliteMonthTokenSql(r: string): string {
  return `' ' || char(57344) || 'm' || substr(${r}.created_at, 1, 4) || substr(${r}.created_at, 6, 2)`;
}

/** SQLite: what `cases_filter_fts` holds for the case row `r`: its text tokens, facet tokens and month token. */
export function filterTokensSql(r: string): string {
  return `${r}.search_tokens || ${facetTokensSql(r)} || ${sqliteMonthTokenSql(r)}`;
}

/** Most months a creation period is spelled as month facets; a longer period is not narrowed by month. */
export const MAX_MONTH_FACETS = 13;

/**
 * The month facets of a creation period `[from, to)` (instants): every UTC month it touches, OR-ed —
 * implied by the period, so it only narrows (the list still tests `created_at`). Null for an open
 * or a long period.
 */
export function monthFacets(from: string | undefined, to: string | undefined): string | null {
  if (!from || !to || from >= to) return null;
  const start = new Date(from);
  const end = new Date(Date.parse(to) - 1);
  const months: string[] = [];
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); y * 12 + m <= end.getUTCFullYear() * 12 + end.getUTCMonth(); m === 11 ? ((m = 0), y++) : m++) {
    if (months.length === MAX_MONTH_FACETS) return null;
    months.push(facetPhrase('month', String(y * 100 + m + 1))!);
  }
  return anyOf(months);
}

/** The month facet token of a creation time: the mark, `m` and `yyyymm` (UTC), e.g. `m202602`. */
export function monthFacet(createdAt: Date): string {
  return `${FACET_MARK}m${createdAt.getUTCFullYear() * 100 + createdAt.getUTCMonth() + 1}`;
}

/**
 * PostgreSQL: the tsvector of the facet tokens of the case row `r` plus its creation month
 * ({@link monthFacet}), the expression the index of migration 0018 is built on (the text must
 * stay exactly this for the planner to match the index; the index is built from a frozen copy in
 * migrations/shared/0016_search_facets.ts, and schema-drift.test.ts fails when the two part ways). `array_to_tsvector` takes the tokens as
 * lexemes as they are — the text parser would split the private-use mark off and turn a facet
 * into a word a text query could match.
 */
export function pgFacetVectorSql(r: string): string {
  const utc = `${r}.created_at AT TIME ZONE 'UTC'`;
  const month = `' ' || chr(57344) || 'm' || ((extract(year FROM ${utc}) * 100 + extract(month FROM ${utc}))::integer)::text`;
  return `array_to_tsvector(array_remove(string_to_array(${facetTokensSql(r, 'postgres')} || ${month}, ' '), ''))`;
}

/**
 * A facet expression (FTS5 syntax, from {@link facetPhrase}, {@link anyOf}, {@link allOf}) as
 * `tsquery` input: phrases become quoted lexemes, OR `|` and AND `&`. Facet values are letters
 * and digits only, so the quoting is safe.
 */
export function facetsAsTsQuery(facets: string): string {
  return facets
    .replace(/"([^"]*)"/g, "'$1'")
    .replace(/ OR /g, ' | ')
    .replace(/ AND /g, ' & ');
}

/** The FTS5 phrase of one facet value, or null when a token cannot spell it exactly. */
export function facetPhrase(kind: FacetKind, value: string): string | null {
  const bare = value.replace(/[-_]/g, '');
  return /^[0-9A-Za-z]+$/.test(bare) ? `"${FACET_MARK}${KIND[kind]}${bare}"` : null;
}

/**
 * The phrase every case under a unit-path prefix carries (`unit_path LIKE prefix%`): its last
 * complete segment. Null when the prefix has no complete segment or holds LIKE wildcards.
 */
export function unitPrefixPhrase(prefix: string): string | null {
  if (/[%_]/.test(prefix)) return null;
  const parts = prefix.split('/');
  // Without a trailing slash the last part may be cut short (`/hub/sta`): only whole segments count.
  const complete = parts.slice(0, prefix.endsWith('/') ? parts.length : parts.length - 1).filter(Boolean);
  const last = complete.at(-1);
  return last ? facetPhrase('unit', last) : null;
}

/** OR of phrases; null when any is missing (the group cannot be expressed) or there are none. */
export function anyOf(phrases: ReadonlyArray<string | null>): string | null {
  if (!phrases.length || phrases.some((p) => p === null)) return null;
  return phrases.length === 1 ? phrases[0] : `(${phrases.join(' OR ')})`;
}

/** AND of the groups that could be expressed; null when none could. */
export function allOf(groups: ReadonlyArray<string | null>): string | null {
  const kept = groups.filter((g): g is string => g !== null);
  return kept.length ? kept.join(' AND ') : null;
}
