/**
 * What the signed-in user may do, from `permissions` of `GET /me` (policy actions the user
 * holds anywhere). The server still decides each request; this only shapes the UI.
 */
import type { PolicyAction } from '@lianxin/core';
import type { SessionUser } from '../../shared/contract-types';
import { useContext } from 'react';
import { CurrentUserContext } from './current-user';

/** A policy action (`packages/core/src/policy.ts`): the console asks the same table the server enforces. */
export type Permission = PolicyAction;

/** Whether `user` holds `permission`. */
export function hasPermission(user: SessionUser | null | undefined, permission: Permission): boolean {
  return !!user && user.permissions.includes(permission);
}

/** A checker bound to the current user. */
export function usePermission(): (permission: Permission) => boolean {
  const user = useContext(CurrentUserContext);
  return (permission) => hasPermission(user, permission);
}
