/**
 * Derived signals of a case's clocks: yellow (warning) and red (overdue) per clock, and the
 * next rung of the supervision chain for the scheduler. Nothing here is stored; everything
 * is computed from the snapshot, the time and the calendar.
 *
 * Which clocks run: `accept` while submitted; `sign` and `reply` while assigned; `reply`
 * while in progress. Other states have no running clock (a reopened case waits for staff
 * to assign it again, with the supervision record as its deadline).
 */
import { chinaDateOf, startOfChinaDay, toInstant } from './calendar-date';
import { ESCALATION_LEVELS, type CaseClock, type CaseSnapshot, type EscalationLevel, type WorkflowSettings } from './case-model';
import type { WorkingCalendar } from './working-calendar';

/** Traffic light of one clock. */
export type ClockState = 'normal' | 'warning' | 'overdue';

/** Every clock's light (null when the clock is not running) and the worst of them. */
export interface CaseClockStatus {
  accept: ClockState | null;
  sign: ClockState | null;
  reply: ClockState | null;
  worst: ClockState | null;
}

/** The next step up the supervision chain. */
export interface EscalationStep {
  level: Exclude<EscalationLevel, 'none'>;
  /** `urge` (催办) at the station rung, `supervise` (督办) above it. */
  action: 'urge' | 'supervise';
  clock: CaseClock;
  /** When the step becomes due. */
  at: string;
  /** True when `at` has passed. */
  due: boolean;
}

/** The clocks running for the case's state, with their deadlines, earliest first. */
export function runningClocks(c: CaseSnapshot): { clock: CaseClock; deadline: string }[] {
  const clocks: CaseClock[] = c.status === 'submitted' ? ['accept'] : c.status === 'assigned' ? ['sign', 'reply'] : c.status === 'in_progress' ? ['reply'] : [];
  return clocks
    .map((clock) => ({ clock, deadline: c.deadlines[clock] }))
    .filter((x): x is { clock: CaseClock; deadline: string } => x.deadline !== null)
    .sort((a, b) => toInstant(a.deadline).getTime() - toInstant(b.deadline).getTime());
}

/**
 * The light of one deadline: overdue after it; warning from the start (00:00 China time) of
 * the `warningWorkdays`-th last working day up to it, i.e. once fewer than that many whole
 * working days remain; normal before. `warningWorkdays` 0 never warns.
 */
export function clockState(deadline: string, now: Date, calendar: WorkingCalendar, warningWorkdays = 1): ClockState {
  const end = toInstant(deadline);
  if (now.getTime() > end.getTime()) return 'overdue';
  if (warningWorkdays <= 0) return 'normal';
  const firstWarningDay = calendar.subtractWorkdaysFromDate(chinaDateOf(end), warningWorkdays - 1);
  return now.getTime() >= startOfChinaDay(firstWarningDay).getTime() ? 'warning' : 'normal';
}

const RANK: Record<ClockState, number> = { normal: 0, warning: 1, overdue: 2 };

/** Lights of the case's running clocks at `now`. */
export function clockStatus(
  c: CaseSnapshot,
  now: Date,
  calendar: WorkingCalendar,
  options: Pick<Partial<WorkflowSettings>, 'warningWorkdays'> = {},
): CaseClockStatus {
  const out: CaseClockStatus = { accept: null, sign: null, reply: null, worst: null };
  for (const { clock, deadline } of runningClocks(c)) {
    const state = clockState(deadline, now, calendar, options.warningWorkdays ?? 1);
    out[clock] = state;
    if (out.worst === null || RANK[state] > RANK[out.worst]) out.worst = state;
  }
  return out;
}

/**
 * The next supervision step for the case's most urgent running clock, or null when no clock
 * runs or the top of the chain is reached. The first step (station 催办) is due the moment
 * the clock is overdue; each further rung (general station 督办, then people's congress
 * office 督办) `escalationStepWorkdays` working days after the previous one. A clock other
 * than the one escalated before starts again at the station. The scheduler applies a due
 * step as `transition(case, { type: step.action, level: step.level, note }, system, …)`.
 */
export function nextEscalation(
  c: CaseSnapshot,
  now: Date,
  calendar: WorkingCalendar,
  options: Pick<Partial<WorkflowSettings>, 'escalationStepWorkdays'> = {},
): EscalationStep | null {
  const urgent = runningClocks(c)[0];
  if (!urgent) return null;
  const sameClock = c.escalation.clock === urgent.clock && c.escalation.level !== 'none' && c.escalation.at !== null;
  const current: EscalationLevel = sameClock ? c.escalation.level : 'none';
  const index = ESCALATION_LEVELS.indexOf(current);
  if (index >= ESCALATION_LEVELS.length - 1) return null;
  const level = ESCALATION_LEVELS[index + 1] as Exclude<EscalationLevel, 'none'>;
  const afterDeadline = toInstant(urgent.deadline).getTime() + 1;
  let at = afterDeadline;
  if (sameClock && c.escalation.at) {
    const step = calendar.addWorkdays(c.escalation.at, options.escalationStepWorkdays ?? 1);
    at = Math.max(afterDeadline, toInstant(step).getTime() + 1);
  }
  return { level, action: level === 'station' ? 'urge' : 'supervise', clock: urgent.clock, at: new Date(at).toISOString(), due: now.getTime() >= at };
}
