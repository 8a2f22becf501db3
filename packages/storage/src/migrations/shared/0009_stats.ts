/**
 * Migration 0009, both dialects: the statistics roll-up as it was first laid out (axes `all`,
 * `category`, `department`, `channel` with one `key`), its triggers, and the working-day ordinals.
 * A frozen copy of what `repositories/stats-measures.ts`, `stats-rollup-0009.ts` and
 * `stats-workdays.ts` produced when this migration was written: a migration never imports live
 * repository code, so editing the repositories cannot change what a fresh database gets here.
 * Migration 0013_read_paths replaces the roll-up with the layout the repositories read today.
 * Frozen: a later change is a new migration.
 */
import { createWorkingCalendar } from '@lianxin/core';

/** Ratings that count as satisfied / that a person actually gave; states of accepted and finished cases. */
const ACCEPTED_STATUSES = ['accepted', 'assigned', 'in_progress', 'replied', 'reopened', 'closed', 'converted'];
const FINISHED_STATUSES = ['closed', 'rejected', 'merged', 'converted'];
const SATISFIED_RATINGS = ['satisfied', 'basically_satisfied'];
const GIVEN_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'];

/** Names of the summed measures, in column order. */
export const STATS_MEASURES = ['received', 'accepted', 'closed', 'replied', 'on_time', 'rated', 'satisfied', 'supervised', 'handled', 'handle_days'] as const;
type StatsMeasure = (typeof STATS_MEASURES)[number];

/** Timestamp → China-time day (and month) text, per dialect. */
export interface DayOf {
  day: (ts: string) => string;
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** SQL of every measure over the row alias `r` (`NEW`, `OLD`, or a table alias). */
export function measureSql(r: string, day: (ts: string) => string): Record<StatsMeasure, string> {
  const ordinal = (ts: string) => `(SELECT ordinal FROM stats_workdays WHERE day = ${day(ts)})`;
  const handleDays = `(${ordinal(`${r}.replied_at`)} - ${ordinal(`${r}.created_at`)})`;
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

/** China-time day of a timestamp on SQLite (ISO text). */
export const sqliteTime: DayOf = { day: (ts) => `date(${ts}, '+8 hours')` };

/** China-time day of a timestamp on PostgreSQL (timestamptz); China keeps no summer time. */
export const postgresTime: DayOf = { day: (ts) => `to_char((${ts} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')` };

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
 * The category axis keys a case by its top-level category (a two-level tree: a child counts
 * under its parent).
 */
export function topCategorySql(r: string): string {
  return `coalesce((SELECT parent.parent_id FROM categories parent WHERE parent.id = ${r}.category_id), ${r}.category_id, '')`;
}

/** Columns identifying a roll-up row (this layout). */
const STATS_KEYS = ['grain', 'axis', 'period', 'unit_path', 'unit_id', 'key'] as const;

/** One statement adding the figures of case rows (`NEW` with sign 1, `OLD` with sign -1) to the roll-up. */
export function rollupUpsertSql(rows: Array<{ r: string; sign: 1 | -1 }>, time: DayOf): string {
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

/** The roll-up table (same on both engines; clustered by its key on SQLite). */
export function rollupTableSql(withoutRowid = false): string {
  return `CREATE TABLE case_stats (
    grain TEXT NOT NULL, axis TEXT NOT NULL, period TEXT NOT NULL, unit_path TEXT NOT NULL, unit_id TEXT NOT NULL, key TEXT NOT NULL,
    ${STATS_MEASURES.map((name) => `${name} INTEGER NOT NULL DEFAULT 0`).join(', ')},
    PRIMARY KEY (${STATS_KEYS.join(', ')})
  )${withoutRowid ? ' WITHOUT ROWID' : ''}`;
}

/** Fills the (empty) roll-up from the cases already stored. */
export function rollupBackfillSql(time: DayOf): string {
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

/**
 * Working-day ordinals (day → working days on or before it since 2015-01-01) through 2045. The
 * days come from the statutory calendar of `@lianxin/core` as this build knows it — reference
 * data, not logic: the calendar service re-syncs the table whenever the calendar changes
 * (job `stats.workdays_sync`), so seeding with the newest calendar is what an upgrade would reach anyway.
 */
export function workdayOrdinals(): Array<{ day: string; ordinal: number }> {
  const calendar = createWorkingCalendar();
  const rows: Array<{ day: string; ordinal: number }> = [];
  const end = Date.parse('2045-12-31T00:00:00Z');
  let ordinal = 0;
  for (let t = Date.parse('2015-01-01T00:00:00Z'); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (calendar.isWorkday(day)) ordinal += 1;
    rows.push({ day, ordinal });
  }
  return rows;
}
