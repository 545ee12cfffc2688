// Requests of a lesson's materials and homework, students' work and files. Every change refreshes
// the school's homework queries: the lesson's panel, the roster and the student's list move together.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ControlFormListDto } from '../../../../../contracts/control-forms';
import type {
  CheckWorkBody, CreateHomeworkBody, CreateMaterialBody, FileDto, FileRulesDto, HomeworkDto, HomeworkListDto, MaterialDto, MaterialListDto,
  ReturnWorkBody, StudentHomeworkListDto, SubmissionDto, SubmissionRosterDto, SubmitWorkBody, UpdateHomeworkBody,
} from '../../../../../contracts/homework';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const search = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') s.set(key, value);
  return s.toString();
};

export const homeworkKey = (schoolId: string) => ['homework', schoolId] as const;

/** Where a file is downloaded from (a plain link: the browser saves it under its name). */
export const fileUrl = (schoolId: string, fileId: string): string => `${base(schoolId)}/files/${encodeURIComponent(fileId)}`;

export const fileRulesQuery = (schoolId: string) => queryOptions({
  queryKey: [...homeworkKey(schoolId), 'fileRules'],
  queryFn: () => api.get<FileRulesDto>(`${base(schoolId)}/files/rules`),
  staleTime: Infinity,
});

export const materialsQuery = (schoolId: string, journalLessonId: string) => queryOptions({
  queryKey: [...homeworkKey(schoolId), 'materials', journalLessonId],
  queryFn: () => api.get<MaterialListDto>(`${base(schoolId)}/journal/lessons/${encodeURIComponent(journalLessonId)}/materials`),
});

export const lessonHomeworkQuery = (schoolId: string, journalLessonId: string) => queryOptions({
  queryKey: [...homeworkKey(schoolId), 'lesson', journalLessonId],
  queryFn: () => api.get<HomeworkListDto>(`${base(schoolId)}/journal/lessons/${encodeURIComponent(journalLessonId)}/homework`),
});

export const rosterQuery = (schoolId: string, homeworkId: string) => queryOptions({
  queryKey: [...homeworkKey(schoolId), 'roster', homeworkId],
  queryFn: () => api.get<SubmissionRosterDto>(`${base(schoolId)}/homework/${encodeURIComponent(homeworkId)}/submissions`),
});

export const studentHomeworkQuery = (schoolId: string, from: string, to: string, studentId: string | undefined) => queryOptions({
  queryKey: [...homeworkKey(schoolId), 'student', from, to, studentId ?? null],
  queryFn: () => api.get<StudentHomeworkListDto>(`${base(schoolId)}/student-homework?${search({ from, to, studentId })}`),
});

/** Forms of control a mark for the subject may be given in. */
export const subjectFormsQuery = (schoolId: string, subjectId: string) => queryOptions({
  queryKey: ['controlForms', schoolId, 'subject', subjectId],
  queryFn: () => api.get<ControlFormListDto>(`${base(schoolId)}/control-forms?${search({ subjectId })}`),
});

/** Uploads one file; its id is then named by the material, homework or work it belongs to. */
export const uploadFile = (schoolId: string, file: File): Promise<FileDto> =>
  api.post<FileDto>(`${base(schoolId)}/files`, file, { headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) } });

/** Uploads the files one after another and answers their ids. */
export const uploadAll = async (schoolId: string, list: readonly File[]): Promise<string[]> => {
  const ids: string[] = [];
  for (const f of list) ids.push((await uploadFile(schoolId, f)).id);
  return ids;
};

function useHomeworkMutation<A, R>(schoolId: string, fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => { void queryClient.invalidateQueries({ queryKey: homeworkKey(schoolId) }); },
  });
}

const ifMatch = (version: number) => ({ headers: { 'If-Match': `"${version}"` } });

export const useAddMaterial = (schoolId: string, journalLessonId: string) => useHomeworkMutation(schoolId,
  (body: CreateMaterialBody) => api.post<MaterialDto>(`${base(schoolId)}/journal/lessons/${encodeURIComponent(journalLessonId)}/materials`, body));

export const useRemoveMaterial = (schoolId: string, journalLessonId: string) => useHomeworkMutation(schoolId,
  (materialId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/journal/lessons/${encodeURIComponent(journalLessonId)}/materials/${encodeURIComponent(materialId)}`));

export const useCreateHomework = (schoolId: string, journalLessonId: string) => useHomeworkMutation(schoolId,
  (body: CreateHomeworkBody) => api.post<HomeworkDto>(`${base(schoolId)}/journal/lessons/${encodeURIComponent(journalLessonId)}/homework`, body));

export const useUpdateHomework = (schoolId: string) => useHomeworkMutation(schoolId,
  ({ id, version, body }: { id: string; version: number; body: UpdateHomeworkBody }) =>
    api.patch<HomeworkDto>(`${base(schoolId)}/homework/${encodeURIComponent(id)}`, body, ifMatch(version)));

export const useDeleteHomework = (schoolId: string) => useHomeworkMutation(schoolId,
  ({ id, version }: { id: string; version: number }) => api.delete<{ ok: true }>(`${base(schoolId)}/homework/${encodeURIComponent(id)}`, ifMatch(version)));

export const useSubmitWork = (schoolId: string) => useHomeworkMutation(schoolId,
  ({ homeworkId, body }: { homeworkId: string; body: SubmitWorkBody }) =>
    api.post<SubmissionDto>(`${base(schoolId)}/homework/${encodeURIComponent(homeworkId)}/submissions`, body));

export const useReturnWork = (schoolId: string) => useHomeworkMutation(schoolId,
  ({ id, version, body }: { id: string; version: number; body: ReturnWorkBody }) =>
    api.post<SubmissionDto>(`${base(schoolId)}/submissions/${encodeURIComponent(id)}/return`, body, ifMatch(version)));

export const useCheckWork = (schoolId: string) => useHomeworkMutation(schoolId,
  ({ id, version, body }: { id: string; version: number; body: CheckWorkBody }) =>
    api.post<SubmissionDto>(`${base(schoolId)}/submissions/${encodeURIComponent(id)}/check`, body, ifMatch(version)));
