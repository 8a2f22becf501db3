/**
 * Migration 0013, both dialects: the statistics roll-up keyed by every combination of top-level
 * category, department and channel (`dims`), and the indexes of the case list's read paths.
 * A frozen copy of what `repositories/stats-measures.ts` and `read-path-indexes.ts` produced when
 * this migration was written (the measures themselves are 0009's, unchanged): a migration never
 * imports live repository code. The live roll-up code must keep writing what these triggers
 * write; the schema drift tests compare the triggers in a migrated database with it.
 * Frozen: a later change is a new migration.
 */
import { measureSql, STATS_MEASURES, topCategorySql, type DayOf } from './0009_stats';

export { postgresTime, sqliteTime, STATS_SOURCE_COLUMNS } from './0009_stats';

/** Every `dims` value: the subsets of the axes category (c), department (d), channel (h). */
const STATS_DIMS: readonly string[] = ['', 'c', 'd', 'h', 'cd', 'ch', 'dh', 'cdh'];

/** Columns identifying a roll-up row. */
const STATS_KEYS = ['grain', 'dims', 'period', 'unit_path', 'unit_id', 'category_id', 'department_id', 'channel'] as const;

/** `(dims, c, d, h)` rows: which key columns each `dims` keeps (1) or blanks (0). */
const DIMS_MASKS = `(${STATS_DIMS.map(
  (d, i) => `SELECT '${d}'${i ? '' : ' AS dims'}, ${['c', 'd', 'h'].map((l) => `${d.includes(l) ? 1 : 0}${i ? '' : ` AS ${l}`}`).join(', ')}`,
).join(' UNION ALL ')})`;

/** The key columns of a case row `r` (top-level category, department, channel; '' for none). */
function caseKeys(r: string): string {
  return `(SELECT ${topCategorySql(r)} AS c, coalesce(${r}.department_id, '') AS d, coalesce(${r}.channel, '') AS h)`;
}

/** Key columns of a roll-up row of mask `m` from keys `k`. */
const maskedKeys = (k: string, m: string) =>
  `CASE WHEN ${m}.c = 1 THEN ${k}.c ELSE '' END AS category_id, CASE WHEN ${m}.d = 1 THEN ${k}.d ELSE '' END AS department_id, CASE WHEN ${m}.h = 1 THEN ${k}.h ELSE '' END AS channel`;

/** One statement adding the figures of case rows (`NEW` with sign 1, `OLD` with sign -1): 3 grains × 8 `dims`, in key order. */
export function rollupUpsertSql(rows: Array<{ r: string; sign: 1 | -1 }>, time: DayOf): string {
  const parts = rows.map(({ r, sign }) => {
    const m = measureSql(r, time.day);
    const day = time.day(`${r}.created_at`);
    const grains = `(SELECT 'y' AS grain, substr(${day}, 1, 4) AS period UNION ALL SELECT 'm', substr(${day}, 1, 7) UNION ALL SELECT 'd', ${day})`;
    return `SELECT g.grain, m.dims, g.period, coalesce(${r}.unit_path, '') AS unit_path, coalesce(${r}.unit_id, '') AS unit_id, ${maskedKeys('k', 'm')},
      ${STATS_MEASURES.map((name) => `${sign} * ${m[name]} AS ${name}`).join(', ')} FROM ${grains} g CROSS JOIN ${caseKeys(r)} k CROSS JOIN ${DIMS_MASKS} m`;
  });
  return `INSERT INTO case_stats (${[...STATS_KEYS, ...STATS_MEASURES].join(', ')})
    SELECT ${STATS_KEYS.join(', ')}, ${STATS_MEASURES.map((name) => `sum(${name})`).join(', ')}
    FROM (${parts.join(' UNION ALL ')}) x WHERE 1 = 1
    GROUP BY ${STATS_KEYS.join(', ')} HAVING ${STATS_MEASURES.map((name) => `sum(${name}) <> 0`).join(' OR ')}
    ORDER BY ${STATS_KEYS.join(', ')}
    ON CONFLICT (${STATS_KEYS.join(', ')}) DO UPDATE SET ${STATS_MEASURES.map((name) => `${name} = case_stats.${name} + excluded.${name}`).join(', ')}`;
}

/** The roll-up table (same on both engines; clustered by its key on SQLite). */
export function rollupTableSql(withoutRowid = false): string {
  return `CREATE TABLE case_stats (
    grain TEXT NOT NULL, dims TEXT NOT NULL, period TEXT NOT NULL, unit_path TEXT NOT NULL, unit_id TEXT NOT NULL,
    category_id TEXT NOT NULL, department_id TEXT NOT NULL, channel TEXT NOT NULL,
    ${STATS_MEASURES.map((name) => `${name} INTEGER NOT NULL DEFAULT 0`).join(', ')},
    PRIMARY KEY (${STATS_KEYS.join(', ')})
  )${withoutRowid ? ' WITHOUT ROWID' : ''}`;
}

/** Fills the (empty) roll-up from the cases already stored: the finest rows from the cases, then every other grain and `dims` from those. */
export function rollupBackfillSql(time: DayOf): string[] {
  const m = measureSql('c', time.day);
  const columns = [...STATS_KEYS, ...STATS_MEASURES].join(', ');
  const finest = `INSERT INTO case_stats (${columns})
    SELECT 'd', 'cdh', ${time.day('c.created_at')}, coalesce(c.unit_path, ''), coalesce(c.unit_id, ''), ${topCategorySql('c')},
      coalesce(c.department_id, ''), coalesce(c.channel, ''), ${STATS_MEASURES.map((name) => `sum(${m[name]})`).join(', ')}
    FROM cases c GROUP BY 3, 4, 5, 6, 7, 8`;
  const grains = `(SELECT 'y' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'd')`;
  const period = `CASE g.grain WHEN 'y' THEN substr(s.period, 1, 4) WHEN 'm' THEN substr(s.period, 1, 7) ELSE s.period END`;
  const keep = (letter: string, column: string) => `CASE WHEN m.${letter} = 1 THEN s.${column} ELSE '' END`;
  const rest = `INSERT INTO case_stats (${columns})
    SELECT g.grain, m.dims, ${period}, s.unit_path, s.unit_id, ${keep('c', 'category_id')}, ${keep('d', 'department_id')}, ${keep('h', 'channel')},
      ${STATS_MEASURES.map((name) => `sum(s.${name})`).join(', ')}
    FROM case_stats s CROSS JOIN ${grains} g CROSS JOIN ${DIMS_MASKS} m
    WHERE s.grain = 'd' AND s.dims = 'cdh' AND NOT (g.grain = 'd' AND m.dims = 'cdh')
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
  return [finest, rest];
}

/**
 * Indexes of the case list's read paths (same on both engines). The list orders by `created_at`
 * (newest first): each filter the console offers gets an index that leads with it and continues
 * with `created_at`; worklists on rare flags get partial indexes.
 */
export const READ_PATH_INDEXES: readonly string[] = [
  'CREATE INDEX cases_channel_created_idx ON cases(channel, created_at)',
  'CREATE INDEX cases_department_created_idx ON cases(department_id, created_at)',
  'CREATE INDEX cases_target_deputy_idx ON cases(target_deputy_id, created_at)',
  'CREATE INDEX cases_unit_created_idx ON cases(unit_id, created_at)',
  'CREATE INDEX cases_supervised_idx ON cases(created_at) WHERE supervised = 1',
  'CREATE INDEX cases_flagged_idx ON cases(created_at) WHERE spam_score > 0',
];
