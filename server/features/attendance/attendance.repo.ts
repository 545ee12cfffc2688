// SQL of attendance and debts: the school's attendance codes, the absences of a date with their
// lessons and the class each student is in that day, a student's absences over a period, the
// journal lessons whose attendance was taken, open debt marks, and turning expired debts into
// marks. Every query names the school, so another school's id is simply not found.
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { expiredDebtMark } from '../../../domain/debts';
import { markScaleKinds, type MarkScaleKind } from '../../../domain/mark-scale';
import type { Queryable } from '../../db/client';
import {
  attendanceCodes, attendanceEntries, classes, controlForms, employees, enrollments, journalLessons, markScales, marks,
  schools, studyGroupMembers, studyGroups, students, subjects, timetableLessons,
} from '../../db/schema';

// --- Codes ---------------------------------------------------------------------------------------

export type CodeRow = { code: string; title: string; category: string; reason: string | null; minutes: number | null };

export async function listCodes(db: Queryable, schoolId: string): Promise<CodeRow[]> {
  return db.select({ code: attendanceCodes.code, title: attendanceCodes.title, category: attendanceCodes.category, reason: attendanceCodes.reason, minutes: attendanceCodes.minutes })
    .from(attendanceCodes).where(eq(attendanceCodes.schoolId, schoolId)).orderBy(asc(attendanceCodes.position));
}

/** Replaces the school's whole list; call inside a transaction. */
export async function replaceCodes(tx: Queryable, schoolId: string, codes: readonly CodeRow[]): Promise<void> {
  // Serialises two saves of the same school: the second waits and then replaces the first's list.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`attendance-codes:${schoolId}`}, 0))`);
  await tx.delete(attendanceCodes).where(eq(attendanceCodes.schoolId, schoolId));
  if (codes.length === 0) return;
  await tx.insert(attendanceCodes).values(codes.map((c, i) => ({ schoolId, ...c, position: i + 1 })));
}

// --- Classes and students of a date ------------------------------------------------------------

export type BoardClassRow = { id: string; grade: number; letter: string; classTeacherId: string | null };

export async function classesOfYear(db: Queryable, schoolId: string, academicYear: number, ids: readonly string[] | null): Promise<BoardClassRow[]> {
  if (ids !== null && ids.length === 0) return [];
  return db.select({ id: classes.id, grade: classes.grade, letter: classes.letter, classTeacherId: classes.classTeacherId }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear), ...(ids === null ? [] : [inArray(classes.id, [...ids])])))
    .orderBy(asc(classes.grade), asc(classes.letter));
}

/** The class each student is in on a date (by enrollment), for the given classes. */
export async function enrolledOn(db: Queryable, schoolId: string, classIds: readonly string[], date: string): Promise<{ studentId: string; classId: string }[]> {
  if (classIds.length === 0) return [];
  return db.select({ studentId: enrollments.studentId, classId: enrollments.classId }).from(enrollments)
    .where(and(
      eq(enrollments.schoolId, schoolId), inArray(enrollments.classId, [...classIds]),
      lte(enrollments.startsOn, date), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, date)),
    ));
}

export type PersonName = { lastName: string; firstName: string; middleName: string | null };

export async function studentNames(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, PersonName>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName }).from(students)
    .where(and(eq(students.schoolId, schoolId), inArray(students.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function employeeNames(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, PersonName>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: employees.id, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName }).from(employees)
    .where(and(eq(employees.schoolId, schoolId), inArray(employees.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function subjectNames(db: Queryable, schoolId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(eq(subjects.schoolId, schoolId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Per study group: the classes its members are in on a date, and the group's own class. */
export async function classesOfGroupsOn(db: Queryable, schoolId: string, academicYear: number, date: string): Promise<Map<string, Set<string>>> {
  const groups = await db.select({ id: studyGroups.id, classId: studyGroups.classId }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, academicYear)));
  const out = new Map(groups.map((g) => [g.id, new Set(g.classId ? [g.classId] : [])]));
  const rows = await db.selectDistinct({ groupId: studyGroupMembers.studyGroupId, classId: enrollments.classId }).from(studyGroupMembers)
    .innerJoin(enrollments, and(
      eq(enrollments.schoolId, studyGroupMembers.schoolId), eq(enrollments.studentId, studyGroupMembers.studentId),
      lte(enrollments.startsOn, date), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, date)),
    ))
    .where(and(
      eq(studyGroupMembers.schoolId, schoolId), lte(studyGroupMembers.startsOn, date),
      or(isNull(studyGroupMembers.endsOn), gte(studyGroupMembers.endsOn, date)),
    ));
  for (const r of rows) out.get(r.groupId)?.add(r.classId);
  return out;
}

// --- Attendance entries ------------------------------------------------------------------------

export type EntryRow = {
  journalLessonId: string;
  studentId: string;
  date: string;
  category: string;
  code: string;
  reason: string | null;
  minutesLate: number | null;
  document: string | null;
  lessonNumber: number;
  subjectId: string;
  /** The timetable lesson's length in academic hours (1 without one). */
  duration: number;
};

const entryColumns = {
  journalLessonId: attendanceEntries.journalLessonId,
  studentId: attendanceEntries.studentId,
  date: attendanceEntries.date,
  category: attendanceEntries.category,
  code: attendanceEntries.code,
  reason: attendanceEntries.reason,
  minutesLate: attendanceEntries.minutesLate,
  document: attendanceEntries.document,
  lessonNumber: journalLessons.lessonNumber,
  subjectId: journalLessons.subjectId,
  duration: sql<number>`coalesce(${timetableLessons.duration}, 1)::int`,
};

const entriesFrom = (db: Queryable) => db.select(entryColumns).from(attendanceEntries)
  .innerJoin(journalLessons, and(eq(journalLessons.schoolId, attendanceEntries.schoolId), eq(journalLessons.id, attendanceEntries.journalLessonId)))
  .leftJoin(timetableLessons, and(eq(timetableLessons.schoolId, journalLessons.schoolId), eq(timetableLessons.id, journalLessons.timetableLessonId)));

/** The absences and late arrivals of a date, of the given students (null: all). */
export async function entriesOn(db: Queryable, schoolId: string, date: string, studentIds: readonly string[] | null): Promise<EntryRow[]> {
  if (studentIds !== null && studentIds.length === 0) return [];
  return entriesFrom(db)
    .where(and(
      eq(attendanceEntries.schoolId, schoolId), eq(attendanceEntries.date, date),
      ...(studentIds === null ? [] : [inArray(attendanceEntries.studentId, [...studentIds])]),
    ))
    .orderBy(asc(journalLessons.lessonNumber));
}

/** A student's absences and late arrivals between two dates, oldest first. */
export async function entriesOfStudent(db: Queryable, schoolId: string, studentId: string, from: string, to: string): Promise<EntryRow[]> {
  return entriesFrom(db)
    .where(and(eq(attendanceEntries.schoolId, schoolId), eq(attendanceEntries.studentId, studentId), gte(attendanceEntries.date, from), lte(attendanceEntries.date, to)))
    .orderBy(asc(attendanceEntries.date), asc(journalLessons.lessonNumber));
}

export type TakenLessonRow = { id: string; timetableLessonId: string | null; plannedDate: string | null; classId: string | null; studyGroupId: string | null; taken: boolean };

/** The journal lessons held on a date, and whether their attendance was taken. */
export async function journalLessonsOn(db: Queryable, schoolId: string, date: string): Promise<TakenLessonRow[]> {
  return db.select({
    id: journalLessons.id, timetableLessonId: journalLessons.timetableLessonId, plannedDate: journalLessons.plannedDate,
    classId: journalLessons.classId, studyGroupId: journalLessons.studyGroupId, taken: sql<boolean>`${journalLessons.attendanceTakenAt} is not null`,
  }).from(journalLessons).where(and(eq(journalLessons.schoolId, schoolId), eq(journalLessons.date, date)));
}

// --- Debts ---------------------------------------------------------------------------------------

export type DebtRow = {
  id: string; journalLessonId: string; studentId: string; subjectId: string; date: string; deadline: string; comment: string | null; version: number;
  controlFormId: string; formName: string; formShortName: string;
};

/** Open debts, filtered by students and subject; oldest deadline first. */
export async function openDebts(db: Queryable, schoolId: string, filter: { studentIds: readonly string[] | null; subjectId: string | null }): Promise<DebtRow[]> {
  if (filter.studentIds !== null && filter.studentIds.length === 0) return [];
  return db.select({
    id: marks.id, journalLessonId: marks.journalLessonId, studentId: marks.studentId, subjectId: marks.subjectId, date: marks.date,
    deadline: sql<string>`${marks.debtDeadline}`, comment: marks.comment, version: marks.version,
    controlFormId: marks.controlFormId, formName: controlForms.name, formShortName: controlForms.shortName,
  }).from(marks)
    .innerJoin(controlForms, and(eq(controlForms.schoolId, marks.schoolId), eq(controlForms.id, marks.controlFormId)))
    .where(and(
      eq(marks.schoolId, schoolId), eq(marks.isDebt, true), isNotNull(marks.debtDeadline),
      ...(filter.studentIds === null ? [] : [inArray(marks.studentId, [...filter.studentIds])]),
      ...(filter.subjectId === null ? [] : [eq(marks.subjectId, filter.subjectId)]),
    ))
    .orderBy(asc(marks.debtDeadline), asc(marks.date));
}

/** The members of a study group on a date. */
export async function membersOn(db: Queryable, schoolId: string, studyGroupId: string, date: string): Promise<string[]> {
  const rows = await db.select({ studentId: studyGroupMembers.studentId }).from(studyGroupMembers)
    .where(and(
      eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studyGroupId, studyGroupId),
      lte(studyGroupMembers.startsOn, date), or(isNull(studyGroupMembers.endsOn), gte(studyGroupMembers.endsOn, date)),
    ));
  return rows.map((r) => r.studentId);
}

export async function findClass(db: Queryable, schoolId: string, classId: string): Promise<{ id: string; academicYear: number } | null> {
  const [row] = await db.select({ id: classes.id, academicYear: classes.academicYear }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId))).limit(1);
  return row ?? null;
}

export async function findGroup(db: Queryable, schoolId: string, groupId: string): Promise<{ id: string; academicYear: number } | null> {
  const [row] = await db.select({ id: studyGroups.id, academicYear: studyGroups.academicYear }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, groupId))).limit(1);
  return row ?? null;
}

export async function findStudent(db: Queryable, schoolId: string, studentId: string): Promise<{ id: string } | null> {
  const [row] = await db.select({ id: students.id }).from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, studentId))).limit(1);
  return row ?? null;
}

/** Schools that have a debt whose deadline is before `before`, with their time zones. */
export async function schoolsWithDebtsBefore(db: Queryable, before: string): Promise<{ id: string; timeZone: string }[]> {
  return db.selectDistinct({ id: schools.id, timeZone: schools.timeZone }).from(marks)
    .innerJoin(schools, eq(schools.id, marks.schoolId))
    .where(and(eq(marks.isDebt, true), lt(marks.debtDeadline, before)));
}

export type ExpiredDebtRow = { schoolId: string; id: string; journalLessonId: string; studentId: string; deadline: string; value: string | null; fivePoint: string | null; version: number };

/** `case <scale kind> when … end` over the three scales, from what `expiredDebtMark` says each becomes. */
const byScale = (pick: (kind: MarkScaleKind) => string | number | null) =>
  sql.join([
    sql`case ${markScales.kind}`,
    ...markScaleKinds.map((kind) => {
      const v = pick(kind);
      return sql`when ${kind} then ${v === null ? sql`null` : sql`${String(v)}`}`;
    }),
    sql`end`,
  ], sql` `);

/**
 * Turns the debts whose deadline is before `today` into marks — what `expiredDebtMark` gives for
 * their form's scale — and returns the changed rows. One statement: a debt another run changed
 * meanwhile no longer matches `is_debt` and is skipped, so two runs never change one debt twice.
 */
export async function expireDebts(tx: Queryable, schoolId: string | null, today: string, now: Date): Promise<ExpiredDebtRow[]> {
  return tx.update(marks).set({
    value: sql`${byScale((k) => expiredDebtMark(k).value)}`,
    fivePoint: sql`(${byScale((k) => expiredDebtMark(k).fivePoint)})::numeric`,
    isDebt: false,
    version: sql`${marks.version} + 1`,
    updatedAt: now,
  })
    .from(controlForms)
    .innerJoin(markScales, and(eq(markScales.schoolId, controlForms.schoolId), eq(markScales.id, controlForms.markScaleId)))
    .where(and(
      eq(controlForms.schoolId, marks.schoolId), eq(controlForms.id, marks.controlFormId),
      ...(schoolId === null ? [] : [eq(marks.schoolId, schoolId)]),
      eq(marks.isDebt, true), lt(marks.debtDeadline, today),
    ))
    .returning({
      schoolId: marks.schoolId, id: marks.id, journalLessonId: marks.journalLessonId, studentId: marks.studentId,
      deadline: sql<string>`${marks.debtDeadline}::text`, value: marks.value, fivePoint: marks.fivePoint, version: marks.version,
    });
}
