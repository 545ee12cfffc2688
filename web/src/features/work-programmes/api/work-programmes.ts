// Requests of work programmes and КЭС codifiers: the year's programmes with their hours, the load
// rows to make them for, coverage of the load, one programme with its topics; writes of programmes
// and topics (each with the programme's version as If-Match), the lesson plan's import, codifier
// uploads. Every write refreshes the programme lists.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CodifierDetailDto, CodifierDryRunDto, CodifierListDto, CoverageDto, CreatePlannedTopicBody, CreateWorkProgrammeBody, LessonPlanImportDto,
  ProgrammeLoadListDto, SplitPlannedTopicBody, UpdatePlannedTopicBody, UpdateWorkProgrammeBody, WorkProgrammeDetailDto, WorkProgrammeListDto,
} from '../../../../../contracts/work-programmes';
import { api } from '../../../lib/api';

const id = encodeURIComponent;
const base = (schoolId: string) => `/api/v1/schools/${id(schoolId)}`;
export const programmesKey = (schoolId: string) => ['workProgrammes', schoolId] as const;
export const codifiersKey = (schoolId: string) => ['codifiers', schoolId] as const;

export const programmesQuery = (schoolId: string, filter: { mine?: boolean; academicYear?: number; subjectId?: string } = {}) => queryOptions({
  queryKey: [...programmesKey(schoolId), 'list', filter],
  queryFn: () => {
    const q = new URLSearchParams();
    if (filter.mine) q.set('mine', 'true');
    if (filter.academicYear) q.set('academicYear', String(filter.academicYear));
    if (filter.subjectId) q.set('subjectId', filter.subjectId);
    return api.get<WorkProgrammeListDto>(`${base(schoolId)}/work-programmes?${q.toString()}`);
  },
});

export const programmeLoadQuery = (schoolId: string) => queryOptions({
  queryKey: [...programmesKey(schoolId), 'load'],
  queryFn: () => api.get<ProgrammeLoadListDto>(`${base(schoolId)}/work-programmes/load`),
});

export const coverageQuery = (schoolId: string) => queryOptions({
  queryKey: [...programmesKey(schoolId), 'coverage'],
  queryFn: () => api.get<CoverageDto>(`${base(schoolId)}/work-programmes/coverage`),
});

export const programmeQuery = (schoolId: string, programmeId: string) => queryOptions({
  queryKey: [...programmesKey(schoolId), 'one', programmeId],
  queryFn: () => api.get<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}`),
});

export const codifiersQuery = (schoolId: string) => queryOptions({
  queryKey: [...codifiersKey(schoolId), 'list'],
  queryFn: () => api.get<CodifierListDto>(`${base(schoolId)}/codifiers`),
});

export const codifierQuery = (schoolId: string, codifierId: string) => queryOptions({
  queryKey: [...codifiersKey(schoolId), 'one', codifierId],
  queryFn: () => api.get<CodifierDetailDto>(`${base(schoolId)}/codifiers/${id(codifierId)}`),
  staleTime: 60_000,
});

/** The lesson plan as XLSX: a plain link, the browser downloads it with the session cookie. */
export const lessonPlanUrl = (schoolId: string, programmeId: string): string => `${base(schoolId)}/work-programmes/${id(programmeId)}/lesson-plan.xlsx`;

const ifMatch = (version: number) => ({ headers: { 'If-Match': `"${version}"` } });

export function useCreateProgramme(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkProgrammeBody) => api.post<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmesKey(schoolId) }),
  });
}

/** A change of one programme: the answer is the programme as it is now, put straight into its query. */
function useProgrammeChange<Input>(schoolId: string, programmeId: string, send: (input: Input & { version: number }) => Promise<WorkProgrammeDetailDto | { ok: true }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (answer) => {
      if ('id' in answer) queryClient.setQueryData(programmeQuery(schoolId, programmeId).queryKey, answer);
      await queryClient.invalidateQueries({ queryKey: programmesKey(schoolId), predicate: (q) => q.queryKey[2] !== 'one' });
    },
    // A stale version: read the programme again so the next try names the current one.
    onError: () => queryClient.invalidateQueries({ queryKey: programmeQuery(schoolId, programmeId).queryKey }),
  });
}

export const useUpdateProgramme = (schoolId: string, programmeId: string) =>
  useProgrammeChange(schoolId, programmeId, ({ version, ...body }: UpdateWorkProgrammeBody & { version: number }) =>
    api.patch<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}`, body, ifMatch(version)));

export const useDeleteProgramme = (schoolId: string, programmeId: string) =>
  useProgrammeChange(schoolId, programmeId, ({ version }: { version: number }) =>
    api.delete<{ ok: true }>(`${base(schoolId)}/work-programmes/${id(programmeId)}`, ifMatch(version)));

export const useAddTopic = (schoolId: string, programmeId: string) =>
  useProgrammeChange(schoolId, programmeId, ({ version, ...body }: CreatePlannedTopicBody & { version: number }) =>
    api.post<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}/topics`, body, ifMatch(version)));

export const useUpdateTopic = (schoolId: string, programmeId: string) =>
  useProgrammeChange(schoolId, programmeId, ({ version, topicId, ...body }: UpdatePlannedTopicBody & { version: number; topicId: string }) =>
    api.patch<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}/topics/${id(topicId)}`, body, ifMatch(version)));

export const useDeleteTopic = (schoolId: string, programmeId: string) =>
  useProgrammeChange(schoolId, programmeId, ({ version, topicId }: { version: number; topicId: string }) =>
    api.delete<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}/topics/${id(topicId)}`, ifMatch(version)));

export const useMoveTopic = (schoolId: string, programmeId: string) =>
  useProgrammeChange(schoolId, programmeId, ({ version, topicId, position }: { version: number; topicId: string; position: number }) =>
    api.post<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}/topics/${id(topicId)}/move`, { position }, ifMatch(version)));

export const useSplitTopic = (schoolId: string, programmeId: string) =>
  useProgrammeChange(schoolId, programmeId, ({ version, topicId, ...body }: SplitPlannedTopicBody & { version: number; topicId: string }) =>
    api.post<WorkProgrammeDetailDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}/topics/${id(topicId)}/split`, body, ifMatch(version)));

/** The lesson plan from a file: a dry run first (no version needed), then the import itself. */
export function useImportLessonPlan(schoolId: string, programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, version }: { file: File; dryRun: boolean; version: number }) =>
      api.post<LessonPlanImportDto>(`${base(schoolId)}/work-programmes/${id(programmeId)}/lesson-plan${dryRun ? '?dryRun=true' : ''}`, file, {
        headers: { 'X-File-Name': encodeURIComponent(file.name), ...(dryRun ? {} : ifMatch(version).headers) },
      }),
    onSuccess: async (answer) => {
      if (answer.workProgramme) queryClient.setQueryData(programmeQuery(schoolId, programmeId).queryKey, answer.workProgramme);
      if (!answer.dryRun) await queryClient.invalidateQueries({ queryKey: programmesKey(schoolId), predicate: (q) => q.queryKey[2] !== 'one' });
    },
  });
}

export function useUploadCodifier(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, name, subjectId, dryRun }: { file: File; name: string; subjectId: string | null; dryRun: boolean }) => {
      const q = new URLSearchParams({ name });
      if (subjectId) q.set('subjectId', subjectId);
      if (dryRun) q.set('dryRun', 'true');
      return api.post<CodifierDryRunDto | CodifierDetailDto>(`${base(schoolId)}/codifiers?${q.toString()}`, file, { headers: { 'X-File-Name': encodeURIComponent(file.name) } });
    },
    onSuccess: (answer) => ('dryRun' in answer ? undefined : queryClient.invalidateQueries({ queryKey: codifiersKey(schoolId) })),
  });
}

export function useDeleteCodifier(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (codifierId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/codifiers/${id(codifierId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: codifiersKey(schoolId) }),
  });
}
