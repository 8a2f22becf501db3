/**
 * Deputies' suggestions and motions (DESIGN §2.3) as a pure function:
 *
 *   transition(proposal, action, actor, now, calendar, settings) → { proposal, events, effects }
 *
 *   draft ─invite/cosign/decline/edit/link_cases/unlink_cases→ draft ─submit (motion: enough co-signers)→ submitted
 *   submitted ─register→ registered          submitted ─return→ draft          submitted ─reject→ rejected
 *   submitted | registered ─convert (motion → suggestion)→ registered
 *   registered ─assign (lead unit + co-units)→ assigned: 退办 window 7 working days, answer due in 3 months
 *   assigned ─request_withdraw (unit, in the window) → approve: lead unit → registered (assign again);
 *                                                           co-unit → dropped, stays assigned
 *   assigned ─request_extension → approve: answer due 6 months after assignment
 *   assigned ─answer (class A/B/C/D)→ answered ─rate(满意 | 基本满意)→ closed (A, D) | follow_up (B, C)
 *   answered ─rate(不满意)→ assigned again (event `reassigned`; 1 month; a second 不满意 puts it under supervision)
 *   follow_up ─follow_up (the promise kept)→ closed
 *   draft | submitted ─withdraw (lead deputy)→ withdrawn
 *
 * The server checks the version, stores the snapshot and the hash-chained events, and turns
 * the effects into jobs and links in one transaction. A refused action throws an AppError.
 */
import { toInstant } from '../calendar-date';
import { AppError, type ErrorDetail } from '../errors';
import { unreachable } from '../exhaustive';
import type { WorkingCalendar } from '../working-calendar';
import { checkProposalAction, proposalActorId } from './proposal-access';
import { monthsDeadline, reminderAt } from './proposal-deadlines';
import {
  ANSWER_CLASSES,
  FOLLOW_UP_CLASSES,
  PROPOSAL_RATINGS,
  PROPOSAL_TYPES,
  resolveProposalSettings,
  type ProposalAction,
  type ProposalActor,
  type ProposalEffect,
  type ProposalEvent,
  type ProposalSettings,
  type ProposalSnapshot,
  type ProposalStatus,
  type ProposalTransitionResult,
  type ProposalType,
} from './proposal-model';

/** What a new proposal starts from. */
export interface NewProposalInput {
  id: string;
  type: ProposalType;
  leadDeputyId: string;
  unitPath: string;
  /** Deputies invited to co-sign at once. */
  cosignerIds?: string[];
  /** Source opinions (case ids). */
  caseIds?: string[];
  /** Facts to record on the `created` event (title, …). */
  payload?: Record<string, unknown>;
}

const MAX_COSIGNERS = 200;
const MAX_CASES = 100;

/** Throws `VERSION_CONFLICT` unless the caller saw the current version. */
export function assertProposalVersion(p: ProposalSnapshot, expectedVersion: number): void {
  if (p.version !== expectedVersion) {
    throw new AppError('VERSION_CONFLICT', { details: [{ path: 'expectedVersion', code: 'stale', message: `current version is ${p.version}` }] });
  }
}

class Problems {
  readonly list: ErrorDetail[] = [];
  text(path: string, value: unknown, max = 8000): string {
    if (typeof value !== 'string' || value.trim().length === 0) {
      this.list.push({ path, code: 'required', message: `${path} is required` });
      return '';
    }
    const t = value.trim();
    if (t.length > max) this.list.push({ path, code: 'too_big', message: `${path} is longer than ${max}` });
    return t;
  }
  optionalText(path: string, value: unknown, max = 8000): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    return this.text(path, value, max);
  }
  ids(path: string, value: unknown, max: number): string[] {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
      this.list.push({ path, code: 'invalid_type', message: `${path} must be a list of ids` });
      return [];
    }
    if (value.length > max) this.list.push({ path, code: 'too_big', message: `at most ${max}` });
    return [...new Set(value as string[])];
  }
  throwIfAny(): void {
    if (this.list.length) throw new AppError('VALIDATION_FAILED', { details: this.list });
  }
}

/** Signed co-signers of a proposal. */
export function signedCosigners(p: Pick<ProposalSnapshot, 'cosigners'>): number {
  return p.cosigners.filter((c) => c.status === 'signed').length;
}

/** Co-signatures still missing before `p` may be submitted (0 when it may). */
export function missingCosigners(p: Pick<ProposalSnapshot, 'cosigners' | 'type'>, settings: Partial<ProposalSettings> = {}): number {
  const s = resolveProposalSettings(settings);
  const needed = p.type === 'motion' ? s.motionMinCosigners : s.suggestionMinCosigners;
  return Math.max(0, needed - signedCosigners(p));
}

function noRequest(): ProposalSnapshot['withdrawal'] {
  return { status: 'none', departmentId: null, reason: null };
}

/** A new proposal in `draft` and its `created` event. */
export function openProposal(input: NewProposalInput, actor: ProposalActor, now: Date): ProposalTransitionResult {
  const p = new Problems();
  if (!PROPOSAL_TYPES.includes(input.type)) p.list.push({ path: 'type', code: 'invalid_enum_value', message: 'type must be suggestion or motion' });
  const cosignerIds = p.ids('cosignerIds', input.cosignerIds ?? [], MAX_COSIGNERS).filter((id) => id !== input.leadDeputyId);
  const caseIds = p.ids('caseIds', input.caseIds ?? [], MAX_CASES);
  p.throwIfAny();
  const at = toInstant(now).toISOString();
  const proposal: ProposalSnapshot = {
    id: input.id,
    type: input.type,
    status: 'draft',
    version: 1,
    leadDeputyId: input.leadDeputyId,
    unitPath: input.unitPath,
    cosigners: cosignerIds.map((deputyId) => ({ deputyId, status: 'invited', at })),
    number: null,
    leadUnitId: null,
    coUnitIds: [],
    coAnswered: [],
    deadlines: { withdraw: null, answer: null },
    assignedAt: null,
    withdrawal: noRequest(),
    extension: noRequest(),
    answerClass: null,
    rating: null,
    unsatisfiedCount: 0,
    supervised: false,
    keyLeader: null,
    urgeCount: 0,
    submittedAt: null,
    answeredAt: null,
    closedAt: null,
  };
  const actorKind = 'kind' in actor ? 'system' : 'user';
  const events: ProposalEvent[] = [
    {
      type: 'created',
      fromStatus: null,
      toStatus: 'draft',
      actorId: proposalActorId(actor),
      actorKind,
      at,
      payload: { ...(input.payload ?? {}), type: input.type, leadDeputyId: input.leadDeputyId, cosignerIds, caseIds },
    },
  ];
  const effects: ProposalEffect[] = [];
  if (caseIds.length) effects.push({ type: 'link_cases', caseIds });
  if (cosignerIds.length) effects.push({ type: 'notify', to: 'invited', template: 'proposal.invited', deputyIds: cosignerIds });
  return { proposal, events, effects };
}

/**
 * Applies `action` by `actor` to `p` at `now`. Returns the next snapshot (version + 1), the
 * events to append and the effects to carry out; throws `AppError` when refused.
 */
export function transitionProposal(
  p: ProposalSnapshot,
  action: ProposalAction,
  actor: ProposalActor,
  now: Date,
  calendar: WorkingCalendar,
  settings: Partial<ProposalSettings> = {},
): ProposalTransitionResult {
  const s = resolveProposalSettings(settings);
  const refusal = checkProposalAction(p, action.type, actor, now);
  if (refusal) throw refusal;
  const at = toInstant(now).toISOString();
  const next: ProposalSnapshot = {
    ...p,
    version: p.version + 1,
    cosigners: p.cosigners.map((c) => ({ ...c })),
    coUnitIds: [...p.coUnitIds],
    coAnswered: [...p.coAnswered],
    deadlines: { ...p.deadlines },
    withdrawal: { ...p.withdrawal },
    extension: { ...p.extension },
  };
  const events: ProposalEvent[] = [];
  const effects: ProposalEffect[] = [];
  const problems = new Problems();
  const actorId = proposalActorId(actor);
  const actorKind = 'kind' in actor ? ('system' as const) : ('user' as const);
  const deputyOfActor = 'kind' in actor ? null : (actor.scope.deputyId ?? null);
  const departmentOfActor = 'kind' in actor ? null : (actor.scope.departmentId ?? null);
  const event = (toStatus: ProposalStatus, payload: Record<string, unknown> = {}, reason?: string): void => {
    events.push({ type: action.type, fromStatus: p.status, toStatus, actorId, actorKind, at, ...(reason ? { reason } : {}), payload });
    next.status = toStatus;
  };
  /** Fresh answer clock of `months` from now, with its reminder and deadline jobs. */
  const startAnswerClock = (deadline: string): void => {
    next.deadlines.answer = deadline;
    effects.push(
      { type: 'schedule', job: 'proposal.reminder', at: reminderAt(deadline, calendar, s.warningWorkdays) },
      { type: 'schedule', job: 'proposal.deadline', at: new Date(toInstant(deadline).getTime() + 1).toISOString() },
    );
  };

  switch (action.type) {
    case 'edit': {
      const title = problems.optionalText('title', action.title, 200);
      const body = problems.optionalText('body', action.body, 20000);
      if (title === undefined && body === undefined) problems.list.push({ path: '', code: 'required', message: 'give title or body' });
      problems.throwIfAny();
      event('draft', { ...(title !== undefined ? { title } : {}), ...(body !== undefined ? { bodyChanged: true } : {}) });
      break;
    }
    case 'invite': {
      const ids = problems.ids('deputyIds', action.deputyIds, MAX_COSIGNERS);
      if (ids.length === 0) problems.list.push({ path: 'deputyIds', code: 'too_small', message: 'invite at least one deputy' });
      if (ids.includes(p.leadDeputyId)) problems.list.push({ path: 'deputyIds', code: 'invalid_value', message: 'the lead deputy cannot co-sign' });
      problems.throwIfAny();
      const fresh = ids.filter((id) => !p.cosigners.some((c) => c.deputyId === id && c.status !== 'declined'));
      for (const id of fresh) {
        const existing = next.cosigners.find((c) => c.deputyId === id);
        if (existing) Object.assign(existing, { status: 'invited', at });
        else next.cosigners.push({ deputyId: id, status: 'invited', at });
      }
      event('draft', { deputyIds: fresh });
      if (fresh.length) effects.push({ type: 'notify', to: 'invited', template: 'proposal.invited', deputyIds: fresh });
      break;
    }
    case 'cosign':
    case 'decline': {
      const reason = action.type === 'decline' ? problems.optionalText('reason', action.reason, 1000) : undefined;
      problems.throwIfAny();
      const me = next.cosigners.find((c) => c.deputyId === deputyOfActor)!;
      me.status = action.type === 'cosign' ? 'signed' : 'declined';
      me.at = at;
      event('draft', { deputyId: me.deputyId, signed: signedCosigners(next) }, reason);
      effects.push({ type: 'notify', to: 'lead_deputy', template: `proposal.${action.type === 'cosign' ? 'cosigned' : 'declined'}` });
      break;
    }
    case 'link_cases': {
      const caseIds = problems.ids('caseIds', action.caseIds, MAX_CASES);
      if (caseIds.length === 0) problems.list.push({ path: 'caseIds', code: 'too_small', message: 'link at least one opinion' });
      problems.throwIfAny();
      event(p.status, { caseIds });
      effects.push({ type: 'link_cases', caseIds });
      if (p.status === 'submitted') effects.push({ type: 'convert_sources' });
      break;
    }
    case 'unlink_cases': {
      const caseIds = problems.ids('caseIds', action.caseIds, MAX_CASES);
      if (caseIds.length === 0) problems.list.push({ path: 'caseIds', code: 'too_small', message: 'unlink at least one opinion' });
      problems.throwIfAny();
      event(p.status, { caseIds });
      effects.push({ type: 'unlink_cases', caseIds });
      break;
    }
    case 'submit': {
      const missing = missingCosigners(p, s);
      if (missing > 0) {
        throw new AppError('PROPOSAL_COSIGNERS_MISSING', {
          message: `${missing} more co-signature(s) needed before this ${p.type} can be submitted.`,
          details: [{ path: 'cosigners', code: 'too_small', message: `${missing} more needed` }],
        });
      }
      // Invitations nobody answered lapse: only those who signed stand behind the text.
      next.cosigners = next.cosigners.filter((c) => c.status === 'signed');
      next.submittedAt = at;
      event('submitted', { cosignerIds: next.cosigners.map((c) => c.deputyId) });
      effects.push({ type: 'convert_sources' }, { type: 'notify', to: 'office', template: 'proposal.submitted' });
      break;
    }
    case 'withdraw': {
      const reason = problems.text('reason', action.reason, 1000);
      problems.throwIfAny();
      next.closedAt = at;
      event('withdrawn', {}, reason);
      if (p.status === 'submitted') effects.push({ type: 'notify', to: 'office', template: 'proposal.withdrawn' });
      break;
    }
    case 'return': {
      const reason = problems.text('reason', action.reason, 1000);
      problems.throwIfAny();
      next.submittedAt = null;
      event('draft', {}, reason);
      effects.push({ type: 'notify', to: 'lead_deputy', template: 'proposal.returned' });
      break;
    }
    case 'register':
    case 'convert': {
      const number = problems.text('number', action.number, 60);
      const reason = action.type === 'convert' ? problems.text('reason', action.reason, 1000) : undefined;
      if (action.type === 'convert' && p.type !== 'motion')
        problems.list.push({ path: 'type', code: 'invalid_value', message: 'only a motion is converted into a suggestion' });
      problems.throwIfAny();
      if (action.type === 'convert') next.type = 'suggestion';
      next.number = number;
      event('registered', { number, type: next.type, ...(action.type === 'convert' ? { fromType: 'motion' } : {}) }, reason);
      effects.push({ type: 'notify', to: 'lead_deputy', template: `proposal.${action.type === 'convert' ? 'converted' : 'registered'}` });
      break;
    }
    case 'reject': {
      const reason = problems.text('reason', action.reason, 1000);
      problems.throwIfAny();
      next.closedAt = at;
      event('rejected', {}, reason);
      effects.push({ type: 'notify', to: 'lead_deputy', template: 'proposal.rejected' });
      break;
    }
    case 'assign': {
      const leadUnitId = problems.text('leadUnitId', action.leadUnitId, 64);
      const coUnitIds = problems.ids('coUnitIds', action.coUnitIds ?? [], 20);
      if (coUnitIds.includes(leadUnitId)) problems.list.push({ path: 'coUnitIds', code: 'invalid_value', message: 'the lead unit is not also a co-unit' });
      problems.throwIfAny();
      next.leadUnitId = leadUnitId;
      next.coUnitIds = coUnitIds;
      next.coAnswered = [];
      next.assignedAt = at;
      next.withdrawal = noRequest();
      next.extension = noRequest();
      next.answerClass = null;
      next.rating = null;
      next.deadlines.withdraw = calendar.addWorkdays(now, s.withdrawWorkdays);
      startAnswerClock(monthsDeadline(now, s.answerMonths, calendar));
      event('assigned', { leadUnitId, coUnitIds, withdrawDeadline: next.deadlines.withdraw, answerDeadline: next.deadlines.answer });
      effects.push({ type: 'notify', to: 'lead_unit', template: 'proposal.assigned' }, { type: 'notify', to: 'lead_deputy', template: 'proposal.assigned' });
      if (coUnitIds.length) effects.push({ type: 'notify', to: 'co_units', template: 'proposal.assigned_co' });
      break;
    }
    case 'request_withdraw': {
      const reason = problems.text('reason', action.reason, 1000);
      problems.throwIfAny();
      next.withdrawal = { status: 'pending', departmentId: departmentOfActor, reason };
      event('assigned', { departmentId: departmentOfActor, role: departmentOfActor === p.leadUnitId ? 'lead' : 'co' }, reason);
      effects.push({ type: 'notify', to: 'office', template: 'proposal.withdraw_requested' });
      break;
    }
    case 'approve_withdraw': {
      const reason = problems.optionalText('reason', action.reason, 1000);
      problems.throwIfAny();
      const unit = p.withdrawal.departmentId;
      next.withdrawal = { ...next.withdrawal, status: 'approved' };
      if (unit === p.leadUnitId) {
        // The lead unit hands the proposal back: the office assigns it afresh.
        next.leadUnitId = null;
        next.coUnitIds = [];
        next.coAnswered = [];
        next.assignedAt = null;
        next.deadlines = { withdraw: null, answer: null };
        event('registered', { departmentId: unit, role: 'lead' }, reason);
      } else {
        next.coUnitIds = next.coUnitIds.filter((id) => id !== unit);
        event('assigned', { departmentId: unit, role: 'co' }, reason);
      }
      effects.push({ type: 'notify', to: 'lead_deputy', template: 'proposal.withdraw_approved' });
      break;
    }
    case 'deny_withdraw': {
      const reason = problems.optionalText('reason', action.reason, 1000);
      problems.throwIfAny();
      next.withdrawal = { ...next.withdrawal, status: 'denied' };
      event('assigned', { departmentId: p.withdrawal.departmentId }, reason);
      effects.push({ type: 'notify', to: 'lead_unit', template: 'proposal.withdraw_denied' });
      break;
    }
    case 'request_extension': {
      const reason = problems.text('reason', action.reason, 1000);
      problems.throwIfAny();
      next.extension = { status: 'pending', departmentId: departmentOfActor, reason };
      event('assigned', {}, reason);
      effects.push({ type: 'notify', to: 'office', template: 'proposal.extension_requested' });
      break;
    }
    case 'approve_extension': {
      const reason = problems.optionalText('reason', action.reason, 1000);
      problems.throwIfAny();
      next.extension = { ...next.extension, status: 'approved' };
      const extended = monthsDeadline(p.assignedAt ?? now, s.extendedAnswerMonths, calendar);
      // Never shorten: a hand-back after 不满意 may already run later than six months.
      if (!p.deadlines.answer || toInstant(extended).getTime() > toInstant(p.deadlines.answer).getTime()) startAnswerClock(extended);
      event('assigned', { answerDeadline: next.deadlines.answer }, reason);
      effects.push({ type: 'notify', to: 'lead_unit', template: 'proposal.extension_approved' });
      break;
    }
    case 'deny_extension': {
      const reason = problems.optionalText('reason', action.reason, 1000);
      problems.throwIfAny();
      next.extension = { ...next.extension, status: 'denied' };
      event('assigned', {}, reason);
      effects.push({ type: 'notify', to: 'lead_unit', template: 'proposal.extension_denied' });
      break;
    }
    case 'co_answer': {
      const content = problems.text('content', action.content);
      problems.throwIfAny();
      next.coAnswered.push(departmentOfActor!);
      event('assigned', { departmentId: departmentOfActor, content });
      effects.push({ type: 'notify', to: 'lead_unit', template: 'proposal.co_answered' });
      break;
    }
    case 'answer': {
      const content = problems.text('content', action.content, 20000);
      if (!ANSWER_CLASSES.includes(action.answerClass))
        problems.list.push({ path: 'answerClass', code: 'invalid_enum_value', message: 'answerClass must be A, B, C or D' });
      problems.throwIfAny();
      next.answerClass = action.answerClass;
      next.answeredAt = at;
      next.rating = null;
      const onTime = !p.deadlines.answer || now.getTime() <= toInstant(p.deadlines.answer).getTime();
      next.deadlines.answer = null;
      next.deadlines.withdraw = null;
      event('answered', { content, answerClass: action.answerClass, onTime });
      effects.push({ type: 'notify', to: 'lead_deputy', template: 'proposal.answered' });
      break;
    }
    case 'rate': {
      if (!PROPOSAL_RATINGS.includes(action.rating))
        problems.list.push({ path: 'rating', code: 'invalid_enum_value', message: `rating must be one of ${PROPOSAL_RATINGS.join(', ')}` });
      const comment = problems.optionalText('comment', action.comment, 2000);
      problems.throwIfAny();
      next.rating = action.rating;
      const payload = { rating: action.rating, ...(comment ? { comment } : {}) };
      if (action.rating !== 'unsatisfied') {
        const followUp = !!p.answerClass && FOLLOW_UP_CLASSES.includes(p.answerClass);
        if (!followUp) next.closedAt = at;
        event(followUp ? 'follow_up' : 'closed', payload);
        effects.push({ type: 'notify', to: 'lead_unit', template: 'proposal.rated' });
        break;
      }
      // 不满意: handled again by the same units, with a fresh (shorter) answer clock.
      next.unsatisfiedCount = p.unsatisfiedCount + 1;
      event('answered', { ...payload, unsatisfiedCount: next.unsatisfiedCount });
      next.answerClass = null;
      startAnswerClock(monthsDeadline(now, s.rehandleMonths, calendar));
      events.push({
        type: 'reassigned',
        fromStatus: 'answered',
        toStatus: 'assigned',
        actorId: 'system:workflow',
        actorKind: 'system',
        at,
        reason: 'unsatisfied',
        payload: { leadUnitId: p.leadUnitId, coUnitIds: p.coUnitIds, answerDeadline: next.deadlines.answer },
      });
      next.status = 'assigned';
      next.coAnswered = [];
      effects.push({ type: 'notify', to: 'lead_unit', template: 'proposal.reopened' });
      if (next.unsatisfiedCount >= 2) {
        next.supervised = true;
        effects.push({ type: 'notify', to: 'office', template: 'proposal.unsatisfied_again' });
      }
      break;
    }
    case 'follow_up': {
      const content = problems.text('content', action.content, 20000);
      problems.throwIfAny();
      next.closedAt = at;
      event('closed', { content, previousClass: p.answerClass });
      effects.push({ type: 'notify', to: 'lead_deputy', template: 'proposal.followed_up' });
      break;
    }
    case 'urge':
    case 'supervise': {
      const note = problems.text('note', action.note, 1000);
      problems.throwIfAny();
      if (action.type === 'urge') next.urgeCount = p.urgeCount + 1;
      else next.supervised = true;
      event(p.status, { note });
      effects.push({ type: 'notify', to: 'lead_unit', template: `proposal.${action.type === 'urge' ? 'urged' : 'supervised'}` });
      break;
    }
    case 'designate_key': {
      const leader = problems.text('leader', action.leader, 100);
      problems.throwIfAny();
      next.keyLeader = leader;
      next.supervised = true;
      event(p.status, { leader });
      break;
    }
    case 'close': {
      const reason = problems.text('reason', action.reason, 1000);
      problems.throwIfAny();
      next.closedAt = at;
      event('closed', { rating: p.rating }, reason);
      effects.push({ type: 'notify', to: 'lead_deputy', template: 'proposal.closed' });
      break;
    }
    case 'note': {
      const content = problems.text('content', action.content, 4000);
      problems.throwIfAny();
      event(p.status, { content });
      break;
    }
    default:
      return unreachable(action, 'proposal action');
  }
  return { proposal: next, events, effects };
}
