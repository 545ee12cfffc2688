// SQL of the class journal: journal lessons, marks, attendance, the mark-entry policy, forms of
// control with their scales, the students of a lesson's class or group on a date, the audit of a
// cell and what the grid reads. Every query names the school, so another school's id is simply
// not found.
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { LessonFormat, LessonKind, PublishedVersion } from '../../../domain/lessons-by-date';
import type { MarkEntryPolicy, Rounding } from '../../../domain/mark-policy';
import type { ConversionTable, MarkScaleKind } from '../../../domain/mark-scale';
import type { Queryable } from '../../db/client';
import {
  accounts, attendanceCodes, attendanceEntries, attestationPeriods, attestationSchedules, classes, controlForms, controlWorks, employees,
  enrollments, homework, journalAudit, journalLessons, markEntryPolicies, markScales, marks, plannedTopics, students, studyGroupMembers,
  studyGroups, subjects, teachingLoads, timetableLessons, timetables, workProgrammes,
} from '../../db/schema';

export type JournalLessonRow = typeof journalLessons.$inferSelect;
export type MarkRow = typeof marks.$inferSelect;
export type AttendanceRow = typeof attendanceEntries.$inferSelect;

// --- Journal lessons -----------------------------------------------------------------------------

export async function findLesson(db: Queryable, schoolId: string, id: string, forUpdate = false): Promise<JournalLessonRow | null> {
  const q = db.select().from(journalLessons).where(and(eq(journalLessons.schoolId, schoolId), eq(journalLessons.id, id))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findDatedLesson(db: Queryable, schoolId: string, timetableLessonId: string, plannedDate: string): Promise<JournalLessonRow | null> {
  const [row] = await db.select().from(journalLessons).where(and(
    eq(journalLessons.schoolId, schoolId), eq(journalLessons.timetableLessonId, timetableLessonId), eq(journalLessons.plannedDate, plannedDate),
  )).limit(1);
  return row ?? null;
}

/** Inserts the journal lesson of a dated lesson unless another request already did (the unique dated key). */
export async function insertLessonIfAbsent(db: Queryable, row: typeof journalLessons.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(journalLessons).values(row).onConflictDoNothing().returning({ id: journalLessons.id });
  return inserted.length > 0;
}

/** Copies what the timetable now says of a dated lesson (a substitute named later, a move) without bumping the version. */
export async function refreshLesson(db: Queryable, schoolId: string, id: string, set: Partial<typeof journalLessons.$inferInsert>): Promise<JournalLessonRow> {
  const [row] = await db.update(journalLessons).set(set).where(and(eq(journalLessons.schoolId, schoolId), eq(journalLessons.id, id))).returning();
  return row!;
}

export async function updateLesson(db: Queryable, schoolId: string, id: string, set: Partial<typeof journalLessons.$inferInsert>, now: Date): Promise<JournalLessonRow> {
  const [row] = await db.update(journalLessons)
    .set({ ...set, version: sql`${journalLessons.version} + 1`, updatedAt: now })
    .where(and(eq(journalLessons.schoolId, schoolId), eq(journalLessons.id, id))).returning();
  return row!;
}

// --- Policy, forms, students -----------------------------------------------------------------------

export async function findPolicy(db: Queryable, schoolId: string, academicYear: number): Promise<MarkEntryPolicy | null> {
  const [row] = await db.select().from(markEntryPolicies)
    .where(and(eq(markEntryPolicies.schoolId, schoolId), eq(markEntryPolicies.academicYear, academicYear))).limit(1);
  return row ? {
    currentMarksDaysBack: row.currentMarksDaysBack, periodMarksDaysAfter: row.periodMarksDaysAfter,
    rounding: row.rounding as Rounding, minMarksForPeriodMark: row.minMarksForPeriodMark,
  } : null;
}

export type FormRow = {
  id: string; name: string; shortName: string; weight: string; subjectId: string | null; levels: string[]; archived: boolean;
  scaleKind: MarkScaleKind; conversion: ConversionTable | null;
};

const formColumns = {
  id: controlForms.id, name: controlForms.name, shortName: controlForms.shortName, weight: controlForms.weight, subjectId: controlForms.subjectId,
  levels: controlForms.levels, archived: controlForms.archived, scaleKind: markScales.kind, conversion: markScales.conversion,
};

const formOfRow = (r: { [K in keyof typeof formColumns]: unknown }): FormRow => ({
  ...(r as Omit<FormRow, 'scaleKind' | 'conversion'>),
  scaleKind: r.scaleKind as MarkScaleKind,
  conversion: (r.conversion ?? null) as ConversionTable | null,
});

/** Forms of control by id, with their scales. */
export async function formsByIds(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, FormRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(formColumns).from(controlForms)
    .innerJoin(markScales, and(eq(markScales.schoolId, controlForms.schoolId), eq(markScales.id, controlForms.markScaleId)))
    .where(and(eq(controlForms.schoolId, schoolId), inArray(controlForms.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, formOfRow(r)]));
}

/** Forms of control not archived that serve a subject (theirs or every subject's), by name. */
export async function formsOfSubject(db: Queryable, schoolId: string, subjectId: string): Promise<FormRow[]> {
  const rows = await db.select(formColumns).from(controlForms)
    .innerJoin(markScales, and(eq(markScales.schoolId, controlForms.schoolId), eq(markScales.id, controlForms.markScaleId)))
    .where(and(eq(controlForms.schoolId, schoolId), eq(controlForms.archived, false),
      or(isNull(controlForms.subjectId), eq(controlForms.subjectId, subjectId))))
    .orderBy(asc(controlForms.weight), asc(controlForms.name));
  return rows.map(formOfRow);
}

/**
 * The grades of a class's or group's students: the class's; a subgroup's class's; a stream's: the
 * classes its members are in — on a date (a lesson's students), or in a year (the grades whose
 * school days a group's lessons follow).
 */
export async function gradesOf(
  db: Queryable, schoolId: string, target: { classId: string | null; studyGroupId: string | null }, when: { date: string } | { academicYear: number },
): Promise<number[]> {
  if (target.classId !== null) {
    const rows = await db.select({ grade: classes.grade }).from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, target.classId)));
    return rows.map((r) => r.grade);
  }
  const own = await db.select({ grade: classes.grade }).from(studyGroups)
    .innerJoin(classes, and(eq(classes.schoolId, studyGroups.schoolId), eq(classes.id, studyGroups.classId)))
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, target.studyGroupId!)));
  if (own.length > 0) return own.map((r) => r.grade);
  const enrolled = 'date' in when
    ? and(lte(enrollments.startsOn, when.date), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, when.date)))
    : undefined;
  const ofYear = 'academicYear' in when ? eq(classes.academicYear, when.academicYear) : undefined;
  const rows = await db.selectDistinct({ grade: classes.grade }).from(studyGroupMembers)
    .innerJoin(enrollments, and(eq(enrollments.schoolId, studyGroupMembers.schoolId), eq(enrollments.studentId, studyGroupMembers.studentId), enrolled))
    .innerJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId), ofYear))
    .where(and(eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studyGroupId, target.studyGroupId!)));
  return rows.map((r) => r.grade).sort((a, b) => a - b);
}

export type StudentName = { id: string; lastName: string; firstName: string; middleName: string | null };
export type Membership = StudentName & { startsOn: string; endsOn: string | null };

/**
 * The students in a class (enrollments) or a study group (members) at some time from `from` to
 * `to`, with the dates of their membership (one row per stretch), by name.
 */
export async function membersBetween(
  db: Queryable, schoolId: string, target: { classId: string | null; studyGroupId: string | null }, from: string, to: string,
): Promise<Membership[]> {
  const person = { id: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName };
  if (target.classId !== null) {
    return db.select({ ...person, startsOn: enrollments.startsOn, endsOn: enrollments.endsOn }).from(enrollments)
      .innerJoin(students, and(eq(students.schoolId, enrollments.schoolId), eq(students.id, enrollments.studentId)))
      .where(and(eq(enrollments.schoolId, schoolId), eq(enrollments.classId, target.classId),
        lte(enrollments.startsOn, to), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, from))))
      .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id), asc(enrollments.startsOn));
  }
  return db.select({ ...person, startsOn: studyGroupMembers.startsOn, endsOn: studyGroupMembers.endsOn }).from(studyGroupMembers)
    .innerJoin(students, and(eq(students.schoolId, studyGroupMembers.schoolId), eq(students.id, studyGroupMembers.studentId)))
    .where(and(eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studyGroupId, target.studyGroupId!),
      lte(studyGroupMembers.startsOn, to), or(isNull(studyGroupMembers.endsOn), gte(studyGroupMembers.endsOn, from))))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id), asc(studyGroupMembers.startsOn));
}

// --- Marks ------------------------------------------------------------------------------------------

export async function insertMarks(db: Queryable, rows: (typeof marks.$inferInsert)[]): Promise<MarkRow[]> {
  if (rows.length === 0) return [];
  return db.insert(marks).values(rows).returning();
}

export async function findMark(db: Queryable, schoolId: string, id: string, forUpdate = false): Promise<MarkRow | null> {
  const q = db.select().from(marks).where(and(eq(marks.schoolId, schoolId), eq(marks.id, id))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateMark(db: Queryable, schoolId: string, id: string, set: Partial<typeof marks.$inferInsert>, now: Date): Promise<MarkRow> {
  const [row] = await db.update(marks).set({ ...set, version: sql`${marks.version} + 1`, updatedAt: now })
    .where(and(eq(marks.schoolId, schoolId), eq(marks.id, id))).returning();
  return row!;
}

export async function deleteMark(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(marks).where(and(eq(marks.schoolId, schoolId), eq(marks.id, id)));
}

export async function marksOfLessons(db: Queryable, schoolId: string, lessonIds: readonly string[]): Promise<MarkRow[]> {
  if (lessonIds.length === 0) return [];
  return db.select().from(marks).where(and(eq(marks.schoolId, schoolId), inArray(marks.journalLessonId, [...lessonIds])))
    .orderBy(asc(marks.createdAt), asc(marks.id));
}

export type GridMarkRow = Pick<MarkRow, 'id' | 'journalLessonId' | 'studentId' | 'date' | 'controlFormId' | 'value' | 'weight' | 'comment' | 'isDebt' | 'debtDeadline' | 'version'>;

/** The marks of lessons with what the grid shows (no timestamps, no КЭС codes), in the order given. */
export async function gridMarksOfLessons(db: Queryable, schoolId: string, lessonIds: readonly string[]): Promise<GridMarkRow[]> {
  if (lessonIds.length === 0) return [];
  return db.select({
    id: marks.id, journalLessonId: marks.journalLessonId, studentId: marks.studentId, date: marks.date, controlFormId: marks.controlFormId,
    value: marks.value, weight: marks.weight, comment: marks.comment, isDebt: marks.isDebt, debtDeadline: marks.debtDeadline, version: marks.version,
  }).from(marks).where(and(eq(marks.schoolId, schoolId), inArray(marks.journalLessonId, [...lessonIds])))
    .orderBy(asc(marks.createdAt), asc(marks.id));
}

// --- Attendance ---------------------------------------------------------------------------------------

export async function attendanceOfLessons(db: Queryable, schoolId: string, lessonIds: readonly string[]): Promise<AttendanceRow[]> {
  if (lessonIds.length === 0) return [];
  return db.select().from(attendanceEntries)
    .where(and(eq(attendanceEntries.schoolId, schoolId), inArray(attendanceEntries.journalLessonId, [...lessonIds])));
}

export async function insertAttendance(db: Queryable, rows: (typeof attendanceEntries.$inferInsert)[]): Promise<AttendanceRow[]> {
  if (rows.length === 0) return [];
  return db.insert(attendanceEntries).values(rows).returning();
}

export async function updateAttendance(db: Queryable, schoolId: string, id: string, set: Partial<typeof attendanceEntries.$inferInsert>, now: Date): Promise<AttendanceRow> {
  const [row] = await db.update(attendanceEntries).set({ ...set, version: sql`${attendanceEntries.version} + 1`, updatedAt: now })
    .where(and(eq(attendanceEntries.schoolId, schoolId), eq(attendanceEntries.id, id))).returning();
  return row!;
}

export async function deleteAttendance(db: Queryable, schoolId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(attendanceEntries).where(and(eq(attendanceEntries.schoolId, schoolId), inArray(attendanceEntries.id, [...ids])));
}

export type SchoolCodeRow = typeof attendanceCodes.$inferSelect;

export async function schoolCodes(db: Queryable, schoolId: string): Promise<SchoolCodeRow[]> {
  return db.select().from(attendanceCodes).where(eq(attendanceCodes.schoolId, schoolId)).orderBy(asc(attendanceCodes.position));
}

// --- Names ----------------------------------------------------------------------------------------------

export type PersonName = { lastName: string; firstName: string; middleName: string | null };

export async function employeeNames(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, PersonName>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: employees.id, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName })
    .from(employees).where(and(eq(employees.schoolId, schoolId), inArray(employees.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function subjectName(db: Queryable, schoolId: string, id: string): Promise<string | null> {
  const [row] = await db.select({ name: subjects.name }).from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))).limit(1);
  return row?.name ?? null;
}

export async function unitName(db: Queryable, schoolId: string, target: { classId: string | null; studyGroupId: string | null }): Promise<string | null> {
  if (target.classId !== null) {
    const [row] = await db.select({ grade: classes.grade, letter: classes.letter }).from(classes)
      .where(and(eq(classes.schoolId, schoolId), eq(classes.id, target.classId))).limit(1);
    return row ? `${row.grade}${row.letter}` : null;
  }
  const [row] = await db.select({ name: studyGroups.name }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, target.studyGroupId!))).limit(1);
  return row?.name ?? null;
}

// --- Audit ----------------------------------------------------------------------------------------------

export type AuditRow = typeof journalAudit.$inferSelect & { actor: PersonName | null };

/**
 * The audit rows of a cell (a lesson and a student; no student: the lesson's own rows), newest
 * first, with the actor's name (their employee record in the school, else their account's).
 */
export async function auditOfCell(db: Queryable, schoolId: string, journalLessonId: string, studentId: string | null): Promise<AuditRow[]> {
  const rows = await db.select({
    a: journalAudit,
    accountName: { lastName: accounts.lastName, firstName: accounts.firstName, middleName: accounts.middleName },
    employeeName: { lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName },
  }).from(journalAudit)
    .leftJoin(accounts, eq(accounts.id, journalAudit.actorAccountId))
    .leftJoin(employees, and(eq(employees.schoolId, journalAudit.schoolId), eq(employees.accountId, journalAudit.actorAccountId)))
    .where(and(eq(journalAudit.schoolId, schoolId), eq(journalAudit.journalLessonId, journalLessonId),
      studentId === null ? isNull(journalAudit.studentId) : eq(journalAudit.studentId, studentId)))
    .orderBy(desc(journalAudit.at), desc(journalAudit.id));
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.a.id) && seen.add(r.a.id)).map((r) => ({
    ...r.a,
    actor: r.employeeName?.lastName ? r.employeeName : r.accountName?.lastName ? r.accountName : null,
  }));
}

// --- Who reads what -------------------------------------------------------------------------------------

export type LoadRow = { employeeId: string; subjectId: string; classId: string | null; studyGroupId: string | null };

/** Teaching load rows of a year: all, or of some teachers, or of some classes and groups. */
export async function loadsOfYear(
  db: Queryable, schoolId: string, academicYear: number, filter: { employeeIds?: readonly string[]; classIds?: readonly string[]; groupIds?: readonly string[] } = {},
): Promise<LoadRow[]> {
  const units = filter.classIds !== undefined || filter.groupIds !== undefined;
  if (filter.employeeIds !== undefined && filter.employeeIds.length === 0) return [];
  if (units && (filter.classIds ?? []).length === 0 && (filter.groupIds ?? []).length === 0) return [];
  return db.selectDistinct({ employeeId: teachingLoads.employeeId, subjectId: teachingLoads.subjectId, classId: teachingLoads.classId, studyGroupId: teachingLoads.studyGroupId })
    .from(teachingLoads).where(and(
      eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear),
      filter.employeeIds ? inArray(teachingLoads.employeeId, [...filter.employeeIds]) : undefined,
      units ? or(
        (filter.classIds ?? []).length > 0 ? inArray(teachingLoads.classId, [...filter.classIds!]) : undefined,
        (filter.groupIds ?? []).length > 0 ? inArray(teachingLoads.studyGroupId, [...filter.groupIds!]) : undefined,
      ) : undefined,
    ));
}

/** Subject × class/group pairs journal lessons of a year exist for (lessons given without a load row too). */
export async function lessonPairsOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<LoadRow[]> {
  return db.selectDistinct({ employeeId: journalLessons.employeeId, subjectId: journalLessons.subjectId, classId: journalLessons.classId, studyGroupId: journalLessons.studyGroupId })
    .from(journalLessons).where(and(eq(journalLessons.schoolId, schoolId), eq(journalLessons.academicYear, academicYear)));
}

/**
 * Subject × class or group pairs some teachers give in a year's published timetables — the
 * extracurricular and additional-education sessions among them, which have no load row (D5).
 */
export async function timetablePairsOfYear(
  db: Queryable, schoolId: string, academicYear: number,
  of: { employeeIds: readonly string[] } | { classIds: readonly string[]; groupIds: readonly string[] } | 'all',
): Promise<LoadRow[]> {
  let whose;
  if (of === 'all') whose = undefined;
  else if ('employeeIds' in of) {
    if (of.employeeIds.length === 0) return [];
    whose = inArray(timetableLessons.employeeId, [...of.employeeIds]);
  } else {
    if (of.classIds.length === 0 && of.groupIds.length === 0) return [];
    whose = or(
      of.classIds.length > 0 ? inArray(timetableLessons.classId, [...of.classIds]) : undefined,
      of.groupIds.length > 0 ? inArray(timetableLessons.studyGroupId, [...of.groupIds]) : undefined,
    );
  }
  return db.selectDistinct({ employeeId: timetableLessons.employeeId, subjectId: timetableLessons.subjectId, classId: timetableLessons.classId, studyGroupId: timetableLessons.studyGroupId })
    .from(timetableLessons)
    .innerJoin(timetables, and(eq(timetables.schoolId, timetableLessons.schoolId), eq(timetables.id, timetableLessons.timetableId)))
    .where(and(eq(timetableLessons.schoolId, schoolId), whose, eq(timetables.academicYear, academicYear), eq(timetables.status, 'published')));
}

/**
 * Whether some of the teachers teach a subject to a class or group in a year: by the load, or by
 * the year's published timetables (an extracurricular session without a load row).
 */
export async function teachesUnit(
  db: Queryable, schoolId: string, employeeIds: readonly string[], academicYear: number,
  subjectId: string, target: { classId: string | null; studyGroupId: string | null },
): Promise<boolean> {
  if (employeeIds.length === 0) return false;
  const [row] = await db.select({ id: teachingLoads.id }).from(teachingLoads).where(and(
    eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear), eq(teachingLoads.subjectId, subjectId),
    inArray(teachingLoads.employeeId, [...employeeIds]),
    target.classId !== null ? eq(teachingLoads.classId, target.classId) : eq(teachingLoads.studyGroupId, target.studyGroupId!),
  )).limit(1);
  if (row) return true;
  const [lesson] = await db.select({ id: timetableLessons.id }).from(timetableLessons)
    .innerJoin(timetables, and(eq(timetables.schoolId, timetableLessons.schoolId), eq(timetables.id, timetableLessons.timetableId)))
    .where(and(
      eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.subjectId, subjectId), inArray(timetableLessons.employeeId, [...employeeIds]),
      target.classId !== null ? eq(timetableLessons.classId, target.classId) : eq(timetableLessons.studyGroupId, target.studyGroupId!),
      eq(timetables.academicYear, academicYear), eq(timetables.status, 'published'),
    )).limit(1);
  return lesson !== undefined;
}

/** The class a study group belongs to (a subgroup), or null. */
export async function classOfGroup(db: Queryable, schoolId: string, groupId: string): Promise<string | null> {
  const [row] = await db.select({ classId: studyGroups.classId }).from(studyGroups).where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, groupId))).limit(1);
  return row?.classId ?? null;
}

/** The academic year of a class or a group; null when it is not of the school. */
export async function yearOfUnit(db: Queryable, schoolId: string, target: { classId: string | null; studyGroupId: string | null }): Promise<number | null> {
  if (target.classId !== null) {
    const [row] = await db.select({ y: classes.academicYear }).from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, target.classId))).limit(1);
    return row?.y ?? null;
  }
  const [row] = await db.select({ y: studyGroups.academicYear }).from(studyGroups).where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, target.studyGroupId!))).limit(1);
  return row?.y ?? null;
}

/** The class each student is in on a date. */
export async function classesOfStudentsOn(db: Queryable, schoolId: string, studentIds: readonly string[], date: string): Promise<Map<string, string>> {
  if (studentIds.length === 0) return new Map();
  const rows = await db.select({ studentId: enrollments.studentId, classId: enrollments.classId }).from(enrollments).where(and(
    eq(enrollments.schoolId, schoolId), inArray(enrollments.studentId, [...studentIds]),
    lte(enrollments.startsOn, date), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, date)),
  ));
  return new Map(rows.map((r) => [r.studentId, r.classId]));
}

// --- Planned topics ----------------------------------------------------------------------------------

export type PlannedTopicRow = { id: string; title: string; subjectId: string; classId: string | null; studyGroupId: string | null };

/** A planned topic with its work programme's subject and class or group. */
export async function findPlannedTopic(db: Queryable, schoolId: string, id: string): Promise<PlannedTopicRow | null> {
  const [row] = await db.select({
    id: plannedTopics.id, title: plannedTopics.title, subjectId: workProgrammes.subjectId, classId: workProgrammes.classId, studyGroupId: workProgrammes.studyGroupId,
  }).from(plannedTopics)
    .innerJoin(workProgrammes, and(eq(workProgrammes.schoolId, plannedTopics.schoolId), eq(workProgrammes.id, plannedTopics.workProgrammeId)))
    .where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id))).limit(1);
  return row ?? null;
}

// --- The grid ------------------------------------------------------------------------------------------

export type PeriodRow = { id: string; name: string; startsOn: string; endsOn: string };

/** The terms of a year for some grades (the schedules of kind `terms` that apply to one of them), by start. */
export async function termsOf(db: Queryable, schoolId: string, academicYear: number, grades: readonly number[]): Promise<PeriodRow[]> {
  const rows = await db.select({
    id: attestationPeriods.id, name: attestationPeriods.name, startsOn: attestationPeriods.startsOn, endsOn: attestationPeriods.endsOn, grades: attestationSchedules.grades,
  }).from(attestationPeriods)
    .innerJoin(attestationSchedules, and(eq(attestationSchedules.schoolId, attestationPeriods.schoolId), eq(attestationSchedules.id, attestationPeriods.scheduleId)))
    .where(and(eq(attestationPeriods.schoolId, schoolId), eq(attestationSchedules.academicYear, academicYear), eq(attestationSchedules.kind, 'terms')))
    .orderBy(asc(attestationPeriods.startsOn), asc(attestationPeriods.number));
  const wanted = rows.filter((r) => grades.length === 0 || r.grades.some((g) => grades.includes(g)));
  const seen = new Set<string>();
  return wanted.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(({ id, name, startsOn, endsOn }) => ({ id, name, startsOn, endsOn }));
}

export async function findPeriod(db: Queryable, schoolId: string, id: string): Promise<PeriodRow | null> {
  const [row] = await db.select({ id: attestationPeriods.id, name: attestationPeriods.name, startsOn: attestationPeriods.startsOn, endsOn: attestationPeriods.endsOn })
    .from(attestationPeriods).where(and(eq(attestationPeriods.schoolId, schoolId), eq(attestationPeriods.id, id))).limit(1);
  return row ?? null;
}

/** The published timetable versions of a year with only their lessons of a subject for a class or a group. */
export async function publishedVersionsOf(
  db: Queryable, schoolId: string, academicYear: number, subjectId: string, target: { classId: string | null; studyGroupId: string | null },
): Promise<PublishedVersion[]> {
  const versions = await db.select({ id: timetables.id, validFrom: timetables.validFrom }).from(timetables)
    .where(and(eq(timetables.schoolId, schoolId), eq(timetables.academicYear, academicYear), eq(timetables.status, 'published')));
  if (versions.length === 0) return [];
  const rows = await db.select().from(timetableLessons).where(and(
    eq(timetableLessons.schoolId, schoolId), inArray(timetableLessons.timetableId, versions.map((v) => v.id)), eq(timetableLessons.subjectId, subjectId),
    target.classId !== null ? eq(timetableLessons.classId, target.classId) : eq(timetableLessons.studyGroupId, target.studyGroupId!),
  ));
  return versions.filter((v) => v.validFrom !== null).map((v) => ({
    id: v.id, validFrom: v.validFrom!,
    lessons: rows.filter((r) => r.timetableId === v.id).map((r) => ({
      id: r.id, weekday: r.weekday, lessonNumber: r.lessonNumber, duration: r.duration, subjectId: r.subjectId, employeeId: r.employeeId,
      classId: r.classId, studyGroupId: r.studyGroupId, roomId: r.roomId, kind: r.kind as LessonKind, format: r.format as LessonFormat, distanceUrl: r.distanceUrl,
    })),
  }));
}

/** Journal lessons of a subject for a class or group from `from` to `to`. */
export async function journalLessonsBetween(
  db: Queryable, schoolId: string, subjectId: string, target: { classId: string | null; studyGroupId: string | null }, from: string, to: string,
): Promise<JournalLessonRow[]> {
  return db.select().from(journalLessons).where(and(
    eq(journalLessons.schoolId, schoolId), eq(journalLessons.subjectId, subjectId),
    target.classId !== null ? eq(journalLessons.classId, target.classId) : eq(journalLessons.studyGroupId, target.studyGroupId!),
    gte(journalLessons.date, from), lte(journalLessons.date, to),
  )).orderBy(asc(journalLessons.date), asc(journalLessons.lessonNumber));
}

/** Journal lessons a control work is held at. */
export async function controlWorkLessons(db: Queryable, schoolId: string, lessonIds: readonly string[]): Promise<Set<string>> {
  if (lessonIds.length === 0) return new Set();
  const rows = await db.selectDistinct({ id: controlWorks.journalLessonId }).from(controlWorks)
    .where(and(eq(controlWorks.schoolId, schoolId), inArray(controlWorks.journalLessonId, [...lessonIds])));
  return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
}

/** How many homework items each journal lesson gives. */
export async function homeworkCounts(db: Queryable, schoolId: string, lessonIds: readonly string[]): Promise<Map<string, number>> {
  if (lessonIds.length === 0) return new Map();
  const rows = await db.select({ id: homework.journalLessonId, n: sql<number>`count(*)::int` }).from(homework)
    .where(and(eq(homework.schoolId, schoolId), inArray(homework.journalLessonId, [...lessonIds])))
    .groupBy(homework.journalLessonId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Names of subjects, classes («5А») and groups of the school, by id. */
export async function unitNamesOf(db: Queryable, schoolId: string, ids: { subjectIds: readonly string[]; classIds: readonly string[]; groupIds: readonly string[] }): Promise<{
  subjects: Map<string, string>; classes: Map<string, string>; groups: Map<string, string>;
}> {
  const [subjectRows, classRows, groupRows] = await Promise.all([
    ids.subjectIds.length === 0 ? [] : db.select({ id: subjects.id, name: subjects.name }).from(subjects)
      .where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, [...new Set(ids.subjectIds)]))),
    ids.classIds.length === 0 ? [] : db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
      .where(and(eq(classes.schoolId, schoolId), inArray(classes.id, [...new Set(ids.classIds)]))),
    ids.groupIds.length === 0 ? [] : db.select({ id: studyGroups.id, name: studyGroups.name }).from(studyGroups)
      .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.id, [...new Set(ids.groupIds)]))),
  ]);
  return {
    subjects: new Map(subjectRows.map((r) => [r.id, r.name])),
    classes: new Map(classRows.map((r) => [r.id, `${r.grade}${r.letter}`])),
    groups: new Map(groupRows.map((r) => [r.id, r.name])),
  };
}
