// Requests of attendance around the journal: the school's codes, the board of a day's absences
// (refreshed by itself every 20 seconds while the page is open), a student's attendance over a
// period and the open debts.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AttendanceBoardDto, AttendanceCodesDto, JournalDebtListDto, PutAttendanceCodesBody, StudentAttendanceDto,
} from '../../../../../contracts/attendance';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const search = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') s.set(key, value);
  return s.toString();
};

export const attendanceKey = (schoolId: string) => ['attendance', schoolId] as const;

/** How often the board asks again: regulation 3.5 wants the administration told at once. */
export const boardRefreshMs = 20_000;

export const attendanceCodesQuery = (schoolId: string) => queryOptions({
  queryKey: [...attendanceKey(schoolId), 'codes'],
  queryFn: () => api.get<AttendanceCodesDto>(`${base(schoolId)}/attendance-codes`),
});

/** `date` undefined: today in the school. */
export const attendanceBoardQuery = (schoolId: string, date: string | undefined) => queryOptions({
  queryKey: [...attendanceKey(schoolId), 'board', date ?? 'today'],
  queryFn: () => api.get<AttendanceBoardDto>(`${base(schoolId)}/attendance/board${date ? `?${search({ date })}` : ''}`),
  refetchInterval: boardRefreshMs,
  // A phone that comes back to the page sees the current state at once.
  refetchOnWindowFocus: 'always',
});

export const studentAttendanceQuery = (schoolId: string, studentId: string, from: string, to: string) => queryOptions({
  queryKey: [...attendanceKey(schoolId), 'student', studentId, from, to],
  queryFn: () => api.get<StudentAttendanceDto>(`${base(schoolId)}/attendance/students/${encodeURIComponent(studentId)}?${search({ from, to })}`),
});

export type DebtsFilter = { classId?: string; studyGroupId?: string; subjectId?: string; studentId?: string };

export const journalDebtsQuery = (schoolId: string, filter: DebtsFilter) => queryOptions({
  queryKey: [...attendanceKey(schoolId), 'debts', filter],
  queryFn: () => api.get<JournalDebtListDto>(`${base(schoolId)}/journal-debts?${search(filter)}`),
});

export function useSaveAttendanceCodes(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutAttendanceCodesBody) => api.put<AttendanceCodesDto>(`${base(schoolId)}/attendance-codes`, body),
    onSuccess: (saved) => { queryClient.setQueryData(attendanceCodesQuery(schoolId).queryKey, saved); },
  });
}
