/**
 * What `GET /me` says a user may do, computed with the real policy (`@lianxin/core`), the same
 * way the server does (`AuthService.sessionUser`: every action on the user's own scope), so the
 * fake sessions of these tests get exactly the menu and pages a real account gets.
 */
import { can, POLICY_ACTIONS, type PolicyAction, type Role } from '@lianxin/core';

/** The permissions of an account with `roles` and `scope` (a unit is given a path of its own). */
export function policyPermissions(
  roles: readonly string[],
  scope: { unitId?: string | null; departmentId?: string | null; deputyId?: string | null } = {},
): PolicyAction[] {
  const unitPath = scope.unitId ? `/hub/${scope.unitId}/` : null;
  const actor = { userId: 'u', roles: roles as Role[], scope: { unitPath, departmentId: scope.departmentId ?? null, deputyId: scope.deputyId ?? null } };
  const own = { unitPath: unitPath ?? '/', departmentId: scope.departmentId ?? null, deputyId: scope.deputyId ?? null };
  return POLICY_ACTIONS.filter((action) => can(actor, action, own));
}
