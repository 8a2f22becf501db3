/**
 * The figures the statistics roll-up keeps per bucket, as SQL over one case row. The
 * same expressions feed the roll-up triggers and the direct queries over `cases`, so both
 * paths count exactly alike (and alike the case list's status filters).
 */

/** States a case reaches only once it has been accepted (rejected, merged and waiting cases are not). */
export const ACCEPTED_STATUSES = ['accepted', 'assigned', 'in_progress', 'replied', 'reopened', 'closed', 'converted'] as const;
/** States in which supervision no longer runs (the case list's `supervised` worklist leaves them out). */
export const FINISHED_STATUSES = ['closed', 'rejected', 'merged', 'converted'] as const;
/** Ratings that count as satisfied. */
export const SATISFIED_RATINGS = ['satisfied', 'basically_satisfied'] as const;
/** Ratings a person actually gave (`none` is the rating window passing). */
export const GIVEN_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

/** Names of the summed measures, in column order. */
export const STATS_MEASURES = ['received', 'accepted', 'closed', 'replied', 'on_time', 'rated', 'satisfied', 'supervised', 'handled', 'handle_days'] as const;
/** One measure name. */
export type StatsMeasure = (typeof STATS_MEASURES)[number];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * SQL of every measure over the row alias `r` (`NEW`, `OLD`, or a table alias).
 * `day` turns a timestamp expression into its China-time `YYYY-MM-DD` text. `ordinals`: columns
 * holding the working-day ordinals of the creation and reply days, when the query joins
 * `stats_workdays` itself ({@link workdayJoins}; each day looked up once per case instead of in
 * every measure that needs it) — the same figures as the lookups written into the measures.
 */
export function measureSql(r: string, day: (ts: string) => string, ordinals?: { created: string; replied: string }): Record<StatsMeasure, string> {
  const ordinal = (ts: string) => `(SELECT ordinal FROM stats_workdays WHERE day = ${day(ts)})`;
  const handleDays = ordinals ? `(${ordinals.replied} - ${ordinals.created})` : `(${ordinal(`${r}.replied_at`)} - ${ordinal(`${r}.created_at`)})`;
  return {
    received: '1',
    accepted: `(CASE WHEN ${r}.status IN (${list(ACCEPTED_STATUSES)}) THEN 1 ELSE 0 END)`,
    closed: `(CASE WHEN ${r}.status = 'closed' THEN 1 ELSE 0 END)`,
    replied: `(CASE WHEN ${r}.replied_at IS NOT NULL THEN 1 ELSE 0 END)`,
    on_time: `(CASE WHEN ${r}.replied_at IS NOT NULL AND (${r}.reply_due_at IS NULL OR ${r}.replied_at <= ${r}.reply_due_at) THEN 1 ELSE 0 END)`,
    rated: `(CASE WHEN ${r}.rating IN (${list(GIVEN_RATINGS)}) THEN 1 ELSE 0 END)`,
    satisfied: `(CASE WHEN ${r}.rating IN (${list(SATISFIED_RATINGS)}) THEN 1 ELSE 0 END)`,
    supervised: `(CASE WHEN ${r}.supervised = 1 AND ${r}.status NOT IN (${list(FINISHED_STATUSES)}) THEN 1 ELSE 0 END)`,
    handled: `(CASE WHEN ${r}.replied_at IS NOT NULL AND ${handleDays} IS NOT NULL THEN 1 ELSE 0 END)`,
    handle_days: `(CASE WHEN ${r}.replied_at IS NOT NULL THEN coalesce(${handleDays}, 0) ELSE 0 END)`,
  };
}

/**
 * The joins that give a direct query over `cases c` the working-day ordinals of each case's
 * creation and reply days (`wc.ordinal`, `wr.ordinal`; null like the lookups when a day is not there).
 */
export function workdayJoins(day: (ts: string) => string): { sql: string; ordinals: { created: string; replied: string } } {
  return {
    sql: `left join stats_workdays wc on wc.day = ${day('c.created_at')} left join stats_workdays wr on wr.day = ${day('c.replied_at')}`,
    ordinals: { created: 'wc.ordinal', replied: 'wr.ordinal' },
  };
}

/** China-time day and month of a timestamp on SQLite (ISO text). */
export const sqliteTime = {
  day: (ts: string) => `date(${ts}, '+8 hours')`,
  month: (ts: string) => `substr(date(${ts}, '+8 hours'), 1, 7)`,
};

/** China-time day and month of a timestamp on PostgreSQL (timestamptz); China keeps no summer time. */
export const postgresTime = {
  day: (ts: string) => `to_char((${ts} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`,
  month: (ts: string) => `to_char((${ts} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`,
};

/** Grains of the roll-up: whole China-time years, months and days. */
export type StatsGrain = 'y' | 'm' | 'd';
/** The axes a case is counted along besides its unit. The category axis holds top-level categories only. */
export type StatsAxis = 'category' | 'department' | 'channel';
/** The roll-up's axes in the order of their key columns, with the letter each contributes to `dims`. */
export const STATS_AXES: ReadonlyArray<{ axis: StatsAxis; letter: string; column: 'category_id' | 'department_id' | 'channel' }> = [
  { axis: 'category', letter: 'c', column: 'category_id' },
  { axis: 'department', letter: 'd', column: 'department_id' },
  { axis: 'channel', letter: 'h', column: 'channel' },
];

/**
 * `dims` of the roll-up rows that keep exactly `axes` (the others are '' in those rows): every
 * subset of the three axes has its own rows (`''`, `c`, `d`, `h`, `cd`, `ch`, `dh`, `cdh`), so any
 * combination of pinned axes and a breakdown along another one reads one set of rows.
 */
export function dimsOf(axes: Iterable<StatsAxis>): string {
  const set = new Set(axes);
  return STATS_AXES.filter((a) => set.has(a.axis))
    .map((a) => a.letter)
    .join('');
}

/** Every `dims` value: the subsets of the axes. */
export const STATS_DIMS: readonly string[] = ['', 'c', 'd', 'h', 'cd', 'ch', 'dh', 'cdh'];

/** Columns identifying a roll-up row. */
export const STATS_KEYS = ['grain', 'dims', 'period', 'unit_path', 'unit_id', 'category_id', 'department_id', 'channel'] as const;

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

/**
 * One statement adding the figures of case rows (`NEW` with sign 1, `OLD` with sign -1) to the
 * roll-up: each row counts under 3 grains × 8 `dims`. Rows are summed per key first (an update
 * that leaves a bucket unchanged writes nothing there) and written in key order, so concurrent
 * writers lock buckets in the same order. The roll-up triggers run exactly this: migrations create
 * them from a frozen copy (migrations/shared/0013_read_paths.ts), and schema-drift.test.ts fails
 * when a migrated database's triggers and this function part ways (then write a migration).
 */
export function rollupUpsertSql(rows: Array<{ r: string; sign: 1 | -1 }>, time: { day: (ts: string) => string }): string {
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

/**
 * The category axis keys a case by its top-level category (a two-level tree: a child counts
 * under its parent), which keeps the roll-up small; filters on a child category are answered
 * from the cases.
 */
function topCategorySql(r: string): string {
  return `coalesce((SELECT parent.parent_id FROM categories parent WHERE parent.id = ${r}.category_id), ${r}.category_id, '')`;
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

/** Columns a case change may move between buckets or figures; other updates leave the roll-up alone. */
export const STATS_SOURCE_COLUMNS = [
  'status',
  'unit_id',
  'unit_path',
  'category_id',
  'department_id',
  'channel',
  'created_at',
  'replied_at',
  'reply_due_at',
  'rating',
  'supervised',
] as const;

/**
 * Fills the (empty) roll-up from the cases already stored, in two statements: the finest rows
 * (days × every axis) from the cases, then every other grain and `dims` summed from those, so
 * the cases are read once.
 */
export function rollupBackfillSql(time: { day: (ts: string) => string }): string[] {
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
