// SQL of lessons by date: the published timetable versions of a year with their lessons, who each
// lesson's students are (classes, groups, the classes of a stream's members), the regime
// assignments and bell schedules, the dated changes and the notification events they record.
// Every query names the school, so another school's id is simply not found.
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { LessonChange, LessonFormat, LessonKind, PublishedVersion, TimetableLesson } from '../../../domain/lessons-by-date';
import type { BellLesson, RegimeAssignment } from '../../../domain/regime';
import type { Queryable } from '../../db/client';
import {
  bellSchedules, classes, employees, lessonChanges, notificationEvents, regimeAssignments, rooms, schoolRoleGrants,
  studyGroups, subjects, teacherUnavailability, teachingLoads, timetableLessons, timetables,
} from '../../db/schema';
import { targetOfRow } from '../regimes/regimes.repo';
import * as loadRepo from '../load/load.repo';

export { findCalendar } from '../readiness/readiness.repo';

const lessonOfRow = (r: typeof timetableLessons.$inferSelect): TimetableLesson => ({
  id: r.id, weekday: r.weekday, lessonNumber: r.lessonNumber, duration: r.duration, subjectId: r.subjectId, employeeId: r.employeeId,
  classId: r.classId, studyGroupId: r.studyGroupId, roomId: r.roomId, kind: r.kind as LessonKind, format: r.format as LessonFormat,
  distanceUrl: r.distanceUrl,
});

/** The published versions of a year with their lessons. */
export async function publishedVersions(db: Queryable, schoolId: string, academicYear: number): Promise<PublishedVersion[]> {
  const versions = await db.select({ id: timetables.id, validFrom: timetables.validFrom }).from(timetables)
    .where(and(eq(timetables.schoolId, schoolId), eq(timetables.academicYear, academicYear), eq(timetables.status, 'published')))
    .orderBy(asc(timetables.validFrom));
  if (versions.length === 0) return [];
  const rows = await db.select().from(timetableLessons)
    .where(and(eq(timetableLessons.schoolId, schoolId), inArray(timetableLessons.timetableId, versions.map((v) => v.id))));
  return versions.filter((v) => v.validFrom !== null).map((v) => ({
    id: v.id, validFrom: v.validFrom!, lessons: rows.filter((r) => r.timetableId === v.id).map(lessonOfRow),
  }));
}

/** A timetable lesson of any version of the school, with its version's year and status. */
export async function findTimetableLesson(db: Queryable, schoolId: string, id: string): Promise<(TimetableLesson & { timetableId: string; academicYear: number; status: string }) | null> {
  const [row] = await db.select({ l: timetableLessons, academicYear: timetables.academicYear, status: timetables.status }).from(timetableLessons)
    .innerJoin(timetables, and(eq(timetables.schoolId, timetableLessons.schoolId), eq(timetables.id, timetableLessons.timetableId)))
    .where(and(eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.id, id))).limit(1);
  return row ? { ...lessonOfRow(row.l), timetableId: row.l.timetableId, academicYear: row.academicYear, status: row.status } : null;
}

export type ClassRow = { id: string; grade: number; letter: string };
export type GroupRow = { id: string; kind: string; name: string; classId: string | null };

export async function classesOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<ClassRow[]> {
  return db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear)))
    .orderBy(asc(classes.grade), asc(classes.letter));
}

export async function groupsOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<GroupRow[]> {
  return db.select({ id: studyGroups.id, kind: studyGroups.kind, name: studyGroups.name, classId: studyGroups.classId }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, academicYear)))
    .orderBy(asc(studyGroups.name));
}

/** The classes of the year the members of each group without a class of its own (a stream, an activity group) are in. */
export function classesOfMembers(db: Queryable, schoolId: string, academicYear: number): Promise<{ studyGroupId: string; classId: string }[]> {
  return loadRepo.classesOfGroupMembers(db, schoolId, academicYear, 'withoutClass');
}

/** Assignments of the school, its classes and groups open at some point of the range (a student's own ИУП regime is not a lesson's). */
export async function regimeAssignmentsIn(db: Queryable, schoolId: string, from: string, to: string): Promise<RegimeAssignment[]> {
  const rows = await db.select().from(regimeAssignments).where(and(
    eq(regimeAssignments.schoolId, schoolId), isNull(regimeAssignments.studentId),
    lte(regimeAssignments.startsOn, to), or(isNull(regimeAssignments.endsOn), gte(regimeAssignments.endsOn, from)),
  ));
  return rows.map((r) => ({ id: r.id, bellScheduleId: r.bellScheduleId, target: targetOfRow(r), startsOn: r.startsOn, endsOn: r.endsOn }));
}

export async function bellScheduleLessons(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, BellLesson[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: bellSchedules.id, lessons: bellSchedules.lessons }).from(bellSchedules)
    .where(and(eq(bellSchedules.schoolId, schoolId), inArray(bellSchedules.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, (Array.isArray(r.lessons) ? r.lessons : []) as BellLesson[]]));
}

/** The shift a bell schedule belongs to (the first when it is not found). */
export async function bellScheduleShift(db: Queryable, schoolId: string, id: string): Promise<number> {
  const [row] = await db.select({ shift: bellSchedules.shift }).from(bellSchedules)
    .where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.id, id))).limit(1);
  return row?.shift ?? 1;
}

/** Teachers who cannot teach at any of these lesson numbers of a shift on an ISO weekday. */
export async function unavailableEmployees(
  db: Queryable, schoolId: string, academicYear: number, shift: number, weekday: number, lessonNumbers: readonly number[],
): Promise<Set<string>> {
  if (lessonNumbers.length === 0) return new Set();
  const rows = await db.selectDistinct({ employeeId: teacherUnavailability.employeeId }).from(teacherUnavailability).where(and(
    eq(teacherUnavailability.schoolId, schoolId), eq(teacherUnavailability.academicYear, academicYear),
    eq(teacherUnavailability.shift, shift), eq(teacherUnavailability.weekday, weekday),
    inArray(teacherUnavailability.lessonNumber, [...lessonNumbers]),
  ));
  return new Set(rows.map((r) => r.employeeId));
}

// --- Changes ----------------------------------------------------------------------------------

export type LessonChangeRow = typeof lessonChanges.$inferSelect;

export const changeOfRow = (r: LessonChangeRow): LessonChange => ({
  id: r.id, timetableLessonId: r.timetableLessonId, date: r.date, kind: r.kind as LessonChange['kind'],
  substituteEmployeeId: r.substituteEmployeeId, roomId: r.roomId, newDate: r.newDate, newLessonNumber: r.newLessonNumber,
  distanceUrl: r.distanceUrl, reason: r.reason,
});

/**
 * Active changes that touch a range: of lessons dated in it, moves into it, and every change of a
 * lesson moved into it from outside (its substitute or room go with it).
 */
export async function activeChangesTouching(db: Queryable, schoolId: string, from: string, to: string): Promise<LessonChange[]> {
  const rows = await db.select().from(lessonChanges).where(and(
    eq(lessonChanges.schoolId, schoolId), isNull(lessonChanges.revokedAt),
    or(and(gte(lessonChanges.date, from), lte(lessonChanges.date, to)), and(gte(lessonChanges.newDate, from), lte(lessonChanges.newDate, to))),
  ));
  const outside = rows.filter((r) => r.date < from || r.date > to);
  if (outside.length === 0) return rows.map(changeOfRow);
  const pairs = outside.map((r) => and(eq(lessonChanges.timetableLessonId, r.timetableLessonId), eq(lessonChanges.date, r.date)));
  const more = await db.select().from(lessonChanges).where(and(
    eq(lessonChanges.schoolId, schoolId), isNull(lessonChanges.revokedAt), or(...pairs),
    ne(lessonChanges.kind, 'move'),
  ));
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...more.filter((r) => !seen.has(r.id))].map(changeOfRow);
}

/** Changes of lessons dated in a range (or moved into it), revoked ones when asked, latest dates last. */
export async function listChanges(db: Queryable, schoolId: string, f: { from: string; to: string; includeRevoked: boolean }): Promise<LessonChangeRow[]> {
  return db.select().from(lessonChanges).where(and(
    eq(lessonChanges.schoolId, schoolId),
    f.includeRevoked ? undefined : isNull(lessonChanges.revokedAt),
    or(and(gte(lessonChanges.date, f.from), lte(lessonChanges.date, f.to)), and(gte(lessonChanges.newDate, f.from), lte(lessonChanges.newDate, f.to))),
  )).orderBy(asc(lessonChanges.date), asc(lessonChanges.createdAt), asc(lessonChanges.id));
}

export async function findChange(db: Queryable, schoolId: string, id: string): Promise<LessonChangeRow | null> {
  const [row] = await db.select().from(lessonChanges).where(and(eq(lessonChanges.schoolId, schoolId), eq(lessonChanges.id, id))).limit(1);
  return row ?? null;
}

export async function activeChangesOfBatch(db: Queryable, schoolId: string, batchId: string): Promise<LessonChangeRow[]> {
  return db.select().from(lessonChanges)
    .where(and(eq(lessonChanges.schoolId, schoolId), eq(lessonChanges.batchId, batchId), isNull(lessonChanges.revokedAt)))
    .orderBy(asc(lessonChanges.date));
}

export async function insertChanges(db: Queryable, rows: (typeof lessonChanges.$inferInsert)[]): Promise<LessonChangeRow[]> {
  if (rows.length === 0) return [];
  return db.insert(lessonChanges).values(rows).returning();
}

export async function revokeChanges(db: Queryable, schoolId: string, ids: readonly string[], at: Date, by: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(lessonChanges).set({ revokedAt: at, revokedBy: by })
    .where(and(eq(lessonChanges.schoolId, schoolId), inArray(lessonChanges.id, [...ids]), isNull(lessonChanges.revokedAt)));
}

/** Changes of a school are made one request at a time: the busy checks read what the previous one wrote. */
export async function lockChanges(tx: Queryable, schoolId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otmetka.lesson-changes:${schoolId}`}))`);
}

// --- Notification events ----------------------------------------------------------------------

export type NotificationEventRow = typeof notificationEvents.$inferSelect;

export async function insertNotificationEvents(db: Queryable, rows: (typeof notificationEvents.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(notificationEvents).values(rows);
}

/** Events recorded on the school's local dates from … to, latest first. */
export async function listNotificationEvents(db: Queryable, schoolId: string, f: { from: string; to: string; timeZone: string; limit: number }): Promise<NotificationEventRow[]> {
  const localDate: SQL = sql`(${notificationEvents.createdAt} at time zone ${f.timeZone})::date`;
  return db.select().from(notificationEvents).where(and(
    eq(notificationEvents.schoolId, schoolId), sql`${localDate} >= ${f.from}::date`, sql`${localDate} <= ${f.to}::date`,
  )).orderBy(desc(notificationEvents.createdAt), desc(notificationEvents.id)).limit(f.limit);
}

// --- Names and people -------------------------------------------------------------------------

export type Names = {
  subjects: Map<string, string>;
  employees: Map<string, { lastName: string; firstName: string; middleName: string | null }>;
  rooms: Map<string, string>;
};

export async function namesOf(db: Queryable, schoolId: string): Promise<Names> {
  const [s, e, r] = await Promise.all([
    db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(eq(subjects.schoolId, schoolId)),
    db.select({ id: employees.id, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName })
      .from(employees).where(eq(employees.schoolId, schoolId)),
    db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(eq(rooms.schoolId, schoolId)),
  ]);
  return {
    subjects: new Map(s.map((x) => [x.id, x.name])),
    employees: new Map(e.map((x) => [x.id, x])),
    rooms: new Map(r.map((x) => [x.id, x.name])),
  };
}

export async function findEmployee(db: Queryable, schoolId: string, id: string): Promise<{ id: string } | null> {
  const [row] = await db.select({ id: employees.id }).from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.id, id))).limit(1);
  return row ?? null;
}

export async function findRoom(db: Queryable, schoolId: string, id: string): Promise<{ id: string; archived: boolean } | null> {
  const [row] = await db.select({ id: rooms.id, archived: rooms.archived }).from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id))).limit(1);
  return row ?? null;
}

/**
 * Who may substitute: employees with teaching load in the year or a teacher's role in the school,
 * and, for each, whether they teach the subject in the year's load.
 */
export async function teachersOfYear(db: Queryable, schoolId: string, academicYear: number, subjectId: string): Promise<{ id: string; qualified: boolean }[]> {
  const [loads, roles] = await Promise.all([
    db.select({ id: teachingLoads.employeeId, subjectId: teachingLoads.subjectId }).from(teachingLoads)
      .where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear))),
    db.selectDistinct({ id: employees.id }).from(employees)
      .innerJoin(schoolRoleGrants, and(eq(schoolRoleGrants.schoolId, employees.schoolId), eq(schoolRoleGrants.accountId, employees.accountId)))
      .where(and(eq(employees.schoolId, schoolId), isNull(schoolRoleGrants.revokedAt), inArray(schoolRoleGrants.role, ['subjectTeacher', 'classTeacher']))),
  ]);
  const qualified = new Set(loads.filter((l) => l.subjectId === subjectId).map((l) => l.id));
  const ids = new Set([...loads.map((l) => l.id), ...roles.map((r) => r.id)]);
  return [...ids].map((id) => ({ id, qualified: qualified.has(id) }));
}

export type LessonInfo = TimetableLesson & { timetableId: string };

/** Timetable lessons by id (any version of the school). */
export async function timetableLessonsByIds(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, LessonInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(timetableLessons)
    .where(and(eq(timetableLessons.schoolId, schoolId), inArray(timetableLessons.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, { ...lessonOfRow(r), timetableId: r.timetableId }]));
}

/** Classes and groups of any year by id, for names. */
export async function unitNames(db: Queryable, schoolId: string, classIds: readonly string[], groupIds: readonly string[]): Promise<{ classes: Map<string, string>; groups: Map<string, string> }> {
  const [c, g] = await Promise.all([
    classIds.length === 0 ? [] : db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
      .where(and(eq(classes.schoolId, schoolId), inArray(classes.id, [...new Set(classIds)]))),
    groupIds.length === 0 ? [] : db.select({ id: studyGroups.id, name: studyGroups.name }).from(studyGroups)
      .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.id, [...new Set(groupIds)]))),
  ]);
  return { classes: new Map(c.map((x) => [x.id, `${x.grade}${x.letter}`])), groups: new Map(g.map((x) => [x.id, x.name])) };
}
