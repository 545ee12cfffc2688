// SQL of timetable versions and their lessons. Every query names the school, so another school's
// id simply is not found.
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  academicCalendars, classes, employees, rooms, studyGroups, subjects, timetableLessons, timetables,
} from '../../db/schema';
import * as loadRepo from '../load/load.repo';

export type TimetableRow = typeof timetables.$inferSelect;
export type LessonRow = typeof timetableLessons.$inferSelect;

// --- Versions ---------------------------------------------------------------------------------

export async function listVersions(db: Queryable, schoolId: string, academicYear: number): Promise<(TimetableRow & { lessons: number })[]> {
  const counts = db.select({ timetableId: timetableLessons.timetableId, n: count().as('n') }).from(timetableLessons)
    .where(eq(timetableLessons.schoolId, schoolId)).groupBy(timetableLessons.timetableId).as('counts');
  const rows = await db.select({ t: timetables, lessons: sql<number>`coalesce(${counts.n}, 0)`.mapWith(Number) }).from(timetables)
    .leftJoin(counts, eq(counts.timetableId, timetables.id))
    .where(and(eq(timetables.schoolId, schoolId), eq(timetables.academicYear, academicYear)))
    .orderBy(sql`${timetables.validFrom} desc nulls first`, sql`${timetables.createdAt} desc`, asc(timetables.id));
  return rows.map((r) => ({ ...r.t, lessons: r.lessons }));
}

export async function findVersion(db: Queryable, schoolId: string, id: string, lock = false): Promise<TimetableRow | null> {
  const q = db.select().from(timetables).where(and(eq(timetables.schoolId, schoolId), eq(timetables.id, id))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function lessonCount(db: Queryable, schoolId: string, timetableId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(timetableLessons)
    .where(and(eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.timetableId, timetableId)));
  return row?.n ?? 0;
}

/** Whether another version of the year has this name (case and ё/е aside). */
export async function versionNamed(db: Queryable, schoolId: string, academicYear: number, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: timetables.id }).from(timetables).where(and(
    eq(timetables.schoolId, schoolId), eq(timetables.academicYear, academicYear),
    sql`translate(lower(${timetables.name}), 'ё', 'е') = translate(lower(${name}), 'ё', 'е')`,
    exceptId ? ne(timetables.id, exceptId) : undefined,
  )).limit(1);
  return row !== undefined;
}

/** Another published version of the year in force from the same date. */
export async function publishedOn(db: Queryable, schoolId: string, academicYear: number, validFrom: string, exceptId: string): Promise<TimetableRow | null> {
  const [row] = await db.select().from(timetables).where(and(
    eq(timetables.schoolId, schoolId), eq(timetables.academicYear, academicYear), eq(timetables.status, 'published'),
    eq(timetables.validFrom, validFrom), ne(timetables.id, exceptId),
  )).limit(1);
  return row ?? null;
}

export async function insertVersion(db: Queryable, values: typeof timetables.$inferInsert): Promise<string> {
  const [row] = await db.insert(timetables).values(values).returning({ id: timetables.id });
  return row!.id;
}

/** Writes the change and the new evaluation, and bumps the version number. */
export async function updateVersion(db: Queryable, schoolId: string, id: string, values: Partial<typeof timetables.$inferInsert>): Promise<void> {
  await db.update(timetables).set({ ...values, version: sql`${timetables.version} + 1`, updatedAt: new Date() })
    .where(and(eq(timetables.schoolId, schoolId), eq(timetables.id, id)));
}

export async function deleteVersion(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(timetables).where(and(eq(timetables.schoolId, schoolId), eq(timetables.id, id)));
}

// --- Lessons ----------------------------------------------------------------------------------

export async function lessonsOf(db: Queryable, schoolId: string, timetableId: string): Promise<LessonRow[]> {
  return db.select().from(timetableLessons)
    .where(and(eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.timetableId, timetableId)))
    .orderBy(asc(timetableLessons.weekday), asc(timetableLessons.lessonNumber), asc(timetableLessons.id));
}

export async function insertLesson(db: Queryable, values: typeof timetableLessons.$inferInsert): Promise<string> {
  const [row] = await db.insert(timetableLessons).values(values).returning({ id: timetableLessons.id });
  return row!.id;
}

/** Whether the lesson was there to delete. */
export async function deleteLesson(db: Queryable, schoolId: string, timetableId: string, id: string): Promise<boolean> {
  const rows = await db.delete(timetableLessons).where(and(
    eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.timetableId, timetableId), eq(timetableLessons.id, id),
  )).returning({ id: timetableLessons.id });
  return rows.length > 0;
}

export async function updateLesson(db: Queryable, schoolId: string, id: string, values: Partial<Pick<LessonRow, 'weekday' | 'lessonNumber' | 'roomId' | 'locked' | 'format' | 'distanceUrl'>>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(timetableLessons).set(values).where(and(eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.id, id)));
}

export async function setLocked(db: Queryable, schoolId: string, timetableId: string, ids: readonly string[], locked: boolean): Promise<number> {
  const rows = await db.update(timetableLessons).set({ locked }).where(and(
    eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.timetableId, timetableId), inArray(timetableLessons.id, [...ids]),
  )).returning({ id: timetableLessons.id });
  return rows.length;
}

/** Copies every lesson of one version into another (new ids), locks and rooms included. */
export async function copyLessons(db: Queryable, schoolId: string, fromId: string, toId: string): Promise<void> {
  const rows = await lessonsOf(db, schoolId, fromId);
  // In slices: one insert of thousands of rows runs past PostgreSQL's 65 535 parameters.
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(timetableLessons).values(rows.slice(i, i + 500).map(({ id: _id, createdAt: _created, ...r }) => ({ ...r, timetableId: toId })));
  }
}

// --- Names and what the views choose from -----------------------------------------------------

export type Names = {
  subjects: Map<string, { name: string; shortName: string }>;
  employees: Map<string, { lastName: string; firstName: string; middleName: string | null }>;
  classes: Map<string, { grade: number; letter: string; academicYear: number }>;
  groups: Map<string, { name: string; kind: string; classId: string | null }>;
  rooms: Map<string, { name: string; archived: boolean }>;
};

/** The names of what the lessons refer to. */
export async function namesOf(db: Queryable, schoolId: string, lessons: readonly Pick<LessonRow, 'subjectId' | 'employeeId' | 'classId' | 'studyGroupId' | 'roomId'>[]): Promise<Names> {
  const ids = <K extends 'subjectId' | 'employeeId' | 'classId' | 'studyGroupId' | 'roomId'>(k: K) =>
    [...new Set(lessons.map((l) => l[k]).filter((v): v is string => v !== null))];
  const some = (list: string[]) => list.length > 0;
  const [s, e, c, g, r] = await Promise.all([
    some(ids('subjectId')) ? db.select({ id: subjects.id, name: subjects.name, shortName: subjects.shortName }).from(subjects)
      .where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, ids('subjectId')))) : [],
    some(ids('employeeId')) ? db.select({ id: employees.id, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName })
      .from(employees).where(and(eq(employees.schoolId, schoolId), inArray(employees.id, ids('employeeId')))) : [],
    some(ids('classId')) ? db.select({ id: classes.id, grade: classes.grade, letter: classes.letter, academicYear: classes.academicYear }).from(classes)
      .where(and(eq(classes.schoolId, schoolId), inArray(classes.id, ids('classId')))) : [],
    some(ids('studyGroupId')) ? db.select({ id: studyGroups.id, name: studyGroups.name, kind: studyGroups.kind, classId: studyGroups.classId }).from(studyGroups)
      .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.id, ids('studyGroupId')))) : [],
    some(ids('roomId')) ? db.select({ id: rooms.id, name: rooms.name, archived: rooms.archived }).from(rooms)
      .where(and(eq(rooms.schoolId, schoolId), inArray(rooms.id, ids('roomId')))) : [],
  ]);
  return {
    subjects: new Map(s.map(({ id, ...v }) => [id, v])),
    employees: new Map(e.map(({ id, ...v }) => [id, v])),
    classes: new Map(c.map(({ id, ...v }) => [id, v])),
    groups: new Map(g.map(({ id, ...v }) => [id, v])),
    rooms: new Map(r.map(({ id, ...v }) => [id, v])),
  };
}

export async function classesOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<{ id: string; grade: number; letter: string; classTeacherId: string | null }[]> {
  return db.select({ id: classes.id, grade: classes.grade, letter: classes.letter, classTeacherId: classes.classTeacherId }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear)))
    .orderBy(asc(classes.grade), asc(classes.letter));
}

/** The school's rooms in use (not archived), in the natural order of their numbers. */
export async function activeRooms(db: Queryable, schoolId: string): Promise<{ id: string; name: string }[]> {
  return db.select({ id: rooms.id, name: rooms.name }).from(rooms)
    .where(and(eq(rooms.schoolId, schoolId), eq(rooms.archived, false)))
    .orderBy(sql`nullif(regexp_replace(${rooms.name}, '\\D', '', 'g'), '')::numeric nulls last`, asc(rooms.name));
}

export async function roomExists(db: Queryable, schoolId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id))).limit(1);
  return row !== undefined;
}

/** The study groups of a year with the class a subgroup splits. */
export async function groupsOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<{ id: string; kind: string; classId: string | null }[]> {
  return db.select({ id: studyGroups.id, kind: studyGroups.kind, classId: studyGroups.classId }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, academicYear)));
}

/** The classes the members of each stream (or activity group) of the year come from. */
export function classesOfGroupMembers(db: Queryable, schoolId: string, academicYear: number): Promise<{ studyGroupId: string; classId: string }[]> {
  return loadRepo.classesOfGroupMembers(db, schoolId, academicYear, 'notSubgroups');
}

/** Days of the school week per grade from the year's calendar ([{ grades, days }]); empty without one. */
export async function weekLengths(db: Queryable, schoolId: string, academicYear: number): Promise<{ grades: number[]; days: number }[]> {
  const [row] = await db.select({ w: academicCalendars.weekLengths }).from(academicCalendars)
    .where(and(eq(academicCalendars.schoolId, schoolId), eq(academicCalendars.academicYear, academicYear))).limit(1);
  return Array.isArray(row?.w) ? (row.w as { grades: number[]; days: number }[]) : [];
}

/** The evaluation of a version just made (its version number stays 1). */
export async function setEvaluation(db: Queryable, schoolId: string, id: string, evaluation: unknown): Promise<void> {
  await db.update(timetables).set({ evaluation }).where(and(eq(timetables.schoolId, schoolId), eq(timetables.id, id)));
}
