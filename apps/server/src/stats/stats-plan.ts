/**
 * How a statistics query is answered. A period becomes whole China-time days (cut into
 * whole years, months and remaining days, each a range of roll-up rows) plus the parts of a
 * day at either end (counted from the cases). Filters decide whether the roll-up can serve:
 * it keys units and every combination of top-level category, department and channel, so only a
 * deputy's scope, a scope of a station or a department, and a child category go to the cases.
 */
import type { CategoryRecord, RollupBase, RollupScope, StatsFilter, StatsPiece, StatsRange } from '@lianxin/storage';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The roll-up answers for days in this span; an open-ended period counts the cases outside it directly (there are none in practice). */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-01-01';

/** China-time day (`YYYY-MM-DD`) of an instant. */
export function chinaDay(instant: string): string {
  return new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China-time day starts. */
export function dayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const nextMonthStart = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const nextYearStart = (day: string) => `${Number(day.slice(0, 4)) + 1}-01-01`;

/** A period as whole days `[from, to)` plus partial-day edges. */
export interface DaySplit {
  days: { from: string; to: string } | null;
  edges: StatsRange[];
}

/** Splits `[from, to)` (either may be open) into whole China-time days and the parts of a day around them. */
export function splitDays(range: StatsRange): DaySplit {
  const edges: StatsRange[] = [];
  let from = FIRST_DAY;
  let to = LAST_DAY;
  if (!range.from) edges.push({ to: dayStart(FIRST_DAY) });
  if (!range.to) edges.push({ from: dayStart(LAST_DAY) });
  if (range.from) {
    const day = chinaDay(range.from);
    from = dayStart(day) === range.from ? day : addDays(day, 1);
    if (from !== day) edges.push({ from: range.from, to: dayStart(from) });
  }
  if (range.to) {
    to = chinaDay(range.to);
    if (dayStart(to) !== range.to) edges.push({ from: dayStart(to), to: range.to });
  }
  if (from >= to) return { days: null, edges: [range] };
  return { days: { from, to }, edges };
}

/**
 * Whole days `[from, to)` as inclusive ranges of roll-up periods: whole years (when `years`),
 * whole months (when `months`), and the days left over.
 */
export function periodPieces(from: string, to: string, use: { years: boolean; months: boolean }): StatsPiece[] {
  const pieces: StatsPiece[] = [];
  const push = (grain: StatsPiece['grain'], period: string) => {
    const last = pieces.at(-1);
    if (last?.grain === grain) last.to = period;
    else pieces.push({ grain, from: period, to: period });
  };
  let day = from;
  while (day < to) {
    if (use.years && day.endsWith('-01-01') && nextYearStart(day) <= to) {
      push('y', day.slice(0, 4));
      day = nextYearStart(day);
    } else if (use.months && day.endsWith('-01') && nextMonthStart(day) <= to) {
      push('m', day.slice(0, 7));
      day = nextMonthStart(day);
    } else {
      push('d', day);
      day = addDays(day, 1);
    }
  }
  return pieces;
}

/** The roll-up's view of a filter, or null when only the cases can answer it. */
export interface RollupPlan {
  scope: RollupScope;
  base: RollupBase;
}

/** Plans a query on the roll-up; `categories` gives the children a top-level category counts. */
export function planRollup(filter: StatsFilter, categories: Map<string, CategoryRecord>): RollupPlan | null {
  const v = filter.visibility;
  const unitPaths: string[] = [];
  const pins: RollupBase['pins'] = {};
  const pin = (axis: 'category' | 'department' | 'channel', keys: string[]) => {
    const known = pins[axis];
    pins[axis] = known ? known.filter((k) => keys.includes(k)) : keys;
  };
  if (!v.all) {
    if (v.deputyId || (v.unitPath && v.departmentId)) return null;
    if (v.unitPath) unitPaths.push(v.unitPath);
    else if (v.departmentId) pin('department', [v.departmentId]);
    else return null;
  }
  if (filter.underPath) unitPaths.push(filter.underPath);
  if (filter.categoryId) {
    // The roll-up keys top-level categories (which count their children, as the case list does).
    if (categories.get(filter.categoryId)?.parentId) return null;
    pin('category', [filter.categoryId]);
  }
  if (filter.departmentId) pin('department', [filter.departmentId]);
  if (filter.channel) pin('channel', [filter.channel]);
  return { scope: { unitPaths, unitId: filter.unitId }, base: { pins } };
}
