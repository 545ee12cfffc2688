// The org area's requests: staff, classes, students, guardians, study groups and subjects of one
// school. Every write refreshes the school's org queries, so lists and cards stay in step.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ClassDto, ClassListDto, ClassStudentListDto, CreateClassInput, CreateEmployeeInput, CreateGuardianInput, CreateStudentInput,
  CreateStudyGroupInput, EmployeeDto, EmployeeListDto, GuardianDto, GuardianListDto, LeaveSchoolInput, MoveStudentInput,
  Relation, SplitClassInput, StudentDto, StudentListDto, StudyGroupDetailDto, StudyGroupDetailListDto, StudyGroupListDto, StudyGroupMemberDto, SubjectListDto,
  UpdateClassInput, UpdateEmployeeInput, UpdateGuardianInput, UpdateStudentInput, UpdateStudyGroupInput,
} from '../../../../../contracts/org';
import { api } from '../../../lib/api';

export const pageSize = 50;

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export const orgKey = (schoolId: string) => ['org', schoolId] as const;

export type ListParams = { q?: string; offset?: number };

export const employeesQuery = (schoolId: string, p: ListParams & { limit?: number } = {}) => queryOptions({
  queryKey: [...orgKey(schoolId), 'employees', p],
  queryFn: () => api.get<EmployeeListDto>(`${base(schoolId)}/employees${query({ q: p.q, offset: p.offset, limit: p.limit ?? pageSize })}`),
  placeholderData: keepPreviousData,
});

export const classesQuery = (schoolId: string, academicYear?: number) => queryOptions({
  queryKey: [...orgKey(schoolId), 'classes', academicYear ?? 'current'],
  queryFn: () => api.get<ClassListDto>(`${base(schoolId)}/classes${query({ academicYear })}`),
});

export const classStudentsQuery = (schoolId: string, classId: string) => queryOptions({
  queryKey: [...orgKey(schoolId), 'classStudents', classId],
  queryFn: () => api.get<ClassStudentListDto>(`${base(schoolId)}/classes/${encodeURIComponent(classId)}/students`),
});

export const studentsQuery = (schoolId: string, p: ListParams & { classId?: string | undefined } = {}) => queryOptions({
  queryKey: [...orgKey(schoolId), 'students', p],
  queryFn: () => api.get<StudentListDto>(`${base(schoolId)}/students${query({ q: p.q, offset: p.offset, classId: p.classId, limit: pageSize })}`),
  placeholderData: keepPreviousData,
});

export const studentQuery = (schoolId: string, studentId: string) => queryOptions({
  queryKey: [...orgKey(schoolId), 'student', studentId],
  queryFn: () => api.get<StudentDto>(`${base(schoolId)}/students/${encodeURIComponent(studentId)}`),
});

export const guardiansQuery = (schoolId: string, p: ListParams = {}) => queryOptions({
  queryKey: [...orgKey(schoolId), 'guardians', p],
  queryFn: () => api.get<GuardianListDto>(`${base(schoolId)}/guardians${query({ q: p.q, offset: p.offset, limit: pageSize })}`),
  placeholderData: keepPreviousData,
});

export const studyGroupsQuery = (schoolId: string) => queryOptions({
  queryKey: [...orgKey(schoolId), 'studyGroups'],
  queryFn: () => api.get<StudyGroupListDto>(`${base(schoolId)}/study-groups`),
});

export const studyGroupQuery = (schoolId: string, studyGroupId: string) => queryOptions({
  queryKey: [...orgKey(schoolId), 'studyGroup', studyGroupId],
  queryFn: () => api.get<StudyGroupDetailDto>(`${base(schoolId)}/study-groups/${encodeURIComponent(studyGroupId)}`),
});

export const subjectsQuery = (schoolId: string) => queryOptions({
  queryKey: [...orgKey(schoolId), 'subjects'],
  queryFn: () => api.get<SubjectListDto>(`${base(schoolId)}/subjects`),
  staleTime: 5 * 60_000,
});

/** A write of the org area; afterwards every org query of the school is refetched. */
function useOrgWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKey(schoolId) }),
  });
}

const id = encodeURIComponent;

export const useSaveEmployee = (schoolId: string) =>
  useOrgWrite(schoolId, ({ employeeId, input }: { employeeId: string | null; input: CreateEmployeeInput | UpdateEmployeeInput }) =>
    employeeId === null
      ? api.post<EmployeeDto>(`${base(schoolId)}/employees`, input)
      : api.patch<EmployeeDto>(`${base(schoolId)}/employees/${id(employeeId)}`, input));

export const useSaveClass = (schoolId: string) =>
  useOrgWrite(schoolId, ({ classId, input }: { classId: string | null; input: CreateClassInput | UpdateClassInput }) =>
    classId === null
      ? api.post<ClassDto>(`${base(schoolId)}/classes`, input)
      : api.patch<ClassDto>(`${base(schoolId)}/classes/${id(classId)}`, input));

export const useCreateStudent = (schoolId: string) =>
  useOrgWrite(schoolId, (input: CreateStudentInput) => api.post<StudentDto>(`${base(schoolId)}/students`, input));

export const useUpdateStudent = (schoolId: string, studentId: string) =>
  useOrgWrite(schoolId, (input: UpdateStudentInput) => api.patch<StudentDto>(`${base(schoolId)}/students/${id(studentId)}`, input));

export const useMoveStudent = (schoolId: string, studentId: string) =>
  useOrgWrite(schoolId, (input: MoveStudentInput) => api.post<StudentDto>(`${base(schoolId)}/students/${id(studentId)}/moves`, input));

export const useLeaveSchool = (schoolId: string, studentId: string) =>
  useOrgWrite(schoolId, (input: LeaveSchoolInput) => api.post<StudentDto>(`${base(schoolId)}/students/${id(studentId)}/leave`, input));

export const useSaveGuardian = (schoolId: string) =>
  useOrgWrite(schoolId, ({ guardianId, input }: { guardianId: string | null; input: CreateGuardianInput | UpdateGuardianInput }) =>
    guardianId === null
      ? api.post<GuardianDto>(`${base(schoolId)}/guardians`, input)
      : api.patch<GuardianDto>(`${base(schoolId)}/guardians/${id(guardianId)}`, input));

export const useLinkGuardian = (schoolId: string) =>
  useOrgWrite(schoolId, ({ studentId, guardianId, relation }: { studentId: string; guardianId: string; relation: Relation }) =>
    api.put<GuardianDto>(`${base(schoolId)}/students/${id(studentId)}/guardians/${id(guardianId)}`, { relation }));

export const useUnlinkGuardian = (schoolId: string) =>
  useOrgWrite(schoolId, ({ studentId, guardianId }: { studentId: string; guardianId: string }) =>
    api.delete<{ ok: true }>(`${base(schoolId)}/students/${id(studentId)}/guardians/${id(guardianId)}`));

export const useSaveStudyGroup = (schoolId: string) =>
  useOrgWrite(schoolId, ({ studyGroupId, input }: { studyGroupId: string | null; input: CreateStudyGroupInput | UpdateStudyGroupInput }) =>
    studyGroupId === null
      ? api.post<StudyGroupDetailDto>(`${base(schoolId)}/study-groups`, input)
      : api.patch<StudyGroupDetailDto>(`${base(schoolId)}/study-groups/${id(studyGroupId)}`, input));

export const useAddStudyGroupMember = (schoolId: string, studyGroupId: string) =>
  useOrgWrite(schoolId, (input: { studentId: string; from: string }) =>
    api.post<StudyGroupMemberDto>(`${base(schoolId)}/study-groups/${id(studyGroupId)}/members`, input));

export const useEndStudyGroupMembership = (schoolId: string, studyGroupId: string) =>
  useOrgWrite(schoolId, ({ memberId, to }: { memberId: string; to: string }) =>
    api.patch<StudyGroupMemberDto>(`${base(schoolId)}/study-groups/${id(studyGroupId)}/members/${id(memberId)}`, { to }));

/** Splits a class into 2–4 subgroups for a subject; the class's students are shared out alphabetically. */
export const useSplitClass = (schoolId: string) =>
  useOrgWrite(schoolId, (input: SplitClassInput) => api.post<StudyGroupDetailListDto>(`${base(schoolId)}/study-groups/split`, input));
