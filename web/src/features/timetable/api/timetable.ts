// Requests of timetable versions and their lessons. Every change sends the version number it was
// made on (If-Match) and refreshes every timetable query of the school.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AddTimetableLessonBody, CreateTimetableVersionBody, LockTimetableLessonsDto, MoveTimetableLessonBody, PublishTimetableVersionDto, TimetableGridDto,
  TimetableGridQuery, TimetableLessonChangeDto, TimetableMoveCheckDto, TimetableVersionDetailDto, TimetableVersionDto, TimetableVersionListDto,
} from '../../../../../contracts/timetable-versions';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}/timetables`;
const id = encodeURIComponent;
const ifMatch = (version: number) => ({ headers: { 'If-Match': `"${version}"` } });

export const timetableKey = (schoolId: string) => ['timetable-versions', schoolId] as const;

export const versionsQuery = (schoolId: string) => queryOptions({
  queryKey: [...timetableKey(schoolId), 'list'],
  queryFn: () => api.get<TimetableVersionListDto>(base(schoolId)),
});

export const versionQuery = (schoolId: string, timetableId: string) => queryOptions({
  queryKey: [...timetableKey(schoolId), 'version', timetableId],
  queryFn: () => api.get<TimetableVersionDetailDto>(`${base(schoolId)}/${id(timetableId)}`),
});

export const gridQuery = (schoolId: string, timetableId: string, filter: TimetableGridQuery) => queryOptions({
  queryKey: [...timetableKey(schoolId), 'grid', timetableId, filter],
  queryFn: () => {
    const search = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return api.get<TimetableGridDto>(`${base(schoolId)}/${id(timetableId)}/lessons${search.size > 0 ? `?${search}` : ''}`);
  },
});

/** What a move would do, asked without saving (the same for the same version, lesson and cell). */
export const checkQuery = (schoolId: string, timetableId: string, version: number, lessonId: string, body: MoveTimetableLessonBody) => queryOptions({
  queryKey: [...timetableKey(schoolId), 'check', timetableId, version, lessonId, body],
  queryFn: () => api.post<TimetableMoveCheckDto>(`${base(schoolId)}/${id(timetableId)}/lessons/${id(lessonId)}/check`, body),
  staleTime: 30_000,
});

function useTimetableWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // A refused change may also mean the version moved on (412): read it again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: timetableKey(schoolId) }),
  });
}

export const useCreateVersion = (schoolId: string) =>
  useTimetableWrite(schoolId, (body: CreateTimetableVersionBody) => api.post<TimetableVersionDetailDto>(base(schoolId), body));

export const usePublishVersion = (schoolId: string) =>
  useTimetableWrite(schoolId, ({ timetableId, version, validFrom, force }: { timetableId: string; version: number; validFrom: string; force: boolean }) =>
    api.post<PublishTimetableVersionDto>(`${base(schoolId)}/${id(timetableId)}/publish`, { validFrom, ...(force ? { force } : {}) }, ifMatch(version)));

export const useUnpublishVersion = (schoolId: string) =>
  useTimetableWrite(schoolId, ({ timetableId, version }: { timetableId: string; version: number }) =>
    api.post<TimetableVersionDto>(`${base(schoolId)}/${id(timetableId)}/unpublish`, undefined, ifMatch(version)));

export const useDeleteVersion = (schoolId: string) =>
  useTimetableWrite(schoolId, ({ timetableId, version }: { timetableId: string; version: number }) =>
    api.delete<{ ok: true }>(`${base(schoolId)}/${id(timetableId)}`, ifMatch(version)));

export const useMoveLesson = (schoolId: string) =>
  useTimetableWrite(schoolId, ({ timetableId, version, lessonId, body }: { timetableId: string; version: number; lessonId: string; body: MoveTimetableLessonBody }) =>
    api.patch<TimetableLessonChangeDto>(`${base(schoolId)}/${id(timetableId)}/lessons/${id(lessonId)}`, body, ifMatch(version)));

export const useLockLessons = (schoolId: string) =>
  useTimetableWrite(schoolId, ({ timetableId, version, lessonIds, locked }: { timetableId: string; version: number; lessonIds: string[]; locked: boolean }) =>
    api.post<LockTimetableLessonsDto>(`${base(schoolId)}/${id(timetableId)}/lessons/lock`, { lessonIds, locked }, ifMatch(version)));

export const useAddLesson = (schoolId: string) =>
  useTimetableWrite(schoolId, ({ timetableId, version, body }: { timetableId: string; version: number; body: AddTimetableLessonBody }) =>
    api.post<TimetableLessonChangeDto>(`${base(schoolId)}/${id(timetableId)}/lessons`, body, ifMatch(version)));

export const useRemoveLesson = (schoolId: string) =>
  useTimetableWrite(schoolId, ({ timetableId, version, lessonId }: { timetableId: string; version: number; lessonId: string }) =>
    api.delete<TimetableVersionDto>(`${base(schoolId)}/${id(timetableId)}/lessons/${id(lessonId)}`, ifMatch(version)));
