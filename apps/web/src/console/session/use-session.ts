/**
 * The signed-in user: `GET /api/v1/me` through react-query (null when signed out), plus
 * login and logout.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginResponse } from '../../shared/contract-types';
import { ApiError, get, PATHS, post, setCsrfToken } from '../api';

/** react-query key of the session. */
export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<LoginResponse | null> {
  try {
    const session = await get<LoginResponse>(PATHS.me);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The session query: `user` is null when signed out, undefined while loading. */
export function useSession() {
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
  return {
    user: query.data === undefined ? undefined : (query.data?.user ?? null),
    loading: query.isPending,
    error: query.error,
    refetch: query.refetch,
  };
}

/** Signs in, then loads the full session (`/me`). */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) => {
      const result = await post<LoginResponse>(PATHS.login, body);
      setCsrfToken(result.csrfToken);
      return result;
    },
    onSuccess: async () => {
      await client.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 });
    },
  });
}

/** Signs out and forgets every cached answer. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<unknown>(PATHS.logout),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
