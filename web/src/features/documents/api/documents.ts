// The school's programme documents: the list, one document's tables, the XLSX address, and the
// publication switch. The public variants read the same from the address that needs no sign-in.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProgrammeDocumentDto, ProgrammeDocumentListDto, PublicationDto, PublicationInput } from '../../../../../contracts/documents';
import { api } from '../../../lib/api';

export type DocumentsSource = { schoolId: string; public: boolean };

const base = ({ schoolId, public: open }: DocumentsSource): string =>
  `/api/v1/${open ? 'public/' : ''}schools/${encodeURIComponent(schoolId)}/programme-documents`;
const yearQuery = (academicYear: number | null): string => (academicYear === null ? '' : `?academicYear=${academicYear}`);

const documentsKey = (source: DocumentsSource) => ['documents', source.schoolId, source.public ? 'public' : 'school'] as const;

export const documentListQuery = (source: DocumentsSource, academicYear: number | null) => queryOptions({
  queryKey: [...documentsKey(source), 'list', academicYear ?? 'current'],
  queryFn: () => api.get<ProgrammeDocumentListDto>(`${base(source)}${yearQuery(academicYear)}`),
});

export const documentQuery = (source: DocumentsSource, key: string, academicYear: number) => queryOptions({
  queryKey: [...documentsKey(source), 'document', key, academicYear],
  queryFn: () => api.get<ProgrammeDocumentDto>(`${base(source)}/${encodeURIComponent(key)}?academicYear=${academicYear}`),
});

/** The address of a document's XLSX file (a plain link: the session cookie goes with it). */
export const documentFileUrl = (source: DocumentsSource, key: string, academicYear: number): string =>
  `${base(source)}/${encodeURIComponent(key)}/file?academicYear=${academicYear}`;

export function useSetPublication(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PublicationInput) =>
      api.post<PublicationDto>(`/api/v1/schools/${encodeURIComponent(schoolId)}/programme-documents/publication`, input),
    onSettled: () => client.invalidateQueries({ queryKey: ['documents', schoolId] }),
  });
}
