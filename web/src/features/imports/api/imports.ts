// Requests of the import screens: upload a file, follow its dry run, read the report, apply.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportJobDto, ImportJobListDto, ImportKind, ImportOutcome, ImportRowListDto } from '../../../../../contracts/imports';
import { api } from '../../../lib/api';

export const rowsPageSize = 50;

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}/imports`;

/** The page of one import. */
export const importJobPath = (jobId: string): string => `/org/imports/${encodeURIComponent(jobId)}`;

export const importsKey = (schoolId: string) => ['imports', schoolId] as const;

/** Polled while an analysis runs, so the list and the page show progress. */
const pollWhile = (busy: boolean): number | false => (busy ? 1000 : false);

export const importJobsQuery = (schoolId: string) => queryOptions({
  queryKey: [...importsKey(schoolId), 'list'],
  queryFn: () => api.get<ImportJobListDto>(base(schoolId)),
  refetchInterval: (q) => pollWhile(q.state.data?.jobs.some((j) => j.status === 'analysing') ?? false),
});

export const importJobQuery = (schoolId: string, jobId: string) => queryOptions({
  queryKey: [...importsKey(schoolId), 'job', jobId],
  queryFn: () => api.get<ImportJobDto>(`${base(schoolId)}/${encodeURIComponent(jobId)}`),
  refetchInterval: (q) => pollWhile(q.state.data?.status === 'analysing'),
});

export const importRowsQuery = (schoolId: string, jobId: string, p: { outcome: ImportOutcome | 'all'; offset: number; status: string }) => queryOptions({
  // The status is part of the key: the rows change when the analysis finishes or the apply runs.
  queryKey: [...importsKey(schoolId), 'rows', jobId, p],
  queryFn: () => {
    const search = new URLSearchParams({ offset: String(p.offset), limit: String(rowsPageSize) });
    if (p.outcome !== 'all') search.set('outcome', p.outcome);
    return api.get<ImportRowListDto>(`${base(schoolId)}/${encodeURIComponent(jobId)}/rows?${search.toString()}`);
  },
  placeholderData: keepPreviousData,
});

/** Sends the file as the request body; its name goes in a header, never in the URL. */
export function useUploadImport(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) =>
      api.post<ImportJobDto>(`${base(schoolId)}?kind=${kind}`, file, { headers: { 'X-File-Name': encodeURIComponent(file.name) } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importsKey(schoolId) }),
  });
}

export function useApplyImport(schoolId: string, jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ImportJobDto>(`${base(schoolId)}/${encodeURIComponent(jobId)}/apply`),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: importsKey(schoolId) });
      // Staff, students and guardians lists show what the apply wrote.
      await queryClient.invalidateQueries({ queryKey: ['org', schoolId] });
    },
  });
}
