// SQL of the programme documents: the school's publication flag, and the rows the documents are
// made of — main and extracurricular curricula of grades and classes (never a student's ИУП,
// which is personal), their lines with subject names, additional programmes. Read-only except
// the flag.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { additionalProgrammes, classes, curricula, curriculumLines, schools, subjects } from '../../db/schema';

export async function findSchool(db: Queryable, schoolId: string) {
  const [row] = await db.select({
    id: schools.id, name: schools.name, shortName: schools.shortName, timeZone: schools.timeZone, programmesPublic: schools.programmesPublic,
  }).from(schools).where(eq(schools.id, schoolId)).limit(1);
  return row ?? null;
}

export async function setProgrammesPublic(db: Queryable, schoolId: string, value: boolean): Promise<void> {
  await db.update(schools).set({ programmesPublic: value }).where(eq(schools.id, schoolId));
}

export type CurriculumKind = 'main' | 'extracurricular';
export type SharedCurriculum = { id: string; grade: number; name: string; className: string | null; weekDays: number };

/** Curricula of a kind for grades and classes of a year, grade ones first; a student's ИУП never. */
export async function sharedCurricula(db: Queryable, schoolId: string, academicYear: number, kind: CurriculumKind): Promise<SharedCurriculum[]> {
  const rows = await db.select({
    id: curricula.id, grade: curricula.grade, name: curricula.name, weekDays: curricula.weekDays,
    classGrade: classes.grade, classLetter: classes.letter,
  }).from(curricula)
    .leftJoin(classes, and(eq(classes.schoolId, curricula.schoolId), eq(classes.id, curricula.classId)))
    .where(and(eq(curricula.schoolId, schoolId), eq(curricula.academicYear, academicYear), eq(curricula.kind, kind), isNull(curricula.studentId)))
    .orderBy(asc(curricula.grade), asc(classes.letter), asc(curricula.name));
  return rows
    .map((r) => ({ id: r.id, grade: r.grade, name: r.name, weekDays: r.weekDays, className: r.classLetter === null ? null : `${r.classGrade}${r.classLetter}` }))
    .sort((a, b) => a.grade - b.grade || Number(a.className !== null) - Number(b.className !== null) || (a.className ?? '').localeCompare(b.className ?? ''));
}

export type CurriculumLineRow = {
  curriculumId: string; subjectName: string; subjectArea: string | null; part: string; hoursPerWeek: string;
  hoursByTerm: string[] | null; attestationForm: string | null; position: number;
};

export async function linesOf(db: Queryable, schoolId: string, curriculumIds: readonly string[]): Promise<CurriculumLineRow[]> {
  if (curriculumIds.length === 0) return [];
  return db.select({
    curriculumId: curriculumLines.curriculumId, subjectName: subjects.name, subjectArea: subjects.subjectArea, part: curriculumLines.part,
    hoursPerWeek: curriculumLines.hoursPerWeek, hoursByTerm: curriculumLines.hoursByTerm, attestationForm: curriculumLines.attestationForm,
    position: curriculumLines.position,
  }).from(curriculumLines)
    .innerJoin(subjects, and(eq(subjects.schoolId, curriculumLines.schoolId), eq(subjects.id, curriculumLines.subjectId)))
    .where(and(eq(curriculumLines.schoolId, schoolId), inArray(curriculumLines.curriculumId, [...curriculumIds])))
    .orderBy(asc(curriculumLines.position), asc(subjects.name));
}

export async function additionalProgrammesOf(db: Queryable, schoolId: string, academicYear: number) {
  return db.select({
    name: additionalProgrammes.name, direction: additionalProgrammes.direction, ageFrom: additionalProgrammes.ageFrom, ageTo: additionalProgrammes.ageTo,
    hoursPerWeek: additionalProgrammes.hoursPerWeek, totalHours: additionalProgrammes.totalHours,
  }).from(additionalProgrammes)
    .where(and(eq(additionalProgrammes.schoolId, schoolId), eq(additionalProgrammes.academicYear, academicYear)))
    .orderBy(asc(additionalProgrammes.name));
}
