// SQL of the teaching load: load rows with the names they show, teachers' load limits and totals,
// and what the consistency check reads (classes, their main curricula, study groups, stream classes).
import { and, asc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  classes, curricula, curriculumLines, employees, enrollments, studyGroupMembers, studyGroups, subjects, teachingLoads,
} from '../../db/schema';
import { byName } from '../org/org.repo';

export type TeachingLoadRow = typeof teachingLoads.$inferSelect;
export type TeachingLoadView = TeachingLoadRow & {
  lastName: string; firstName: string; middleName: string | null; subjectName: string;
  classGrade: number | null; classLetter: string | null; groupName: string | null;
};

async function selectLoads(db: Queryable, where: SQL | undefined): Promise<TeachingLoadView[]> {
  const rows = await db.select({
    l: teachingLoads, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName,
    subjectName: subjects.name, classGrade: classes.grade, classLetter: classes.letter, groupName: studyGroups.name,
  }).from(teachingLoads)
    .innerJoin(employees, and(eq(employees.schoolId, teachingLoads.schoolId), eq(employees.id, teachingLoads.employeeId)))
    .innerJoin(subjects, and(eq(subjects.schoolId, teachingLoads.schoolId), eq(subjects.id, teachingLoads.subjectId)))
    .leftJoin(classes, and(eq(classes.schoolId, teachingLoads.schoolId), eq(classes.id, teachingLoads.classId)))
    .leftJoin(studyGroups, and(eq(studyGroups.schoolId, teachingLoads.schoolId), eq(studyGroups.id, teachingLoads.studyGroupId)))
    .where(where)
    .orderBy(...byName(employees), asc(subjects.name), asc(classes.grade), asc(classes.letter), asc(studyGroups.name));
  return rows.map((r) => ({
    ...r.l, lastName: r.lastName, firstName: r.firstName, middleName: r.middleName, subjectName: r.subjectName,
    classGrade: r.classGrade, classLetter: r.classLetter, groupName: r.groupName,
  }));
}

/** Load rows of a year; `classId` also takes the rows of the class's subgroups. */
export const listTeachingLoads = (db: Queryable, schoolId: string, f: { academicYear: number; employeeId?: string; classId?: string }): Promise<TeachingLoadView[]> => {
  const ofClass = f.classId
    ? sql`(${teachingLoads.classId} = ${f.classId} or ${teachingLoads.studyGroupId} in (select ${studyGroups.id} from ${studyGroups}
        where ${studyGroups.schoolId} = ${teachingLoads.schoolId} and ${studyGroups.classId} = ${f.classId}))`
    : undefined;
  return selectLoads(db, and(
    eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, f.academicYear),
    f.employeeId ? eq(teachingLoads.employeeId, f.employeeId) : undefined, ofClass,
  ));
};

export async function findTeachingLoadView(db: Queryable, schoolId: string, id: string): Promise<TeachingLoadView | null> {
  const [row] = await selectLoads(db, and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.id, id)));
  return row ?? null;
}

export async function findTeachingLoad(db: Queryable, schoolId: string, id: string): Promise<TeachingLoadRow | null> {
  const [row] = await db.select().from(teachingLoads).where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.id, id))).limit(1);
  return row ?? null;
}

export async function sameTeachingLoad(db: Queryable, schoolId: string, l: { employeeId: string; subjectId: string; classId: string | null; studyGroupId: string | null }): Promise<boolean> {
  const [row] = await db.select({ id: teachingLoads.id }).from(teachingLoads).where(and(
    eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.employeeId, l.employeeId), eq(teachingLoads.subjectId, l.subjectId),
    l.classId ? eq(teachingLoads.classId, l.classId) : isNull(teachingLoads.classId),
    l.studyGroupId ? eq(teachingLoads.studyGroupId, l.studyGroupId) : isNull(teachingLoads.studyGroupId),
  )).limit(1);
  return row !== undefined;
}

export async function insertTeachingLoad(db: Queryable, values: typeof teachingLoads.$inferInsert): Promise<string> {
  const [row] = await db.insert(teachingLoads).values(values).returning({ id: teachingLoads.id });
  return row!.id;
}

export async function updateTeachingLoadHours(db: Queryable, schoolId: string, id: string, hoursPerWeek: string, lessonSplit: string | null): Promise<void> {
  await db.update(teachingLoads).set({ hoursPerWeek, lessonSplit }).where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.id, id)));
}

export async function deleteTeachingLoad(db: Queryable, schoolId: string, id: string): Promise<boolean> {
  const rows = await db.delete(teachingLoads).where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.id, id))).returning({ id: teachingLoads.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Teachers: load limits and totals

export async function setLoadLimit(db: Queryable, schoolId: string, employeeId: string, loadLimitHours: string | null): Promise<boolean> {
  const rows = await db.update(employees).set({ loadLimitHours })
    .where(and(eq(employees.schoolId, schoolId), eq(employees.id, employeeId))).returning({ id: employees.id });
  return rows.length > 0;
}

export type LoadTeacherRow = {
  id: string; lastName: string; firstName: string; middleName: string | null; position: string; loadLimitHours: string | null; totalHours: string;
};

/** Every member of staff with the load limit and the total load of the year. */
export async function loadTeachers(db: Queryable, schoolId: string, academicYear: number): Promise<LoadTeacherRow[]> {
  const totals = db.select({ employeeId: teachingLoads.employeeId, total: sql<string>`sum(${teachingLoads.hoursPerWeek})`.as('total') })
    .from(teachingLoads)
    .where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear)))
    .groupBy(teachingLoads.employeeId)
    .as('totals');
  return db.select({
    id: employees.id, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName,
    position: employees.position, loadLimitHours: employees.loadLimitHours, totalHours: sql<string>`coalesce(${totals.total}, 0)::text`,
  }).from(employees)
    .leftJoin(totals, eq(totals.employeeId, employees.id))
    .where(eq(employees.schoolId, schoolId))
    .orderBy(...byName(employees));
}

// ---------------------------------------------------------------------------------------------
// What the consistency check and the tarification sheet read

export async function classesOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<{ id: string; grade: number; letter: string }[]> {
  return db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear)))
    .orderBy(asc(classes.grade), asc(classes.letter));
}

export type CurriculumLineRow = {
  curriculumId: string; grade: number; classId: string | null; subjectId: string; hoursPerWeek: string; splitIntoGroups: boolean;
};

/** Lines of the year's main curricula of grades and classes (not of single students). */
export async function mainCurriculumLines(db: Queryable, schoolId: string, academicYear: number): Promise<CurriculumLineRow[]> {
  return db.select({
    curriculumId: curricula.id, grade: curricula.grade, classId: curricula.classId,
    subjectId: curriculumLines.subjectId, hoursPerWeek: curriculumLines.hoursPerWeek, splitIntoGroups: curriculumLines.splitIntoGroups,
  }).from(curricula)
    .leftJoin(curriculumLines, and(eq(curriculumLines.schoolId, curricula.schoolId), eq(curriculumLines.curriculumId, curricula.id)))
    .where(and(eq(curricula.schoolId, schoolId), eq(curricula.academicYear, academicYear), eq(curricula.kind, 'main'), isNull(curricula.studentId)))
    // A curriculum without lines still counts as the class's (it then asks for nothing).
    .then((rows) => rows.map((r) => ({ ...r, subjectId: r.subjectId ?? '', hoursPerWeek: r.hoursPerWeek ?? '0', splitIntoGroups: r.splitIntoGroups ?? false })));
}

export async function groupsOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<{ id: string; kind: string; classId: string | null; subjectId: string | null; name: string }[]> {
  return db.select({ id: studyGroups.id, kind: studyGroups.kind, classId: studyGroups.classId, subjectId: studyGroups.subjectId, name: studyGroups.name })
    .from(studyGroups).where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, academicYear)));
}

/**
 * The classes of the year the members of each study group are in while they are members, for the
 * groups asked: streams, every group but a class's subgroups, or the groups without a class of their
 * own (streams and activity groups).
 */
export async function classesOfGroupMembers(
  db: Queryable, schoolId: string, academicYear: number, groups: 'streams' | 'notSubgroups' | 'withoutClass',
): Promise<{ studyGroupId: string; classId: string }[]> {
  const which = groups === 'streams' ? eq(studyGroups.kind, 'stream') : groups === 'notSubgroups' ? ne(studyGroups.kind, 'subgroup') : isNull(studyGroups.classId);
  return db.selectDistinct({ studyGroupId: studyGroupMembers.studyGroupId, classId: enrollments.classId })
    .from(studyGroupMembers)
    .innerJoin(studyGroups, and(eq(studyGroups.schoolId, studyGroupMembers.schoolId), eq(studyGroups.id, studyGroupMembers.studyGroupId)))
    .innerJoin(enrollments, and(
      eq(enrollments.schoolId, studyGroupMembers.schoolId), eq(enrollments.studentId, studyGroupMembers.studentId),
      sql`${enrollments.startsOn} <= coalesce(${studyGroupMembers.endsOn}, '9999-12-31')`,
      sql`coalesce(${enrollments.endsOn}, '9999-12-31') >= ${studyGroupMembers.startsOn}`,
    ))
    .innerJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId), eq(classes.academicYear, academicYear)))
    .where(and(eq(studyGroupMembers.schoolId, schoolId), which, eq(studyGroups.academicYear, academicYear)));
}

/** The classes of the year the members of each stream are in while they are members. */
export function streamClasses(db: Queryable, schoolId: string, academicYear: number): Promise<{ studyGroupId: string; classId: string }[]> {
  return classesOfGroupMembers(db, schoolId, academicYear, 'streams');
}

export async function subjectNames(db: Queryable, schoolId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(eq(subjects.schoolId, schoolId));
  return new Map(rows.map((r) => [r.id, r.name]));
}
