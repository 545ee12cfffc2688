// Requests of the calendar area: the academic calendar of a year, attestation schedules, the
// mark-entry policy. A saved calendar rewrites the terms schedules, so every write refreshes all
// the area's queries of the school.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AttestationScheduleDto, AttestationScheduleListDto, CalendarDto, CreateAttestationScheduleInput, MarkEntryPolicyBody,
  MarkEntryPolicyDto, SaveCalendarInput, UpdateAttestationScheduleInput,
} from '../../../../../contracts/calendar';
import type { SampleListDto } from '../../../../../contracts/samples';
import { api, ApiError } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
export const calendarKey = (schoolId: string) => ['calendar', schoolId] as const;

/** The calendar of a year, or null while none is saved (404 CALENDAR_NOT_SET). */
export const calendarQuery = (schoolId: string, academicYear: number) => queryOptions({
  queryKey: [...calendarKey(schoolId), 'calendar', academicYear],
  queryFn: async (): Promise<CalendarDto | null> => {
    try {
      return await api.get<CalendarDto>(`${base(schoolId)}/calendars/${academicYear}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CALENDAR_NOT_SET') return null;
      throw err;
    }
  },
});

/** Calendar samples the school sees; an empty list when samples cannot be read here. */
export const calendarSamplesQuery = (schoolId: string) => queryOptions({
  queryKey: ['samples', schoolId, 'list', 'calendar'],
  queryFn: async (): Promise<SampleListDto['items']> => {
    try {
      const list = await api.get<SampleListDto>(`${base(schoolId)}/samples?kind=calendar`);
      return list.items.filter((s) => s.kind === 'calendar');
    } catch {
      return [];
    }
  },
});

export const schedulesQuery = (schoolId: string, academicYear: number) => queryOptions({
  queryKey: [...calendarKey(schoolId), 'schedules', academicYear],
  queryFn: () => api.get<AttestationScheduleListDto>(`${base(schoolId)}/attestation-schedules?academicYear=${academicYear}`),
});

export const policyQuery = (schoolId: string, academicYear: number) => queryOptions({
  queryKey: [...calendarKey(schoolId), 'policy', academicYear],
  queryFn: () => api.get<MarkEntryPolicyDto>(`${base(schoolId)}/mark-entry-policy/${academicYear}`),
});

function useAreaMutation<I, O>(schoolId: string, fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: calendarKey(schoolId) });
      // The readiness checklist reads the calendar, periods and policy too.
      await queryClient.invalidateQueries({ queryKey: ['year', schoolId, 'readiness'] });
    },
  });
}

export const useSaveCalendar = (schoolId: string, academicYear: number) =>
  useAreaMutation(schoolId, (input: SaveCalendarInput) => api.put<CalendarDto>(`${base(schoolId)}/calendars/${academicYear}`, input));

export const useSaveSchedule = (schoolId: string) =>
  useAreaMutation(schoolId, ({ id, input }: { id: string | null; input: CreateAttestationScheduleInput | UpdateAttestationScheduleInput }) =>
    id === null
      ? api.post<AttestationScheduleDto>(`${base(schoolId)}/attestation-schedules`, input)
      : api.patch<AttestationScheduleDto>(`${base(schoolId)}/attestation-schedules/${encodeURIComponent(id)}`, input));

export const useDeleteSchedule = (schoolId: string) =>
  useAreaMutation(schoolId, (id: string) => api.delete<{ ok: true }>(`${base(schoolId)}/attestation-schedules/${encodeURIComponent(id)}`));

export const useSavePolicy = (schoolId: string, academicYear: number) =>
  useAreaMutation(schoolId, (input: MarkEntryPolicyBody) => api.put<MarkEntryPolicyDto>(`${base(schoolId)}/mark-entry-policy/${academicYear}`, input));
