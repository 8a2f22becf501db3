/**
 * The opinion case workflow (DESIGN §2.2) as a pure function:
 *
 *   transition(case, action, actor, now, calendar, settings) → { case, events, effects }
 *
 * The server loads the snapshot, calls `transition`, then in one transaction stores the new
 * snapshot only if the stored version still equals the one it loaded (else 409
 * `CASE_VERSION_CONFLICT`), appends the events (hash-chained, see `event-chain.ts`) and turns
 * the effects into jobs. A refused action throws an `AppError`: `CASE_INVALID_TRANSITION`
 * (422) for the wrong state or a closed window, `PERMISSION_DENIED` (403) for the wrong
 * party, `VALIDATION_FAILED` (400) for a bad payload. Nothing is ever a silent no-op.
 *
 *   submitted ─accept→ accepted ─assign→ assigned ─sign→ in_progress ─reply→ replied
 *   submitted ─reject→ rejected            accepted ─answer_on_site→ replied
 *   assigned | in_progress ─return→ accepted          accepted ─convert→ converted
 *   replied ─rate(satisfied | basically_satisfied)→ closed
 *   replied ─rate(unsatisfied)→ reopened; the first time the case goes straight back to
 *     its handler (event `reassigned`, → assigned) who signed for it before, so the workflow
 *     signs again for them (event `sign` by system:workflow, → in_progress, fresh reply clock);
 *     the second time it stays reopened under supervision (effect `escalate`) until
 *     supervisors assign or close it
 *   replied ─close (system, after the rating window; rating `none`)→ closed
 *   replied | closed | rejected ─reopen→ reopened ─assign | answer_on_site | close→ …
 *     (assigning a reopened case to the handler it had: no second 签收, → in_progress)
 *   any open state ─merge→ merged (a merged case's reporter may still rate the master's reply)
 *   urge, supervise, note and extension requests leave the state as it is.
 */
import { addCalendarDays, chinaDateOf, endOfChinaDay, startOfChinaDay, toInstant } from './calendar-date';
import { caseActorId, caseActorKind, checkCaseAction } from './case-access';
import { runningClocks } from './case-clocks';
import {
  CASE_RATINGS,
  caseHandlerKind,
  ESCALATION_LEVELS,
  resolveWorkflowSettings,
  type CaseAction,
  type CaseActor,
  type CaseEffect,
  type CaseEvent,
  type CaseSnapshot,
  type CaseStatus,
  type CaseTransitionResult,
  type EscalationLevel,
  type WorkflowSettings,
} from './case-model';
import { AppError, type ErrorDetail } from './errors';
import { unreachable } from './exhaustive';
import type { WorkingCalendar } from './working-calendar';

/** What a new case starts from. */
export interface NewCaseInput {
  id: string;
  /** Materialized path of the station (or point) that handles the case. */
  unitPath: string;
  categoryId?: string | null;
  kind?: string | null;
  /** The deputy the opinion was addressed to (QR code of a deputy, deputy visit). */
  targetDeputyId?: string | null;
  /** Channel and other intake facts to record on the `submitted` event. */
  payload?: Record<string, unknown>;
  /**
   * When the opinion reached the network, for one recorded later (a walk-in or phone opinion
   * entered after the fact): the citizen has been waiting since then, so the accept clock runs
   * from it. The `submitted` event is still dated when it was recorded, and names this time.
   */
  receivedAt?: string | null;
}

const MAX_DUE_WORKDAYS = 365;

/** Throws `CASE_VERSION_CONFLICT` unless the caller saw the current version. */
export function assertCaseVersion(c: CaseSnapshot, expectedVersion: number): void {
  if (c.version !== expectedVersion) {
    throw new AppError('CASE_VERSION_CONFLICT', { details: [{ path: 'expectedVersion', code: 'stale', message: `current version is ${c.version}` }] });
  }
}

/** A new case in `submitted`, its `submitted` event, and the accept clock. */
export function openCase(
  input: NewCaseInput,
  actor: CaseActor,
  now: Date,
  calendar: WorkingCalendar,
  settings: Partial<WorkflowSettings> = {},
): CaseTransitionResult {
  const s = resolveWorkflowSettings(settings);
  const at = toInstant(now).toISOString();
  // A back-dated entry never starts after it was recorded.
  const received = input.receivedAt && toInstant(input.receivedAt).getTime() < toInstant(now).getTime() ? toInstant(input.receivedAt).toISOString() : at;
  const accept = calendar.addWorkdays(received, s.acceptWorkdays);
  const snapshot: CaseSnapshot = {
    id: input.id,
    status: 'submitted',
    version: 1,
    unitPath: input.unitPath,
    categoryId: input.categoryId ?? null,
    kind: input.kind ?? null,
    departmentId: null,
    deputyId: null,
    targetDeputyId: input.targetDeputyId ?? null,
    handleWorkdays: null,
    deadlines: { accept, sign: null, reply: null, rating: null },
    extension: noExtension(null),
    reopenCount: 0,
    unsatisfiedCount: 0,
    rating: null,
    supervised: false,
    escalation: { level: 'none', clock: null, at: null },
    urgeCount: 0,
    mergedInto: null,
    suggestionId: null,
    submittedAt: received,
    repliedAt: null,
    closedAt: null,
  };
  return {
    case: snapshot,
    events: [
      {
        type: 'submitted',
        fromStatus: null,
        toStatus: 'submitted',
        actorId: caseActorId(actor),
        actorKind: caseActorKind(actor),
        at,
        payload: { ...input.payload, acceptDeadline: accept, ...(received !== at ? { receivedAt: received } : {}) },
      },
    ],
    effects: [
      { type: 'notify', to: 'citizen', template: 'case.received' },
      { type: 'notify', to: 'staff', template: 'case.new' },
      ...deadlineJobs('accept', accept, calendar, s),
    ],
  };
}

function noExtension(baseReplyDeadline: string | null): CaseSnapshot['extension'] {
  return { status: 'none', requestedDays: null, reason: null, approvedDays: 0, baseReplyDeadline };
}

function deadlineJobs(clock: 'accept' | 'sign' | 'reply', deadline: string, calendar: WorkingCalendar, s: WorkflowSettings): CaseEffect[] {
  const jobs: CaseEffect[] = [];
  if (s.warningWorkdays > 0) {
    const warnDay = calendar.subtractWorkdaysFromDate(chinaDateOf(deadline), s.warningWorkdays - 1);
    jobs.push({ type: 'schedule', job: 'case.reminder', clock, at: startOfChinaDay(warnDay).toISOString() });
  }
  jobs.push({ type: 'schedule', job: 'case.deadline', clock, at: new Date(toInstant(deadline).getTime() + 1).toISOString() });
  return jobs;
}

/** Validation helpers: collect every problem, throw once. */
class Problems {
  readonly list: ErrorDetail[] = [];
  text(path: string, value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.list.push({ path, code: 'required', message: `${path} is required` });
      return '';
    }
    return value.trim();
  }
  optionalText(path: string, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.list.push({ path, code: 'invalid_type', message: `${path} must be text` });
      return undefined;
    }
    return value.trim() === '' ? undefined : value.trim();
  }
  int(path: string, value: unknown, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.list.push({ path, code: 'invalid_number', message: `${path} must be a whole number from ${min} to ${max}` });
      return min;
    }
    return value;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new AppError('VALIDATION_FAILED', { details: this.list });
  }
}

function higher(a: EscalationLevel, b: EscalationLevel): EscalationLevel {
  return ESCALATION_LEVELS.indexOf(a) >= ESCALATION_LEVELS.indexOf(b) ? a : b;
}

function handleWorkdaysFor(c: CaseSnapshot, s: WorkflowSettings, due?: number): number {
  if (due !== undefined) return due;
  const byCategory = c.categoryId ? s.categoryWorkdays[c.categoryId] : undefined;
  if (typeof byCategory === 'number' && byCategory > 0) return byCategory;
  const byKind = c.kind ? s.handleWorkdaysByKind[c.kind] : undefined;
  if (typeof byKind === 'number' && byKind > 0) return byKind;
  return s.defaultHandleWorkdays;
}

/**
 * Applies `action` by `actor` to case `c` at `now`. Returns the next snapshot (version + 1),
 * the events to append (one, or two when a 不满意 sends the case straight back to its
 * handler) and the effects to carry out. Throws `AppError` when the action is refused.
 */
export function transition(
  c: CaseSnapshot,
  action: CaseAction,
  actor: CaseActor,
  now: Date,
  calendar: WorkingCalendar,
  settings: Partial<WorkflowSettings> = {},
): CaseTransitionResult {
  const s = resolveWorkflowSettings(settings);
  const refusal = checkCaseAction(c, action.type, actor, now, s.maxExtensionCalendarDays);
  if (refusal) throw refusal;

  const at = toInstant(now).toISOString();
  const next: CaseSnapshot = {
    ...c,
    version: c.version + 1,
    deadlines: { ...c.deadlines },
    extension: { ...c.extension },
    escalation: { ...c.escalation },
  };
  const events: CaseEvent[] = [];
  const effects: CaseEffect[] = [];
  const p = new Problems();
  const actorId = caseActorId(actor);
  const actorKind = caseActorKind(actor);
  const event = (toStatus: CaseStatus, payload: Record<string, unknown> = {}, reason?: string): void => {
    events.push({ type: action.type, fromStatus: c.status, toStatus, actorId, actorKind, at, ...(reason ? { reason } : {}), payload });
    next.status = toStatus;
  };
  const handlerKind = caseHandlerKind(c);
  const handlerOrStaff = (): 'handler' | 'staff' => (handlerKind ? 'handler' : 'staff');

  /**
   * Puts the case in the hands of its handler with fresh clocks: sign and reply, or only reply
   * when the handler had already signed for this very case (`signed`).
   */
  const startHandling = (workdays: number, signed = false): void => {
    next.handleWorkdays = workdays;
    next.deadlines.sign = signed ? null : calendar.addWorkdays(now, s.signWorkdays);
    next.deadlines.reply = calendar.addWorkdays(now, workdays);
    next.deadlines.rating = null;
    next.extension = noExtension(next.deadlines.reply);
    next.escalation = { level: 'none', clock: null, at: null };
    if (next.deadlines.sign) effects.push(...deadlineJobs('sign', next.deadlines.sign, calendar, s));
    effects.push(...deadlineJobs('reply', next.deadlines.reply, calendar, s));
  };

  /**
   * A reopened case back with the department (or deputy) that signed for it before needs no
   * second 签收: the workflow records the signing for them, and the reply clock runs at once.
   */
  const signedAgain = (reason?: string): void => {
    events.push({
      type: 'sign',
      fromStatus: 'assigned',
      toStatus: 'in_progress',
      actorId: 'system:workflow',
      actorKind: 'system',
      at,
      ...(reason ? { reason } : {}),
      payload: { sameHandler: true },
    });
    next.status = 'in_progress';
  };

  /** Records a reply (by the handler or on site) and opens the rating window. */
  const recordReply = (payload: Record<string, unknown>): void => {
    next.repliedAt = at;
    next.rating = null;
    next.deadlines.rating = endOfChinaDay(addCalendarDays(chinaDateOf(now), s.ratingWindowDays)).toISOString();
    event('replied', { ...payload, ratingDeadline: next.deadlines.rating });
    effects.push(
      { type: 'notify', to: 'citizen', template: 'case.replied' },
      { type: 'notify', to: 'merged_reporters', template: 'case.replied' },
      { type: 'schedule', job: 'case.rating_window', at: new Date(toInstant(next.deadlines.rating).getTime() + 1).toISOString() },
    );
  };

  switch (action.type) {
    case 'accept': {
      const categoryId = p.optionalText('categoryId', action.categoryId);
      const kind = p.optionalText('kind', action.kind);
      p.throwIfAny();
      if (categoryId) next.categoryId = categoryId;
      if (kind) next.kind = kind;
      event('accepted', { ...(categoryId ? { categoryId } : {}), ...(kind ? { kind } : {}) });
      effects.push({ type: 'notify', to: 'citizen', template: 'case.accepted' });
      break;
    }
    case 'reject': {
      const reason = p.text('reason', action.reason);
      const guidance = p.optionalText('guidance', action.guidance);
      p.throwIfAny();
      event('rejected', guidance ? { guidance } : {}, reason);
      effects.push({ type: 'notify', to: 'citizen', template: 'case.rejected' });
      break;
    }
    case 'answer_on_site': {
      const content = p.text('content', action.content);
      p.throwIfAny();
      recordReply({ content, onSite: true });
      break;
    }
    case 'assign': {
      const departmentId = p.optionalText('departmentId', action.departmentId);
      const deputyId = p.optionalText('deputyId', action.deputyId);
      if (!departmentId === !deputyId) p.list.push({ path: 'departmentId', code: 'invalid_union', message: 'give exactly one of departmentId and deputyId' });
      const due = action.dueWorkdays === undefined ? undefined : p.int('dueWorkdays', action.dueWorkdays, 1, MAX_DUE_WORKDAYS);
      p.throwIfAny();
      // Back to the handler who had it before a reopening: they signed for it already.
      const sameHandler = c.status === 'reopened' && (departmentId ? departmentId === c.departmentId : !!deputyId && deputyId === c.deputyId);
      next.departmentId = departmentId ?? null;
      next.deputyId = departmentId ? null : (deputyId ?? null);
      startHandling(handleWorkdaysFor(next, s, due), sameHandler);
      event('assigned', {
        handlerKind: caseHandlerKind(next),
        ...(departmentId ? { departmentId } : { deputyId }),
        handleWorkdays: next.handleWorkdays,
        signDeadline: next.deadlines.sign,
        replyDeadline: next.deadlines.reply,
      });
      if (sameHandler) signedAgain();
      effects.push({ type: 'notify', to: 'handler', template: 'case.assigned' });
      break;
    }
    case 'sign':
      event('in_progress');
      break;
    case 'return': {
      const reason = p.text('reason', action.reason);
      p.throwIfAny();
      const returned = handlerKind === 'department' ? { handlerKind, departmentId: c.departmentId } : { handlerKind, deputyId: c.deputyId };
      next.departmentId = null;
      next.deputyId = null;
      next.deadlines.sign = null;
      next.deadlines.reply = null;
      next.extension = noExtension(null);
      next.escalation = { level: 'none', clock: null, at: null };
      event('accepted', returned, reason);
      effects.push({ type: 'notify', to: 'staff', template: 'case.returned' });
      break;
    }
    case 'reply': {
      const content = p.text('content', action.content);
      const attachmentIds = action.attachmentIds ?? [];
      if (!Array.isArray(attachmentIds) || attachmentIds.some((id) => typeof id !== 'string' || id === '')) {
        p.list.push({ path: 'attachmentIds', code: 'invalid_type', message: 'attachmentIds must be ids' });
      }
      p.throwIfAny();
      recordReply({ content, ...(attachmentIds.length ? { attachmentIds } : {}) });
      break;
    }
    case 'request_extension': {
      const days = p.int('days', action.days, 1, s.maxExtensionCalendarDays);
      const reason = p.text('reason', action.reason);
      p.throwIfAny();
      next.extension = { ...next.extension, status: 'pending', requestedDays: days, reason };
      event(c.status, { days }, reason);
      effects.push(
        { type: 'notify', to: 'staff', template: 'case.extension_requested' },
        { type: 'notify', to: 'supervisor', template: 'case.extension_requested' },
      );
      break;
    }
    case 'approve_extension': {
      const reason = p.optionalText('reason', action.reason);
      p.throwIfAny();
      const current = c.deadlines.reply;
      if (!current) throw new AppError('CASE_INVALID_TRANSITION', { message: 'The case has no reply deadline to extend.' });
      const base = c.extension.baseReplyDeadline ?? current;
      const cap = endOfChinaDay(addCalendarDays(chinaDateOf(base), s.maxExtensionCalendarDays)).getTime();
      let granted = 0;
      let deadline = current;
      for (let k = c.extension.requestedDays ?? 0; k >= 1; k--) {
        const candidate = calendar.addWorkdays(current, k);
        if (toInstant(candidate).getTime() <= cap) {
          granted = k;
          deadline = candidate;
          break;
        }
      }
      if (granted === 0) throw new AppError('CASE_INVALID_TRANSITION', { message: 'The reply deadline cannot be extended any further.' });
      next.deadlines.reply = deadline;
      next.extension = { ...next.extension, status: 'approved', approvedDays: c.extension.approvedDays + granted };
      next.escalation = { level: 'none', clock: null, at: null };
      event(c.status, { requestedDays: c.extension.requestedDays, approvedDays: granted, replyDeadline: deadline }, reason);
      effects.push({ type: 'notify', to: 'handler', template: 'case.extension_approved' }, ...deadlineJobs('reply', deadline, calendar, s));
      break;
    }
    case 'deny_extension': {
      const reason = p.optionalText('reason', action.reason);
      p.throwIfAny();
      next.extension = { ...next.extension, status: 'denied' };
      event(c.status, { requestedDays: c.extension.requestedDays }, reason);
      effects.push({ type: 'notify', to: 'handler', template: 'case.extension_denied' });
      break;
    }
    case 'urge':
    case 'supervise': {
      const note = p.text('note', action.note);
      if (action.level !== undefined && (action.level === 'none' || !ESCALATION_LEVELS.includes(action.level))) {
        p.list.push({ path: 'level', code: 'invalid_enum_value', message: 'level must be station, hub or congress_office' });
      }
      if (action.level === undefined && caseActorKind(actor) === 'system')
        p.list.push({ path: 'level', code: 'required', message: 'the system escalates with a level' });
      p.throwIfAny();
      const requested: EscalationLevel = action.level ?? (action.type === 'supervise' ? 'congress_office' : 'station');
      const level = higher(c.escalation.level, requested);
      if (level !== c.escalation.level || action.level !== undefined) {
        next.escalation = { level, clock: runningClocks(c)[0]?.clock ?? c.escalation.clock, at };
      }
      if (action.type === 'urge') {
        next.urgeCount = c.urgeCount + 1;
        event(c.status, { note, level: requested });
        effects.push({ type: 'notify', to: handlerOrStaff(), template: 'case.urged', note });
      } else {
        next.supervised = true;
        const dueAt = calendar.addWorkdays(now, s.supervisionWorkdays);
        event(c.status, { note, level: requested, dueAt });
        effects.push(
          { type: 'escalate', level: requested, reason: note, dueAt },
          { type: 'notify', to: handlerOrStaff(), template: 'case.supervised', note },
          { type: 'notify', to: 'supervisor', template: 'case.supervised', note },
        );
      }
      break;
    }
    case 'rate': {
      if (!CASE_RATINGS.includes(action.rating))
        p.list.push({ path: 'rating', code: 'invalid_enum_value', message: `rating must be one of ${CASE_RATINGS.join(', ')}` });
      const comment = p.optionalText('comment', action.comment);
      p.throwIfAny();
      const payload = { rating: action.rating, ...(comment ? { comment } : {}) };
      next.rating = action.rating;
      if (c.status === 'merged') {
        event('merged', payload);
        if (action.rating === 'unsatisfied') effects.push({ type: 'notify', to: 'supervisor', template: 'case.merged_unsatisfied' });
        break;
      }
      if (action.rating !== 'unsatisfied') {
        next.closedAt = at;
        event('closed', payload);
        effects.push({ type: 'notify', to: 'handler', template: 'case.rated' });
        break;
      }
      next.unsatisfiedCount = c.unsatisfiedCount + 1;
      next.reopenCount = c.reopenCount + 1;
      next.deadlines.rating = null;
      next.deadlines.sign = null;
      next.deadlines.reply = null;
      event('reopened', { ...payload, unsatisfiedCount: next.unsatisfiedCount });
      if (next.unsatisfiedCount === 1 && handlerKind) {
        // 重办: assigned again to the same handler, who signed for it before — so no second
        // 签收: it is in their hands at once, with a fresh reply clock and the citizen's comment.
        startHandling(c.handleWorkdays ?? handleWorkdaysFor(c, s), true);
        events.push({
          type: 'reassigned',
          fromStatus: 'reopened',
          toStatus: 'assigned',
          actorId: 'system:workflow',
          actorKind: 'system',
          at,
          reason: 'unsatisfied',
          payload: {
            handlerKind,
            ...(handlerKind === 'department' ? { departmentId: c.departmentId } : { deputyId: c.deputyId }),
            handleWorkdays: next.handleWorkdays,
            signDeadline: next.deadlines.sign,
            replyDeadline: next.deadlines.reply,
          },
        });
        next.status = 'assigned';
        signedAgain('unsatisfied');
        effects.push({ type: 'notify', to: 'handler', template: 'case.reopened' }, { type: 'notify', to: 'staff', template: 'case.reopened' });
      } else if (next.unsatisfiedCount === 1) {
        // Answered on site: nobody to send it back to, the station takes it up again.
        effects.push({ type: 'notify', to: 'staff', template: 'case.reopened' });
      } else {
        next.supervised = true;
        next.escalation = { level: 'congress_office', clock: null, at };
        effects.push(
          { type: 'escalate', level: 'congress_office', reason: 'unsatisfied_again', dueAt: calendar.addWorkdays(now, s.supervisionWorkdays) },
          { type: 'notify', to: 'supervisor', template: 'case.unsatisfied_again' },
          { type: 'notify', to: 'staff', template: 'case.unsatisfied_again' },
        );
      }
      break;
    }
    case 'reopen': {
      const reason = p.text('reason', action.reason);
      p.throwIfAny();
      next.reopenCount = c.reopenCount + 1;
      next.closedAt = null;
      next.deadlines.rating = null;
      next.deadlines.sign = null;
      next.deadlines.reply = null;
      event('reopened', {}, reason);
      effects.push({ type: 'notify', to: 'staff', template: 'case.reopened' });
      if (handlerKind) effects.push({ type: 'notify', to: 'handler', template: 'case.reopened' });
      break;
    }
    case 'close': {
      const reason = c.status === 'reopened' ? p.text('reason', action.reason) : p.optionalText('reason', action.reason);
      p.throwIfAny();
      if (c.status === 'replied' && c.rating === null) next.rating = 'none';
      next.closedAt = at;
      event('closed', { rating: next.rating }, reason);
      effects.push({ type: 'notify', to: 'citizen', template: 'case.closed' });
      break;
    }
    case 'merge': {
      const intoCaseId = p.text('intoCaseId', action.intoCaseId);
      if (intoCaseId === c.id) p.list.push({ path: 'intoCaseId', code: 'invalid_value', message: 'a case cannot be merged into itself' });
      p.throwIfAny();
      next.mergedInto = intoCaseId;
      next.deadlines = { accept: null, sign: null, reply: null, rating: null };
      event('merged', { intoCaseId });
      effects.push({ type: 'notify', to: 'citizen', template: 'case.merged' });
      break;
    }
    case 'convert': {
      const suggestionId = p.optionalText('suggestionId', action.suggestionId);
      // The system converts only as part of a suggestion's submission, so it always names it.
      if (caseActorKind(actor) === 'system' && !suggestionId)
        p.list.push({ path: 'suggestionId', code: 'required', message: 'the system converts an opinion into the suggestion it names' });
      p.throwIfAny();
      next.suggestionId = suggestionId ?? null;
      event('converted', suggestionId ? { suggestionId } : {});
      effects.push({ type: 'notify', to: 'citizen', template: 'case.converted' });
      break;
    }
    case 'note': {
      const content = p.text('content', action.content);
      p.throwIfAny();
      event(c.status, { content });
      break;
    }
    default:
      return unreachable(action, 'case action');
  }
  return { case: next, events, effects };
}
