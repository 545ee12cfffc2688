// SQL of the sessions outside the solver's problem: load rows of a year with their subject's kind
// and the names a message needs, and one load row for adding a lesson by hand.
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { classes, employees, studyGroups, subjects, teachingLoads } from '../../db/schema';

export type LoadWithKind = {
  id: string; academicYear: number; subjectId: string; subjectKind: string; subjectName: string; employeeId: string;
  classId: string | null; studyGroupId: string | null; hoursPerWeek: number; lessonSplit: string | null;
  lastName: string; firstName: string; middleName: string | null; classGrade: number | null; classLetter: string | null; groupName: string | null;
};

async function select(q: Queryable, where: ReturnType<typeof and>): Promise<LoadWithKind[]> {
  const rows = await q.select({
    id: teachingLoads.id, academicYear: teachingLoads.academicYear, subjectId: teachingLoads.subjectId, subjectKind: subjects.kind, subjectName: subjects.name,
    employeeId: teachingLoads.employeeId, classId: teachingLoads.classId, studyGroupId: teachingLoads.studyGroupId,
    hoursPerWeek: teachingLoads.hoursPerWeek, lessonSplit: teachingLoads.lessonSplit,
    lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName,
    classGrade: classes.grade, classLetter: classes.letter, groupName: studyGroups.name,
  }).from(teachingLoads)
    .innerJoin(subjects, and(eq(subjects.schoolId, teachingLoads.schoolId), eq(subjects.id, teachingLoads.subjectId)))
    .innerJoin(employees, and(eq(employees.schoolId, teachingLoads.schoolId), eq(employees.id, teachingLoads.employeeId)))
    .leftJoin(classes, and(eq(classes.schoolId, teachingLoads.schoolId), eq(classes.id, teachingLoads.classId)))
    .leftJoin(studyGroups, and(eq(studyGroups.schoolId, teachingLoads.schoolId), eq(studyGroups.id, teachingLoads.studyGroupId)))
    .where(where);
  return rows.map((r) => ({ ...r, hoursPerWeek: Number(r.hoursPerWeek) }));
}

/** The year's load rows of extracurricular and additional-education subjects. */
export function sessionLoads(q: Queryable, schoolId: string, academicYear: number): Promise<LoadWithKind[]> {
  return select(q, and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear), inArray(subjects.kind, ['extracurricular', 'additional'])));
}

export async function findLoad(q: Queryable, schoolId: string, id: string): Promise<LoadWithKind | null> {
  const [row] = await select(q, and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.id, id)));
  return row ?? null;
}
