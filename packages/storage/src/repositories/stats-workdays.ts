/**
 * Working-day ordinals for the statistics roll-up: day → how many working days fall on
 * or before it since a fixed origin. The handling time of a case in working days is then
 * a subtraction the database can do inside a trigger, without knowing the calendar.
 */
import { createWorkingCalendar, type WorkingCalendar } from '@lianxin/core';

/** First and last day the ordinal table covers (cases outside it have no handling time). */
export const WORKDAY_ORDINAL_RANGE = { first: '2015-01-01', last: '2045-12-31' } as const;

/** One row of `stats_workdays`. */
export interface WorkdayOrdinal {
  day: string;
  ordinal: number;
}

/** Ordinals over the covered range for `calendar` (the statutory calendar by default). */
export function workdayOrdinals(calendar: WorkingCalendar = createWorkingCalendar()): WorkdayOrdinal[] {
  const rows: WorkdayOrdinal[] = [];
  const end = Date.parse(`${WORKDAY_ORDINAL_RANGE.last}T00:00:00Z`);
  let ordinal = 0;
  for (let t = Date.parse(`${WORKDAY_ORDINAL_RANGE.first}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (calendar.isWorkday(day)) ordinal += 1;
    rows.push({ day, ordinal });
  }
  return rows;
}
