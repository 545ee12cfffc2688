// Debts («точка») for the attendance tests, written straight into the tables of the small school of
// lessons.test-fixtures.ts: a five-point and a pass/fail form, two journal lessons (5А mathematics,
// English 1) and debt marks with their deadlines, plus one ordinary mark that is not a debt.
import type { Database } from '../../db/client';
import { controlForms, journalLessons, markScales, marks } from '../../db/schema';
import type { LessonsSchool } from '../lessons/lessons.test-fixtures';

export type DebtsFixture = {
  forms: { test: string; credit: string };
  lessons: { math: string; english: string };
  marks: { s1Early: string; s2Late: string; s1PassFail: string; ordinary: string };
};

export async function seedDebts(database: Database, s: LessonsSchool, students: { s1: string; s2: string }): Promise<DebtsFixture> {
  const db = database.db;
  const schoolId = s.schoolId;
  const [five, passFail] = await db.insert(markScales).values([
    { schoolId, kind: 'five', name: 'Пятибалльная (долги)' },
    { schoolId, kind: 'passFail', name: 'Зачёт (долги)' },
  ]).returning();
  const [test, credit] = await db.insert(controlForms).values([
    { schoolId, name: 'Контрольная работа', shortName: 'КР', weight: '2', markScaleId: five!.id },
    { schoolId, name: 'Зачёт', shortName: 'ЗЧ', weight: '1', markScaleId: passFail!.id },
  ]).returning();
  const [math, english] = await db.insert(journalLessons).values([
    { schoolId, academicYear: 2026, date: '2026-10-19', lessonNumber: 1, subjectId: s.ids.subjects.math, employeeId: s.ids.employees.petrova, classId: s.ids.classes.c5a },
    { schoolId, academicYear: 2026, date: '2026-10-19', lessonNumber: 3, subjectId: s.ids.subjects.english, employeeId: s.ids.employees.kuznetsova, studyGroupId: s.ids.groups.eng1 },
  ]).returning();
  const mark = (lesson: typeof math, studentId: string, form: typeof test, m: { deadline?: string; value?: string; fivePoint?: string }) => ({
    schoolId, journalLessonId: lesson!.id, studentId, subjectId: lesson!.subjectId, date: lesson!.date, controlFormId: form!.id, weight: form!.weight,
    isDebt: m.deadline !== undefined, debtDeadline: m.deadline ?? null, value: m.value ?? null, fivePoint: m.fivePoint ?? null,
  });
  const [s1Early, s2Late, s1PassFail, ordinary] = await db.insert(marks).values([
    mark(math, students.s1, test, { deadline: '2026-11-06' }),
    mark(math, students.s2, test, { deadline: '2026-11-20' }),
    mark(english, students.s1, credit, { deadline: '2026-11-06' }),
    mark(math, students.s2, test, { value: '5', fivePoint: '5' }),
  ]).returning();
  return {
    forms: { test: test!.id, credit: credit!.id },
    lessons: { math: math!.id, english: english!.id },
    marks: { s1Early: s1Early!.id, s2Late: s2Late!.id, s1PassFail: s1PassFail!.id, ordinary: ordinary!.id },
  };
}
