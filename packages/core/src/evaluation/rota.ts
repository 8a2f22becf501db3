/**
 * The reception rota (进站接待): rules that put deputies at a station on a weekday every
 * week, or on one date, expanded into dated occurrences. Pure: the server stores the rules
 * and materializes the occurrences inside the publication window.
 */
import { addCalendarDays, calendarDaysBetween, toInstant, weekdayOf, type CalendarDate } from '../calendar-date';

/** How a rule repeats. */
export const RECEPTION_RULE_KINDS = ['weekly', 'once'] as const;
/** A rule kind. */
export type ReceptionRuleKind = (typeof RECEPTION_RULE_KINDS)[number];

/** A rota rule as the expansion needs it. */
export interface ReceptionRuleSpec {
  id: string;
  unitId: string;
  kind: ReceptionRuleKind;
  /** ISO weekday 1 = Monday … 7 = Sunday (weekly rules). */
  weekday: number | null;
  /** The one date (once rules). */
  date: CalendarDate | null;
  startTime: string;
  endTime: string;
  capacity: number;
  deputyIds: string[];
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  active: boolean;
}

/** One dated reception. */
export interface RotaOccurrence {
  ruleId: string;
  unitId: string;
  date: CalendarDate;
  startTime: string;
  endTime: string;
  capacity: number;
  deputyIds: string[];
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekdayOf(date: CalendarDate): number {
  const d = weekdayOf(date);
  return d === 0 ? 7 : d;
}

/** Problems with a rule, as `{ path, code, message }` (empty when valid). */
export function ruleProblems(rule: Omit<ReceptionRuleSpec, 'id' | 'unitId' | 'active'>): Array<{ path: string; code: string; message: string }> {
  const problems: Array<{ path: string; code: string; message: string }> = [];
  if (!TIME_RE.test(rule.startTime)) problems.push({ path: 'startTime', code: 'invalid_format', message: 'HH:MM' });
  if (!TIME_RE.test(rule.endTime)) problems.push({ path: 'endTime', code: 'invalid_format', message: 'HH:MM' });
  if (TIME_RE.test(rule.startTime) && TIME_RE.test(rule.endTime) && rule.startTime >= rule.endTime)
    problems.push({ path: 'endTime', code: 'too_small', message: 'endTime must be after startTime' });
  if (rule.kind === 'weekly' && (rule.weekday === null || !Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7))
    problems.push({ path: 'weekday', code: 'invalid', message: 'weekly rules need a weekday 1 (Monday) … 7 (Sunday)' });
  if (rule.kind === 'once' && !rule.date) problems.push({ path: 'date', code: 'required', message: 'one-off rules need a date' });
  if (rule.validTo && rule.validTo < rule.validFrom) problems.push({ path: 'validTo', code: 'too_small', message: 'validTo is before validFrom' });
  if (!Number.isInteger(rule.capacity) || rule.capacity < 0 || rule.capacity > 500) problems.push({ path: 'capacity', code: 'invalid', message: '0 … 500' });
  if (rule.deputyIds.length === 0) problems.push({ path: 'deputyIds', code: 'too_small', message: 'at least one deputy' });
  return problems;
}

/** Dated occurrences of `rules` between `from` and `to` (inclusive), sorted by date, time and unit. */
export function expandRota(rules: readonly ReceptionRuleSpec[], from: CalendarDate, to: CalendarDate): RotaOccurrence[] {
  const out: RotaOccurrence[] = [];
  const days = calendarDaysBetween(from, to);
  for (const rule of rules) {
    if (!rule.active) continue;
    const occurs = (date: CalendarDate): boolean => date >= rule.validFrom && (!rule.validTo || date <= rule.validTo);
    const push = (date: CalendarDate): void => {
      out.push({
        ruleId: rule.id,
        unitId: rule.unitId,
        date,
        startTime: rule.startTime,
        endTime: rule.endTime,
        capacity: rule.capacity,
        deputyIds: [...rule.deputyIds],
      });
    };
    if (rule.kind === 'once') {
      if (rule.date && rule.date >= from && rule.date <= to && occurs(rule.date)) push(rule.date);
      continue;
    }
    for (let i = 0; i <= days; i++) {
      const date = addCalendarDays(from, i);
      if (isoWeekdayOf(date) === rule.weekday && occurs(date)) push(date);
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.unitId.localeCompare(b.unitId));
}

/** The dates citizens may see: today and the next `daysAhead - 1` days. */
export function publicationWindow(today: CalendarDate, daysAhead: number): { from: CalendarDate; to: CalendarDate } {
  return { from: today, to: addCalendarDays(today, Math.max(daysAhead, 1) - 1) };
}

/**
 * Where a reception stands, derived from what was recorded (nothing stored beside it):
 * `scheduled` (已排班) until it ends; after that `held` (已接待) when a deputy attended — the
 * same rule the evaluation counts a held reception by — `not_held` (未接待) when attendance was
 * recorded and nobody came, `to_record` (待登记) while nothing is recorded; `cancelled` (已取消).
 */
export type ReceptionPhase = 'scheduled' | 'held' | 'not_held' | 'to_record' | 'cancelled';

/** The phase of a reception (date and end time in China time) at `now`. */
export function receptionPhase(
  reception: { status: 'scheduled' | 'cancelled'; date: CalendarDate; endTime: string },
  attendance: ReadonlyArray<{ status: 'attended' | 'absent' | 'excused' }>,
  now: Date,
): ReceptionPhase {
  if (reception.status === 'cancelled') return 'cancelled';
  if (now.getTime() < toInstant(`${reception.date}T${reception.endTime}:00+08:00`).getTime()) return 'scheduled';
  if (attendance.some((a) => a.status === 'attended')) return 'held';
  return attendance.length ? 'not_held' : 'to_record';
}
