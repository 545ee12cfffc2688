// The one QueryClient: no retries on answers that will not change, and a lost session sends the person to log in.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../features/identity/api/me';
import { isApiError } from '../lib/api';

const shouldRetry = (failureCount: number, error: unknown): boolean => {
  if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 408) return false;
  return failureCount < 2;
};

export function createQueryClient(): QueryClient {
  // The layout watches `me`: once it is null, the route guard redirects to the login page.
  const onError = (error: unknown) => {
    if (isApiError(error, 'UNAUTHENTICATED')) {
      queryClient.setQueryData(meQueryKey, null);
    } else if (isApiError(error, 'CSRF_TOKEN_INVALID') || isApiError(error, 'PASSWORD_CHANGE_REQUIRED')) {
      // A fresh `me` carries a new token, or the flag that sends the person to change the password.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
