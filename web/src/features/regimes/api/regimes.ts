// Requests of day regimes of one school: bell schedules of a year, their assignments and the
// schedule in force for each class. Every write refreshes the school's regime queries.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BellScheduleDto, BellScheduleListDto, CreateBellScheduleInput, CreateRegimeAssignmentInput, EffectiveRegimeListDto, RegimeAssignmentDto,
  RegimeAssignmentListDto, UpdateBellScheduleInput,
} from '../../../../../contracts/regimes';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const id = encodeURIComponent;

export const regimesKey = (schoolId: string) => ['regimes', schoolId] as const;

export const bellSchedulesQuery = (schoolId: string, academicYear: number) => queryOptions({
  queryKey: [...regimesKey(schoolId), 'schedules', academicYear],
  queryFn: () => api.get<BellScheduleListDto>(`${base(schoolId)}/bell-schedules?academicYear=${academicYear}`),
});

export const regimeAssignmentsQuery = (schoolId: string, academicYear: number) => queryOptions({
  queryKey: [...regimesKey(schoolId), 'assignments', academicYear],
  queryFn: () => api.get<RegimeAssignmentListDto>(`${base(schoolId)}/regime-assignments?academicYear=${academicYear}`),
});

export const effectiveRegimesQuery = (schoolId: string, date: string) => queryOptions({
  queryKey: [...regimesKey(schoolId), 'effective', date],
  queryFn: () => api.get<EffectiveRegimeListDto>(`${base(schoolId)}/regimes/effective?date=${encodeURIComponent(date)}`),
});

function useRegimesWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // The readiness checklist asks whether every class has bells.
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: regimesKey(schoolId) }),
      queryClient.invalidateQueries({ queryKey: ['year', schoolId, 'readiness'] }),
    ]),
  });
}

export const useSaveBellSchedule = (schoolId: string) =>
  useRegimesWrite(schoolId, ({ bellScheduleId, input }: { bellScheduleId: string | null; input: CreateBellScheduleInput | UpdateBellScheduleInput }) =>
    bellScheduleId === null
      ? api.post<BellScheduleDto>(`${base(schoolId)}/bell-schedules`, input)
      : api.patch<BellScheduleDto>(`${base(schoolId)}/bell-schedules/${id(bellScheduleId)}`, input));

export const useDeleteBellSchedule = (schoolId: string) =>
  useRegimesWrite(schoolId, (bellScheduleId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/bell-schedules/${id(bellScheduleId)}`));

export const useAssignRegime = (schoolId: string) =>
  useRegimesWrite(schoolId, (input: CreateRegimeAssignmentInput) => api.post<RegimeAssignmentDto>(`${base(schoolId)}/regime-assignments`, input));

export const useUnassignRegime = (schoolId: string) =>
  useRegimesWrite(schoolId, (assignmentId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/regime-assignments/${id(assignmentId)}`));
