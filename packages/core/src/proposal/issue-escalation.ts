/**
 * Escalation of issue-list items past their deadline (限时销号): a pure rule on the
 * working-day calendar. Step 1 (notice): the item is overdue — its owning department and the
 * office are told. Step 2 (escalated): it is `afterWorkdays` working days overdue — it goes
 * to the supervising leader and is marked escalated. A job applies each step once.
 */
import type { WorkingCalendar } from '../working-calendar';

/** 0 on time, 1 overdue (notice), 2 escalated to the leader. */
export type IssueEscalationStep = 0 | 1 | 2;

/** The step an open item has reached at `now`. */
export function issueEscalationStep(dueAt: string, now: Date, calendar: WorkingCalendar, afterWorkdays: number): IssueEscalationStep {
  if (now.getTime() <= Date.parse(dueAt)) return 0;
  // Working days after the due day up to and including today (China time): a Friday deadline is 1 day over on Monday.
  return calendar.workdaysBetween(new Date(dueAt), now) >= afterWorkdays ? 2 : 1;
}
