/**
 * The signed-in account behind a request, in the form the policy understands, plus the
 * bits the audit log wants.
 */
import { AppError, can, type Actor, type PolicyAction, type PolicyTarget } from '@lianxin/core';

/** A policy actor with the account's name and address. */
export interface RequestActor extends Actor {
  username: string;
  displayName: string;
  ip: string | null;
}

/** Throws 403 unless `actor` may perform `action` on `target`. */
export function authorize(actor: RequestActor, action: PolicyAction, target: PolicyTarget = {}): void {
  if (!can(actor, action, target)) throw new AppError('PERMISSION_DENIED');
}

/**
 * The unit subtree (materialized path) whose station records — receptions, activities — the actor
 * reaches: its own unit's; `null` for admins and an office without a unit (everywhere); `undefined`
 * for accounts without a unit (deputies, departments), which reach none by unit.
 */
export function unitReach(actor: Actor): string | null | undefined {
  if (actor.scope.unitPath) return actor.scope.unitPath;
  if (actor.roles.includes('admin') || actor.roles.includes('supervisor')) return null;
  return undefined;
}

/** The deputy record of a deputy account, or null. */
export function ownDeputy(actor: Actor): string | null {
  return actor.roles.includes('deputy') ? (actor.scope.deputyId ?? null) : null;
}
