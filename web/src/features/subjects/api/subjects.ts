// Requests of subjects, the ФГОС catalogue and additional programmes of one school. A write
// refreshes these queries and the org area's subject list (its forms offer subjects too).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AdditionalProgrammeDto, AdditionalProgrammeListDto, CreateAdditionalProgrammeInput, CreateSubjectInput, FromCatalogueDto,
  SubjectCatalogueDto, SubjectDto, SubjectListDto, UpdateAdditionalProgrammeInput, UpdateSubjectInput,
} from '../../../../../contracts/subjects';
import { api } from '../../../lib/api';
import { orgKey } from '../../org/api/org';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const id = encodeURIComponent;

export const subjectsKey = (schoolId: string) => ['subjects', schoolId] as const;

export const allSubjectsQuery = (schoolId: string, includeArchived: boolean) => queryOptions({
  queryKey: [...subjectsKey(schoolId), 'list', includeArchived],
  queryFn: () => api.get<SubjectListDto>(`${base(schoolId)}/subjects${includeArchived ? '?includeArchived=true' : ''}`),
});

export const catalogueQuery = (schoolId: string) => queryOptions({
  queryKey: [...subjectsKey(schoolId), 'catalogue'],
  queryFn: () => api.get<SubjectCatalogueDto>(`${base(schoolId)}/subject-catalogue`),
});

export const programmesQuery = (schoolId: string, academicYear: number) => queryOptions({
  queryKey: [...subjectsKey(schoolId), 'programmes', academicYear],
  queryFn: () => api.get<AdditionalProgrammeListDto>(`${base(schoolId)}/additional-programmes?academicYear=${academicYear}`),
});

function useSubjectsWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: subjectsKey(schoolId) }),
        queryClient.invalidateQueries({ queryKey: [...orgKey(schoolId), 'subjects'] }),
        // Rooms show the names of the subjects they suit.
        queryClient.invalidateQueries({ queryKey: ['rooms', schoolId] }),
      ]);
    },
  });
}

export const useSaveSubject = (schoolId: string) =>
  useSubjectsWrite(schoolId, ({ subjectId, input }: { subjectId: string | null; input: CreateSubjectInput | UpdateSubjectInput }) =>
    subjectId === null
      ? api.post<SubjectDto>(`${base(schoolId)}/subjects`, input)
      : api.patch<SubjectDto>(`${base(schoolId)}/subjects/${id(subjectId)}`, input));

export const useAddFromCatalogue = (schoolId: string) =>
  useSubjectsWrite(schoolId, (codes: string[]) => api.post<FromCatalogueDto>(`${base(schoolId)}/subjects/from-catalogue`, { codes }));

export const useSaveProgramme = (schoolId: string) =>
  useSubjectsWrite(schoolId, ({ programmeId, input }: { programmeId: string | null; input: CreateAdditionalProgrammeInput | UpdateAdditionalProgrammeInput }) =>
    programmeId === null
      ? api.post<AdditionalProgrammeDto>(`${base(schoolId)}/additional-programmes`, input)
      : api.patch<AdditionalProgrammeDto>(`${base(schoolId)}/additional-programmes/${id(programmeId)}`, input));

export const useDeleteProgramme = (schoolId: string) =>
  useSubjectsWrite(schoolId, (programmeId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/additional-programmes/${id(programmeId)}`));
