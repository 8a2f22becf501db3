/**
 * Role checks for what a page offers inside itself (a button only the office sees). Which
 * pages a role has at all is the policy's (`permissions.ts`, areas such as `case.view`).
 */
import { useContext } from 'react';
import type { Role, SessionUser } from '../../shared/contract-types';
import { CurrentUserContext } from './current-user';

/** Whether `user` has at least one of `roles`. */
export function hasAnyRole(user: SessionUser | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

/** A role checker bound to the current user. */
export function useHasAnyRole(): (roles: readonly Role[]) => boolean {
  const user = useContext(CurrentUserContext);
  return (roles) => hasAnyRole(user, roles);
}
