/**
 * The permission policy: every decision the server takes about who may do what is a named
 * action here (or a named function below), and one pure function — `can` — decides whether an
 * actor may take it on a target. Routes declare an action in their options; services ask `can`
 * / `authorize` once they have loaded the record; nothing outside core tests roles itself
 * (an ESLint rule, `lianxin/no-role-checks`, enforces it).
 *
 * A record-bound action names the resource it acts on (`ACTION_RESOURCE`): the target must lie
 * in what the acting role reaches of that resource (`visibility.ts`), the same scope reads use,
 * so an account never may act on what it may not read. The per-role rule may narrow further.
 * Without a target (`{}`) a record-bound action asks "anywhere?", which only unlimited roles pass.
 */
import type { Role } from './domain';
import { isWithinUnit, roleReach, inScope, type Actor, type Resource, type ScopeTarget } from './visibility';

export { isWithinUnit, type Actor, type ActorScope } from './visibility';

/** Everything the policy can be asked about. */
export const POLICY_ACTIONS = [
  'org.view',
  'unit.manage',
  'point.manage',
  'deputy.manage',
  'deputy.contact.reveal',
  'department.manage',
  'category.manage',
  'appealKind.manage',
  'topic.manage',
  'user.view',
  'user.manage',
  'audit.view',
  'calendar.manage',
  'integration.manage',
  'reception.manage',
  'activity.manage',
  'duty.view',
  'evaluation.view',
  'evaluation.manage',
  // The demo outbox (copies of sent mail and texts); the server offers it in demo mode only.
  'demo.outbox',
  // Training and activating the routing model (智能分派).
  'routing.manage',
  // Decisions inside the areas below.
  /** Decrypting a case reporter's contact (audited). */
  'case.contact.reveal',
  /** Exporting cases with the reporters' contact data in clear. */
  'case.export.contact',
  /** Recording an opinion for the target unit by hand (walk-in, phone, visit, letter). */
  'case.intake.unit',
  /** Importing rows into the target unit (rows naming another go to the account's own station). */
  'case.import.unit',
  /** Starting a suggestion or motion led by the target deputy. */
  'proposal.draft',
  /** Running key supervision and the comparison: indicators, issue items, values. */
  'supervision.manage',
  /** Reporting on a KPI and closing an issue item of a key item the target department answers for. */
  'supervision.report',
  /** Running voting rounds: creating, phases, reviewing candidates, hiding comments, turnout. */
  'voting.manage',
  /** Seeing every candidate and comment of a round unmasked, hidden ones too. */
  'voting.review',
  /** Proposing a candidate project to a round. */
  'voting.propose',
  /** Casting a ballot (deputies). */
  'voting.vote',
  /** Reporting progress on a chosen project the target department answers for. */
  'voting.progress.report',
  // Areas of work: which parts of the console a role works in. The console's menu and its
  // page guards show exactly these (through `GET /me`), so nobody is offered a page for work
  // that is not theirs; the services still scope every read and authorize every change, and
  // an area's own endpoints (intake, imports, signals, proposal settings) check the area.
  'case.view',
  'case.intake',
  'case.import',
  'stats.view',
  'proposal.view',
  'proposal.settings',
  'supervision.view',
  'voting.view',
  'comparison.view',
  /** The organisation pages (units … topics); the reads behind every form stay on `org.view`. */
  'org.browse',
  'reception.view',
  'activity.view',
  'calendar.view',
  'evaluation.signals',
] as const;
/** A policy action. */
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** Where the thing acted upon lives. Omitted fields are not constrained by rules (but reach no scope). */
export type PolicyTarget = ScopeTarget;

/** Actions on records of a resource: the target must lie in what the acting role reaches of it. */
export const ACTION_RESOURCE: Partial<Record<PolicyAction, Resource>> = {
  'user.view': 'user',
  'audit.view': 'auditLog',
  'reception.manage': 'reception',
  'activity.manage': 'activity',
  'duty.view': 'duty',
  'evaluation.view': 'evaluation',
  'case.contact.reveal': 'case',
  'proposal.draft': 'proposal',
  'supervision.report': 'supervisionItem',
};

/** An actor reaches a target's unit when it has no unit limit or the unit lies in its subtree. */
function reachesUnit(actor: Actor, target: PolicyTarget): boolean {
  const root = actor.scope.unitPath;
  if (!root) return true;
  return isWithinUnit(root, target.unitPath);
}

/** The target's unit lies in the actor's own unit subtree (an actor without a unit reaches none). */
function withinOwnUnit(actor: Actor, target: PolicyTarget): boolean {
  return !!actor.scope.unitPath && isWithinUnit(actor.scope.unitPath, target.unitPath);
}

type Rule = (actor: Actor, target: PolicyTarget) => boolean;

const anyone: Rule = () => true;

/** Actions a role may take wherever it reaches (the resource's scope still applies). */
function allowed(actions: readonly PolicyAction[]): Partial<Record<PolicyAction, Rule>> {
  return Object.fromEntries(actions.map((a) => [a, anyone]));
}

/** Per role, per action: the rule that must hold. Missing entries deny. */
const RULES: Record<Role, Partial<Record<PolicyAction, Rule>>> = {
  admin: allowed(POLICY_ACTIONS),
  supervisor: {
    ...allowed(['org.view', 'user.view', 'audit.view', 'duty.view', 'evaluation.view']),
    'deputy.contact.reveal': reachesUnit,
    ...allowed(['case.contact.reveal', 'case.export.contact', 'case.import.unit']),
    // The office records opinions for its own subtree when it has one (imports are not limited).
    'case.intake.unit': reachesUnit,
    ...allowed(['supervision.manage', 'supervision.report', 'voting.manage', 'voting.review', 'voting.propose', 'voting.progress.report']),
    ...allowed(['case.view', 'case.intake', 'case.import', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'comparison.view']),
    ...allowed(['org.browse', 'reception.view', 'activity.view', 'calendar.view', 'evaluation.signals']),
  },
  staff: {
    'org.view': anyone,
    // Station staff keep the liaison points of their own station up to date.
    'point.manage': withinOwnUnit,
    'deputy.contact.reveal': withinOwnUnit,
    // Station staff keep their station's rota and activity records, and see their deputies' duty records.
    ...allowed(['reception.manage', 'activity.manage', 'duty.view', 'evaluation.view']),
    ...allowed(['case.contact.reveal', 'case.export.contact']),
    'case.intake.unit': reachesUnit,
    'case.import.unit': reachesUnit,
    // Station staff enter suggestions for the deputies of their station.
    'proposal.draft': anyone,
    ...allowed(['voting.review', 'voting.propose']),
    ...allowed(['case.view', 'case.intake', 'case.import', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'comparison.view']),
    ...allowed(['org.browse', 'reception.view', 'activity.view', 'calendar.view']),
  },
  deputy: {
    'org.view': anyone,
    'deputy.contact.reveal': (actor, target) => !!actor.scope.deputyId && actor.scope.deputyId === target.deputyId,
    // A deputy sees their own duty record.
    'duty.view': anyone,
    'case.contact.reveal': anyone,
    'case.intake.unit': reachesUnit,
    // A deputy leads their own suggestions.
    'proposal.draft': anyone,
    'voting.propose': (actor) => !!actor.scope.deputyId,
    'voting.vote': (actor) => !!actor.scope.deputyId,
    // A deputy's own opinions and suggestions, and the votes on livelihood projects.
    ...allowed(['case.view', 'case.intake', 'proposal.view', 'voting.view']),
  },
  department: {
    'org.view': anyone,
    'case.contact.reveal': anyone,
    // A department reports on the key items it answers for and on the projects it is responsible for.
    'supervision.report': anyone,
    'voting.propose': (actor) => !!actor.scope.departmentId,
    'voting.progress.report': (actor, target) => !!actor.scope.departmentId && actor.scope.departmentId === target.departmentId,
    // A department handles the cases and suggestions assigned to it, reports on key supervision
    // items and on the projects it answers for, and works to working-day deadlines.
    ...allowed(['case.view', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'calendar.view']),
  },
};

/**
 * Whether `actor` may perform `action` on `target`. Any one of the actor's roles suffices: its
 * rule must hold and, for a record-bound action, the target must lie in what that role reaches.
 */
export function can(actor: Actor, action: PolicyAction, target: PolicyTarget = {}): boolean {
  const resource = ACTION_RESOURCE[action];
  return actor.roles.some((role) => {
    const rule = RULES[role]?.[action];
    if (!rule) return false;
    if (resource && !inScope(roleReach(resource, role, actor), target)) return false;
    return rule(actor, target);
  });
}

/** Everything `actor` may do on `target`, e.g. for the web app's navigation. */
export function allowedActions(actor: Actor, target: PolicyTarget = {}): PolicyAction[] {
  return POLICY_ACTIONS.filter((action) => can(actor, action, target));
}

/** Whether an actor holds a role (kept inside core: elsewhere, ask `can`). */
function holdsRole(actor: Pick<Actor, 'roles'>, role: Role): boolean {
  return actor.roles.includes(role);
}

/** The deputy a deputy account acts as (leads suggestions, votes), or null for other accounts. */
export function actingDeputyId(actor: Actor): string | null {
  return holdsRole(actor, 'deputy') ? (actor.scope.deputyId ?? null) : null;
}

/** The department a department account acts for, or null for other accounts. */
export function actingDepartmentId(actor: Actor): string | null {
  return holdsRole(actor, 'department') ? (actor.scope.departmentId ?? null) : null;
}

/** The unit an opinion recorded by hand goes to when none is named: a station's own (else the intake decides). */
export function defaultIntakeUnitPath(actor: Actor): string | null {
  return holdsRole(actor, 'staff') ? (actor.scope.unitPath ?? null) : null;
}

/**
 * As whom an account proposes a voting candidate: the office (on the ballot at once), a station
 * (any source, reviewed by the office), a deputy or a department (as themselves, reviewed), or
 * null when it may not propose.
 */
export function candidateProposer(actor: Actor): 'office' | 'station' | 'deputy' | 'department' | null {
  if (can(actor, 'voting.manage')) return 'office';
  if (can(actor, 'voting.review')) return 'station';
  if (actingDeputyId(actor)) return 'deputy';
  if (actingDepartmentId(actor)) return 'department';
  return null;
}

/** Whether an edit of account `userId` by `actor` would lock the actor out: deactivating itself or dropping its own admin role. */
export function locksOutSelf(actor: Actor, userId: string, change: { active?: boolean | undefined; roles?: readonly Role[] | undefined }): boolean {
  return userId === actor.userId && (change.active === false || (!!change.roles && !change.roles.includes('admin')));
}
