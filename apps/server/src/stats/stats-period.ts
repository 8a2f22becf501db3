/**
 * Periods of the statistics: the case list's reading of `from`/`to` (a date is a whole
 * China-time day, `to` inclusive).
 */
import type { StatsRange } from '@lianxin/storage';

const DAY_MS = 86_400_000;

/** A `from`/`to` query value as an instant; a bare date means the start (or, for `to`, the end) of that China-time day. */
export function periodBound(value: string | undefined, end: boolean): string | undefined {
  if (!value) return undefined;
  if (value.length === 10) return new Date(new Date(`${value}T00:00:00+08:00`).getTime() + (end ? DAY_MS : 0)).toISOString();
  return new Date(value).toISOString();
}

/** Days in a closed period (for choosing day or month trends). */
export function periodDays(range: StatsRange): number | null {
  if (!range.from || !range.to) return null;
  return (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS;
}
