/**
 * The permission policy: one pure function decides whether an actor may perform an
 * action on a target. Routes and services ask it; they never test roles themselves.
 *
 * Scope is where an account's authority reaches: a unit subtree (by materialized path),
 * a department, or a deputy. Admins (and supervisors without a unit) reach everywhere.
 */
import type { Role } from './domain';

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

/** Where an account's authority reaches. */
export interface ActorScope {
  /** Materialized path of the unit whose subtree the account serves, e.g. `/hub/st1/`. */
  unitPath?: string | null;
  departmentId?: string | null;
  deputyId?: string | null;
}

/** Who is asking. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  scope: ActorScope;
}

/** Where the thing acted upon lives. Omitted fields are not constrained. */
export interface PolicyTarget {
  unitPath?: string | null;
  departmentId?: string | null;
  deputyId?: string | null;
}

/** True when `path` lies inside the subtree rooted at `root` (both materialized paths). */
export function isWithinUnit(root: string, path: string | null | undefined): boolean {
  return typeof path === 'string' && path.startsWith(root);
}

/** An actor reaches a target's unit when it has no unit limit or the unit lies in its subtree. */
function reachesUnit(actor: Actor, target: PolicyTarget): boolean {
  const root = actor.scope.unitPath;
  if (!root) return true;
  return isWithinUnit(root, target.unitPath);
}

type Rule = (actor: Actor, target: PolicyTarget) => boolean;

const anyone: Rule = () => true;
const nobody: Rule = () => false;

/** Areas of work a role has wherever it works (the services scope what it sees there). */
function areas(actions: readonly PolicyAction[]): Partial<Record<PolicyAction, Rule>> {
  return Object.fromEntries(actions.map((a) => [a, anyone]));
}

/** Per role, per action: the rule that must hold. Missing entries deny. */
const RULES: Record<Role, Partial<Record<PolicyAction, Rule>>> = {
  admin: Object.fromEntries(POLICY_ACTIONS.map((a) => [a, anyone])),
  supervisor: {
    'org.view': anyone,
    'user.view': anyone,
    'audit.view': anyone,
    'deputy.contact.reveal': reachesUnit,
    'duty.view': anyone,
    'evaluation.view': anyone,
    ...areas(['case.view', 'case.intake', 'case.import', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'comparison.view']),
    ...areas(['org.browse', 'reception.view', 'activity.view', 'calendar.view', 'evaluation.signals']),
  },
  staff: {
    'org.view': anyone,
    // Station staff keep the liaison points of their own station up to date.
    'point.manage': (actor, target) => !!actor.scope.unitPath && isWithinUnit(actor.scope.unitPath, target.unitPath),
    'deputy.contact.reveal': (actor, target) => !!actor.scope.unitPath && isWithinUnit(actor.scope.unitPath, target.unitPath),
    // Station staff keep their station's rota and activity records, and see their deputies' duty records.
    'reception.manage': (actor, target) => !!actor.scope.unitPath && isWithinUnit(actor.scope.unitPath, target.unitPath),
    'activity.manage': (actor, target) => !!actor.scope.unitPath && isWithinUnit(actor.scope.unitPath, target.unitPath),
    'duty.view': (actor, target) => !!actor.scope.unitPath && isWithinUnit(actor.scope.unitPath, target.unitPath),
    'evaluation.view': anyone,
    ...areas(['case.view', 'case.intake', 'case.import', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'comparison.view']),
    ...areas(['org.browse', 'reception.view', 'activity.view', 'calendar.view']),
  },
  deputy: {
    'org.view': anyone,
    'deputy.contact.reveal': (actor, target) => !!actor.scope.deputyId && actor.scope.deputyId === target.deputyId,
    // A deputy sees their own duty record.
    'duty.view': (actor, target) => !!actor.scope.deputyId && actor.scope.deputyId === target.deputyId,
    // A deputy's own opinions and suggestions, and the votes on livelihood projects.
    ...areas(['case.view', 'case.intake', 'proposal.view', 'voting.view']),
  },
  department: {
    'org.view': anyone,
    'unit.manage': nobody,
    // A department handles the cases and suggestions assigned to it, reports on key supervision
    // items and on the projects it answers for, and works to working-day deadlines.
    ...areas(['case.view', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'calendar.view']),
  },
};

/** Whether `actor` may perform `action` on `target`. Any one of the actor's roles suffices. */
export function can(actor: Actor, action: PolicyAction, target: PolicyTarget = {}): boolean {
  return actor.roles.some((role) => RULES[role]?.[action]?.(actor, target) ?? false);
}

/** Everything `actor` may do on `target`, e.g. for the web app's navigation. */
export function allowedActions(actor: Actor, target: PolicyTarget = {}): PolicyAction[] {
  return POLICY_ACTIONS.filter((action) => can(actor, action, target));
}
