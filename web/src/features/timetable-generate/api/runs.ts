// Requests of timetable generation runs of one school: the history, one run polled while it works,
// starting and stopping. The versions list feeds the choice of a base version.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { StartTimetableRunBody, TimetableRunDto, TimetableRunListDto } from '../../../../../contracts/timetable-runs';
import type { TimetableVersionListDto } from '../../../../../contracts/timetable-versions';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;

export const runsKey = (schoolId: string) => ['timetable-runs', schoolId] as const;

export const isActiveRun = (run: Pick<TimetableRunDto, 'status'>): boolean => run.status === 'queued' || run.status === 'running';

export const runsQuery = (schoolId: string) => queryOptions({
  queryKey: [...runsKey(schoolId), 'list'],
  queryFn: () => api.get<TimetableRunListDto>(`${base(schoolId)}/timetable/runs`),
});

/** One run, asked again every second while it is queued or running. */
export const runQuery = (schoolId: string, runId: string) => queryOptions({
  queryKey: [...runsKey(schoolId), 'run', runId],
  queryFn: () => api.get<TimetableRunDto>(`${base(schoolId)}/timetable/runs/${encodeURIComponent(runId)}`),
  refetchInterval: (query) => (query.state.data && !isActiveRun(query.state.data) ? false : 1000),
});

export const versionsQuery = (schoolId: string) => queryOptions({
  queryKey: ['timetables', schoolId, 'versions-for-runs'],
  queryFn: () => api.get<TimetableVersionListDto>(`${base(schoolId)}/timetables`),
});

export function useStartRun(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartTimetableRunBody) => api.post<TimetableRunDto>(`${base(schoolId)}/timetable/runs`, body),
    onSuccess: (run) => {
      queryClient.setQueryData(runQuery(schoolId, run.id).queryKey, run);
      return queryClient.invalidateQueries({ queryKey: [...runsKey(schoolId), 'list'] });
    },
  });
}

export function useCancelRun(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => api.post<TimetableRunDto>(`${base(schoolId)}/timetable/runs/${encodeURIComponent(runId)}/cancel`),
    onSuccess: (run) => {
      queryClient.setQueryData(runQuery(schoolId, run.id).queryKey, run);
      return queryClient.invalidateQueries({ queryKey: [...runsKey(schoolId), 'list'] });
    },
  });
}
