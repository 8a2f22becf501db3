/**
 * The working-day calendar every time limit runs on: weekends, Chinese public holidays
 * and 调休 make-up workdays, with admin overrides on top.
 *
 * Where a day's answer comes from, first match wins:
 *   1. an admin override (`holiday` or `workday`);
 *   2. a year covered by the chinese-days data (2004–2026 in 1.5.7): its holidays and
 *      make-up workdays, otherwise Monday–Friday;
 *   3. any other year (coverage `fallback`, or `confirmed` when an admin has declared the
 *      year complete through overrides): the statutory holidays of `statutory-holidays.ts`
 *      are off, otherwise Monday–Friday. Fallback years are reported by `warnings()` so
 *      admins import the State Council schedule; statutory holidays are never workdays.
 *
 * Deadline rule (`addWorkdays`): a time limit of n working days ends at 23:59:59.999 China
 * time on the n-th working day after the start day. The start day itself is not counted
 * (期间开始之日不计入). Something that arrives on a non-working day starts counting from the
 * next working day, which then plays the role of the start day: a 1-day limit for a
 * Saturday submission ends on Tuesday, exactly as for a Monday submission.
 */
import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addCalendarDays, assertCalendarDate, CHINA_TIME_ZONE, endOfChinaDay, toChinaDate, weekdayOf, yearOf, type CalendarDate } from './calendar-date';
import { AppError } from './errors';
import { hasLunarDates, statutoryHolidays } from './statutory-holidays';

/** An admin's correction for one date; it wins over every other source. */
export interface CalendarOverride {
  date: CalendarDate;
  kind: 'holiday' | 'workday';
  note?: string;
}

/** Holiday data in the shape of chinese-days' `chinese-days.json` (date → "English,中文,n"). */
export interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * How well a year is known: `library` from the maintained holiday data, `confirmed` when an
 * admin has entered the year's schedule as overrides and said so, `fallback` when only the
 * statutory holidays are known (调休 unknown; admins are warned).
 */
export type CalendarCoverage = 'library' | 'confirmed' | 'fallback';

/** What kind of day a date is. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

/** Everything the calendar knows about one date. */
export interface CalendarDay {
  date: CalendarDate;
  workday: boolean;
  kind: DayKind;
  /** Holiday name (e.g. `国庆节`) or the override note. */
  name?: string;
  /** Which rule decided: admin override, holiday data, statutory fallback or the weekday. */
  source: 'override' | 'library' | 'statutory' | 'weekday';
}

/** A problem an admin should see on the calendar page. */
export interface CalendarWarning {
  year: number;
  code: 'CALENDAR_FALLBACK' | 'CALENDAR_LUNAR_UNKNOWN';
  message: string;
  messageZh: string;
}

/** Options of `createWorkingCalendar`. */
export interface WorkingCalendarOptions {
  /** Admin overrides; a later entry for the same date wins. */
  overrides?: readonly CalendarOverride[];
  /** Years an admin has declared complete through overrides (no fallback warning). */
  confirmedYears?: readonly number[];
  /** Holiday data; defaults to the chinese-days package. */
  data?: HolidayData;
}

/** Upper bound for a time limit, to stop runaway loops on bad input. */
const MAX_WORKDAYS = 3660;

function holidayName(entry: string): string {
  const parts = entry.split(',');
  return parts[1] ?? parts[0] ?? entry;
}

/** A pure working-day calendar; build one with `createWorkingCalendar`. */
export class WorkingCalendar {
  private readonly overrides = new Map<CalendarDate, CalendarOverride>();
  private readonly confirmed: ReadonlySet<number>;
  private readonly libraryYears: ReadonlySet<number>;
  private readonly statutory = new Map<number, Map<CalendarDate, string>>();

  constructor(
    private readonly data: HolidayData,
    options: Omit<WorkingCalendarOptions, 'data'> = {},
  ) {
    for (const [i, o] of (options.overrides ?? []).entries()) {
      assertCalendarDate(o.date, `overrides.${i}.date`);
      if (o.kind !== 'holiday' && o.kind !== 'workday') {
        throw new AppError('CALENDAR_INVALID', {
          details: [{ path: `overrides.${i}.kind`, code: 'invalid_enum_value', message: 'kind must be holiday or workday' }],
        });
      }
      this.overrides.set(o.date, o);
    }
    this.confirmed = new Set(options.confirmedYears ?? []);
    this.libraryYears = new Set(Object.keys(data.holidays).map((d) => yearOf(d)));
  }

  /** Which source governs `year`. */
  coverage(year: number): CalendarCoverage {
    if (this.libraryYears.has(year)) return 'library';
    if (this.confirmed.has(year)) return 'confirmed';
    return 'fallback';
  }

  /** Warnings for admins about `years` (fallback years, years without lunar dates). */
  warnings(years: Iterable<number>): CalendarWarning[] {
    const out: CalendarWarning[] = [];
    for (const year of [...new Set(years)].sort((a, b) => a - b)) {
      const coverage = this.coverage(year);
      if (coverage === 'library') continue;
      if (coverage === 'fallback') {
        out.push({
          year,
          code: 'CALENDAR_FALLBACK',
          message: `No official holiday schedule for ${year}: only the statutory holidays are off and make-up workdays are unknown. Import the State Council schedule (ICS) or add overrides.`,
          messageZh: `${year} 年尚无官方放假安排：仅按法定节假日放假，调休上班日未知。请导入国务院放假通知（ICS）或手工维护。`,
        });
      }
      if (!hasLunarDates(year)) {
        out.push({
          year,
          code: 'CALENDAR_LUNAR_UNKNOWN',
          message: `The lunar holidays of ${year} (Spring Festival, Qingming, Dragon Boat, Mid-Autumn) are unknown; enter them as overrides.`,
          messageZh: `${year} 年春节、清明、端午、中秋日期未知，请手工添加。`,
        });
      }
    }
    return out;
  }

  private statutoryOf(year: number): Map<CalendarDate, string> {
    let days = this.statutory.get(year);
    if (!days) {
      days = new Map(statutoryHolidays(year).map((h) => [h.date, h.name]));
      this.statutory.set(year, days);
    }
    return days;
  }

  /** What `date` is (a `YYYY-MM-DD` date, or an instant taken in China time). */
  day(date: CalendarDate | Date): CalendarDay {
    const d = toChinaDate(date);
    const override = this.overrides.get(d);
    if (override) {
      const workday = override.kind === 'workday';
      const weekend = weekdayOf(d) === 0 || weekdayOf(d) === 6;
      return {
        date: d,
        workday,
        kind: workday ? (weekend ? 'makeup_workday' : 'workday') : 'holiday',
        ...(override.note ? { name: override.note } : {}),
        source: 'override',
      };
    }
    const year = yearOf(d);
    if (this.coverage(year) === 'library') {
      const holiday = this.data.holidays[d];
      if (holiday !== undefined) return { date: d, workday: false, kind: 'holiday', name: holidayName(holiday), source: 'library' };
      const makeup = this.data.workdays[d];
      if (makeup !== undefined) return { date: d, workday: true, kind: 'makeup_workday', name: holidayName(makeup), source: 'library' };
    } else {
      const name = this.statutoryOf(year).get(d);
      if (name !== undefined) return { date: d, workday: false, kind: 'holiday', name, source: 'statutory' };
    }
    const weekend = weekdayOf(d) === 0 || weekdayOf(d) === 6;
    return { date: d, workday: !weekend, kind: weekend ? 'weekend' : 'workday', source: 'weekday' };
  }

  /** True when `date` is a working day. */
  isWorkday(date: CalendarDate | Date): boolean {
    return this.day(date).workday;
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: CalendarDate | Date): CalendarDate {
    let d = addCalendarDays(toChinaDate(date), 1);
    while (!this.isWorkday(d)) d = addCalendarDays(d, 1);
    return d;
  }

  /** The first working day on or after `date`. */
  workdayOnOrAfter(date: CalendarDate | Date): CalendarDate {
    const d = toChinaDate(date);
    return this.isWorkday(d) ? d : this.nextWorkday(d);
  }

  /** The n-th working day after `date` (the date itself not counted); n = 0 gives `date`. */
  addWorkdaysToDate(date: CalendarDate, n: number): CalendarDate {
    assertWorkdayCount(n);
    let d = toChinaDate(date);
    for (let i = 0; i < n; i++) d = this.nextWorkday(d);
    return d;
  }

  /** The working day `n` working days before `date` (the date itself not counted). */
  subtractWorkdaysFromDate(date: CalendarDate, n: number): CalendarDate {
    assertWorkdayCount(n);
    let d = toChinaDate(date);
    for (let i = 0; i < n; i++) {
      d = addCalendarDays(d, -1);
      while (!this.isWorkday(d)) d = addCalendarDays(d, -1);
    }
    return d;
  }

  /**
   * The deadline of a limit of `n` working days starting at `start`: the end (23:59:59.999
   * China time) of the n-th working day after the start day, as an ISO instant. A start on
   * a non-working day counts from the next working day (see the module comment).
   */
  addWorkdays(start: Date | string, n: number, timeZone: typeof CHINA_TIME_ZONE = CHINA_TIME_ZONE): string {
    if (timeZone !== CHINA_TIME_ZONE) throw new AppError('CALENDAR_INVALID', { message: 'Only Asia/Shanghai is supported.' });
    const effectiveStart = this.workdayOnOrAfter(toChinaDate(start instanceof Date ? start : instantOnly(start)));
    return endOfChinaDay(this.addWorkdaysToDate(effectiveStart, n)).toISOString();
  }

  /**
   * Working days d with a < d ≤ b (dates, or instants taken in China time); negative when
   * b is before a. From a Friday to the next Monday is 1.
   */
  workdaysBetween(a: CalendarDate | Date, b: CalendarDate | Date): number {
    let from = toChinaDate(a);
    let to = toChinaDate(b);
    const sign = from <= to ? 1 : -1;
    if (sign < 0) [from, to] = [to, from];
    let count = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (this.isWorkday(d)) count++;
    return sign * count;
  }

  /** Every day of `year` that differs from a plain Monday–Friday week, for the admin page. */
  specialDays(year: number): CalendarDay[] {
    const out: CalendarDay[] = [];
    for (let d = `${year}-01-01`; yearOf(d) === year; d = addCalendarDays(d, 1)) {
      const day = this.day(d);
      if (day.source !== 'weekday') out.push(day);
    }
    return out;
  }
}

function instantOnly(value: string): string {
  // A bare date is read as the start of that day in China.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
}

function assertWorkdayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'workdays', code: 'invalid_number', message: `working days must be an integer 0–${MAX_WORKDAYS}` }],
    });
  }
}

/** Builds a calendar from the chinese-days data (or `options.data`) and admin overrides. */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const { data, ...rest } = options;
  return new WorkingCalendar(data ?? holidayData, rest);
}
