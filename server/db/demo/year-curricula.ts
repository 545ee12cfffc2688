// Demo year: curricula of every grade built from the federal samples, one ИУП, the extracurricular plan.
// Lines are the demo subjects with the hours of their grade (the same hours the demo teaching load
// was generated from), so the load matches the curricula exactly; the origin is the built-in
// federal sample of the grade's level. Rows are inserted in bulk and keep domain/curriculum.ts rules.
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { curriculumIssues } from '../../../domain/curriculum';
import { builtInSampleKeys, ensureBuiltInSamples } from '../../features/samples/built-in';
import type { Queryable } from '../client';
import { curricula, curriculumLines, samples, students, subjects } from '../schema';
import type { SchoolContext } from './generate';
import { hoursOf, levelOfGrade, subjectCatalogue, type Level } from './subjects';
import type { YearSeed } from './year';

const talksName = 'Разговоры о важном';
const levelKeys: Record<Level, string> = {
  primary: builtInSampleKeys.curriculumPrimary,
  basic: builtInSampleKeys.curriculumBasic,
  secondary: builtInSampleKeys.curriculumSecondary,
};

type Line = typeof curriculumLines.$inferInsert;

/** The built-in federal curriculum sample of each level, when it is there. */
async function federalSamples(q: Queryable): Promise<Map<string, { id: string; version: number }>> {
  await ensureBuiltInSamples(q);
  const rows = await q.select({ id: samples.id, version: samples.version, key: samples.builtInKey }).from(samples)
    .where(inArray(samples.builtInKey, Object.values(levelKeys)));
  return new Map(rows.map((r) => [r.key!, { id: r.id, version: r.version }]));
}

/** The school's «Разговоры о важном» course (kind extracurricular), found or made. */
async function talksSubject(q: Queryable, schoolId: string): Promise<string> {
  const [found] = await q.select({ id: subjects.id, kind: subjects.kind }).from(subjects)
    .where(and(eq(subjects.schoolId, schoolId), eq(subjects.name, talksName))).limit(1);
  if (found) {
    if (found.kind !== 'extracurricular') await q.update(subjects).set({ kind: 'extracurricular' }).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, found.id)));
    return found.id;
  }
  const id = uuidv7();
  await q.insert(subjects).values({
    schoolId, id, name: talksName, shortName: 'Разг. о важном', levels: ['primary', 'basic', 'secondary'], kind: 'extracurricular',
  });
  return id;
}

export async function seedCurricula(q: Queryable, ctx: SchoolContext, year: YearSeed): Promise<void> {
  const schoolId = ctx.schoolId;
  const grades = [...new Set(ctx.classes.map((c) => c.grade))].sort((a, b) => a - b);
  if (grades.length === 0) return;
  const federal = await federalSamples(q);
  const talksId = await talksSubject(q, schoolId);

  const rows: (typeof curricula.$inferInsert)[] = [];
  const lines: Line[] = [];
  const mainLinesOf = (curriculumId: string, grade: number): Line[] => subjectCatalogue
    .filter((s) => hoursOf(s, grade) > 0)
    .map((s, position) => ({
      schoolId, curriculumId, subjectId: ctx.subjects.get(s.key)!.id, part: 'mandatory', hoursPerWeek: String(hoursOf(s, grade)),
      splitIntoGroups: 'splitIntoGroups' in s ? s.splitIntoGroups : false, position,
    }));

  for (const grade of grades) {
    const origin = federal.get(levelKeys[levelOfGrade(grade)]) ?? null;
    const mainId = uuidv7();
    const main = mainLinesOf(mainId, grade);
    const check = curriculumIssues({
      grade, weekDays: 5, kind: 'main', termsCount: null,
      lines: main.map((l) => ({ part: 'mandatory', hoursPerWeek: Number(l.hoursPerWeek), hoursByTerm: null })),
    });
    if (check.issues.some((i) => i.severity === 'error')) throw new Error(`Demo curriculum of grade ${grade} breaks the curriculum rules`);
    rows.push({
      schoolId, id: mainId, academicYear: ctx.academicYear, kind: 'main', grade, name: `Учебный план, ${grade} класс`, weekDays: 5,
      sampleId: origin?.id ?? null, sampleVersion: origin?.version ?? null,
    });
    lines.push(...main);
    year.curriculumIdByGrade.set(grade, mainId);

    const extraId = uuidv7();
    rows.push({ schoolId, id: extraId, academicYear: ctx.academicYear, kind: 'extracurricular', grade, name: `План внеурочной деятельности, ${grade} класс`, weekDays: 5 });
    lines.push({ schoolId, curriculumId: extraId, subjectId: talksId, part: 'mandatory', hoursPerWeek: '1', position: 0 });
  }

  // One ИУП: a student who learns in school, in a grade from 5 up (the same lines as the grade: the load still matches).
  const candidates = ctx.students.filter((s) => s.row.educationForm === 'inSchool' && s.classInfo.grade >= 5);
  const student = candidates.length > 0 ? ctx.rng.fork('individualCurriculum').pick(candidates) : undefined;
  if (student) {
    const grade = student.classInfo.grade;
    const id = uuidv7();
    rows.push({
      schoolId, id, academicYear: ctx.academicYear, kind: 'main', grade, studentId: student.row.id,
      name: `ИУП: ${student.row.lastName} ${student.row.firstName}`, weekDays: 5, copiedFromId: year.curriculumIdByGrade.get(grade) ?? null,
    });
    lines.push(...mainLinesOf(id, grade));
    student.row.individualCurriculum = true;
  }

  await q.insert(curricula).values(rows);
  await q.insert(curriculumLines).values(lines);
  if (student) await q.update(students).set({ individualCurriculum: true }).where(and(eq(students.schoolId, schoolId), eq(students.id, student.row.id)));
}
