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
