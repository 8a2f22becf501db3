/**
 * Who may do what to a case, and when. One table: per action, the states it applies in and
 * the parties that may take it. Checks run in this order, and the first failure decides:
 *
 *   1. state   — the action does not apply in the case's state → `CASE_INVALID_TRANSITION`
 *   2. party   — the actor is none of the action's parties for this case → `PERMISSION_DENIED`
 *   3. condition — time windows, pending requests, supervision → either code (see below)
 *
 * Parties (an actor may be several; any one suffices):
 *   admin      — role admin: everything (except rating, which is the citizen's alone)
 *   staff      — role staff whose unit subtree contains the case's handling unit
 *   supervisor — role supervisor; within their subtree when they have a unit, else anywhere
 *   handler    — the department or deputy the case is currently assigned to
 *   department — the department the case is assigned to (may add notes)
 *   deputy     — the deputy the case is addressed to (targetDeputyId) or assigned to, or — for a
 *                deputy account that serves a station — whose unit subtree contains it
 *
 * A user's party lies within what its role reaches of cases (`visibility('case', actor)`, the
 * scope the case lists and pages use), so a case an account may act on is one it may read.
 *   citizen    — the verified reporter of this very case
 *   system     — the scheduler and other jobs; also the workflow converting a suggestion's source
 *                opinions when the suggestion is submitted, whoever submits it (named suggestion)
 */
import { calendarDaysBetween, chinaDateOf, toInstant } from './calendar-date';
import {
  CASE_ACTIONS,
  caseHandlerKind,
  type CaseActionType,
  type CaseActor,
  type CaseSnapshot,
  type CaseStatus,
  type CitizenActor,
  type SystemActor,
} from './case-model';
import { AppError } from './errors';
import { unreachable } from './exhaustive';
import type { Role } from './domain';
import type { Actor } from './policy';
import { caseScopeTarget, inScope, roleReach } from './visibility';

/** A kind of participant in a case (see the module comment). */
export type CaseParty = 'admin' | 'staff' | 'supervisor' | 'handler' | 'department' | 'deputy' | 'citizen' | 'system';

/** States and parties of one action. */
export interface CaseActionRule {
  states: readonly CaseStatus[];
  parties: readonly CaseParty[];
}

const CLOCK_STATES: readonly CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'];

/** The workflow's permission table (DESIGN §2.2, API.md Cases). */
export const CASE_ACTION_RULES: Record<CaseActionType, CaseActionRule> = {
  accept: { states: ['submitted'], parties: ['admin', 'staff'] },
  reject: { states: ['submitted'], parties: ['admin', 'staff'] },
  answer_on_site: { states: ['accepted', 'reopened'], parties: ['admin', 'staff', 'deputy'] },
  assign: { states: ['accepted', 'reopened'], parties: ['admin', 'staff'] },
  sign: { states: ['assigned'], parties: ['admin', 'handler'] },
  return: { states: ['assigned', 'in_progress'], parties: ['admin', 'handler'] },
  reply: { states: ['in_progress'], parties: ['admin', 'handler'] },
  request_extension: { states: ['in_progress'], parties: ['admin', 'handler'] },
  approve_extension: { states: ['in_progress'], parties: ['admin', 'staff', 'supervisor'] },
  deny_extension: { states: ['in_progress'], parties: ['admin', 'staff', 'supervisor'] },
  urge: { states: CLOCK_STATES, parties: ['admin', 'staff', 'supervisor', 'system'] },
  supervise: { states: CLOCK_STATES, parties: ['admin', 'supervisor', 'system'] },
  rate: { states: ['replied', 'merged'], parties: ['citizen'] },
  reopen: { states: ['replied', 'closed', 'rejected'], parties: ['admin', 'staff', 'supervisor'] },
  close: { states: ['replied', 'reopened'], parties: ['admin', 'staff', 'supervisor', 'system'] },
  merge: { states: CLOCK_STATES, parties: ['admin', 'staff'] },
  convert: { states: ['accepted'], parties: ['admin', 'staff', 'deputy', 'system'] },
  note: {
    states: ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'closed', 'rejected', 'reopened', 'merged', 'converted'],
    parties: ['admin', 'staff', 'supervisor', 'department', 'deputy'],
  },
};

function isCitizen(actor: CaseActor): actor is CitizenActor {
  return 'kind' in actor && actor.kind === 'citizen';
}

function isSystem(actor: CaseActor): actor is SystemActor {
  return 'kind' in actor && actor.kind === 'system';
}

function isUser(actor: CaseActor): actor is Actor {
  return !('kind' in actor);
}

/** The id recorded on events for `actor`. */
export function caseActorId(actor: CaseActor): string {
  if (isCitizen(actor)) return 'citizen';
  if (isSystem(actor)) return `system:${actor.name}`;
  return actor.userId;
}

/** Whether the actor is a user, the citizen or the system, as recorded on events. */
export function caseActorKind(actor: CaseActor): 'user' | 'citizen' | 'system' {
  return isCitizen(actor) ? 'citizen' : isSystem(actor) ? 'system' : 'user';
}

/** Whether `actor` is `party` for case `c`. Every party of a user lies within what its role reaches of cases (visibility.ts). */
export function isCaseParty(actor: CaseActor, party: CaseParty, c: CaseSnapshot): boolean {
  if (party === 'citizen') return isCitizen(actor) && actor.caseId === c.id;
  if (party === 'system') return isSystem(actor);
  if (!isUser(actor)) return false;
  const target = caseScopeTarget(c);
  const reaches = (role: Role) => inScope(roleReach('case', role, actor), target);
  const { scope } = actor;
  switch (party) {
    case 'admin':
      return reaches('admin');
    case 'staff':
      return reaches('staff');
    case 'supervisor':
      return reaches('supervisor');
    case 'handler':
      return isCaseParty(actor, 'department', c) || (reaches('deputy') && caseHandlerKind(c) === 'deputy' && !!scope.deputyId && scope.deputyId === c.deputyId);
    case 'department':
      return reaches('department');
    case 'deputy':
      return reaches('deputy');
  }
}

function invalid(message: string): AppError {
  return new AppError('CASE_INVALID_TRANSITION', { message });
}

function denied(message?: string): AppError {
  return new AppError('PERMISSION_DENIED', message ? { message } : {});
}

/**
 * Why `actor` may not take `action` on `c` at `now`, or null when it may (payload checks
 * come later, in `transition`). Conditions beyond the table:
 * - rate: within the rating window (replied), or once the master is replied/closed (merged);
 * - close a replied case: only after the rating window; a reopened case: not by the system,
 *   and once it is under supervision only by supervisors and admins;
 * - request_extension: none pending and room left under the cap;
 * - approve/deny_extension: a request is pending.
 */
export function checkCaseAction(c: CaseSnapshot, action: CaseActionType, actor: CaseActor, now: Date, maxExtensionCalendarDays = 20): AppError | null {
  const rule = CASE_ACTION_RULES[action];
  if (!rule.states.includes(c.status)) return invalid(`Cannot ${action} a case that is ${c.status}.`);
  if (!rule.parties.some((party) => isCaseParty(actor, party, c))) return denied();
  const t = now.getTime();
  switch (action) {
    case 'rate':
      if (c.status === 'merged') {
        return c.mergedMasterStatus === 'replied' || c.mergedMasterStatus === 'closed' ? null : invalid('The case this one was merged into has no reply yet.');
      }
      return c.deadlines.rating && t > toInstant(c.deadlines.rating).getTime() ? invalid('The rating window has passed.') : null;
    case 'close':
      if (c.status === 'replied') {
        return !c.deadlines.rating || t > toInstant(c.deadlines.rating).getTime()
          ? null
          : invalid('The citizen can still rate the reply; close after the rating window.');
      }
      if (isSystem(actor)) return denied('Only people close a reopened case.');
      if (c.supervised && !isCaseParty(actor, 'supervisor', c) && !isCaseParty(actor, 'admin', c))
        return denied('A supervised case is closed by its supervisors.');
      return null;
    case 'request_extension': {
      if (c.extension.status === 'pending') return invalid('An extension request is already pending.');
      const base = c.extension.baseReplyDeadline ?? c.deadlines.reply;
      if (base && c.deadlines.reply && calendarDaysBetween(chinaDateOf(base), chinaDateOf(c.deadlines.reply)) >= maxExtensionCalendarDays) {
        return invalid('The reply deadline cannot be extended any further.');
      }
      return null;
    }
    case 'approve_extension':
    case 'deny_extension':
      return c.extension.status === 'pending' ? null : invalid('No extension request is pending.');
    // Nothing beyond the table.
    case 'accept':
    case 'reject':
    case 'answer_on_site':
    case 'assign':
    case 'sign':
    case 'return':
    case 'reply':
    case 'urge':
    case 'supervise':
    case 'reopen':
    case 'merge':
    case 'convert':
    case 'note':
      return null;
    default:
      return unreachable(action, 'case action');
  }
}

/** The actions `actor` could take on `c` at `now`, in `CASE_ACTIONS` order (the console's buttons). */
export function allowedCaseActions(c: CaseSnapshot, actor: CaseActor, now: Date, maxExtensionCalendarDays = 20): CaseActionType[] {
  return CASE_ACTIONS.filter((action) => checkCaseAction(c, action, actor, now, maxExtensionCalendarDays) === null);
}
