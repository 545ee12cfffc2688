// The signed-in person: who they are, their schools and roles, and the CSRF token for writes.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeDto, SetActiveSchoolInput } from '../../../../../contracts/identity';
import { api, isApiError, setCsrfToken } from '../../../lib/api';

export const meQueryKey = ['identity', 'me'] as const;

/** Null when nobody is signed in: the server answered 401. */
export const fetchMe = async (): Promise<MeDto | null> => {
  try {
    const me = await api.get<MeDto>('/api/v1/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
};

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: fetchMe,
  staleTime: 60_000,
});

export function useSetActiveSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetActiveSchoolInput) => api.put<MeDto>('/api/v1/me/active-school', input),
    onSuccess: async (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(meQueryKey, me);
      // Everything else was read for the previous school.
      await queryClient.invalidateQueries();
    },
  });
}
