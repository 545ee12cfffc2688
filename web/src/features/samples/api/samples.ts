// Requests of samples: what an area publishes (/area/samples) and what a school sees
// (/schools/:schoolId/samples), one sample with its versions, the diff of two versions, and which
// schools built from a sample. Every write refreshes the area's samples.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSampleInput, SampleDiffDto, SampleDto, SampleKind, SampleListDto, SampleUsageDto, UpdateSampleInput,
} from '../../../../../contracts/samples';
import { api } from '../../../lib/api';

export const areaSamplesKey = ['samples', 'area'] as const;
const areaBase = '/api/v1/area/samples';
const schoolBase = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}/samples`;
const diffParams = (from: number, to: number) => `from=${from}&to=${to}`;

export const areaSamplesQuery = (kind?: SampleKind) => queryOptions({
  queryKey: [...areaSamplesKey, 'list', kind ?? 'all'],
  queryFn: () => api.get<SampleListDto>(kind ? `${areaBase}?kind=${kind}` : areaBase),
});

export const areaSampleQuery = (sampleId: string) => queryOptions({
  queryKey: [...areaSamplesKey, 'one', sampleId],
  queryFn: () => api.get<SampleDto>(`${areaBase}/${encodeURIComponent(sampleId)}`),
});

/** The diff of two versions, read through the area's or a school's address (the same answer either way). */
const diffQuery = (scope: string, sampleUrl: string, from: number, to: number) => queryOptions({
  queryKey: ['samples', scope, 'diff', sampleUrl, from, to],
  queryFn: () => api.get<SampleDiffDto>(`${sampleUrl}/diff?${diffParams(from, to)}`),
});
export type SampleDiffQuery = ReturnType<typeof diffQuery>;

export const areaSampleDiffQuery = (sampleId: string, from: number, to: number): SampleDiffQuery =>
  diffQuery('area', `${areaBase}/${encodeURIComponent(sampleId)}`, from, to);

export const areaSampleUsageQuery = (sampleId: string) => queryOptions({
  queryKey: [...areaSamplesKey, 'usage', sampleId],
  queryFn: () => api.get<SampleUsageDto>(`${areaBase}/${encodeURIComponent(sampleId)}/usage`),
});

export const schoolSamplesQuery = (schoolId: string) => queryOptions({
  queryKey: ['samples', schoolId, 'list'],
  queryFn: () => api.get<SampleListDto>(schoolBase(schoolId)),
});

export const schoolSampleQuery = (schoolId: string, sampleId: string) => queryOptions({
  queryKey: ['samples', schoolId, 'one', sampleId],
  queryFn: () => api.get<SampleDto>(`${schoolBase(schoolId)}/${encodeURIComponent(sampleId)}`),
});

export const schoolSampleDiffQuery = (schoolId: string, sampleId: string, from: number, to: number): SampleDiffQuery =>
  diffQuery(schoolId, `${schoolBase(schoolId)}/${encodeURIComponent(sampleId)}`, from, to);

export function useCreateSample() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSampleInput) => api.post<SampleDto>(areaBase, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: areaSamplesKey }),
  });
}

export function useUpdateSample(sampleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSampleInput) => api.put<SampleDto>(`${areaBase}/${encodeURIComponent(sampleId)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: areaSamplesKey }),
  });
}
