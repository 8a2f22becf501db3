/**
 * Reads an iCalendar (RFC 5545) file of holidays into calendar overrides, for the admin
 * import on the calendar page (e.g. the State Council schedule as published by
 * chinese-days or a government calendar feed).
 *
 * Each VEVENT with an all-day DTSTART (`DTSTART;VALUE=DATE:20251001`) gives one override
 * per day from DTSTART up to, not including, DTEND (one day when DTEND is missing). An
 * event whose SUMMARY contains 班, 补班, 上班 or "workday" / "work day" is a make-up workday;
 * any other event is a holiday. A date-time DTSTART counts for its date in China time.
 */
import { addCalendarDays, assertCalendarDate, calendarDaysBetween, chinaDateOf, type CalendarDate } from './calendar-date';
import { AppError, type ErrorDetail } from './errors';
import type { CalendarOverride } from './working-calendar';

/** Words in a SUMMARY that mark a make-up working day. */
const WORKDAY_RE = /班|work\s?day/i;
/** Longest event accepted, in days; longer ones are almost certainly mistakes. */
const MAX_EVENT_DAYS = 31;

/** Unfolds RFC 5545 continuation lines (a line starting with a space or tab continues the previous one). */
function unfold(text: string): { line: string; lineNo: number }[] {
  const out: { line: string; lineNo: number }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, i) => {
      const last = out[out.length - 1];
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.line += raw.slice(1);
      else out.push({ line: raw, lineNo: i + 1 });
    });
  return out;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Reads `20251001` or `20251001T120000[Z]` as a China calendar date. */
function icsDate(value: string): CalendarDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  try {
    assertCalendarDate(date);
  } catch {
    return null;
  }
  if (m[7] === 'Z') return chinaDateOf(`${date}T${m[4]}:${m[5]}:${m[6]}Z`);
  return date;
}

/**
 * The overrides described by an ICS file, in file order. Throws `CALENDAR_INVALID` with a
 * detail per bad event (path `line.N`) when the text is not a calendar, has no events, or
 * has an event without a readable date.
 */
export function parseIcsOverrides(text: string): CalendarOverride[] {
  const lines = unfold(text);
  if (!lines.some((l) => l.line.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    throw new AppError('CALENDAR_INVALID', { message: 'Not an iCalendar file (no BEGIN:VCALENDAR).' });
  }
  const overrides: CalendarOverride[] = [];
  const problems: ErrorDetail[] = [];
  let event: { lineNo: number; start?: string; end?: string; summary?: string } | null = null;
  let events = 0;

  for (const { line, lineNo } of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const name = head.split(';')[0].trim().toUpperCase();
    if (name === 'BEGIN' && value.trim().toUpperCase() === 'VEVENT') {
      event = { lineNo };
      continue;
    }
    if (!event) continue;
    if (name === 'DTSTART') event.start = value;
    else if (name === 'DTEND') event.end = value;
    else if (name === 'SUMMARY') event.summary = unescapeText(value).trim();
    else if (name === 'END' && value.trim().toUpperCase() === 'VEVENT') {
      events++;
      const path = `line.${event.lineNo}`;
      const start = event.start === undefined ? null : icsDate(event.start);
      const endExclusive = event.end === undefined ? null : icsDate(event.end);
      if (!start) {
        problems.push({ path, code: 'invalid_date', message: `event without a readable DTSTART: ${event.start ?? '(missing)'}` });
      } else if (event.end !== undefined && (!endExclusive || endExclusive <= start)) {
        problems.push({ path, code: 'invalid_date', message: `DTEND must be a date after DTSTART: ${event.end}` });
      } else {
        const days = endExclusive ? calendarDaysBetween(start, endExclusive) : 1;
        if (days > MAX_EVENT_DAYS) {
          problems.push({ path, code: 'too_big', message: `event spans ${days} days (at most ${MAX_EVENT_DAYS})` });
        } else {
          const summary = event.summary ?? '';
          const kind = WORKDAY_RE.test(summary) ? 'workday' : 'holiday';
          for (let i = 0; i < days; i++) overrides.push({ date: addCalendarDays(start, i), kind, ...(summary ? { note: summary } : {}) });
        }
      }
      event = null;
    }
  }
  if (problems.length > 0) throw new AppError('CALENDAR_INVALID', { message: 'Some events in the calendar file could not be read.', details: problems });
  if (events === 0) throw new AppError('CALENDAR_INVALID', { message: 'The calendar file has no events.' });
  return overrides;
}
