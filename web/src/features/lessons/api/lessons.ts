// Requests of lessons by date and their changes. A change refreshes every lessons and changes query
// of the school: the day, the substitutes and the list all move together.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateLessonChangeBody, CreatedLessonChangesDto, DatedLessonListDto, LessonChangeListDto, RevokedLessonChangesDto, SubstituteListDto,
} from '../../../../../contracts/lessons';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const search = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') s.set(key, value);
  return s.toString();
};

export const lessonsKey = (schoolId: string) => ['lessons', schoolId] as const;

/** Who the day is shown for: one class, teacher or room, or the caller's own lessons. */
export type LessonsFilter = { classId?: string | undefined; employeeId?: string | undefined; roomId?: string | undefined };

export const lessonsQuery = (schoolId: string, from: string, to: string, filter: LessonsFilter) => queryOptions({
  queryKey: [...lessonsKey(schoolId), 'dated', from, to, filter],
  queryFn: () => api.get<DatedLessonListDto>(`${base(schoolId)}/lessons?${search({ from, to, ...filter })}`),
});

export const substitutesQuery = (schoolId: string, timetableLessonId: string, date: string) => queryOptions({
  queryKey: [...lessonsKey(schoolId), 'substitutes', timetableLessonId, date],
  queryFn: () => api.get<SubstituteListDto>(`${base(schoolId)}/lesson-changes/substitutes?${search({ timetableLessonId, date })}`),
});

export const lessonChangesQuery = (schoolId: string, from: string, to: string) => queryOptions({
  queryKey: [...lessonsKey(schoolId), 'changes', from, to],
  queryFn: () => api.get<LessonChangeListDto>(`${base(schoolId)}/lesson-changes?${search({ from, to })}`),
});

export function useCreateLessonChange(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLessonChangeBody) => api.post<CreatedLessonChangesDto>(`${base(schoolId)}/lesson-changes`, body),
    // Not awaited: the form closes at once and the lists refresh behind it.
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: lessonsKey(schoolId) }); },
  });
}

export function useRevokeLessonChange(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changeId: string) => api.delete<RevokedLessonChangesDto>(`${base(schoolId)}/lesson-changes/${encodeURIComponent(changeId)}`),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: lessonsKey(schoolId) }); },
  });
}
