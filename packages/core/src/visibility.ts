/**
 * Visibility: which records of each resource an account reaches. One table answers, per
 * resource and role, with a storage-neutral scope (`{ all }`, a unit subtree, a department, a
 * deputy, the account's own records …); `visibility(resource, actor)` is the union over the
 * account's roles. Services translate that scope into repository filters for lists and test a
 * single record with `inScope` for detail pages; the policy (`can` in policy.ts, and the
 * parties of the case and proposal workflows) requires the record an action touches to lie in
 * the acting role's part of the same scope. So what an account may act on is always something
 * it may read — they cannot disagree.
 *
 * Where authority reaches (see `REACH`):
 *   admin      — everything
 *   supervisor — the office: everything, or its unit subtree when it has one (never others' drafts)
 *   staff      — its station's subtree
 *   department — what is assigned to it
 *   deputy     — what concerns them (addressed, assigned, led, on duty, took part), and — for a
 *                deputy account that serves a station (has a unit) — that station's subtree
 */
import type { Role } from './domain';

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

/** True when `path` lies inside the subtree rooted at `root` (both materialized paths). */
export function isWithinUnit(root: string, path: string | null | undefined): boolean {
  return typeof path === 'string' && path.startsWith(root);
}

/** Everything visibility is defined for. */
export const RESOURCES = [
  'case',
  'proposal',
  'reception',
  'activity',
  'duty',
  'evaluation',
  'votingRound',
  'supervisionItem',
  'user',
  'auditLog',
  'importRun',
] as const;
/** A kind of record. */
export type Resource = (typeof RESOURCES)[number];

/**
 * The records an account reaches: all of them, or those matching any one criterion given
 * (a union); none when no criterion is given. Storage-neutral — services translate it.
 */
export interface Scope {
  all?: true;
  /** Proposals: every one but drafts (an office without a unit). */
  allButDrafts?: true;
  /** Records whose unit lies in this subtree. */
  unitPath?: string;
  /** Proposals: records in this subtree, drafts excluded (an office with a unit). */
  officeUnitPath?: string;
  /** Records of (assigned to, answered for by) this department. */
  departmentId?: string;
  /** Records concerning this deputy. */
  deputyId?: string;
  /** Records this account created. */
  createdBy?: string;
}

/** What `inScope` compares a record by. Omitted fields match no criterion. */
export interface ScopeTarget {
  unitPath?: string | null;
  /** The department the record belongs to (also see `departmentIds`). */
  departmentId?: string | null;
  /** More departments that answer for the record (a proposal's lead and co-units …). */
  departmentIds?: ReadonlyArray<string | null>;
  /** The deputy the record concerns (also see `deputyIds`). */
  deputyId?: string | null;
  /** More deputies the record concerns (addressed and assigned, on duty, co-signers …). */
  deputyIds?: ReadonlyArray<string | null>;
  createdBy?: string | null;
  /** A proposal still in draft. */
  draft?: boolean;
}

const ALL: Scope = { all: true };
const NONE: Scope = {};

type Reach = (actor: Actor) => Scope;

const all: Reach = () => ALL;
const unit: Reach = ({ scope }) => (scope.unitPath ? { unitPath: scope.unitPath } : NONE);
const unitOrAll: Reach = ({ scope }) => (scope.unitPath ? { unitPath: scope.unitPath } : ALL);
const department: Reach = ({ scope }) => (scope.departmentId ? { departmentId: scope.departmentId } : NONE);
const deputy: Reach = ({ scope }) => (scope.deputyId ? { deputyId: scope.deputyId } : NONE);
/** A deputy's own records, and their station's when the account serves one. */
const deputyAndUnit: Reach = (actor) => ({ ...unit(actor), ...deputy(actor) });

/** Per resource, per role: what that role reaches. Missing roles reach nothing. */
const REACH: Record<Resource, Partial<Record<Role, Reach>>> = {
  case: { admin: all, supervisor: unitOrAll, staff: unit, department, deputy: deputyAndUnit },
  proposal: {
    admin: all,
    // Drafts stay between the deputies who write them (and admins, and the station that helps them).
    supervisor: ({ scope }) => (scope.unitPath ? { officeUnitPath: scope.unitPath } : { allButDrafts: true }),
    staff: unit,
    department,
    deputy,
  },
  // Station records: any account serving a station reaches its subtree; a deputy also the
  // receptions they are on duty at and the activities they took part in; a department account none.
  reception: { admin: all, supervisor: unitOrAll, staff: unit, department: unit, deputy: deputyAndUnit },
  activity: { admin: all, supervisor: unitOrAll, staff: unit, department: unit, deputy: deputyAndUnit },
  // A deputy's duty record: by the deputy's home unit for stations, their own for a deputy.
  duty: { admin: all, supervisor: all, staff: unit, deputy },
  evaluation: { admin: all, supervisor: all, staff: all },
  votingRound: { admin: all, supervisor: all, staff: all, deputy: all, department: all },
  // Issue items of key supervision across all key items.
  supervisionItem: { admin: all, supervisor: all, department },
  user: { admin: all, supervisor: all },
  auditLog: { admin: all, supervisor: all },
  // Import runs: the office sees every run, a station the runs its account started.
  importRun: { admin: all, supervisor: all, staff: (actor) => ({ createdBy: actor.userId }) },
};

/** What one role of `actor` reaches of `resource` (nothing when the actor lacks the role). */
export function roleReach(resource: Resource, role: Role, actor: Actor): Scope {
  if (!actor.roles.includes(role)) return NONE;
  return REACH[resource][role]?.(actor) ?? NONE;
}

/** The records of `resource` that `actor` reaches: the union of what each of its roles reaches. */
export function visibility(resource: Resource, actor: Actor): Scope {
  const union: Scope = {};
  for (const role of actor.roles) {
    const reach = roleReach(resource, role, actor);
    if (reach.all) return ALL;
    Object.assign(union, reach);
  }
  return union;
}

/** Whether a scope reaches nothing at all. */
export function reachesNothing(scope: Scope): boolean {
  return Object.keys(scope).length === 0;
}

function names(one: string | null | undefined, more: ReadonlyArray<string | null> | undefined, id: string): boolean {
  return one === id || (more?.includes(id) ?? false);
}

/** Whether a record lies within a scope. */
export function inScope(scope: Scope, target: ScopeTarget): boolean {
  if (scope.all) return true;
  if (scope.allButDrafts && !target.draft) return true;
  if (scope.unitPath && isWithinUnit(scope.unitPath, target.unitPath)) return true;
  if (scope.officeUnitPath && !target.draft && isWithinUnit(scope.officeUnitPath, target.unitPath)) return true;
  if (scope.departmentId && names(target.departmentId, target.departmentIds, scope.departmentId)) return true;
  if (scope.deputyId && names(target.deputyId, target.deputyIds, scope.deputyId)) return true;
  if (scope.createdBy && target.createdBy === scope.createdBy) return true;
  return false;
}

/** Whether `actor` reaches `target` of `resource`. */
export function reaches(actor: Actor, resource: Resource, target: ScopeTarget): boolean {
  return inScope(visibility(resource, actor), target);
}

/** A case as visibility compares it: its unit, its department, the deputies it is assigned and addressed to. */
export function caseScopeTarget(c: {
  unitPath: string | null;
  departmentId: string | null;
  deputyId: string | null;
  targetDeputyId: string | null;
}): ScopeTarget {
  return { unitPath: c.unitPath, departmentId: c.departmentId, deputyIds: [c.deputyId, c.targetDeputyId] };
}

/**
 * A proposal as visibility compares it: the lead deputy's home unit, the lead and the co-signers
 * who were invited or signed, and — once it left the draft — its lead and co-units.
 */
export function proposalScopeTarget(p: {
  status: string;
  unitPath: string;
  leadDeputyId: string;
  cosigners: ReadonlyArray<{ deputyId: string; status: string }>;
  leadUnitId: string | null;
  coUnitIds: readonly string[];
}): ScopeTarget {
  const draft = p.status === 'draft';
  return {
    unitPath: p.unitPath,
    draft,
    deputyId: p.leadDeputyId,
    deputyIds: p.cosigners.filter((c) => c.status === 'invited' || c.status === 'signed').map((c) => c.deputyId),
    departmentIds: draft ? [] : [p.leadUnitId, ...p.coUnitIds],
  };
}

/** A reception or an activity as visibility compares it: its station and the deputies on duty / taking part. */
export function stationRecordScopeTarget(r: { unitPath: string; deputyIds: readonly string[] }): ScopeTarget {
  return { unitPath: r.unitPath, deputyIds: r.deputyIds };
}
