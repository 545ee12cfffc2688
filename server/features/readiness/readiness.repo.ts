// SQL of the readiness checklist: counts and names read from every area's tables of a year
// (rooms, subjects, staff, classes and enrollments, the calendar and its terms, regimes, control
// forms, the mark-entry policy, curricula, subgroups, teaching load). Read-only.
import { and, asc, count, countDistinct, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { AcademicCalendar, DayOff, Holiday, TermKind, WeekLength, WorkingWeekend } from '../../../domain/calendar';
import type { Queryable } from '../../db/client';
import {
  academicCalendars, attestationPeriods, attestationSchedules, bellSchedules, classes, controlForms, curricula, curriculumLines,
  employees, enrollments, markEntryPolicies, regimeAssignments, rooms, studyGroups, subjects, teachingLoads,
} from '../../db/schema';

export type YearClass = { id: string; grade: number; letter: string; name: string; classTeacherId: string | null };

export async function classesOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<YearClass[]> {
  const rows = await db.select({ id: classes.id, grade: classes.grade, letter: classes.letter, classTeacherId: classes.classTeacherId })
    .from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear)))
    .orderBy(asc(classes.grade), asc(classes.letter));
  return rows.map((r) => ({ ...r, name: `${r.grade}${r.letter}` }));
}

export async function countActiveRooms(db: Queryable, schoolId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.archived, false)));
  return row?.n ?? 0;
}

export async function countActiveSubjects(db: Queryable, schoolId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(subjects)
    .where(and(eq(subjects.schoolId, schoolId), eq(subjects.kind, 'subject'), eq(subjects.archived, false)));
  return row?.n ?? 0;
}

export async function countEmployees(db: Queryable, schoolId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(employees).where(eq(employees.schoolId, schoolId));
  return row?.n ?? 0;
}

/** Students enrolled in each class of the year at some time from `from` on. */
export async function studentsPerClass(db: Queryable, schoolId: string, academicYear: number, from: string): Promise<Map<string, number>> {
  const rows = await db.select({ classId: enrollments.classId, n: countDistinct(enrollments.studentId) })
    .from(enrollments)
    .innerJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId)))
    .where(and(
      eq(enrollments.schoolId, schoolId), eq(classes.academicYear, academicYear),
      or(isNull(enrollments.endsOn), gte(enrollments.endsOn, from)),
    ))
    .groupBy(enrollments.classId);
  return new Map(rows.map((r) => [r.classId, r.n]));
}

/** The saved calendar of a year with its terms (attestation schedules of kind `terms`), or null. */
export async function findCalendar(db: Queryable, schoolId: string, academicYear: number): Promise<AcademicCalendar | null> {
  const [row] = await db.select().from(academicCalendars)
    .where(and(eq(academicCalendars.schoolId, schoolId), eq(academicCalendars.academicYear, academicYear))).limit(1);
  if (!row) return null;
  const schedules = await termSchedules(db, schoolId, academicYear);
  return {
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    termSchemes: schedules.map((s) => ({
      grades: s.grades, kind: s.termKind,
      terms: s.periods.map((p) => ({ number: p.number, startsOn: p.startsOn, endsOn: p.endsOn })),
    })),
    holidays: row.holidays as Holiday[],
    daysOff: row.daysOff as DayOff[],
    workingWeekends: row.workingWeekends as WorkingWeekend[],
    weekLengths: row.weekLengths as WeekLength[],
  };
}

export type TermSchedule = {
  id: string; name: string; grades: number[]; termKind: TermKind;
  periods: { number: number; name: string; startsOn: string; endsOn: string }[];
};

/** The year's schedules of kind `terms` with their periods in order. */
export async function termSchedules(db: Queryable, schoolId: string, academicYear: number): Promise<TermSchedule[]> {
  const schedules = await db.select().from(attestationSchedules)
    .where(and(eq(attestationSchedules.schoolId, schoolId), eq(attestationSchedules.academicYear, academicYear), eq(attestationSchedules.kind, 'terms')))
    .orderBy(asc(attestationSchedules.createdAt), asc(attestationSchedules.id));
  if (schedules.length === 0) return [];
  const periods = await db.select().from(attestationPeriods)
    .where(and(eq(attestationPeriods.schoolId, schoolId), inArray(attestationPeriods.scheduleId, schedules.map((s) => s.id))))
    .orderBy(asc(attestationPeriods.number));
  return schedules.map((s) => ({
    id: s.id, name: s.name, grades: [...s.grades].sort((a, b) => a - b), termKind: (s.termKind ?? 'quarter') as TermKind,
    periods: periods.filter((p) => p.scheduleId === s.id).map((p) => ({ number: p.number, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
  }));
}

export async function countBellSchedules(db: Queryable, schoolId: string, academicYear: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(bellSchedules)
    .where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.academicYear, academicYear)));
  return row?.n ?? 0;
}

/**
 * Assignments of the year's bell schedules in force on a date that reach whole classes: a class's
 * own (`classId`) or the school-wide one (`classId` null). Group and student assignments do not
 * give a class its regime.
 */
export async function regimesInForce(db: Queryable, schoolId: string, academicYear: number, on: string): Promise<{ schoolWide: boolean; classIds: Set<string> }> {
  const rows = await db.select({ classId: regimeAssignments.classId })
    .from(regimeAssignments)
    .innerJoin(bellSchedules, and(eq(bellSchedules.schoolId, regimeAssignments.schoolId), eq(bellSchedules.id, regimeAssignments.bellScheduleId)))
    .where(and(
      eq(regimeAssignments.schoolId, schoolId), eq(bellSchedules.academicYear, academicYear),
      isNull(regimeAssignments.studyGroupId), isNull(regimeAssignments.studentId),
      lte(regimeAssignments.startsOn, on), or(isNull(regimeAssignments.endsOn), gte(regimeAssignments.endsOn, on)),
    ));
  return {
    schoolWide: rows.some((r) => r.classId === null),
    classIds: new Set(rows.flatMap((r) => (r.classId === null ? [] : [r.classId]))),
  };
}

export async function countActiveControlForms(db: Queryable, schoolId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(controlForms).where(and(eq(controlForms.schoolId, schoolId), eq(controlForms.archived, false)));
  return row?.n ?? 0;
}

export async function hasMarkEntryPolicy(db: Queryable, schoolId: string, academicYear: number): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(markEntryPolicies)
    .where(and(eq(markEntryPolicies.schoolId, schoolId), eq(markEntryPolicies.academicYear, academicYear)));
  return (row?.n ?? 0) > 0;
}

export type CurriculumHead = { id: string; grade: number; classId: string | null; lines: number };

/** Main curricula of grades and of classes (never a student's ИУП) with their number of lines. */
export async function mainCurricula(db: Queryable, schoolId: string, academicYear: number): Promise<CurriculumHead[]> {
  return db.select({ id: curricula.id, grade: curricula.grade, classId: curricula.classId, lines: count(curriculumLines.id) })
    .from(curricula)
    .leftJoin(curriculumLines, and(eq(curriculumLines.schoolId, curricula.schoolId), eq(curriculumLines.curriculumId, curricula.id)))
    .where(and(
      eq(curricula.schoolId, schoolId), eq(curricula.academicYear, academicYear), eq(curricula.kind, 'main'), isNull(curricula.studentId),
    ))
    .groupBy(curricula.id, curricula.grade, curricula.classId);
}

/** Lines taught in subgroups, of the given curricula, with the subject's name. */
export async function splitLines(db: Queryable, schoolId: string, curriculumIds: readonly string[]): Promise<{ curriculumId: string; subjectId: string; subjectName: string }[]> {
  if (curriculumIds.length === 0) return [];
  return db.select({ curriculumId: curriculumLines.curriculumId, subjectId: curriculumLines.subjectId, subjectName: subjects.name })
    .from(curriculumLines)
    .innerJoin(subjects, and(eq(subjects.schoolId, curriculumLines.schoolId), eq(subjects.id, curriculumLines.subjectId)))
    .where(and(eq(curriculumLines.schoolId, schoolId), inArray(curriculumLines.curriculumId, [...curriculumIds]), eq(curriculumLines.splitIntoGroups, true)))
    .orderBy(asc(subjects.name));
}

/** Number of subgroups of the year per class and subject, keyed "classId:subjectId". */
export async function subgroupsPerClassSubject(db: Queryable, schoolId: string, academicYear: number): Promise<Map<string, number>> {
  const rows = await db.select({ classId: studyGroups.classId, subjectId: studyGroups.subjectId, n: count() })
    .from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, academicYear), eq(studyGroups.kind, 'subgroup')))
    .groupBy(studyGroups.classId, studyGroups.subjectId);
  return new Map(rows.map((r) => [`${r.classId}:${r.subjectId}`, r.n]));
}

export async function countTeachingLoads(db: Queryable, schoolId: string, academicYear: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(teachingLoads)
    .where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear)));
  return row?.n ?? 0;
}
