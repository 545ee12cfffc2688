// Requests of control forms and mark scales of one school, and the control-form samples it may
// build from. Every write refreshes the school's control-form queries.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ControlFormDto, ControlFormListDto, ControlFormSampleStatusDto, ControlFormsFromSampleDto, CreateControlFormInput, CreateMarkScaleInput,
  MarkScaleDto, MarkScaleListDto, UpdateControlFormInput, UpdateMarkScaleInput,
} from '../../../../../contracts/control-forms';
import type { SampleListDto } from '../../../../../contracts/samples';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const id = encodeURIComponent;

export const controlFormsKey = (schoolId: string) => ['controlForms', schoolId] as const;

export const markScalesQuery = (schoolId: string) => queryOptions({
  queryKey: [...controlFormsKey(schoolId), 'scales'],
  queryFn: () => api.get<MarkScaleListDto>(`${base(schoolId)}/mark-scales`),
});

export const controlFormsQuery = (schoolId: string, includeArchived: boolean) => queryOptions({
  queryKey: [...controlFormsKey(schoolId), 'forms', includeArchived],
  queryFn: () => api.get<ControlFormListDto>(`${base(schoolId)}/control-forms${includeArchived ? '?includeArchived=true' : ''}`),
});

export const controlFormSampleStatusQuery = (schoolId: string) => queryOptions({
  queryKey: [...controlFormsKey(schoolId), 'sampleStatus'],
  queryFn: () => api.get<ControlFormSampleStatusDto>(`${base(schoolId)}/control-forms/sample-status`),
});

/** Samples of control-form sets the school sees (federal, its region's, its municipality's). */
export const controlFormSamplesQuery = (schoolId: string) => queryOptions({
  queryKey: [...controlFormsKey(schoolId), 'samples'],
  queryFn: () => api.get<SampleListDto>(`${base(schoolId)}/samples?kind=controlForms`),
  retry: false,
});

function useControlFormsWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: controlFormsKey(schoolId) }),
      queryClient.invalidateQueries({ queryKey: ['year', schoolId, 'readiness'] }),
    ]),
  });
}

export const useSaveControlForm = (schoolId: string) =>
  useControlFormsWrite(schoolId, ({ controlFormId, input }: { controlFormId: string | null; input: CreateControlFormInput | UpdateControlFormInput }) =>
    controlFormId === null
      ? api.post<ControlFormDto>(`${base(schoolId)}/control-forms`, input)
      : api.patch<ControlFormDto>(`${base(schoolId)}/control-forms/${id(controlFormId)}`, input));

export const useSaveMarkScale = (schoolId: string) =>
  useControlFormsWrite(schoolId, ({ markScaleId, input }: { markScaleId: string | null; input: CreateMarkScaleInput | UpdateMarkScaleInput }) =>
    markScaleId === null
      ? api.post<MarkScaleDto>(`${base(schoolId)}/mark-scales`, input)
      : api.patch<MarkScaleDto>(`${base(schoolId)}/mark-scales/${id(markScaleId)}`, input));

export const useControlFormsFromSample = (schoolId: string) =>
  useControlFormsWrite(schoolId, (sampleId: string) => api.post<ControlFormsFromSampleDto>(`${base(schoolId)}/control-forms/from-sample`, { sampleId }));
