// The access area's requests: staff with their roles, granting and revoking, credentials and
// their XLSX sheet, the security events, and the schools of an area.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AppointDirectorInput, AreaSchoolListDto, CredentialSheetDto, GrantableRolesDto, GrantRoleInput, GrantRoleResultDto,
  RevokeRoleResultDto, RoleGrantListDto, SecurityEventListDto, StaffAccessListDto,
} from '../../../../../contracts/access';
import { xlsxMediaType } from '../../../../../contracts/access';
import { api, ApiError } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;

export const accessKey = (schoolId: string) => ['access', schoolId] as const;
export const areaKey = ['access', 'area'] as const;

export const staffAccessQuery = (schoolId: string) => queryOptions({
  queryKey: [...accessKey(schoolId), 'staff'],
  queryFn: () => api.get<StaffAccessListDto>(`${base(schoolId)}/role-grants/staff`),
});

export const grantableQuery = (schoolId: string) => queryOptions({
  queryKey: [...accessKey(schoolId), 'grantable'],
  queryFn: () => api.get<GrantableRolesDto>(`${base(schoolId)}/role-grants/grantable`),
});

export const grantHistoryQuery = (schoolId: string) => queryOptions({
  queryKey: [...accessKey(schoolId), 'history'],
  queryFn: () => api.get<RoleGrantListDto>(`${base(schoolId)}/role-grants?history=1`),
});

export type EventFilters = { kind: string; from: string; to: string; page: number };

export const securityEventsQuery = (schoolId: string, f: EventFilters, pageSize = 50) => queryOptions({
  queryKey: [...accessKey(schoolId), 'events', f],
  queryFn: () => {
    const params = new URLSearchParams({ page: String(f.page), pageSize: String(pageSize) });
    if (f.kind) params.set('kind', f.kind);
    if (f.from) params.set('from', f.from);
    if (f.to) params.set('to', f.to);
    return api.get<SecurityEventListDto>(`${base(schoolId)}/security-events?${params.toString()}`);
  },
  placeholderData: keepPreviousData,
});

export const areaSchoolsQuery = () => queryOptions({
  queryKey: [...areaKey, 'schools'],
  queryFn: () => api.get<AreaSchoolListDto>('/api/v1/area/schools'),
});

/** Every change of access refreshes the school's lists and the area's directors. */
function useRefresh(schoolId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([
    queryClient.invalidateQueries({ queryKey: accessKey(schoolId) }),
    queryClient.invalidateQueries({ queryKey: areaKey }),
  ]);
}

export function useGrantRole(schoolId: string) {
  const refresh = useRefresh(schoolId);
  return useMutation({
    mutationFn: (input: GrantRoleInput) => api.post<GrantRoleResultDto>(`${base(schoolId)}/role-grants`, input),
    onSettled: refresh,
  });
}

export function useRevokeRole(schoolId: string) {
  const refresh = useRefresh(schoolId);
  return useMutation({
    mutationFn: (grantId: string) => api.delete<RevokeRoleResultDto>(`${base(schoolId)}/role-grants/${encodeURIComponent(grantId)}`),
    onSettled: refresh,
  });
}

export function useIssueCredentials(schoolId: string) {
  const refresh = useRefresh(schoolId);
  return useMutation({
    mutationFn: (employeeIds: string[]) => api.post<CredentialSheetDto>(`${base(schoolId)}/credentials`, { employeeIds }),
    onSettled: refresh,
  });
}

export function useAppointDirector(schoolId: string) {
  const refresh = useRefresh(schoolId);
  return useMutation({
    mutationFn: (input: AppointDirectorInput) => api.post<GrantRoleResultDto>(`/api/v1/area/schools/${encodeURIComponent(schoolId)}/director`, input),
    onSettled: refresh,
  });
}

/**
 * The XLSX of a sheet already on screen. The server keeps no passwords, so the sheet is sent
 * back to be laid out; the answer is a file, which the JSON client does not read.
 */
export async function downloadSheetXlsx(schoolId: string, sheet: CredentialSheetDto, csrfToken: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${base(schoolId)}/credentials/sheet`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: xlsxMediaType, 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify(sheet),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Нет связи с сервером. Проверьте подключение к интернету');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? 'Не удалось скачать файл');
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `credentials-${sheet.issuedAt.slice(0, 10)}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  // Let the browser start the download before the blob goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
