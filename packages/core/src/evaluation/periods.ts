/**
 * Evaluation periods: a month (`2026-03`), a quarter (`2026-Q1`) or a year (`2026`), as
 * China calendar dates. Targets scale with the number of months a period spans.
 */
import { AppError } from '../errors';
import { addCalendarDays, endOfChinaDay, startOfChinaDay, type CalendarDate } from '../calendar-date';

/** A parsed period. */
export interface EvaluationPeriod {
  key: string;
  kind: 'month' | 'quarter' | 'year';
  firstDate: CalendarDate;
  lastDate: CalendarDate;
  months: number;
  /** First instant (ISO, UTC) of the period. */
  from: string;
  /** Last instant (ISO, UTC) of the period. */
  to: string;
}

const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The last day of `month` (1-12) in `year`. */
function lastDayOfMonth(year: number, month: number): CalendarDate {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return addCalendarDays(next, -1);
}

/** Parses `YYYY-MM`, `YYYY-Qn` or `YYYY`; anything else is a 400 on `period`. */
export function parsePeriod(key: string): EvaluationPeriod {
  const m = PERIOD_RE.exec(key.trim());
  if (!m) throw new AppError('VALIDATION_FAILED', { details: [{ path: 'period', code: 'invalid_format', message: 'period is YYYY-MM, YYYY-Qn or YYYY' }] });
  const year = Number(m[1]);
  let firstMonth = 1;
  let months = 12;
  let kind: EvaluationPeriod['kind'] = 'year';
  if (m[2]) {
    firstMonth = Number(m[2]);
    months = 1;
    kind = 'month';
  } else if (m[3]) {
    firstMonth = (Number(m[3]) - 1) * 3 + 1;
    months = 3;
    kind = 'quarter';
  }
  const firstDate = `${year}-${pad(firstMonth)}-01`;
  const lastDate = lastDayOfMonth(year, firstMonth + months - 1);
  return {
    key: key.trim(),
    kind,
    firstDate,
    lastDate,
    months,
    from: startOfChinaDay(firstDate).toISOString(),
    to: endOfChinaDay(lastDate).toISOString(),
  };
}

/** The month key (`YYYY-MM`) a China date falls in. */
export function monthKeyOf(date: CalendarDate): string {
  return date.slice(0, 7);
}
