// SQL of the timetable problem of a year: the bell schedules (assigned ones first), rooms with the
// subjects they suit, subgroup members, subjects' kinds and catalogue codes. Classes, groups, load
// and the calendar come from the load and readiness repos; teachers' unavailable lessons from
// unavailability.repo.ts.
import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { byNumber, type BellLesson } from '../../../domain/regime';
import { bellSchedules, regimeAssignments, rooms, roomSubjects, studyGroupMembers, studyGroups, subjects } from '../../db/schema';

export type ProblemBellSchedule = {
  id: string;
  shift: number;
  /** Lesson count. */
  lessons: number;
  /** Whether any regime assignment uses it. */
  assigned: boolean;
  /** The lessons' times, for telling when two shifts overlap. */
  times: BellLesson[];
};

/** Lesson counts of the year's bell schedules, and whether any regime assignment uses each. */
export async function bellScheduleSizes(db: Queryable, schoolId: string, academicYear: number): Promise<ProblemBellSchedule[]> {
  const [schedules, used] = await Promise.all([
    db.select({ id: bellSchedules.id, shift: bellSchedules.shift, lessons: bellSchedules.lessons }).from(bellSchedules)
      .where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.academicYear, academicYear))),
    db.selectDistinct({ id: regimeAssignments.bellScheduleId }).from(regimeAssignments).where(eq(regimeAssignments.schoolId, schoolId)),
  ]);
  const usedIds = new Set(used.map((u) => u.id));
  return schedules.map((s) => {
    const times = Array.isArray(s.lessons) ? byNumber(s.lessons as BellLesson[]) : [];
    return { id: s.id, shift: s.shift, lessons: times.length, assigned: usedIds.has(s.id), times };
  });
}

export type ProblemRoom = { id: string; name: string; kind: string; capacity: number | null; subjectIds: string[] };

/** Rooms in use (not archived) with the subjects they suit. */
export async function roomsWithSubjects(db: Queryable, schoolId: string): Promise<ProblemRoom[]> {
  const [rows, links] = await Promise.all([
    db.select({ id: rooms.id, name: rooms.name, kind: rooms.kind, capacity: rooms.capacity }).from(rooms)
      .where(and(eq(rooms.schoolId, schoolId), eq(rooms.archived, false))).orderBy(rooms.name),
    db.select({ roomId: roomSubjects.roomId, subjectId: roomSubjects.subjectId }).from(roomSubjects).where(eq(roomSubjects.schoolId, schoolId)),
  ]);
  return rows.map((r) => ({ ...r, subjectIds: links.filter((l) => l.roomId === r.id).map((l) => l.subjectId) }));
}

/** Students of each subgroup of the year, counted from `from` on (who left before does not count). */
export async function subgroupMembers(db: Queryable, schoolId: string, academicYear: number, from: string): Promise<{ studyGroupId: string; studentId: string }[]> {
  return db.selectDistinct({ studyGroupId: studyGroupMembers.studyGroupId, studentId: studyGroupMembers.studentId })
    .from(studyGroupMembers)
    .innerJoin(studyGroups, and(eq(studyGroups.schoolId, studyGroupMembers.schoolId), eq(studyGroups.id, studyGroupMembers.studyGroupId)))
    .where(and(
      eq(studyGroupMembers.schoolId, schoolId), eq(studyGroups.academicYear, academicYear), eq(studyGroups.kind, 'subgroup'),
      or(isNull(studyGroupMembers.endsOn), gte(studyGroupMembers.endsOn, from)),
    ));
}

export type ProblemSubject = { kind: string; name: string; catalogueCode: string | null };

/** Kind, name and ФГОС catalogue code of subjects (for the СанПиН difficulty scale). */
export async function subjectsInfo(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, ProblemSubject>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: subjects.id, kind: subjects.kind, name: subjects.name, catalogueCode: subjects.catalogueCode }).from(subjects)
    .where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, [...ids])));
  return new Map(rows.map((r) => [r.id, { kind: r.kind, name: r.name, catalogueCode: r.catalogueCode }]));
}

export async function subjectKinds(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: subjects.id, kind: subjects.kind }).from(subjects)
    .where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.kind]));
}
