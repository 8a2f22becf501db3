/**
 * The roll-up as migration 0009_stats created it (axes `all`, `category`, `department`,
 * `channel` with one `key`), frozen so that the migration builds the same schema on every
 * fresh database; migration 0013_read_paths replaces it with the layout in stats-measures.ts.
 */
import { measureSql, STATS_MEASURES } from './stats-measures';

/** Columns identifying a roll-up row. */
const STATS_KEYS = ['grain', 'axis', 'period', 'unit_path', 'unit_id', 'key'] as const;

/**
 * One statement adding the figures of case rows (`NEW` with sign 1, `OLD` with sign -1) to the
 * roll-up: each row counts under 3 grains × 4 axes. Rows are summed per key first (an update
 * that leaves a bucket unchanged writes nothing there) and written in key order, so concurrent
 * writers lock buckets in the same order.
 */
export function rollupUpsertSql0009(rows: Array<{ r: string; sign: 1 | -1 }>, time: { day: (ts: string) => string }): string {
  const parts = rows.map(({ r, sign }) => {
    const m = measureSql(r, time.day);
    const day = time.day(`${r}.created_at`);
    const grains = `(SELECT 'y' AS grain, substr(${day}, 1, 4) AS period UNION ALL SELECT 'm', substr(${day}, 1, 7) UNION ALL SELECT 'd', ${day})`;
    const axes = `(SELECT 'all' AS axis, '' AS key UNION ALL SELECT 'category', ${topCategorySql(r)} UNION ALL SELECT 'department', coalesce(${r}.department_id, '') UNION ALL SELECT 'channel', ${r}.channel)`;
    return `SELECT g.grain, a.axis, g.period, coalesce(${r}.unit_path, '') AS unit_path, coalesce(${r}.unit_id, '') AS unit_id, a.key,
      ${STATS_MEASURES.map((name) => `${sign} * ${m[name]} AS ${name}`).join(', ')} FROM ${grains} g CROSS JOIN ${axes} a`;
  });
  return `INSERT INTO case_stats (${[...STATS_KEYS, ...STATS_MEASURES].join(', ')})
    SELECT ${STATS_KEYS.join(', ')}, ${STATS_MEASURES.map((name) => `sum(${name})`).join(', ')}
    FROM (${parts.join(' UNION ALL ')}) x WHERE 1 = 1
    GROUP BY ${STATS_KEYS.join(', ')} HAVING ${STATS_MEASURES.map((name) => `sum(${name}) <> 0`).join(' OR ')}
    ORDER BY ${STATS_KEYS.join(', ')}
    ON CONFLICT (${STATS_KEYS.join(', ')}) DO UPDATE SET ${STATS_MEASURES.map((name) => `${name} = case_stats.${name} + excluded.${name}`).join(', ')}`;
}

/**
 * The category axis keys a case by its top-level category (a two-level tree: a child counts
 * under its parent), which keeps the roll-up small; filters on a child category are answered
 * from the cases.
 */
function topCategorySql(r: string): string {
  return `coalesce((SELECT parent.parent_id FROM categories parent WHERE parent.id = ${r}.category_id), ${r}.category_id, '')`;
}

/** The roll-up table (same on both engines; clustered by its key on SQLite). */
export function rollupTableSql0009(withoutRowid = false): string {
  return `CREATE TABLE case_stats (
    grain TEXT NOT NULL, axis TEXT NOT NULL, period TEXT NOT NULL, unit_path TEXT NOT NULL, unit_id TEXT NOT NULL, key TEXT NOT NULL,
    ${STATS_MEASURES.map((name) => `${name} INTEGER NOT NULL DEFAULT 0`).join(', ')},
    PRIMARY KEY (${STATS_KEYS.join(', ')})
  )${withoutRowid ? ' WITHOUT ROWID' : ''}`;
}

/** Fills the (empty) roll-up from the cases already stored. */
export function rollupBackfillSql0009(time: { day: (ts: string) => string }): string {
  const m = measureSql('c', time.day);
  const day = time.day('c.created_at');
  const grains: Array<[string, string]> = [
    ['y', `substr(${day}, 1, 4)`],
    ['m', `substr(${day}, 1, 7)`],
    ['d', day],
  ];
  const axes: Array<[string, string]> = [
    ['all', `''`],
    ['category', topCategorySql('c')],
    ['department', `coalesce(c.department_id, '')`],
    ['channel', 'c.channel'],
  ];
  const parts = grains.flatMap(([grain, period]) =>
    axes.map(
      ([axis, key]) =>
        `SELECT '${grain}' AS grain, '${axis}' AS axis, ${period} AS period, coalesce(c.unit_path, '') AS unit_path, coalesce(c.unit_id, '') AS unit_id, ${key} AS key,
        ${STATS_MEASURES.map((name) => `${m[name]} AS ${name}`).join(', ')} FROM cases c`,
    ),
  );
  return `INSERT INTO case_stats (${[...STATS_KEYS, ...STATS_MEASURES].join(', ')})
    SELECT ${STATS_KEYS.join(', ')}, ${STATS_MEASURES.map((name) => `sum(${name})`).join(', ')}
    FROM (${parts.join(' UNION ALL ')}) x GROUP BY ${STATS_KEYS.join(', ')}`;
}
