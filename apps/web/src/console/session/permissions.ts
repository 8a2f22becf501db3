/**
 * What the signed-in user may do, from `permissions` of `GET /me` (policy actions the user
 * holds anywhere). The server still decides each request; this only shapes the UI.
 */
import type { SessionUser } from '../../shared/contract-types';
import { useContext } from 'react';
import { CurrentUserContext } from './current-user';

/** Policy actions the console knows about. */
export type Permission =
  | 'org.view'
  | 'unit.manage'
  | 'point.manage'
  | 'deputy.manage'
  | 'deputy.contact.reveal'
  | 'department.manage'
  | 'category.manage'
  | 'appealKind.manage'
  | 'topic.manage'
  | 'user.view'
  | 'user.manage'
  | 'audit.view'
  | 'integration.manage'
  | 'calendar.manage'
  | 'reception.manage'
  | 'activity.manage'
  | 'duty.view'
  | 'evaluation.view'
  | 'evaluation.manage'
  | 'demo.outbox';

/** Whether `user` holds `permission`. */
export function hasPermission(user: SessionUser | null | undefined, permission: Permission): boolean {
  return !!user && user.permissions.includes(permission);
}

/** A checker bound to the current user. */
export function usePermission(): (permission: Permission) => boolean {
  const user = useContext(CurrentUserContext);
  return (permission) => hasPermission(user, permission);
}
