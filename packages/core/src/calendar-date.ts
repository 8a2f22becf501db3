/**
 * Plain calendar dates (`YYYY-MM-DD`) and China time. Mainland China keeps UTC+08:00 all
 * year (no daylight saving since 1991), so China time is a fixed offset and needs no
 * time-zone database.
 */
import { AppError } from './errors';

/** A calendar date written `YYYY-MM-DD`, without a time or zone. */
export type CalendarDate = string;

/** The only time zone the working-day rules are defined for. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Throws `CALENDAR_INVALID` unless `value` is a real `YYYY-MM-DD` date. */
export function assertCalendarDate(value: string, path = 'date'): CalendarDate {
  if (!isCalendarDate(value)) {
    throw new AppError('CALENDAR_INVALID', { details: [{ path, code: 'invalid_date', message: `not a YYYY-MM-DD date: ${value}` }] });
  }
  return value;
}

function utcMidnight(date: CalendarDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new AppError('CALENDAR_INVALID', { details: [{ path: 'date', code: 'invalid_date', message: `not a YYYY-MM-DD date: ${date}` }] });
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtcMidnight(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses an ISO instant (or takes a Date); throws `VALIDATION_FAILED` for anything unreadable. */
export function toInstant(value: Date | string): Date {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime()))
    throw new AppError('VALIDATION_FAILED', { details: [{ path: 'at', code: 'invalid_date', message: `not an instant: ${String(value)}` }] });
  return d;
}

/** The calendar date in China on which `instant` falls. */
export function chinaDateOf(instant: Date | string): CalendarDate {
  return fromUtcMidnight(Math.floor((toInstant(instant).getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** The first instant (00:00:00.000 China time) of `date`. */
export function startOfChinaDay(date: CalendarDate): Date {
  return new Date(utcMidnight(date) - CHINA_OFFSET_MS);
}

/** The last instant (23:59:59.999 China time) of `date`. */
export function endOfChinaDay(date: CalendarDate): Date {
  return new Date(utcMidnight(date) - CHINA_OFFSET_MS + DAY_MS - 1);
}

/** `date` moved by `days` calendar days (negative goes back). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/** Day of the week of `date`: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function calendarDaysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY_MS);
}

/** The year of a `YYYY-MM-DD` date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** Accepts a `YYYY-MM-DD` date as is, or converts an instant to its China date. */
export function toChinaDate(value: Date | string): CalendarDate {
  if (typeof value === 'string' && DATE_RE.test(value)) return assertCalendarDate(value);
  return chinaDateOf(value);
}

/** An ISO-8601 instant with a time and an offset or `Z` (what the API and the database carry). */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * An instant as people here read it, China time to the minute: 2026-12-29T15:59:59.999Z →
 * `2026-12-29 23:59`. Every mail, SMS, digest and generated file uses this; the API keeps ISO.
 * '' for nothing; text that is not an instant comes back unchanged.
 */
export function formatChinaDateTime(instant: Date | string | null | undefined): string {
  if (instant === null || instant === undefined || instant === '') return '';
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) return typeof instant === 'string' ? instant : '';
  // Shifted by the fixed offset, the UTC fields are China's wall clock.
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A cell or text that is exactly an ISO instant becomes `2026-12-29 23:59`; anything else stays. */
export function chinaTimeIfInstant<T>(value: T): T | string {
  return typeof value === 'string' && ISO_INSTANT.test(value) ? formatChinaDateTime(value) : value;
}
