/**
 * The signed-in user as provided by `RequireSession` to everything below it. Reading it
 * from context (rather than from the session query) keeps pages from rendering for a
 * moment without a user while the guard redirects after sign-out.
 */
import { createContext, useContext } from 'react';
import type { SessionUser } from '../../shared/contract-types';

export const CurrentUserContext = createContext<SessionUser | null>(null);

/** The signed-in user; only inside `RequireSession`. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside RequireSession');
  return user;
}
