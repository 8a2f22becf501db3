/**
 * Month-based time limits of proposals on the working calendar, and the answer clock's
 * traffic light. "Within three months of assignment" ends on the same day of the month
 * three months later (the month's last day when it has no such day); when that day is
 * not a working day the limit runs to the end of the next working day (期间届满日为节假日的，
 * 顺延至节假日后的第一个工作日).
 */
import { chinaDateOf, endOfChinaDay, startOfChinaDay, toInstant, type CalendarDate } from '../calendar-date';
import type { WorkingCalendar } from '../working-calendar';
import type { ProposalSnapshot } from './proposal-model';

/** The calendar date `months` after `date`, clamped to the end of a shorter month. */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** End (23:59:59.999 China time) of the limit of `months` months from `start`, rolled to a working day. */
export function monthsDeadline(start: Date | string, months: number, calendar: WorkingCalendar): string {
  const due = addCalendarMonths(chinaDateOf(toInstant(start)), months);
  return endOfChinaDay(calendar.workdayOnOrAfter(due)).toISOString();
}

/** Traffic light of the answer clock. */
export type ProposalClockState = 'normal' | 'warning' | 'overdue';

/** The answer clock runs while the proposal is assigned (and for the follow-up nothing runs). */
export function answerClock(
  p: Pick<ProposalSnapshot, 'status' | 'deadlines'>,
  now: Date,
  calendar: WorkingCalendar,
  warningWorkdays: number,
): ProposalClockState | null {
  if (p.status !== 'assigned' || !p.deadlines.answer) return null;
  const end = toInstant(p.deadlines.answer);
  if (now.getTime() > end.getTime()) return 'overdue';
  if (warningWorkdays <= 0) return 'normal';
  const firstWarningDay = calendar.subtractWorkdaysFromDate(chinaDateOf(end), warningWorkdays - 1);
  return now.getTime() >= startOfChinaDay(firstWarningDay).getTime() ? 'warning' : 'normal';
}

/** When the reminder before the answer deadline is due (start of the first warning day). */
export function reminderAt(deadline: string, calendar: WorkingCalendar, warningWorkdays: number): string {
  const day = calendar.subtractWorkdaysFromDate(chinaDateOf(toInstant(deadline)), Math.max(0, warningWorkdays - 1));
  return startOfChinaDay(day).toISOString();
}
