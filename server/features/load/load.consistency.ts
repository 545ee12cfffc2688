// Whether the teaching load of a year matches its curricula (SPEC B11): curriculum hours no teacher
// has, teachers over their load limit, load that matches no curriculum line. The load page shows it
// and the readiness checklist asks `ok`.
import type { Queryable } from '../../db/client';

export type LoadConsistency = {
  /** Curriculum hours of a class (or of one of its subgroups) not covered by any teacher's load. */
  uncovered: { classId: string; className: string; subjectId: string; subjectName: string; studyGroupId: string | null; groupName: string | null; requiredHours: number; assignedHours: number }[];
  /** Teachers whose load is above their load limit. */
  overLimit: { employeeId: string; name: string; limitHours: number; assignedHours: number }[];
  /** Load rows that match no curriculum line (the subject is not in the class's curriculum) or exceed its hours. */
  unmatched: { teachingLoadId: string; employeeId: string; teacherName: string; subjectName: string; targetName: string; hours: number; reason: 'noCurriculumLine' | 'hoursExceed' }[];
  /** True when all three lists are empty. */
  ok: boolean;
};

export async function loadConsistencyOf(_db: Queryable, _schoolId: string, _academicYear: number): Promise<LoadConsistency> {
  return { uncovered: [], overLimit: [], unmatched: [], ok: false };
}
