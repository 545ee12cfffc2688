// SQL of the org area: regions, municipalities, schools; staff, classes, students and their class
// history, guardians, study groups with dated members, subjects. Every query of a
// school-owned table names the school, so an id of another school simply is not found.
import { and, asc, count, eq, gte, inArray, isNull, lte, ne, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  classes, employees, enrollments, guardians, municipalities, regions, schools, studentGuardians, students, studyGroupMembers,
  studyGroups, subjects,
} from '../../db/schema';

// ---------------------------------------------------------------------------------------------
// Regions, municipalities, schools

export async function findOrInsertRegion(db: Queryable, code: string, name: string): Promise<string> {
  const [found] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, code)).limit(1);
  if (found) return found.id;
  const [row] = await db.insert(regions).values({ code, name }).returning({ id: regions.id });
  return row!.id;
}

export async function findOrInsertMunicipality(db: Queryable, regionId: string, name: string): Promise<string> {
  const [found] = await db.select({ id: municipalities.id }).from(municipalities)
    .where(and(eq(municipalities.regionId, regionId), eq(municipalities.name, name))).limit(1);
  if (found) return found.id;
  const [row] = await db.insert(municipalities).values({ regionId, name }).returning({ id: municipalities.id });
  return row!.id;
}

export async function insertSchool(db: Queryable, values: typeof schools.$inferInsert): Promise<typeof schools.$inferSelect> {
  const [row] = await db.insert(schools).values(values).returning();
  return row!;
}

export async function findSchool(db: Queryable, schoolId: string): Promise<typeof schools.$inferSelect | null> {
  const [row] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  return row ?? null;
}

export async function countSchools(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(schools);
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Ids a caller may see: null means every record of the school. */
export type IdFilter = readonly string[] | null;

/** The id filter as a condition; an empty list matches nothing. */
const within = (column: Column, ids: IdFilter): SQL | undefined => {
  if (ids === null) return undefined;
  if (ids.length === 0) return sql`false`;
  return inArray(column, [...ids]);
};

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type NameColumns = { lastName: Column; firstName: Column; middleName: Column };

/** Every word of the query appears in the full name; case- and ё-insensitive. */
const nameMatches = (t: NameColumns, query: string | undefined): SQL | undefined => {
  const words = (query ?? '').toLowerCase().replace(/ё/g, 'е').split(/\s+/).filter((w) => w !== '').slice(0, 5);
  if (words.length === 0) return undefined;
  const full = sql`translate(lower(${t.lastName} || ' ' || ${t.firstName} || ' ' || coalesce(${t.middleName}, '')), 'ё', 'е')`;
  return and(...words.map((w) => sql`${full} like ${`%${escapeLike(w)}%`}`));
};

/** Alphabetical order with Ё beside Е (the databases' C collation would put it before А). */
export const byName = (t: NameColumns & { id: Column }): SQL[] => [
  sql`translate(${t.lastName}, 'Ёё', 'Ее')`, sql`translate(${t.firstName}, 'Ёё', 'Ее')`, sql`coalesce(${t.middleName}, '')`, sql`${t.id}`,
];

/** A dated stay (enrollment, membership) that touches the period. */
const overlaps = (starts: Column, ends: Column, from: string, to: string): SQL =>
  and(lte(starts, to), or(isNull(ends), gte(ends, from)))!;

export { isUniqueViolation } from '../../db/errors';

export const classNameOf = (c: { grade: number; letter: string }): string => `${c.grade}${c.letter}`;

// ---------------------------------------------------------------------------------------------
// Employees

export type EmployeeRow = typeof employees.$inferSelect;

export async function insertEmployee(db: Queryable, values: typeof employees.$inferInsert): Promise<EmployeeRow> {
  const [row] = await db.insert(employees).values(values).returning();
  return row!;
}

export async function listEmployees(db: Queryable, schoolId: string, f: { search?: string; limit: number; offset: number; ids: IdFilter }): Promise<{ rows: EmployeeRow[]; total: number }> {
  const where = and(eq(employees.schoolId, schoolId), within(employees.id, f.ids), nameMatches(employees, f.search));
  const [rows, [total]] = await Promise.all([
    db.select().from(employees).where(where).orderBy(...byName(employees)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(employees).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findEmployee(db: Queryable, schoolId: string, id: string): Promise<EmployeeRow | null> {
  const [row] = await db.select().from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.id, id))).limit(1);
  return row ?? null;
}

export async function updateEmployee(db: Queryable, schoolId: string, id: string, values: Partial<typeof employees.$inferInsert>): Promise<EmployeeRow | null> {
  if (Object.keys(values).length === 0) return findEmployee(db, schoolId, id);
  const [row] = await db.update(employees).set(values).where(and(eq(employees.schoolId, schoolId), eq(employees.id, id))).returning();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Persons in general: which record already holds a СНИЛС or an external id

export type PersonKind = 'employee' | 'student' | 'guardian';
const personTables = { employee: employees, student: students, guardian: guardians } as const;

export async function personHolding(db: Queryable, kind: PersonKind, schoolId: string, field: 'snils' | 'externalId', value: string, exceptId: string | null): Promise<string | null> {
  const t = personTables[kind];
  const [row] = await db.select({ id: t.id }).from(t)
    .where(and(eq(t.schoolId, schoolId), eq(t[field], value), exceptId ? ne(t.id, exceptId) : undefined)).limit(1);
  return row?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Classes

export type ClassRow = typeof classes.$inferSelect;
export type ClassView = ClassRow & { teacher: { id: string; lastName: string; firstName: string; middleName: string | null } | null; studentCount: number };

const studentCountOn = (on: string) => sql<number>`(select count(*) from ${enrollments} where ${enrollments.schoolId} = ${classes.schoolId}
  and ${enrollments.classId} = ${classes.id} and ${enrollments.startsOn} <= ${on} and (${enrollments.endsOn} is null or ${enrollments.endsOn} >= ${on}))::int`;

async function selectClasses(db: Queryable, where: SQL | undefined, on: string): Promise<ClassView[]> {
  const rows = await db.select({
    c: classes,
    teacherId: employees.id, teacherLast: employees.lastName, teacherFirst: employees.firstName, teacherMiddle: employees.middleName,
    studentCount: studentCountOn(on),
  }).from(classes)
    .leftJoin(employees, and(eq(employees.schoolId, classes.schoolId), eq(employees.id, classes.classTeacherId)))
    .where(where)
    .orderBy(asc(classes.academicYear), asc(classes.grade), asc(classes.letter));
  return rows.map((r) => ({
    ...r.c,
    teacher: r.teacherId ? { id: r.teacherId, lastName: r.teacherLast!, firstName: r.teacherFirst!, middleName: r.teacherMiddle } : null,
    studentCount: Number(r.studentCount),
  }));
}

export const listClasses = (db: Queryable, schoolId: string, f: { academicYear: number; on: string; ids: IdFilter }): Promise<ClassView[]> =>
  selectClasses(db, and(eq(classes.schoolId, schoolId), eq(classes.academicYear, f.academicYear), within(classes.id, f.ids)), f.on);

export async function findClassView(db: Queryable, schoolId: string, id: string, on: string): Promise<ClassView | null> {
  const [row] = await selectClasses(db, and(eq(classes.schoolId, schoolId), eq(classes.id, id)), on);
  return row ?? null;
}

export async function findClass(db: Queryable, schoolId: string, id: string): Promise<ClassRow | null> {
  const [row] = await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))).limit(1);
  return row ?? null;
}

export async function findClassByName(db: Queryable, schoolId: string, academicYear: number, grade: number, letter: string): Promise<ClassRow | null> {
  const [row] = await db.select().from(classes).where(and(
    eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear), eq(classes.grade, grade), eq(classes.letter, letter),
  )).limit(1);
  return row ?? null;
}

export async function insertClass(db: Queryable, values: typeof classes.$inferInsert): Promise<ClassRow> {
  const [row] = await db.insert(classes).values(values).returning();
  return row!;
}

export async function updateClass(db: Queryable, schoolId: string, id: string, values: Partial<typeof classes.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(classes).set(values).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id)));
}

export type ClassStudentRow = { studentId: string; lastName: string; firstName: string; middleName: string | null; enrollmentId: string; startsOn: string; endsOn: string | null };

/** Stays in a class that touch the period, one row per stay. */
export async function classStudents(db: Queryable, schoolId: string, classId: string, from: string, to: string, ids: IdFilter): Promise<ClassStudentRow[]> {
  return db.select({
    studentId: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName,
    enrollmentId: enrollments.id, startsOn: enrollments.startsOn, endsOn: enrollments.endsOn,
  }).from(enrollments)
    .innerJoin(students, and(eq(students.schoolId, enrollments.schoolId), eq(students.id, enrollments.studentId)))
    .where(and(
      eq(enrollments.schoolId, schoolId), eq(enrollments.classId, classId),
      overlaps(enrollments.startsOn, enrollments.endsOn, from, to), within(students.id, ids),
    ))
    .orderBy(...byName(students), asc(enrollments.startsOn));
}

// ---------------------------------------------------------------------------------------------
// Students and enrollments

export type StudentRow = typeof students.$inferSelect;
export type EnrollmentRow = typeof enrollments.$inferSelect;
export type StudentListRow = StudentRow & { classId: string | null; grade: number | null; letter: string | null };

/** The class a student is in on a date, joined to a student query. */
const enrollmentOn = (on: string) => and(
  eq(enrollments.schoolId, students.schoolId), eq(enrollments.studentId, students.id),
  lte(enrollments.startsOn, on), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, on)),
);

export async function listStudents(db: Queryable, schoolId: string, f: {
  search?: string; classId?: string; classOn: string; on: string; limit: number; offset: number; ids: IdFilter;
}): Promise<{ rows: StudentListRow[]; total: number }> {
  const inClass = f.classId
    ? sql`exists (select 1 from ${enrollments} where ${enrollments.schoolId} = ${students.schoolId} and ${enrollments.studentId} = ${students.id}
        and ${enrollments.classId} = ${f.classId} and ${enrollments.startsOn} <= ${f.classOn} and (${enrollments.endsOn} is null or ${enrollments.endsOn} >= ${f.classOn}))`
    : undefined;
  const where = and(eq(students.schoolId, schoolId), within(students.id, f.ids), nameMatches(students, f.search), inClass);
  const [rows, [total]] = await Promise.all([
    db.select({ s: students, classId: classes.id, grade: classes.grade, letter: classes.letter }).from(students)
      .leftJoin(enrollments, enrollmentOn(f.on))
      .leftJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId)))
      .where(where).orderBy(...byName(students)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(students).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.s, classId: r.classId, grade: r.grade, letter: r.letter })), total: total?.n ?? 0 };
}

export async function findStudent(db: Queryable, schoolId: string, id: string): Promise<StudentRow | null> {
  const [row] = await db.select().from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, id))).limit(1);
  return row ?? null;
}

export async function insertStudent(db: Queryable, values: typeof students.$inferInsert): Promise<StudentRow> {
  const [row] = await db.insert(students).values(values).returning();
  return row!;
}

export async function updateStudent(db: Queryable, schoolId: string, id: string, values: Partial<typeof students.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(students).set(values).where(and(eq(students.schoolId, schoolId), eq(students.id, id)));
}

export type EnrollmentView = EnrollmentRow & { grade: number; letter: string; academicYear: number };

export async function enrollmentsOf(db: Queryable, schoolId: string, studentId: string): Promise<EnrollmentView[]> {
  const rows = await db.select({ e: enrollments, grade: classes.grade, letter: classes.letter, academicYear: classes.academicYear })
    .from(enrollments)
    .innerJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId)))
    .where(and(eq(enrollments.schoolId, schoolId), eq(enrollments.studentId, studentId)))
    .orderBy(asc(enrollments.startsOn), asc(enrollments.createdAt));
  return rows.map((r) => ({ ...r.e, grade: r.grade, letter: r.letter, academicYear: r.academicYear }));
}

export async function insertEnrollment(db: Queryable, values: typeof enrollments.$inferInsert): Promise<void> {
  await db.insert(enrollments).values(values);
}

export async function updateEnrollment(db: Queryable, schoolId: string, id: string, values: Partial<Pick<EnrollmentRow, 'endsOn' | 'classId'>>): Promise<void> {
  await db.update(enrollments).set(values).where(and(eq(enrollments.schoolId, schoolId), eq(enrollments.id, id)));
}

/** Serialises changes of one student's class history: two moves at once would otherwise both pass the overlap check. */
export async function lockStudent(db: Queryable, schoolId: string, studentId: string): Promise<void> {
  await db.select({ id: students.id }).from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, studentId))).for('update');
}

/** Whether a student is in the class (or, without a class, in any class) on a date. */
export async function isEnrolledOn(db: Queryable, schoolId: string, studentId: string, on: string, classId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: enrollments.id }).from(enrollments).where(and(
    eq(enrollments.schoolId, schoolId), eq(enrollments.studentId, studentId),
    classId ? eq(enrollments.classId, classId) : undefined,
    lte(enrollments.startsOn, on), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, on)),
  )).limit(1);
  return row !== undefined;
}

export type StudentGuardianRow = { guardianId: string; lastName: string; firstName: string; middleName: string | null; relation: string; phone: string | null; email: string | null };

export async function guardiansOfStudent(db: Queryable, schoolId: string, studentId: string): Promise<StudentGuardianRow[]> {
  return db.select({
    guardianId: guardians.id, lastName: guardians.lastName, firstName: guardians.firstName, middleName: guardians.middleName,
    relation: studentGuardians.relation, phone: guardians.phone, email: guardians.email,
  }).from(studentGuardians)
    .innerJoin(guardians, and(eq(guardians.schoolId, studentGuardians.schoolId), eq(guardians.id, studentGuardians.guardianId)))
    .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.studentId, studentId)))
    .orderBy(...byName(guardians));
}

export type StudentGroupRow = {
  membershipId: string; studyGroupId: string; name: string; kind: string; classId: string | null; subjectName: string | null; startsOn: string; endsOn: string | null;
};

export async function groupsOfStudent(db: Queryable, schoolId: string, studentId: string): Promise<StudentGroupRow[]> {
  return db.select({
    membershipId: studyGroupMembers.id, studyGroupId: studyGroups.id, name: studyGroups.name, kind: studyGroups.kind, classId: studyGroups.classId,
    subjectName: subjects.name, startsOn: studyGroupMembers.startsOn, endsOn: studyGroupMembers.endsOn,
  }).from(studyGroupMembers)
    .innerJoin(studyGroups, and(eq(studyGroups.schoolId, studyGroupMembers.schoolId), eq(studyGroups.id, studyGroupMembers.studyGroupId)))
    .leftJoin(subjects, and(eq(subjects.schoolId, studyGroups.schoolId), eq(subjects.id, studyGroups.subjectId)))
    .where(and(eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studentId, studentId)))
    .orderBy(asc(studyGroupMembers.startsOn), asc(studyGroups.name));
}

/** Ends, the day before a date, a student's memberships in the subgroups of a class that are open then; drops those that would start later. */
export async function endSubgroupMemberships(db: Queryable, schoolId: string, studentId: string, classId: string, lastDay: string): Promise<void> {
  const groupIds = db.select({ id: studyGroups.id }).from(studyGroups).where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.classId, classId)));
  const mine = and(eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studentId, studentId), inArray(studyGroupMembers.studyGroupId, groupIds));
  await db.delete(studyGroupMembers).where(and(mine, sql`${studyGroupMembers.startsOn} > ${lastDay}`));
  await db.update(studyGroupMembers).set({ endsOn: lastDay })
    .where(and(mine, or(isNull(studyGroupMembers.endsOn), sql`${studyGroupMembers.endsOn} > ${lastDay}`)));
}

/** Ends every membership of a student that is open after a day (the student leaves the school). */
export async function endAllMemberships(db: Queryable, schoolId: string, studentId: string, lastDay: string): Promise<void> {
  const mine = and(eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studentId, studentId));
  await db.delete(studyGroupMembers).where(and(mine, sql`${studyGroupMembers.startsOn} > ${lastDay}`));
  await db.update(studyGroupMembers).set({ endsOn: lastDay })
    .where(and(mine, or(isNull(studyGroupMembers.endsOn), sql`${studyGroupMembers.endsOn} > ${lastDay}`)));
}

/** Students among these who are a guardian's children (for showing their own data in full). */
export async function childrenAmong(db: Queryable, schoolId: string, guardianIds: readonly string[], studentIds: readonly string[]): Promise<Set<string>> {
  if (guardianIds.length === 0 || studentIds.length === 0) return new Set();
  const rows = await db.select({ id: studentGuardians.studentId }).from(studentGuardians).where(and(
    eq(studentGuardians.schoolId, schoolId), inArray(studentGuardians.guardianId, [...guardianIds]), inArray(studentGuardians.studentId, [...studentIds]),
  ));
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------------------------------------
// Guardians

export type GuardianRow = typeof guardians.$inferSelect;

export async function listGuardians(db: Queryable, schoolId: string, f: { search?: string; studentId?: string; limit: number; offset: number; ids: IdFilter }): Promise<{ rows: GuardianRow[]; total: number }> {
  const ofStudent = f.studentId
    ? sql`exists (select 1 from ${studentGuardians} where ${studentGuardians.schoolId} = ${guardians.schoolId}
        and ${studentGuardians.guardianId} = ${guardians.id} and ${studentGuardians.studentId} = ${f.studentId})`
    : undefined;
  const where = and(eq(guardians.schoolId, schoolId), within(guardians.id, f.ids), nameMatches(guardians, f.search), ofStudent);
  const [rows, [total]] = await Promise.all([
    db.select().from(guardians).where(where).orderBy(...byName(guardians)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(guardians).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findGuardian(db: Queryable, schoolId: string, id: string): Promise<GuardianRow | null> {
  const [row] = await db.select().from(guardians).where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id))).limit(1);
  return row ?? null;
}

export async function insertGuardian(db: Queryable, values: typeof guardians.$inferInsert): Promise<GuardianRow> {
  const [row] = await db.insert(guardians).values(values).returning();
  return row!;
}

export async function updateGuardian(db: Queryable, schoolId: string, id: string, values: Partial<typeof guardians.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(guardians).set(values).where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id)));
}

export type GuardianChildRow = {
  guardianId: string; studentId: string; lastName: string; firstName: string; middleName: string | null; relation: string;
  classId: string | null; grade: number | null; letter: string | null;
};

/** Children of these guardians with the class each is in on a date. */
export async function childrenOfGuardians(db: Queryable, schoolId: string, guardianIds: readonly string[], on: string): Promise<GuardianChildRow[]> {
  if (guardianIds.length === 0) return [];
  return db.select({
    guardianId: studentGuardians.guardianId, studentId: students.id, lastName: students.lastName, firstName: students.firstName,
    middleName: students.middleName, relation: studentGuardians.relation, classId: classes.id, grade: classes.grade, letter: classes.letter,
  }).from(studentGuardians)
    .innerJoin(students, and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)))
    .leftJoin(enrollments, enrollmentOn(on))
    .leftJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId)))
    .where(and(eq(studentGuardians.schoolId, schoolId), inArray(studentGuardians.guardianId, [...guardianIds])))
    .orderBy(...byName(students));
}

export async function linkGuardian(db: Queryable, values: typeof studentGuardians.$inferInsert): Promise<void> {
  await db.insert(studentGuardians).values(values)
    .onConflictDoUpdate({ target: [studentGuardians.schoolId, studentGuardians.studentId, studentGuardians.guardianId], set: { relation: values.relation } });
}

export async function unlinkGuardian(db: Queryable, schoolId: string, studentId: string, guardianId: string): Promise<boolean> {
  const rows = await db.delete(studentGuardians).where(and(
    eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.studentId, studentId), eq(studentGuardians.guardianId, guardianId),
  )).returning({ id: studentGuardians.studentId });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Study groups

export type StudyGroupRow = typeof studyGroups.$inferSelect;
export type StudyGroupView = StudyGroupRow & {
  subjectName: string | null; classGrade: number | null; classLetter: string | null; memberCount: number;
};

const memberCountOn = (on: string) => sql<number>`(select count(*) from ${studyGroupMembers} where ${studyGroupMembers.schoolId} = ${studyGroups.schoolId}
  and ${studyGroupMembers.studyGroupId} = ${studyGroups.id} and ${studyGroupMembers.startsOn} <= ${on}
  and (${studyGroupMembers.endsOn} is null or ${studyGroupMembers.endsOn} >= ${on}))::int`;

async function selectGroups(db: Queryable, where: SQL | undefined, on: string): Promise<StudyGroupView[]> {
  const rows = await db.select({
    g: studyGroups, subjectName: subjects.name, classGrade: classes.grade, classLetter: classes.letter, memberCount: memberCountOn(on),
  }).from(studyGroups)
    .leftJoin(subjects, and(eq(subjects.schoolId, studyGroups.schoolId), eq(subjects.id, studyGroups.subjectId)))
    .leftJoin(classes, and(eq(classes.schoolId, studyGroups.schoolId), eq(classes.id, studyGroups.classId)))
    .where(where)
    .orderBy(asc(classes.grade), asc(classes.letter), asc(studyGroups.name));
  return rows.map((r) => ({ ...r.g, subjectName: r.subjectName, classGrade: r.classGrade, classLetter: r.classLetter, memberCount: Number(r.memberCount) }));
}

export const listStudyGroups = (db: Queryable, schoolId: string, f: { academicYear: number; classId?: string; on: string; ids: IdFilter }): Promise<StudyGroupView[]> =>
  selectGroups(db, and(
    eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, f.academicYear),
    f.classId ? eq(studyGroups.classId, f.classId) : undefined, within(studyGroups.id, f.ids),
  ), f.on);

export async function findStudyGroupView(db: Queryable, schoolId: string, id: string, on: string): Promise<StudyGroupView | null> {
  const [row] = await selectGroups(db, and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, id)), on);
  return row ?? null;
}

export async function findStudyGroup(db: Queryable, schoolId: string, id: string): Promise<StudyGroupRow | null> {
  const [row] = await db.select().from(studyGroups).where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, id))).limit(1);
  return row ?? null;
}

export async function studyGroupNamed(db: Queryable, schoolId: string, academicYear: number, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: studyGroups.id }).from(studyGroups).where(and(
    eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, academicYear), eq(studyGroups.name, name),
    exceptId ? ne(studyGroups.id, exceptId) : undefined,
  )).limit(1);
  return row !== undefined;
}

export async function insertStudyGroup(db: Queryable, values: typeof studyGroups.$inferInsert): Promise<StudyGroupRow> {
  const [row] = await db.insert(studyGroups).values(values).returning();
  return row!;
}

export async function updateStudyGroup(db: Queryable, schoolId: string, id: string, values: Partial<typeof studyGroups.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(studyGroups).set(values).where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, id)));
}

export type MemberRow = { id: string; studentId: string; lastName: string; firstName: string; middleName: string | null; startsOn: string; endsOn: string | null };

export async function membersOn(db: Queryable, schoolId: string, studyGroupId: string, on: string, ids: IdFilter): Promise<MemberRow[]> {
  return db.select({
    id: studyGroupMembers.id, studentId: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName,
    startsOn: studyGroupMembers.startsOn, endsOn: studyGroupMembers.endsOn,
  }).from(studyGroupMembers)
    .innerJoin(students, and(eq(students.schoolId, studyGroupMembers.schoolId), eq(students.id, studyGroupMembers.studentId)))
    .where(and(
      eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studyGroupId, studyGroupId),
      overlaps(studyGroupMembers.startsOn, studyGroupMembers.endsOn, on, on), within(students.id, ids),
    ))
    .orderBy(...byName(students));
}

export type MembershipRow = typeof studyGroupMembers.$inferSelect;

export async function findMembership(db: Queryable, schoolId: string, studyGroupId: string, id: string): Promise<MembershipRow | null> {
  const [row] = await db.select().from(studyGroupMembers).where(and(
    eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studyGroupId, studyGroupId), eq(studyGroupMembers.id, id),
  )).limit(1);
  return row ?? null;
}

/** A student's other stay in the group that touches [from, to]. */
export async function overlappingMembership(db: Queryable, schoolId: string, studyGroupId: string, studentId: string, from: string, to: string | null, exceptId: string | null): Promise<MembershipRow | null> {
  const [row] = await db.select().from(studyGroupMembers).where(and(
    eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studyGroupId, studyGroupId), eq(studyGroupMembers.studentId, studentId),
    overlaps(studyGroupMembers.startsOn, studyGroupMembers.endsOn, from, to ?? '9999-12-31'),
    exceptId ? ne(studyGroupMembers.id, exceptId) : undefined,
  )).limit(1);
  return row ?? null;
}

export async function insertMembership(db: Queryable, values: typeof studyGroupMembers.$inferInsert): Promise<MembershipRow> {
  const [row] = await db.insert(studyGroupMembers).values(values).returning();
  return row!;
}

export async function insertMemberships(db: Queryable, values: (typeof studyGroupMembers.$inferInsert)[]): Promise<void> {
  await db.insert(studyGroupMembers).values(values);
}

/** How many subgroups of a class there are for a subject. */
export async function subgroupsOfClass(db: Queryable, schoolId: string, classId: string, subjectId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(studyGroups).where(and(
    eq(studyGroups.schoolId, schoolId), eq(studyGroups.kind, 'subgroup'), eq(studyGroups.classId, classId), eq(studyGroups.subjectId, subjectId),
  ));
  return row?.n ?? 0;
}

export async function updateMembership(db: Queryable, schoolId: string, id: string, endsOn: string | null): Promise<void> {
  await db.update(studyGroupMembers).set({ endsOn }).where(and(eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.id, id)));
}

// ---------------------------------------------------------------------------------------------
// Subjects (the teaching load's SQL is in features/load/load.repo.ts)

export type SubjectRow = typeof subjects.$inferSelect;

export async function listSubjects(db: Queryable, schoolId: string): Promise<SubjectRow[]> {
  return db.select().from(subjects).where(eq(subjects.schoolId, schoolId)).orderBy(asc(subjects.name));
}

export async function findSubject(db: Queryable, schoolId: string, id: string): Promise<SubjectRow | null> {
  const [row] = await db.select().from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))).limit(1);
  return row ?? null;
}
