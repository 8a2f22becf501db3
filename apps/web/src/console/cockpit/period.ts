/** Period presets of the cockpit and the big screen, as China-time dates. */
import type { StatsFilters } from './stats-api';

/** The presets. */
export const PERIODS = ['month', 'last30', 'quarter', 'year', 'all'] as const;
/** One preset. */
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** `from`/`to` of a preset on the day `now` falls on in China. */
export function periodRange(period: Period, now: Date = new Date()): Pick<StatsFilters, 'from' | 'to'> {
  const today = chinaDate(now.getTime());
  switch (period) {
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last30':
      return { from: chinaDate(now.getTime() - 29 * DAY_MS), to: today };
    case 'quarter':
      return { from: chinaDate(now.getTime() - 89 * DAY_MS), to: today };
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'all':
      return {};
  }
}

/** A preset named in the address bar, or the default. */
export function periodOf(value: string | null | undefined, fallback: Period = 'year'): Period {
  return (PERIODS as readonly string[]).includes(value ?? '') ? (value as Period) : fallback;
}
