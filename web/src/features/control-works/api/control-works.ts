// Requests of control works: the schedule, one work, its results grid and analysis, the
// work-programme topics that prefill a new work. Changes send the work's version as If-Match; every
// change refreshes the school's control-work queries (and the journal's, where the marks land).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ControlWorkAnalysisDto, ControlWorkDto, ControlWorkListDto, ControlWorkResultsDto, CreateControlWorkBody, PlannedControlTopicListDto,
  SaveControlWorkResultsBody, UpdateControlWorkBody,
} from '../../../../../contracts/control-works';
import type { DatedLessonListDto } from '../../../../../contracts/lessons';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}/control-works`;
const id = encodeURIComponent;
const search = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') s.set(key, String(value));
  const text = s.toString();
  return text === '' ? '' : `?${text}`;
};
const ifMatch = (version: number) => ({ headers: { 'If-Match': `"${version}"` } });

export const controlWorksKey = (schoolId: string) => ['controlWorks', schoolId] as const;

export type ControlWorkFilter = { classId?: string | undefined; studyGroupId?: string | undefined; academicYear?: number | undefined };

export const controlWorksQuery = (schoolId: string, filter: ControlWorkFilter) => queryOptions({
  queryKey: [...controlWorksKey(schoolId), 'list', filter],
  queryFn: () => api.get<ControlWorkListDto>(`${base(schoolId)}${search(filter)}`),
});

export const controlWorkQuery = (schoolId: string, workId: string) => queryOptions({
  queryKey: [...controlWorksKey(schoolId), 'work', workId],
  queryFn: () => api.get<ControlWorkDto>(`${base(schoolId)}/${id(workId)}`),
});

export const controlWorkResultsQuery = (schoolId: string, workId: string) => queryOptions({
  queryKey: [...controlWorksKey(schoolId), 'results', workId],
  queryFn: () => api.get<ControlWorkResultsDto>(`${base(schoolId)}/${id(workId)}/results`),
});

export const controlWorkAnalysisQuery = (schoolId: string, workId: string) => queryOptions({
  queryKey: [...controlWorksKey(schoolId), 'analysis', workId],
  queryFn: () => api.get<ControlWorkAnalysisDto>(`${base(schoolId)}/${id(workId)}/analysis`),
});

export const plannedControlTopicsQuery = (schoolId: string, q: { subjectId: string; classId?: string | undefined; studyGroupId?: string | undefined }) => queryOptions({
  queryKey: [...controlWorksKey(schoolId), 'plannedTopics', q],
  queryFn: () => api.get<PlannedControlTopicListDto>(`${base(schoolId)}/planned-topics${search(q)}`),
});

function useControlWorksWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: controlWorksKey(schoolId) }),
      queryClient.invalidateQueries({ queryKey: ['journal', schoolId] }),
    ]),
  });
}

export const useCreateControlWork = (schoolId: string) =>
  useControlWorksWrite(schoolId, (body: CreateControlWorkBody) => api.post<ControlWorkDto>(base(schoolId), body));

export const useUpdateControlWork = (schoolId: string) =>
  useControlWorksWrite(schoolId, ({ workId, version, body }: { workId: string; version: number; body: UpdateControlWorkBody }) =>
    api.patch<ControlWorkDto>(`${base(schoolId)}/${id(workId)}`, body, ifMatch(version)));

export const useDeleteControlWork = (schoolId: string) =>
  useControlWorksWrite(schoolId, ({ workId, version }: { workId: string; version: number }) =>
    api.delete<{ ok: true }>(`${base(schoolId)}/${id(workId)}`, ifMatch(version)));

export const useSaveControlWorkResults = (schoolId: string) =>
  useControlWorksWrite(schoolId, ({ workId, version, body }: { workId: string; version: number; body: SaveControlWorkResultsBody }) => {
    // One key per save: a retry of this request is answered as the first time, never written twice.
    const key = crypto.randomUUID();
    return api.put<ControlWorkResultsDto>(`${base(schoolId)}/${id(workId)}/results`, body, { headers: { ...ifMatch(version).headers, 'Idempotency-Key': key } });
  });

/** The lessons of a class or group around a date, to choose the one the work was written at (the lessons feature's route). */
export const unitLessonsQuery = (schoolId: string, from: string, to: string, unit: { classId?: string | undefined; studyGroupId?: string | undefined }) => queryOptions({
  queryKey: ['lessons', schoolId, 'dated', from, to, unit],
  queryFn: () => api.get<DatedLessonListDto>(`/api/v1/schools/${encodeURIComponent(schoolId)}/lessons${search({ from, to, ...unit })}`),
});
