// Requests of curricula: the list of a year, one curriculum, its writes; what the editor offers
// (subjects, attestation schedules, curriculum samples). Every write refreshes the school's curricula.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CopyYearInput, CopyYearResultDto, CreateCurriculumInput, CurriculumDto, CurriculumKind, CurriculumListDto, CurriculumSampleDiffDto,
  ReplaceLinesInput, UpdateCurriculumInput,
} from '../../../../../contracts/curricula';
import type { SampleListDto } from '../../../../../contracts/samples';
import type { SubjectListDto } from '../../../../../contracts/subjects';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
export const curriculaKey = (schoolId: string) => ['curricula', schoolId] as const;

export const curriculaQuery = (schoolId: string, academicYear: number, kind: CurriculumKind) => queryOptions({
  queryKey: [...curriculaKey(schoolId), 'list', academicYear, kind],
  queryFn: () => api.get<CurriculumListDto>(`${base(schoolId)}/curricula?academicYear=${academicYear}&kind=${kind}`),
});

export const curriculumQuery = (schoolId: string, curriculumId: string) => queryOptions({
  queryKey: [...curriculaKey(schoolId), 'one', curriculumId],
  queryFn: () => api.get<CurriculumDto>(`${base(schoolId)}/curricula/${encodeURIComponent(curriculumId)}`),
});

export const sampleDiffQuery = (schoolId: string, curriculumId: string) => queryOptions({
  queryKey: [...curriculaKey(schoolId), 'diff', curriculumId],
  queryFn: () => api.get<CurriculumSampleDiffDto>(`${base(schoolId)}/curricula/${encodeURIComponent(curriculumId)}/sample-diff`),
});

/** Subjects of the school (all kinds; the editor keeps those the curriculum's kind takes). */
export const curriculumSubjectsQuery = (schoolId: string) => queryOptions({
  queryKey: [...curriculaKey(schoolId), 'subjects'],
  queryFn: () => api.get<SubjectListDto>(`${base(schoolId)}/subjects`),
  staleTime: 60_000,
});

export type AttestationScheduleOption = { id: string; name: string; kind: string; grades: number[] };

/** Own attestation schedules of the year; an empty list when the calendar area does not answer. */
export const attestationSchedulesQuery = (schoolId: string, academicYear: number) => queryOptions({
  queryKey: [...curriculaKey(schoolId), 'schedules', academicYear],
  queryFn: async () => {
    try {
      return (await api.get<{ items: AttestationScheduleOption[] }>(`${base(schoolId)}/attestation-schedules?academicYear=${academicYear}`)).items;
    } catch {
      return [] as AttestationScheduleOption[];
    }
  },
  retry: false,
});

/** Curriculum samples the school sees; an empty list when the samples area does not answer. */
export const curriculumSamplesQuery = (schoolId: string) => queryOptions({
  queryKey: [...curriculaKey(schoolId), 'samples'],
  queryFn: async () => {
    try {
      return (await api.get<SampleListDto>(`${base(schoolId)}/samples?kind=curriculum`)).items;
    } catch {
      return [] as SampleListDto['items'];
    }
  },
  retry: false,
});

function useCurriculaWrite<I, O>(schoolId: string, send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: curriculaKey(schoolId) }),
  });
}

export const useCreateCurriculum = (schoolId: string) =>
  useCurriculaWrite(schoolId, (input: CreateCurriculumInput) => api.post<CurriculumDto>(`${base(schoolId)}/curricula`, input));

export const useCopyYear = (schoolId: string) =>
  useCurriculaWrite(schoolId, (input: CopyYearInput) => api.post<CopyYearResultDto>(`${base(schoolId)}/curricula/copy-year`, input));

export const useReplaceLines = (schoolId: string, curriculumId: string) =>
  useCurriculaWrite(schoolId, (input: ReplaceLinesInput) => api.put<CurriculumDto>(`${base(schoolId)}/curricula/${encodeURIComponent(curriculumId)}/lines`, input));

export const useUpdateCurriculum = (schoolId: string, curriculumId: string) =>
  useCurriculaWrite(schoolId, (input: UpdateCurriculumInput) => api.patch<CurriculumDto>(`${base(schoolId)}/curricula/${encodeURIComponent(curriculumId)}`, input));

export const useDeleteCurriculum = (schoolId: string) =>
  useCurriculaWrite(schoolId, (curriculumId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/curricula/${encodeURIComponent(curriculumId)}`));

export const useTakeSample = (schoolId: string, curriculumId: string) =>
  useCurriculaWrite(schoolId, (version: number) => api.post<CurriculumDto>(`${base(schoolId)}/curricula/${encodeURIComponent(curriculumId)}/take-sample`, { version }));
