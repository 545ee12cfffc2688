// The readiness checklist of a school year; refreshed whenever the page is opened again.
import { queryOptions } from '@tanstack/react-query';
import type { ReadinessDto } from '../../../../../contracts/readiness';
import { api } from '../../../lib/api';

export const readinessQuery = (schoolId: string, academicYear: number | null) => queryOptions({
  queryKey: ['year', schoolId, 'readiness', academicYear ?? 'current'],
  queryFn: () => api.get<ReadinessDto>(
    `/api/v1/schools/${encodeURIComponent(schoolId)}/readiness${academicYear === null ? '' : `?academicYear=${academicYear}`}`,
  ),
  staleTime: 0,
});
