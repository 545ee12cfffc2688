// SQL of curricula: curricula with their lines, the subjects and attestation schedules lines point
// at, a student's class in a year, the terms of each grade, sample names for the origin line. Every
// query of a school-owned table names the school, so an id of another school is simply not found.
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  attestationPeriods, attestationSchedules, classes, curricula, curriculumLines, enrollments, samples, students, subjects,
} from '../../db/schema';

export type CurriculumRow = typeof curricula.$inferSelect;
export type NewCurriculum = typeof curricula.$inferInsert;
export type SubjectRow = typeof subjects.$inferSelect;
export type NewSubject = typeof subjects.$inferInsert;

/** A line as it is written: hours as numbers. */
export type NewLine = {
  subjectId: string;
  part: 'mandatory' | 'formed';
  hoursPerWeek: number;
  hoursByTerm: number[] | null;
  attestationScheduleId: string | null;
  attestationForm: string | null;
  splitIntoGroups: boolean;
};

/** A line as the service reads it: what was written, its place, and its subject's name and kind. */
export type LineRow = NewLine & {
  id: string;
  curriculumId: string;
  subjectName: string;
  subjectKind: string;
  catalogueCode: string | null;
  position: number;
};

/** A curriculum with the names of its class and student. */
export type CurriculumView = CurriculumRow & { classGrade: number | null; classLetter: string | null; studentName: string | null };

const view = {
  c: curricula,
  classGrade: classes.grade,
  classLetter: classes.letter,
  studentName: sql<string | null>`case when ${students.id} is null then null else ${students.lastName} || ' ' || ${students.firstName} end`,
};

const joined = (db: Queryable) => db.select(view).from(curricula)
  .leftJoin(classes, and(eq(classes.schoolId, curricula.schoolId), eq(classes.id, curricula.classId)))
  .leftJoin(students, and(eq(students.schoolId, curricula.schoolId), eq(students.id, curricula.studentId)));

const flatten = (r: { c: CurriculumRow; classGrade: number | null; classLetter: string | null; studentName: string | null }): CurriculumView =>
  ({ ...r.c, classGrade: r.classGrade, classLetter: r.classLetter, studentName: r.studentName });

export async function listCurricula(db: Queryable, schoolId: string, academicYear: number, kind?: string): Promise<CurriculumView[]> {
  const rows = await joined(db)
    .where(and(eq(curricula.schoolId, schoolId), eq(curricula.academicYear, academicYear), kind ? eq(curricula.kind, kind) : undefined))
    .orderBy(asc(curricula.kind), asc(curricula.grade), sql`${curricula.classId} is not null`, sql`${curricula.studentId} is not null`, asc(classes.letter), asc(students.lastName));
  return rows.map(flatten);
}

export async function findCurriculum(db: Queryable, schoolId: string, id: string): Promise<CurriculumView | null> {
  const [row] = await joined(db).where(and(eq(curricula.schoolId, schoolId), eq(curricula.id, id))).limit(1);
  return row ? flatten(row) : null;
}

/** The curriculum holding the same place: year, kind and grade, class or student. */
export async function findSamePlace(
  db: Queryable, schoolId: string, p: { academicYear: number; kind: string; grade: number; classId: string | null; studentId: string | null },
): Promise<CurriculumRow | null> {
  const target = p.studentId ? eq(curricula.studentId, p.studentId)
    : p.classId ? and(eq(curricula.classId, p.classId), isNull(curricula.studentId))
      : and(eq(curricula.grade, p.grade), isNull(curricula.classId), isNull(curricula.studentId));
  const [row] = await db.select().from(curricula)
    .where(and(eq(curricula.schoolId, schoolId), eq(curricula.academicYear, p.academicYear), eq(curricula.kind, p.kind), target)).limit(1);
  return row ?? null;
}

const num = (v: string | null): number => (v === null ? 0 : Number(v));

export async function linesOf(db: Queryable, schoolId: string, curriculumIds: readonly string[]): Promise<LineRow[]> {
  if (curriculumIds.length === 0) return [];
  const rows = await db.select({ l: curriculumLines, subjectName: subjects.name, subjectKind: subjects.kind, catalogueCode: subjects.catalogueCode })
    .from(curriculumLines)
    .innerJoin(subjects, and(eq(subjects.schoolId, curriculumLines.schoolId), eq(subjects.id, curriculumLines.subjectId)))
    .where(and(eq(curriculumLines.schoolId, schoolId), inArray(curriculumLines.curriculumId, [...curriculumIds])))
    .orderBy(asc(curriculumLines.position), asc(subjects.name));
  return rows.map(({ l, subjectName, subjectKind, catalogueCode }) => ({
    id: l.id,
    curriculumId: l.curriculumId,
    subjectId: l.subjectId,
    subjectName,
    subjectKind,
    catalogueCode,
    part: l.part === 'formed' ? 'formed' : 'mandatory',
    hoursPerWeek: num(l.hoursPerWeek),
    hoursByTerm: l.hoursByTerm ? l.hoursByTerm.map((h) => num(h)) : null,
    attestationScheduleId: l.attestationScheduleId,
    attestationForm: l.attestationForm,
    splitIntoGroups: l.splitIntoGroups,
    position: l.position,
  }));
}

export async function insertCurriculum(db: Queryable, values: NewCurriculum): Promise<CurriculumRow> {
  const [row] = await db.insert(curricula).values(values).returning();
  return row!;
}

export async function updateCurriculum(db: Queryable, schoolId: string, id: string, values: Partial<NewCurriculum>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(curricula).set(values).where(and(eq(curricula.schoolId, schoolId), eq(curricula.id, id)));
}

export async function deleteCurriculum(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(curricula).where(and(eq(curricula.schoolId, schoolId), eq(curricula.id, id)));
}

/** Replaces every line of a curriculum, in the given order. */
export async function replaceLines(db: Queryable, schoolId: string, curriculumId: string, lines: readonly NewLine[]): Promise<void> {
  await db.delete(curriculumLines).where(and(eq(curriculumLines.schoolId, schoolId), eq(curriculumLines.curriculumId, curriculumId)));
  if (lines.length === 0) return;
  await db.insert(curriculumLines).values(lines.map((l, position) => ({
    schoolId,
    curriculumId,
    subjectId: l.subjectId,
    part: l.part,
    hoursPerWeek: String(l.hoursPerWeek),
    hoursByTerm: l.hoursByTerm ? l.hoursByTerm.map(String) : null,
    attestationScheduleId: l.attestationScheduleId,
    attestationForm: l.attestationForm,
    splitIntoGroups: l.splitIntoGroups,
    position,
  })));
}

// ---------------------------------------------------------------------------------------------
// What lines and targets refer to

export async function subjectsOfSchool(db: Queryable, schoolId: string): Promise<SubjectRow[]> {
  return db.select().from(subjects).where(eq(subjects.schoolId, schoolId));
}

export async function insertSubjects(db: Queryable, values: (typeof subjects.$inferInsert)[]): Promise<SubjectRow[]> {
  if (values.length === 0) return [];
  return db.insert(subjects).values(values).returning();
}

export async function schedulesOf(db: Queryable, schoolId: string, ids: readonly string[]): Promise<{ id: string; academicYear: number; grades: number[] }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: attestationSchedules.id, academicYear: attestationSchedules.academicYear, grades: attestationSchedules.grades })
    .from(attestationSchedules).where(and(eq(attestationSchedules.schoolId, schoolId), inArray(attestationSchedules.id, [...ids])));
}

/** Number of terms of each grade in a year (from the `terms` attestation schedules of the calendar). */
export async function termsCountByGrade(db: Queryable, schoolId: string, academicYear: number): Promise<Map<number, number>> {
  const rows = await db.select({ grades: attestationSchedules.grades, n: count(attestationPeriods.id) })
    .from(attestationSchedules)
    .leftJoin(attestationPeriods, and(eq(attestationPeriods.schoolId, attestationSchedules.schoolId), eq(attestationPeriods.scheduleId, attestationSchedules.id)))
    .where(and(eq(attestationSchedules.schoolId, schoolId), eq(attestationSchedules.academicYear, academicYear), eq(attestationSchedules.kind, 'terms')))
    .groupBy(attestationSchedules.id, attestationSchedules.grades);
  const out = new Map<number, number>();
  for (const r of rows) if (r.n > 0) for (const g of r.grades) out.set(g, r.n);
  return out;
}

export async function findClass(db: Queryable, schoolId: string, id: string): Promise<typeof classes.$inferSelect | null> {
  const [row] = await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))).limit(1);
  return row ?? null;
}

export async function classesOfYear(db: Queryable, schoolId: string, academicYear: number): Promise<(typeof classes.$inferSelect)[]> {
  return db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear)));
}

export async function findStudent(db: Queryable, schoolId: string, id: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db.select({ id: students.id, lastName: students.lastName, firstName: students.firstName })
    .from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, id))).limit(1);
  return row ? { id: row.id, name: `${row.lastName} ${row.firstName}` } : null;
}

/** The class a student is in during a year (the latest enrollment of that year), or null. */
export async function classOfStudentInYear(db: Queryable, schoolId: string, studentId: string, academicYear: number): Promise<{ id: string; grade: number; letter: string } | null> {
  const [row] = await db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(enrollments)
    .innerJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId)))
    .where(and(eq(enrollments.schoolId, schoolId), eq(enrollments.studentId, studentId), eq(classes.academicYear, academicYear)))
    .orderBy(sql`${enrollments.endsOn} is null desc`, desc(enrollments.startsOn)).limit(1);
  return row ?? null;
}

export async function setIndividualCurriculum(db: Queryable, schoolId: string, studentId: string, value: boolean): Promise<void> {
  await db.update(students).set({ individualCurriculum: value }).where(and(eq(students.schoolId, schoolId), eq(students.id, studentId)));
}

export async function countStudentCurricula(db: Queryable, schoolId: string, studentId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(curricula).where(and(eq(curricula.schoolId, schoolId), eq(curricula.studentId, studentId)));
  return row?.n ?? 0;
}

/** Name and current version of samples, for the origin line. */
export async function sampleHeads(db: Queryable, ids: readonly string[]): Promise<Map<string, { name: string; version: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: samples.id, name: samples.name, version: samples.version }).from(samples).where(inArray(samples.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, version: r.version }]));
}
