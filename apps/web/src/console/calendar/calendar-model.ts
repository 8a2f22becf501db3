/**
 * Pure helpers of the calendar page: the shapes of the calendar API, the month grids of a
 * year, and edits of the override list (the API replaces the whole list at once).
 */
import type { CalendarOverride, CalendarOverrideList, SpecialDay } from '@lianxin/contracts';

export type { CalendarCoverage, CalendarOverride, CalendarWarning, CalendarYear, SpecialDay } from '@lianxin/contracts';

/** What kind of day a date is. */
export type DayKind = SpecialDay['kind'];

/** Which rule decided a day. */
export type DaySource = SpecialDay['source'];

/** `GET /api/v1/calendar/overrides`. */
export type OverrideList = CalendarOverrideList;

/** Years the API accepts. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Longest note the API accepts. */
export const NOTE_MAX = 100;

/** One cell of a month grid. */
export interface GridDay {
  date: string;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  kind: DayKind;
  workday: boolean;
  source: DaySource;
  name?: string;
}

/** A month: its weeks, Monday first, `null` for the days of the neighbouring months. */
export interface MonthGrid {
  month: number;
  weeks: (GridDay | null)[][];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a year, month (1–12) and day. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Day of the week of a calendar date (0 = Sunday), independent of the browser's zone. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The twelve month grids of `year`; days not in `specialDays` are plain weekdays or weekends. */
export function buildYearGrid(year: number, specialDays: readonly SpecialDay[]): MonthGrid[] {
  const special = new Map(specialDays.map((d) => [d.date, d]));
  const months: MonthGrid[] = [];
  for (let month = 1; month <= 12; month++) {
    const weeks: (GridDay | null)[][] = [];
    let week: (GridDay | null)[] = [];
    const lead = (weekdayOf(isoDate(year, month, 1)) + 6) % 7;
    for (let i = 0; i < lead; i++) week.push(null);
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const date = isoDate(year, month, day);
      const weekday = weekdayOf(date);
      const known = special.get(date);
      const weekend = weekday === 0 || weekday === 6;
      week.push(
        known
          ? { date, day, weekday, kind: known.kind, workday: known.workday, source: known.source, ...(known.name ? { name: known.name } : {}) }
          : { date, day, weekday, kind: weekend ? 'weekend' : 'workday', workday: !weekend, source: 'weekday' },
      );
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length > 0) {
      while (week.length < 7) week.push(null);
      weeks.push(week);
    }
    months.push({ month, weeks });
  }
  return months;
}

/** Counts of the year's days by what they are, for the summary line. */
export function countDays(months: readonly MonthGrid[]): { workdays: number; holidays: number; makeupWorkdays: number; overrides: number } {
  const counts = { workdays: 0, holidays: 0, makeupWorkdays: 0, overrides: 0 };
  for (const month of months) {
    for (const week of month.weeks) {
      for (const day of week) {
        if (!day) continue;
        if (day.workday) counts.workdays++;
        if (day.kind === 'holiday') counts.holidays++;
        if (day.kind === 'makeup_workday') counts.makeupWorkdays++;
        if (day.source === 'override') counts.overrides++;
      }
    }
  }
  return counts;
}

/** Fit a stored override for sending back (ICS imports may carry notes longer than the API accepts). */
function sendable(o: CalendarOverride): CalendarOverride {
  const note = o.note?.trim().slice(0, NOTE_MAX);
  return { date: o.date, kind: o.kind, ...(note ? { note } : {}) };
}

/** The list with `override` added or replacing the one of the same date, sorted by date. */
export function upsertOverride(list: readonly CalendarOverride[], override: CalendarOverride): CalendarOverride[] {
  return [...list.filter((o) => o.date !== override.date), override].map(sendable).sort((a, b) => a.date.localeCompare(b.date));
}

/** The list without the override of `date`. */
export function removeOverride(list: readonly CalendarOverride[], date: string): CalendarOverride[] {
  return list.filter((o) => o.date !== date).map(sendable);
}

/** The confirmed years with `year` switched on or off. */
export function toggleYear(years: readonly number[], year: number, on: boolean): number[] {
  const rest = years.filter((y) => y !== year);
  return (on ? [...rest, year] : rest).sort((a, b) => a - b);
}

/** The instant a deadline count starts from: 09:00 China time on `date` (only the day matters). */
export function startOfWorkingDay(date: string): string {
  return `${date}T09:00:00+08:00`;
}

/** The China date of an instant (`YYYY-MM-DD`). */
export function chinaDate(instant: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(instant),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
