import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody, LoginBody, Me } from '../../../shared/schemas/accounts.js';
import { api, isApiError, setCsrfToken } from '../../lib/api.js';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The signed-in staff member, or null. Keeps the session's CSRF token for later writes. */
async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', { signal });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Restores the session on reload (GET /api/auth/me; 401 means signed out). */
export function useSession() {
  return useQuery({ queryKey: authKeys.me(), queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<Me>('/api/auth/login', body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Whatever was cached belonged to the previous person (or to nobody).
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'catalog' });
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'catalog' });
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<void>('/api/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}

/** Where a staff member lands after signing in. */
export function homeOf(me: Me): string {
  if (me.mustChangePassword) return '/doi-mat-khau';
  if (me.role === 'admin') return '/quan-tri/trung-tam';
  if (me.role === 'leader') return '/quan-tri/hang-doi';
  return '/quay';
}
