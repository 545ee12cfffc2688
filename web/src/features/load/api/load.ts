// Requests of the teaching load: the year's rows, the staff with their load limits and totals, the
// consistency with the curricula, a teacher's unavailable lessons; writes of rows, limits and
// unavailability. Every write refreshes all of them.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateTeachingLoadInput, LoadConsistencyDto, LoadTeacherDto, LoadTeacherListDto, TeachingLoadDto, TeachingLoadListDto,
} from '../../../../../contracts/load';
import type { SubjectListDto } from '../../../../../contracts/subjects';
import type { TeacherUnavailabilityBody, TeacherUnavailabilityDto } from '../../../../../contracts/teacher-unavailability';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const id = encodeURIComponent;
export const loadKey = (schoolId: string) => ['load', schoolId] as const;

export const teachingLoadsQuery = (schoolId: string) => queryOptions({
  queryKey: [...loadKey(schoolId), 'rows'],
  queryFn: () => api.get<TeachingLoadListDto>(`${base(schoolId)}/teaching-loads`),
});

export const loadTeachersQuery = (schoolId: string) => queryOptions({
  queryKey: [...loadKey(schoolId), 'teachers'],
  queryFn: () => api.get<LoadTeacherListDto>(`${base(schoolId)}/teaching-loads/teachers`),
});

export const loadConsistencyQuery = (schoolId: string) => queryOptions({
  queryKey: [...loadKey(schoolId), 'consistency'],
  queryFn: () => api.get<LoadConsistencyDto>(`${base(schoolId)}/teaching-loads/consistency`),
});

/** The tarification sheet of the current year: a plain link, the browser downloads it with the session cookie. */
export const tarificationUrl = (schoolId: string): string => `${base(schoolId)}/teaching-loads/tarification.xlsx`;

function useLoadWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: loadKey(schoolId) }),
  });
}

export const useCreateTeachingLoad = (schoolId: string) =>
  useLoadWrite(schoolId, (input: CreateTeachingLoadInput) => api.post<TeachingLoadDto>(`${base(schoolId)}/teaching-loads`, input));

export const useUpdateTeachingLoad = (schoolId: string) =>
  useLoadWrite(schoolId, ({ teachingLoadId, hoursPerWeek, lessonSplit }: { teachingLoadId: string; hoursPerWeek: number; lessonSplit: string | null }) =>
    api.patch<TeachingLoadDto>(`${base(schoolId)}/teaching-loads/${id(teachingLoadId)}`, { hoursPerWeek, lessonSplit }));

/** A teacher's unavailable lessons of the current year, with the year's grid. */
export const teacherUnavailabilityQuery = (schoolId: string, employeeId: string) => queryOptions({
  queryKey: [...loadKey(schoolId), 'unavailability', employeeId],
  queryFn: () => api.get<TeacherUnavailabilityDto>(`${base(schoolId)}/employees/${id(employeeId)}/unavailability`),
});

export const useSetTeacherUnavailability = (schoolId: string) =>
  useLoadWrite(schoolId, ({ employeeId, slots }: { employeeId: string; slots: TeacherUnavailabilityBody['slots'] }) =>
    api.put<TeacherUnavailabilityDto>(`${base(schoolId)}/employees/${id(employeeId)}/unavailability`, { slots }));

export const useDeleteTeachingLoad = (schoolId: string) =>
  useLoadWrite(schoolId, (teachingLoadId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/teaching-loads/${id(teachingLoadId)}`));

export const useSetLoadLimit = (schoolId: string) =>
  useLoadWrite(schoolId, ({ employeeId, loadLimitHours }: { employeeId: string; loadLimitHours: number | null }) =>
    api.put<LoadTeacherDto>(`${base(schoolId)}/employees/${id(employeeId)}/load-limit`, { loadLimitHours }));

/** Subjects of the school with their kinds (lessons for classes and subgroups, courses for activity groups). */
export const loadSubjectsQuery = (schoolId: string) => queryOptions({
  queryKey: [...loadKey(schoolId), 'subjects'],
  queryFn: () => api.get<SubjectListDto>(`${base(schoolId)}/subjects`),
  staleTime: 60_000,
});
