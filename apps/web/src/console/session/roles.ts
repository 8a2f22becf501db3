/**
 * Role-based gates of the case pages. Cases are not in the `permissions` of `GET /me`
 * (those cover the organisation pages); the console shows case pages by role and the
 * server decides every request by role and scope.
 */
import { useContext } from 'react';
import type { Role, SessionUser } from '../../shared/contract-types';
import { CurrentUserContext } from './current-user';

/** Roles that work on cases (the case list and case pages). */
export const CASE_ROLES: readonly Role[] = ['staff', 'supervisor', 'admin', 'deputy', 'department'];
/** Roles that record walk-in, phone and visit opinions. */
export const INTAKE_ROLES: readonly Role[] = ['staff', 'supervisor', 'admin', 'deputy'];
/** Roles that import registers from spreadsheets. */
export const IMPORT_ROLES: readonly Role[] = ['staff', 'supervisor', 'admin'];

/** Whether `user` has at least one of `roles`. */
export function hasAnyRole(user: SessionUser | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

/** A role checker bound to the current user. */
export function useHasAnyRole(): (roles: readonly Role[]) => boolean {
  const user = useContext(CurrentUserContext);
  return (roles) => hasAnyRole(user, roles);
}
