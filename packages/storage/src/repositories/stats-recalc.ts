/**
 * Handling time in working days after the calendar changed. The roll-up's triggers compute
 * a replied case's working days from `stats_workdays` when the case is written; a holiday
 * or make-up workday declared later changes those ordinals. Moving a day's status shifts
 * the ordinals of that day and every later one, so only cases replied on or after the first
 * changed day can take a different number of working days.
 */
import { rollupBackfillSql } from './stats-measures';

/** The first China-time day whose ordinal differs between `current` and `next`, or null. */
export function firstChangedDay(current: Map<string, number>, next: Array<{ day: string; ordinal: number }>): string | null {
  for (const row of next) if (current.get(row.day) !== row.ordinal) return row.day;
  return null;
}

/** The UTC instant China-time day `day` starts at. */
export function chinaDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
}

/**
 * Largest share of all cases moved through the roll-up's triggers (two trigger runs each);
 * above it the roll-up is rebuilt from all cases in one set-based pass instead. On SQLite a
 * case costs about five times as much through the triggers as in a rebuild (2.4 ms against
 * 0.48 ms per case with 20,000 cases on a loaded 2-core machine:
 * bench/stats/workdays-sync.bench.ts), hence a fifth.
 */
export const RESYNC_BY_TRIGGER_SHARE = 0.2;

/** The statements that fill an emptied roll-up from the cases (the migration's backfill). */
export function rollupRebuildStatements(time: { day: (ts: string) => string }): string[] {
  return [rollupBackfillSql(time)].flat();
}
