/**
 * Who may do what to a proposal, and when: one table of states and parties per action,
 * checked in the order state (`PROPOSAL_INVALID_TRANSITION`, 422) → party
 * (`PERMISSION_DENIED`, 403) → condition (time windows, pending requests).
 *
 * Parties:
 *   admin      — role admin
 *   office     — role supervisor (the people's congress office): registers, assigns, decides
 *                requests; within their subtree when they have a unit, else anywhere; never a
 *                draft (drafts stay with their authors, their station and admins)
 *   staff      — role staff whose unit subtree contains the lead deputy's home unit
 *   lead       — the lead deputy (领衔代表)
 *   invited    — a deputy invited to co-sign who has not answered yet
 *   cosigner   — a deputy who co-signed
 *   lead_unit  — the department assigned as lead unit (主办单位)
 *   co_unit    — a department assigned as co-unit (协办单位)
 *   system     — the scheduler
 *
 * A user's party lies within what its role reaches of proposals (`visibility('proposal', actor)`,
 * the scope the lists and pages use), so a proposal an account may act on is one it may read.
 */
import type { Role } from '../domain';
import { actingDepartmentId, actingDeputyId } from '../policy';
import { inScope, proposalScopeTarget, roleReach, visibility } from '../visibility';
import { AppError } from '../errors';
import { unreachable } from '../exhaustive';
import { toInstant } from '../calendar-date';
import {
  PROPOSAL_ACTIONS,
  type ProposalActionType,
  type ProposalActor,
  type ProposalSnapshot,
  type ProposalStatus,
  type ProposalSystemActor,
} from './proposal-model';

/** A kind of participant in a proposal. */
export type ProposalParty = 'admin' | 'office' | 'staff' | 'lead' | 'invited' | 'cosigner' | 'lead_unit' | 'co_unit' | 'system';

/** States and parties of one action. */
export interface ProposalActionRule {
  states: readonly ProposalStatus[];
  parties: readonly ProposalParty[];
}

const HANDLING: readonly ProposalStatus[] = ['submitted', 'registered', 'assigned', 'answered', 'follow_up'];
const ALL: readonly ProposalStatus[] = ['draft', 'submitted', 'registered', 'assigned', 'answered', 'follow_up', 'closed', 'rejected', 'withdrawn'];

/** The permission table (DESIGN §2.3, API.md Suggestions and motions). */
export const PROPOSAL_ACTION_RULES: Record<ProposalActionType, ProposalActionRule> = {
  edit: { states: ['draft'], parties: ['admin', 'staff', 'lead'] },
  invite: { states: ['draft'], parties: ['admin', 'staff', 'lead'] },
  cosign: { states: ['draft'], parties: ['invited'] },
  decline: { states: ['draft'], parties: ['invited'] },
  link_cases: { states: ['draft', 'submitted'], parties: ['admin', 'staff', 'lead'] },
  // Only a draft: on submission the linked opinions are converted into the proposal, which a later unlink could not undo.
  unlink_cases: { states: ['draft'], parties: ['admin', 'staff', 'lead'] },
  submit: { states: ['draft'], parties: ['admin', 'staff', 'lead'] },
  withdraw: { states: ['draft', 'submitted'], parties: ['admin', 'lead'] },
  return: { states: ['submitted'], parties: ['admin', 'office'] },
  register: { states: ['submitted'], parties: ['admin', 'office'] },
  convert: { states: ['submitted', 'registered'], parties: ['admin', 'office'] },
  reject: { states: ['submitted'], parties: ['admin', 'office'] },
  assign: { states: ['registered'], parties: ['admin', 'office'] },
  request_withdraw: { states: ['assigned'], parties: ['lead_unit', 'co_unit'] },
  approve_withdraw: { states: ['assigned'], parties: ['admin', 'office'] },
  deny_withdraw: { states: ['assigned'], parties: ['admin', 'office'] },
  request_extension: { states: ['assigned'], parties: ['lead_unit'] },
  approve_extension: { states: ['assigned'], parties: ['admin', 'office'] },
  deny_extension: { states: ['assigned'], parties: ['admin', 'office'] },
  co_answer: { states: ['assigned'], parties: ['co_unit'] },
  answer: { states: ['assigned'], parties: ['admin', 'lead_unit'] },
  rate: { states: ['answered'], parties: ['lead'] },
  follow_up: { states: ['follow_up'], parties: ['admin', 'lead_unit'] },
  urge: { states: ['assigned', 'follow_up'], parties: ['admin', 'office', 'system'] },
  supervise: { states: HANDLING, parties: ['admin', 'office'] },
  designate_key: { states: ['registered', 'assigned', 'answered', 'follow_up'], parties: ['admin', 'office'] },
  close: { states: ['answered', 'follow_up'], parties: ['admin', 'office'] },
  note: { states: ALL, parties: ['admin', 'office', 'staff', 'lead', 'cosigner', 'lead_unit', 'co_unit'] },
};

function isSystem(actor: ProposalActor): actor is ProposalSystemActor {
  return 'kind' in actor && actor.kind === 'system';
}

/** The id recorded on events for `actor`. */
export function proposalActorId(actor: ProposalActor): string {
  return isSystem(actor) ? `system:${actor.name}` : actor.userId;
}

/**
 * Whether `actor` is `party` for proposal `p`. Every party of a user lies within what its role
 * reaches of proposals (visibility.ts), so a proposal an account may act on is one it may read.
 */
export function isProposalParty(actor: ProposalActor, party: ProposalParty, p: ProposalSnapshot): boolean {
  if (party === 'system') return isSystem(actor);
  if (isSystem(actor)) return false;
  const target = proposalScopeTarget(p);
  const reaches = (role: Role) => inScope(roleReach('proposal', role, actor), target);
  const deputyId = reaches('deputy') ? actingDeputyId(actor) : null;
  const departmentId = reaches('department') ? actingDepartmentId(actor) : null;
  switch (party) {
    case 'admin':
      return reaches('admin');
    case 'office':
      return reaches('supervisor');
    case 'staff':
      return reaches('staff');
    case 'lead':
      return !!deputyId && deputyId === p.leadDeputyId;
    case 'invited':
      return !!deputyId && p.cosigners.some((c) => c.deputyId === deputyId && c.status === 'invited');
    case 'cosigner':
      return !!deputyId && p.cosigners.some((c) => c.deputyId === deputyId && c.status === 'signed');
    case 'lead_unit':
      return !!departmentId && departmentId === p.leadUnitId;
    case 'co_unit':
      return !!departmentId && p.coUnitIds.includes(departmentId);
  }
}

/** Whether `actor` may read `p`: the system always; a user when `p` lies in its proposal scope. */
export function canSeeProposal(actor: ProposalActor, p: ProposalSnapshot): boolean {
  return isSystem(actor) || inScope(visibility('proposal', actor), proposalScopeTarget(p));
}

function invalid(message: string): AppError {
  return new AppError('PROPOSAL_INVALID_TRANSITION', { message });
}

/** The department of the acting unit, when it is one. */
function actingDepartment(actor: ProposalActor): string | null {
  return isSystem(actor) ? null : actingDepartmentId(actor);
}

/**
 * Why `actor` may not take `action` on `p` at `now`, or null when it may. Conditions beyond the table:
 * - request_withdraw: within the withdrawal window, none pending, not asked before by this unit;
 * - approve/deny_withdraw: a request is pending; request/approve/deny_extension likewise;
 * - request_extension: only once (the 6-month limit is the most there is);
 * - co_answer: once per co-unit.
 */
export function checkProposalAction(p: ProposalSnapshot, action: ProposalActionType, actor: ProposalActor, now: Date): AppError | null {
  const rule = PROPOSAL_ACTION_RULES[action];
  if (!rule.states.includes(p.status)) return invalid(`Cannot ${action} a proposal that is ${p.status}.`);
  if (!rule.parties.some((party) => isProposalParty(actor, party, p))) return new AppError('PERMISSION_DENIED');
  switch (action) {
    case 'request_withdraw': {
      if (p.withdrawal.status === 'pending') return invalid('A withdrawal request is already pending.');
      if (p.withdrawal.status !== 'none' && p.withdrawal.departmentId === actingDepartment(actor)) return invalid('This unit has already asked to withdraw.');
      if (!p.deadlines.withdraw || now.getTime() > toInstant(p.deadlines.withdraw).getTime())
        return invalid('Withdrawal must be asked within 7 working days of assignment.');
      return null;
    }
    case 'approve_withdraw':
    case 'deny_withdraw':
      return p.withdrawal.status === 'pending' ? null : invalid('No withdrawal request is pending.');
    case 'request_extension':
      return p.extension.status === 'none' ? null : invalid('The answer deadline can be extended only once.');
    case 'approve_extension':
    case 'deny_extension':
      return p.extension.status === 'pending' ? null : invalid('No extension request is pending.');
    case 'co_answer': {
      const dept = actingDepartment(actor);
      return dept && p.coAnswered.includes(dept) ? invalid('This co-unit has already given its opinion.') : null;
    }
    // Nothing beyond the table.
    case 'edit':
    case 'invite':
    case 'cosign':
    case 'decline':
    case 'link_cases':
    case 'unlink_cases':
    case 'submit':
    case 'withdraw':
    case 'return':
    case 'register':
    case 'convert':
    case 'reject':
    case 'assign':
    case 'answer':
    case 'rate':
    case 'follow_up':
    case 'urge':
    case 'supervise':
    case 'designate_key':
    case 'close':
    case 'note':
      return null;
    default:
      return unreachable(action, 'proposal action');
  }
}

/** The actions `actor` could take on `p` at `now`, in `PROPOSAL_ACTIONS` order (the console's buttons). */
export function allowedProposalActions(p: ProposalSnapshot, actor: ProposalActor, now: Date): ProposalActionType[] {
  return PROPOSAL_ACTIONS.filter((action) => checkProposalAction(p, action, actor, now) === null);
}
