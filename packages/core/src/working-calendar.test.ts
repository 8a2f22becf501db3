import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, chinaDateOf, chinaTimeIfInstant, endOfChinaDay, formatChinaDateTime } from './calendar-date';
import { isAppError } from './errors';
import { parseIcsOverrides } from './ics-overrides';
import { statutoryHolidays } from './statutory-holidays';
import { createWorkingCalendar } from './working-calendar';

const cal = createWorkingCalendar();

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

describe('calendar dates in China time', () => {
  it('an instant late in the UTC day is the next day in China', () => {
    expect(chinaDateOf('2025-09-30T16:00:00Z')).toBe('2025-10-01');
    expect(chinaDateOf('2025-09-30T15:59:59.999Z')).toBe('2025-09-30');
    expect(endOfChinaDay('2025-10-09').toISOString()).toBe('2025-10-09T15:59:59.999Z');
  });
});

describe('2025 National Day and Mid-Autumn (library data)', () => {
  it('Oct 1–8 are holidays', () => {
    for (const d of days('2025-10-01', '2025-10-08')) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.day('2025-10-06')).toMatchObject({ kind: 'holiday', name: '中秋', source: 'library' });
  });
  it('Sunday Sep 28 and Saturday Oct 11 are make-up workdays', () => {
    expect(cal.day('2025-09-28')).toMatchObject({ workday: true, kind: 'makeup_workday', source: 'library' });
    expect(cal.day('2025-10-11')).toMatchObject({ workday: true, kind: 'makeup_workday' });
    expect(cal.isWorkday('2025-10-12')).toBe(false);
    expect(cal.isWorkday('2025-10-09')).toBe(true);
  });
  it('a 1-day limit from Saturday Sep 27 ends on Monday Sep 29: the Sunday make-up day is the start day', () => {
    expect(cal.addWorkdays('2025-09-27T02:00:00Z', 1)).toBe('2025-09-29T15:59:59.999Z');
  });
  it('a 1-day limit from Friday Sep 26 ends on the make-up Sunday Sep 28', () => {
    expect(cal.addWorkdays('2025-09-26T02:00:00Z', 1)).toBe('2025-09-28T15:59:59.999Z');
  });
  it('a 3-day limit from Tuesday Sep 30 runs across the holiday', () => {
    // Working days after Sep 30: Oct 9, Oct 10, Oct 11 (make-up Saturday).
    expect(cal.addWorkdays('2025-09-30T01:00:00Z', 3)).toBe('2025-10-11T15:59:59.999Z');
  });
  it('a submission during the holiday starts counting on Oct 9', () => {
    expect(cal.addWorkdays('2025-10-03T04:00:00Z', 1)).toBe('2025-10-10T15:59:59.999Z');
    expect(cal.addWorkdays('2025-10-03T04:00:00Z', 0)).toBe('2025-10-09T15:59:59.999Z');
  });
  it('the China date decides, not the UTC date: 2025-09-30T17:00Z is already Oct 1 in China', () => {
    expect(cal.addWorkdays('2025-09-30T17:00:00Z', 1)).toBe('2025-10-10T15:59:59.999Z');
  });
});

describe('2026 Spring Festival (official schedule: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked)', () => {
  it('Feb 15–23 are holidays', () => {
    for (const d of days('2026-02-15', '2026-02-23')) expect(cal.isWorkday(d), d).toBe(false);
  });
  it('Saturdays Feb 14 and Feb 28 are make-up workdays', () => {
    expect(cal.day('2026-02-14')).toMatchObject({ workday: true, kind: 'makeup_workday' });
    expect(cal.day('2026-02-28')).toMatchObject({ workday: true, kind: 'makeup_workday' });
  });
  it('a 5-day limit from Thursday Feb 12 ends on Thursday Feb 26', () => {
    // Feb 13 (Fri), Feb 14 (make-up Sat), Feb 24, Feb 25, Feb 26.
    expect(cal.addWorkdays('2026-02-12T03:00:00Z', 5)).toBe('2026-02-26T15:59:59.999Z');
  });
  it('coverage is the library and no warning is raised', () => {
    expect(cal.coverage(2026)).toBe('library');
    expect(cal.warnings([2025, 2026])).toEqual([]);
  });
});

describe('years the data does not cover', () => {
  it('2040 falls back to the statutory holidays and is flagged', () => {
    expect(cal.coverage(2040)).toBe('fallback');
    const warnings = cal.warnings([2026, 2040, 2040]);
    expect(warnings.map((w) => [w.year, w.code])).toEqual([[2040, 'CALENDAR_FALLBACK']]);
  });
  it('Jan 1, May 1–2 and Oct 1–3 are never workdays in any fallback year', () => {
    for (let year = 2027; year <= 2150; year++) {
      for (const md of ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']) {
        expect(cal.isWorkday(`${year}-${md}`), `${year}-${md}`).toBe(false);
      }
    }
  });
  it('2040 Spring Festival (正月初一 Feb 12) is off from 除夕 Feb 11 to 初三 Feb 14, and Qingming, Duanwu, Mid-Autumn too', () => {
    for (const d of ['2040-02-11', '2040-02-12', '2040-02-13', '2040-02-14']) expect(cal.day(d), d).toMatchObject({ workday: false, name: '春节' });
    expect(cal.day('2040-04-04')).toMatchObject({ workday: false, name: '清明' });
    expect(cal.day('2040-06-14')).toMatchObject({ workday: false, name: '端午' });
    expect(cal.day('2040-09-20')).toMatchObject({ workday: false, name: '中秋' });
    expect(cal.isWorkday('2040-02-15')).toBe(true); // Wednesday after the festival
  });
  it('the lunar table agrees with the official schedules 2020–2026: every statutory day is a holiday there', () => {
    for (let year = 2020; year <= 2026; year++) {
      for (const h of statutoryHolidays(year)) {
        // 除夕 and 劳动节 day 2 became statutory only in 2025.
        if (year < 2025 && (h.date.endsWith('-05-02') || h.name === '春节')) continue;
        expect(cal.day(h.date), `${h.date} ${h.name}`).toMatchObject({ workday: false, source: 'library' });
      }
      const springFestival = statutoryHolidays(year).filter((h) => h.name === '春节');
      for (const h of springFestival.slice(1)) expect(cal.isWorkday(h.date), h.date).toBe(false);
    }
  });
  it('beyond the lunar table only fixed dates are known and admins are told', () => {
    expect(statutoryHolidays(2101).map((h) => h.name)).toEqual(['元旦', '劳动节', '劳动节', '国庆节', '国庆节', '国庆节']);
    expect(cal.warnings([2101]).map((w) => w.code)).toEqual(['CALENDAR_FALLBACK', 'CALENDAR_LUNAR_UNKNOWN']);
  });
  it('a year an admin has confirmed is not flagged but keeps the statutory holidays', () => {
    const confirmed = createWorkingCalendar({ confirmedYears: [2027], overrides: [{ date: '2027-02-20', kind: 'workday' }] });
    expect(confirmed.coverage(2027)).toBe('confirmed');
    expect(confirmed.warnings([2027])).toEqual([]);
    expect(confirmed.isWorkday('2027-10-01')).toBe(false);
    expect(confirmed.isWorkday('2027-02-20')).toBe(true); // a Saturday made a workday
  });
});

describe('admin overrides win over every other source', () => {
  const withOverrides = createWorkingCalendar({
    overrides: [
      { date: '2025-10-08', kind: 'workday', note: '本地调整' },
      { date: '2025-09-28', kind: 'holiday' },
      { date: '2040-10-01', kind: 'workday', note: '示例' },
      { date: '2025-11-05', kind: 'holiday', note: '先' },
      { date: '2025-11-05', kind: 'workday', note: '后' },
    ],
  });
  it('over library holidays and make-up workdays', () => {
    expect(withOverrides.day('2025-10-08')).toMatchObject({ workday: true, source: 'override', name: '本地调整' });
    expect(withOverrides.day('2025-09-28')).toMatchObject({ workday: false, kind: 'holiday', source: 'override' });
  });
  it('over the statutory fallback (explicitly, never silently)', () => {
    expect(withOverrides.day('2040-10-01')).toMatchObject({ workday: true, source: 'override' });
  });
  it('the later of two overrides for one date wins', () => {
    expect(withOverrides.day('2025-11-05')).toMatchObject({ workday: true, name: '后' });
  });
  it('deadlines follow the overrides', () => {
    expect(withOverrides.addWorkdays('2025-09-30T01:00:00Z', 1)).toBe('2025-10-08T15:59:59.999Z');
  });
  it('rejects a malformed override', () => {
    expect(() => createWorkingCalendar({ overrides: [{ date: '2025-02-30', kind: 'holiday' }] })).toThrowError(
      expect.objectContaining({ code: 'CALENDAR_INVALID' }),
    );
  });
});

describe('working-day arithmetic', () => {
  it('counts working days in (a, b], negative backwards', () => {
    // After Fri 2025-09-26: Sun 9-28 (make-up), Mon 9-29, Tue 9-30; Oct 1–8 off; Thu 10-9.
    expect(cal.workdaysBetween('2025-09-26', '2025-10-09')).toBe(4);
    expect(cal.workdaysBetween('2025-10-09', '2025-09-26')).toBe(-4);
    expect(cal.workdaysBetween('2025-10-09', '2025-10-09')).toBe(0);
    expect(cal.workdaysBetween('2025-10-10T01:00:00Z', '2025-10-13T01:00:00Z')).toBe(2); // Sat 10-11 make-up, Mon 10-13
  });
  it('a plain week: Friday + 1 working day is Monday', () => {
    expect(cal.addWorkdays('2025-11-14T10:00:00+08:00', 1)).toBe('2025-11-17T15:59:59.999Z');
    expect(cal.subtractWorkdaysFromDate('2025-11-17', 1)).toBe('2025-11-14');
  });
  it('refuses negative or fractional limits and other time zones', () => {
    expect(() => cal.addWorkdays('2025-11-14T10:00:00Z', -1)).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => cal.addWorkdays('2025-11-14T10:00:00Z', 1.5)).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => cal.addWorkdays('not a date', 1)).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => cal.addWorkdays('2025-11-14T10:00:00Z', 1, 'UTC' as 'Asia/Shanghai')).toThrowError(expect.objectContaining({ code: 'CALENDAR_INVALID' }));
  });
  it('lists the special days of a year for the admin page', () => {
    const special = cal.specialDays(2025).filter((d) => d.date.startsWith('2025-10'));
    expect(special.map((d) => d.date)).toEqual([...days('2025-10-01', '2025-10-08'), '2025-10-11']);
  });
});

describe('ICS import', () => {
  it('reads all-day events: 班 marks make-up workdays, DTEND is exclusive, lines are unfolded', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20271001',
      'DTEND;VALUE=DATE:20271008',
      'SUMMARY:国庆节(休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270926',
      'SUMMARY:国庆节(',
      ' 补班)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20270109',
      'SUMMARY:Make-up workday',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const overrides = parseIcsOverrides(ics);
    expect(overrides.filter((o) => o.kind === 'holiday').map((o) => o.date)).toEqual(days('2027-10-01', '2027-10-07'));
    expect(overrides.filter((o) => o.kind === 'workday')).toEqual([
      { date: '2027-09-26', kind: 'workday', note: '国庆节(补班)' },
      { date: '2027-01-09', kind: 'workday', note: 'Make-up workday' },
    ]);
    const imported = createWorkingCalendar({ overrides, confirmedYears: [2027] });
    expect(imported.isWorkday('2027-09-26')).toBe(true);
    expect(imported.isWorkday('2027-10-07')).toBe(false);
    expect(imported.isWorkday('2027-10-08')).toBe(true);
  });
  it('imports the chinese-days 2025 ICS into the same calendar as the library', () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve('chinese-days/dist/years/2025.ics');
    const overrides = parseIcsOverrides(readFileSync(path, 'utf8'));
    const fromIcs = createWorkingCalendar({ data: { holidays: {}, workdays: {} }, overrides, confirmedYears: [2025] });
    for (const d of days('2025-01-01', '2025-12-31')) expect(fromIcs.isWorkday(d), d).toBe(cal.isWorkday(d));
  });
  it('refuses a file that is not a calendar, or has bad events, naming the line', () => {
    expect(() => parseIcsOverrides('hello')).toThrowError(expect.objectContaining({ code: 'CALENDAR_INVALID' }));
    expect(() => parseIcsOverrides('BEGIN:VCALENDAR\nEND:VCALENDAR')).toThrowError(expect.objectContaining({ code: 'CALENDAR_INVALID' }));
    try {
      parseIcsOverrides('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20271301\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.details).toEqual([expect.objectContaining({ path: 'line.2', code: 'invalid_date' })]);
    }
  });
});

describe('times people read', () => {
  it('are China time to the minute', () => {
    expect(formatChinaDateTime('2026-12-29T15:59:59.999Z')).toBe('2026-12-29 23:59');
    expect(formatChinaDateTime(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01 00:00');
    expect(formatChinaDateTime('2026-03-02T09:00:00+08:00')).toBe('2026-03-02 09:00');
    expect(formatChinaDateTime(null)).toBe('');
    expect(formatChinaDateTime('not a time')).toBe('not a time');
  });

  it('turn exact ISO instants into China time and leave other values alone', () => {
    expect(chinaTimeIfInstant('2026-12-29T15:59:59.999Z')).toBe('2026-12-29 23:59');
    expect(chinaTimeIfInstant('2026-12-29')).toBe('2026-12-29');
    expect(chinaTimeIfInstant('期限 2026-12-29T15:59:59.999Z')).toBe('期限 2026-12-29T15:59:59.999Z');
    expect(chinaTimeIfInstant(42)).toBe(42);
    expect(chinaTimeIfInstant(null)).toBe(null);
  });
});
