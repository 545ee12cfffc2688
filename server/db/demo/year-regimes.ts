// Demo year: bell schedules and shifts assigned to the classes, mark scales and control forms.
// The rows keep the rules of the regimes and control-forms services: schedules pass
// `bellScheduleIssues` without even a СанПиН warning, assignments start on the first day of the
// year, the three default scales, weights in (0, 10] in steps of 0.05.
import { uuidv7 } from 'uuidv7';
import { defaultScales, type MarkScaleKind } from '../../../domain/mark-scale';
import { timeOf, type BellLesson } from '../../../domain/regime';
import { academicYearBounds } from '../../../domain/school-year';
import type { Queryable } from '../client';
import { bellSchedules, controlForms, markScales, regimeAssignments } from '../schema';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

/** Lessons of `minutes` from `start` ("HH:MM") with the breaks after each lesson but the last. */
export const lessonsFrom = (start: string, minutes: number, breaks: readonly number[]): BellLesson[] => {
  let at = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5));
  return [...breaks, 0].map((gap, i) => {
    const lesson = { number: i + 1, startsAt: timeOf(at), endsAt: timeOf(at + minutes) };
    at += minutes + gap;
    return lesson;
  });
};

/** A school with this many classes teaches some middle classes in a second shift. */
export const secondShiftFrom = 25;
/** Grades a second shift takes when there is one. */
export const secondShiftGrades: readonly number[] = [6, 7];

/** The demo school's set of control forms (weights as a school's local act would set them). */
export const demoControlForms: readonly { name: string; shortName: string; weight: number; scale: MarkScaleKind }[] = [
  { name: 'Контрольная работа', shortName: 'К/р', weight: 2, scale: 'five' },
  { name: 'Диктант', shortName: 'Дикт', weight: 2, scale: 'five' },
  { name: 'Самостоятельная работа', shortName: 'С/р', weight: 1.5, scale: 'five' },
  { name: 'Практическая/лабораторная работа', shortName: 'П/р', weight: 1.5, scale: 'five' },
  { name: 'Ответ на уроке', shortName: 'Отв', weight: 1, scale: 'five' },
  { name: 'Домашняя работа', shortName: 'Д/з', weight: 1, scale: 'five' },
  { name: 'Тест', shortName: 'Тест', weight: 1, scale: 'hundred' },
  { name: 'Зачёт', shortName: 'Зач', weight: 1, scale: 'passFail' },
];

export async function seedRegimesAndControlForms(q: Queryable, ctx: SchoolContext, _year: YearSeed): Promise<void> {
  await seedRegimes(q, ctx);
  await seedControlForms(q, ctx);
}

async function seedRegimes(q: Queryable, ctx: SchoolContext): Promise<void> {
  const { schoolId, academicYear } = ctx;
  const startsOn = academicYearBounds(academicYear).startsOn;
  const main = { schoolId, id: uuidv7(), academicYear, name: '1 смена', shift: 1, lessons: lessonsFrom('08:30', 45, [10, 20, 20, 10, 10, 10]) };
  // First grade: 35-minute lessons and long breaks with a dynamic pause (СП 2.4.3648-20).
  const first = { schoolId, id: uuidv7(), academicYear, name: '1 классы', shift: 1, lessons: lessonsFrom('08:30', 35, [20, 30, 20, 20]) };
  const hasSecond = ctx.classes.length >= secondShiftFrom;
  // Ends at 19:00, the latest СанПиН allows.
  const second = { schoolId, id: uuidv7(), academicYear, name: '2 смена', shift: 2, lessons: lessonsFrom('13:20', 45, [10, 20, 20, 10, 10]) };
  await q.insert(bellSchedules).values(hasSecond ? [main, first, second] : [main, first]);

  const classRows = (grades: readonly number[], schedule: { id: string }) => ctx.classes
    .filter((c) => grades.includes(c.grade))
    .map((c) => ({ schoolId, id: uuidv7(), bellScheduleId: schedule.id, classId: c.row.id, startsOn, endsOn: null }));
  await q.insert(regimeAssignments).values([
    { schoolId, id: uuidv7(), bellScheduleId: main.id, startsOn, endsOn: null },
    ...classRows([1], first),
    ...(hasSecond ? classRows(secondShiftGrades, second) : []),
  ]);
}

async function seedControlForms(q: Queryable, ctx: SchoolContext): Promise<void> {
  const { schoolId } = ctx;
  const scaleIds = new Map(defaultScales.map((s) => [s.kind, uuidv7()]));
  await q.insert(markScales).values(defaultScales.map((s) => ({ schoolId, id: scaleIds.get(s.kind)!, kind: s.kind, name: s.name, conversion: s.conversion })));
  await q.insert(controlForms).values(demoControlForms.map((f) => ({
    schoolId, id: uuidv7(), name: f.name, shortName: f.shortName, weight: f.weight.toFixed(2), markScaleId: scaleIds.get(f.scale)!, subjectId: null, levels: [],
  })));
}
