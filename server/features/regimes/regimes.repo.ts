// SQL of day regimes: bell schedules of a year and their assignments to the school, classes,
// study groups and students. Every query names the school, so another school's id is not found.
import { and, asc, count, eq, inArray, isNull, lte, or, gte, sql, type SQL } from 'drizzle-orm';
import type { BellLesson, RegimeTarget } from '../../../domain/regime';
import type { Queryable } from '../../db/client';
import { bellSchedules, classes, regimeAssignments, students, studyGroups } from '../../db/schema';

export { isUniqueViolation } from '../../db/errors';

/** A foreign key refused the change (SQLSTATE 23503), possibly wrapped by the driver or the ORM. */
export const isForeignKeyViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
};

export type BellScheduleRow = Omit<typeof bellSchedules.$inferSelect, 'lessons'> & { lessons: BellLesson[] };

const scheduleColumns = {
  schoolId: bellSchedules.schoolId, id: bellSchedules.id, academicYear: bellSchedules.academicYear, name: bellSchedules.name,
  shift: bellSchedules.shift, lessons: bellSchedules.lessons, createdAt: bellSchedules.createdAt,
};

export async function listBellSchedules(db: Queryable, schoolId: string, academicYear: number): Promise<(BellScheduleRow & { assignmentCount: number })[]> {
  const rows = await db.select({
    ...scheduleColumns,
    // Qualified by hand: inside the subquery an unqualified column would name the inner table.
    assignmentCount: sql<number>`(select count(*)::int from ${regimeAssignments} ra where ra.school_id = "bell_schedules"."school_id" and ra.bell_schedule_id = "bell_schedules"."id")`,
  }).from(bellSchedules)
    .where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.academicYear, academicYear)))
    .orderBy(asc(bellSchedules.shift), asc(bellSchedules.name));
  return rows as (BellScheduleRow & { assignmentCount: number })[];
}

export async function findBellSchedule(db: Queryable, schoolId: string, id: string): Promise<BellScheduleRow | null> {
  const [row] = await db.select(scheduleColumns).from(bellSchedules).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.id, id))).limit(1);
  return (row as BellScheduleRow | undefined) ?? null;
}

export async function bellScheduleNameTaken(db: Queryable, schoolId: string, academicYear: number, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: bellSchedules.id }).from(bellSchedules)
    .where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.academicYear, academicYear), sql`lower(${bellSchedules.name}) = lower(${name})`,
      exceptId ? sql`${bellSchedules.id} <> ${exceptId}` : undefined))
    .limit(1);
  return row !== undefined;
}

export async function insertBellSchedule(db: Queryable, values: typeof bellSchedules.$inferInsert): Promise<BellScheduleRow> {
  const [row] = await db.insert(bellSchedules).values(values).returning();
  return row as BellScheduleRow;
}

export async function updateBellSchedule(db: Queryable, schoolId: string, id: string, values: Partial<typeof bellSchedules.$inferInsert>): Promise<BellScheduleRow | null> {
  if (Object.keys(values).length === 0) return findBellSchedule(db, schoolId, id);
  const [row] = await db.update(bellSchedules).set(values).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.id, id))).returning();
  return (row as BellScheduleRow | undefined) ?? null;
}

export async function deleteBellSchedule(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(bellSchedules).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.id, id)));
}

export async function countAssignmentsOf(db: Queryable, schoolId: string, bellScheduleId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(regimeAssignments)
    .where(and(eq(regimeAssignments.schoolId, schoolId), eq(regimeAssignments.bellScheduleId, bellScheduleId)));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Targets

export async function findClass(db: Queryable, schoolId: string, id: string): Promise<{ id: string; academicYear: number; grade: number; letter: string } | null> {
  const [row] = await db.select({ id: classes.id, academicYear: classes.academicYear, grade: classes.grade, letter: classes.letter }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))).limit(1);
  return row ?? null;
}

export async function findStudyGroup(db: Queryable, schoolId: string, id: string): Promise<{ id: string; academicYear: number } | null> {
  const [row] = await db.select({ id: studyGroups.id, academicYear: studyGroups.academicYear }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, id))).limit(1);
  return row ?? null;
}

export async function studentExists(db: Queryable, schoolId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: students.id }).from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, id))).limit(1);
  return row !== undefined;
}

export async function classesOfYear(db: Queryable, schoolId: string, academicYear: number, classId?: string): Promise<{ id: string; grade: number; letter: string }[]> {
  return db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear), classId ? eq(classes.id, classId) : undefined))
    .orderBy(asc(classes.grade), asc(classes.letter));
}

// ---------------------------------------------------------------------------------------------
// Assignments

export type AssignmentRow = typeof regimeAssignments.$inferSelect;

const targetCondition = (t: RegimeTarget): SQL => {
  switch (t.kind) {
    case 'school': return and(isNull(regimeAssignments.classId), isNull(regimeAssignments.studyGroupId), isNull(regimeAssignments.studentId))!;
    case 'class': return eq(regimeAssignments.classId, t.classId);
    case 'studyGroup': return eq(regimeAssignments.studyGroupId, t.studyGroupId);
    case 'student': return eq(regimeAssignments.studentId, t.studentId);
  }
};

export const targetOfRow = (row: Pick<AssignmentRow, 'classId' | 'studyGroupId' | 'studentId'>): RegimeTarget =>
  row.classId ? { kind: 'class', classId: row.classId }
    : row.studyGroupId ? { kind: 'studyGroup', studyGroupId: row.studyGroupId }
      : row.studentId ? { kind: 'student', studentId: row.studentId }
        : { kind: 'school' };

/** Serialises assignments to one target of a school (two at once would leave overlapping periods). */
export async function lockTarget(tx: Queryable, schoolId: string, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otmetka.regime:${schoolId}:${key}`}))`);
}

export async function assignmentsOfTarget(db: Queryable, schoolId: string, target: RegimeTarget): Promise<AssignmentRow[]> {
  return db.select().from(regimeAssignments).where(and(eq(regimeAssignments.schoolId, schoolId), targetCondition(target)));
}

export async function findAssignment(db: Queryable, schoolId: string, id: string): Promise<AssignmentRow | null> {
  const [row] = await db.select().from(regimeAssignments).where(and(eq(regimeAssignments.schoolId, schoolId), eq(regimeAssignments.id, id))).limit(1);
  return row ?? null;
}

export async function insertAssignment(db: Queryable, values: typeof regimeAssignments.$inferInsert): Promise<AssignmentRow> {
  const [row] = await db.insert(regimeAssignments).values(values).returning();
  return row!;
}

export async function setAssignmentEnd(db: Queryable, schoolId: string, id: string, endsOn: string | null): Promise<void> {
  await db.update(regimeAssignments).set({ endsOn }).where(and(eq(regimeAssignments.schoolId, schoolId), eq(regimeAssignments.id, id)));
}

export async function deleteAssignments(db: Queryable, schoolId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(regimeAssignments).where(and(eq(regimeAssignments.schoolId, schoolId), inArray(regimeAssignments.id, ids)));
}

export type AssignmentView = AssignmentRow & {
  scheduleName: string; scheduleShift: number;
  className: string | null; groupName: string | null; studentLastName: string | null; studentFirstName: string | null;
};

/** Assignments with their schedule and target names; those of a year's schedules, or the ones given. */
export async function listAssignments(db: Queryable, schoolId: string, f: { academicYear?: number; ids?: string[] }): Promise<AssignmentView[]> {
  return db.select({
    schoolId: regimeAssignments.schoolId, id: regimeAssignments.id, bellScheduleId: regimeAssignments.bellScheduleId,
    classId: regimeAssignments.classId, studyGroupId: regimeAssignments.studyGroupId, studentId: regimeAssignments.studentId,
    startsOn: regimeAssignments.startsOn, endsOn: regimeAssignments.endsOn, createdAt: regimeAssignments.createdAt,
    scheduleName: bellSchedules.name, scheduleShift: bellSchedules.shift,
    className: sql<string | null>`case when ${classes.id} is null then null else ${classes.grade}::text || ${classes.letter} end`,
    groupName: studyGroups.name, studentLastName: students.lastName, studentFirstName: students.firstName,
  }).from(regimeAssignments)
    .innerJoin(bellSchedules, and(eq(bellSchedules.schoolId, regimeAssignments.schoolId), eq(bellSchedules.id, regimeAssignments.bellScheduleId)))
    .leftJoin(classes, and(eq(classes.schoolId, regimeAssignments.schoolId), eq(classes.id, regimeAssignments.classId)))
    .leftJoin(studyGroups, and(eq(studyGroups.schoolId, regimeAssignments.schoolId), eq(studyGroups.id, regimeAssignments.studyGroupId)))
    .leftJoin(students, and(eq(students.schoolId, regimeAssignments.schoolId), eq(students.id, regimeAssignments.studentId)))
    .where(and(
      eq(regimeAssignments.schoolId, schoolId),
      f.academicYear !== undefined ? eq(bellSchedules.academicYear, f.academicYear) : undefined,
      f.ids ? (f.ids.length === 0 ? sql`false` : inArray(regimeAssignments.id, f.ids)) : undefined,
    ))
    .orderBy(
      sql`case when ${regimeAssignments.classId} is null and ${regimeAssignments.studyGroupId} is null and ${regimeAssignments.studentId} is null then 0
        when ${regimeAssignments.classId} is not null then 1 when ${regimeAssignments.studyGroupId} is not null then 2 else 3 end`,
      asc(classes.grade), asc(classes.letter), asc(studyGroups.name), asc(students.lastName), asc(regimeAssignments.startsOn),
    );
}

/** School-wide and class assignments open on a date (what decides a class's bells). */
export async function schoolAndClassAssignmentsOn(db: Queryable, schoolId: string, date: string): Promise<(AssignmentRow & { scheduleName: string; scheduleShift: number })[]> {
  return db.select({
    schoolId: regimeAssignments.schoolId, id: regimeAssignments.id, bellScheduleId: regimeAssignments.bellScheduleId,
    classId: regimeAssignments.classId, studyGroupId: regimeAssignments.studyGroupId, studentId: regimeAssignments.studentId,
    startsOn: regimeAssignments.startsOn, endsOn: regimeAssignments.endsOn, createdAt: regimeAssignments.createdAt,
    scheduleName: bellSchedules.name, scheduleShift: bellSchedules.shift,
  }).from(regimeAssignments)
    .innerJoin(bellSchedules, and(eq(bellSchedules.schoolId, regimeAssignments.schoolId), eq(bellSchedules.id, regimeAssignments.bellScheduleId)))
    .where(and(
      eq(regimeAssignments.schoolId, schoolId), isNull(regimeAssignments.studyGroupId), isNull(regimeAssignments.studentId),
      lte(regimeAssignments.startsOn, date), or(isNull(regimeAssignments.endsOn), gte(regimeAssignments.endsOn, date)),
    ));
}
