/**
 * Facet tokens of a case row as migrations 0016 (SQLite, `cases_filter_fts` and its triggers) and
 * 0018 (PostgreSQL, the GIN expression index) wrote them. A frozen copy of what
 * `repositories/case-facets.ts` produced when they were written: a migration never imports live
 * repository code. The live search must keep using exactly these expressions (a partial or
 * expression index is used only for a query that repeats its text); the schema drift tests
 * compare the live code with what a migrated database holds.
 * Frozen: a later change is a new migration.
 */

const strip = (col: string) => `replace(replace(${col}, '-', ''), '_', '')`;
type FacetDialect = 'sqlite' | 'postgres';
const mark = (d: FacetDialect) => (d === 'sqlite' ? 'char(57344)' : 'chr(57344)');
const token = (kind: string, col: string, d: FacetDialect) => `coalesce(' ' || ${mark(d)} || '${kind}' || ${strip(col)}, '')`;

/** The facet tokens of the case row `r`: status, channel, category, department, both deputies, every unit of the path. */
export function facetTokensSql(r: string, d: FacetDialect = 'sqlite'): string {
  const trimmed = d === 'sqlite' ? `trim(${r}.unit_path, '/')` : `btrim(${r}.unit_path, '/')`;
  const unitSegments = `coalesce(' ' || ${mark(d)} || 'u' || replace(${strip(trimmed)}, '/', ' ' || ${mark(d)} || 'u'), '')`;
  return [
    token('s', `${r}.status`, d),
    token('c', `${r}.channel`, d),
    token('g', `${r}.category_id`, d),
    token('d', `${r}.department_id`, d),
    token('p', `${r}.deputy_id`, d),
    token('p', `${r}.target_deputy_id`, d),
    unitSegments,
  ].join(' || ');
}

/** PostgreSQL: the tsvector of the facet tokens of `r` plus its creation month, as lexemes taken as they are. */
export function pgFacetVectorSql(r: string): string {
  const utc = `${r}.created_at AT TIME ZONE 'UTC'`;
  const month = `' ' || chr(57344) || 'm' || ((extract(year FROM ${utc}) * 100 + extract(month FROM ${utc}))::integer)::text`;
  return `array_to_tsvector(array_remove(string_to_array(${facetTokensSql(r, 'postgres')} || ${month}, ' '), ''))`;
}
