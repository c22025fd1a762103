import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../features/auth/api.js';
import { isApiError, setCsrfToken } from '../lib/api.js';

/** A session that ended (expired, signed out elsewhere) shows the login page, not an error. */
function onError(error: unknown): void {
  if (isApiError(error) && error.status === 401 && error.code === 'UNAUTHENTICATED') {
    setCsrfToken(null);
    queryClient.setQueryData(authKeys.me(), null);
  }
}

/**
 * Server state lives in React Query. A refused request (4xx) is an answer, not a glitch:
 * it is not retried. Network failures and 5xx get one retry.
 */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failureCount < 1;
      },
    },
    mutations: { retry: false },
  },
});
