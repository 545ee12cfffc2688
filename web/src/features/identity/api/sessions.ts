// The user's own open sessions: list them and end one (SPEC A7).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionListDto } from '../../../../../contracts/identity';
import { api } from '../../../lib/api';

export const sessionsQueryKey = ['me', 'sessions'] as const;

export const sessionsQuery = () => queryOptions({
  queryKey: sessionsQueryKey,
  queryFn: () => api.get<SessionListDto>('/api/v1/me/sessions'),
});

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.delete<{ ok: true }>(`/api/v1/me/sessions/${encodeURIComponent(sessionId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
