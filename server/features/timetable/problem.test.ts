// The year problem of a tiny school with two shifts: 5А in the first (4 lessons), 6А in the second
// (3 lessons) — the periods are the first shift's lessons, then the second's; each class is closed
// outside its shift, a teacher teaches in both; lesson numbers map back per shift. Load rows split
// into a double lesson and single ones; teachers' unavailable lessons; the СанПиН difficulty of the
// subjects, the hard ones, balanced days and room changes as soft constraints, all said in notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../solver/diagnose';
import { evaluate } from '../../../solver/evaluate';
import { emptyTimetable, type Constraint } from '../../../solver/model';
import type { Database } from '../../db/client';
import {
  academicCalendars, bellSchedules, classes, employees, regimeAssignments, rooms, subjects, teacherUnavailability, teachingLoads,
} from '../../db/schema';
import { createSchool } from '../../test/app';
import { createTestDatabase } from '../../test/database';
import { buildYearProblem, lessonToPeriod, periodToLesson, russianWeights, shiftOfLesson, type YearProblem } from './problem';

let database: Database;
const id: Record<string, string> = {};
let year: YearProblem;
let single: YearProblem;

const lesson = (number: number, startsAt: string, endsAt: string) => ({ number, startsAt, endsAt });

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const schoolId = (await createSchool(database, 'Школа двух смен')).id;
  id.school = schoolId;
  await db.insert(academicCalendars).values({ schoolId, academicYear: 2026, startsOn: '2026-09-01', endsOn: '2027-05-26', weekLengths: [{ grades: [5, 6], days: 5 }] });
  const [first, second] = await db.insert(bellSchedules).values([
    { schoolId, academicYear: 2026, name: '1 смена', shift: 1, lessons: [lesson(1, '08:30', '09:15'), lesson(2, '09:25', '10:10'), lesson(3, '10:30', '11:15'), lesson(4, '11:25', '12:10')] },
    // The second shift starts before the first one's last lesson ends.
    { schoolId, academicYear: 2026, name: '2 смена', shift: 2, lessons: [lesson(1, '12:00', '12:45'), lesson(2, '12:55', '13:40'), lesson(3, '13:50', '14:35')] },
  ]).returning();
  const [c5, c6] = await db.insert(classes).values([
    { schoolId, academicYear: 2026, grade: 5, letter: 'А' },
    { schoolId, academicYear: 2026, grade: 6, letter: 'А' },
  ]).returning();
  id['5А'] = c5!.id;
  id['6А'] = c6!.id;
  await db.insert(regimeAssignments).values([
    { schoolId, bellScheduleId: first!.id, startsOn: '2026-09-01' },
    { schoolId, bellScheduleId: second!.id, classId: c6!.id, startsOn: '2026-09-01' },
  ]);
  const [math, russian, music, chess, english] = await db.insert(subjects).values([
    { schoolId, name: 'Математика', shortName: 'Матем.', levels: ['primary', 'basic'], catalogueCode: 'mathematics' },
    { schoolId, name: 'Русский язык', shortName: 'Рус. яз.', levels: ['basic'], catalogueCode: 'russian' },
    { schoolId, name: 'Музыка', shortName: 'Музыка', levels: ['basic'], catalogueCode: 'music' },
    { schoolId, name: 'Шахматы', shortName: 'Шахм.', levels: ['basic'], kind: 'optionalCourse' },
    { schoolId, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] },
  ]).returning();
  await db.insert(rooms).values([{ schoolId, name: '101', capacity: 30 }, { schoolId, name: '102', capacity: 30 }]);
  const [petrova, sidorov, kozlova, idle] = await db.insert(employees).values([
    { schoolId, lastName: 'Петрова', firstName: 'Анна', position: 'Учитель математики' },
    { schoolId, lastName: 'Сидоров', firstName: 'Олег', position: 'Учитель русского языка' },
    { schoolId, lastName: 'Козлова', firstName: 'Ирина', position: 'Учитель' },
    { schoolId, lastName: 'Без', firstName: 'Нагрузки', position: 'Учитель' },
  ]).returning();
  const loads = await db.insert(teachingLoads).values([
    { schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: math!.id, classId: c5!.id, hoursPerWeek: '4', lessonSplit: '2+1+1' },
    { schoolId, academicYear: 2026, employeeId: sidorov!.id, subjectId: russian!.id, classId: c5!.id, hoursPerWeek: '3' },
    { schoolId, academicYear: 2026, employeeId: kozlova!.id, subjectId: music!.id, classId: c5!.id, hoursPerWeek: '1' },
    { schoolId, academicYear: 2026, employeeId: kozlova!.id, subjectId: chess!.id, classId: c5!.id, hoursPerWeek: '1' },
    { schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: math!.id, classId: c6!.id, hoursPerWeek: '3' },
    { schoolId, academicYear: 2026, employeeId: kozlova!.id, subjectId: english!.id, classId: c6!.id, hoursPerWeek: '2', lessonSplit: '2' },
  ]).returning();
  id.math5 = loads[0]!.id;
  id.english6 = loads[5]!.id;
  await db.insert(teacherUnavailability).values([
    // Петрова: Monday lesson 1 of the first shift, Tuesday lesson 2 of the second.
    { schoolId, employeeId: petrova!.id, academicYear: 2026, shift: 1, weekday: 1, lessonNumber: 1 },
    { schoolId, employeeId: petrova!.id, academicYear: 2026, shift: 2, weekday: 2, lessonNumber: 2 },
    // Сидоров: Friday lesson 3 of the second shift; a Saturday the five-day week has not.
    { schoolId, employeeId: sidorov!.id, academicYear: 2026, shift: 2, weekday: 5, lessonNumber: 3 },
    { schoolId, employeeId: sidorov!.id, academicYear: 2026, shift: 1, weekday: 6, lessonNumber: 1 },
    // Another year, and a teacher without load: not in this problem.
    { schoolId, employeeId: sidorov!.id, academicYear: 2025, shift: 1, weekday: 1, lessonNumber: 1 },
    { schoolId, employeeId: idle!.id, academicYear: 2026, shift: 1, weekday: 1, lessonNumber: 1 },
  ]);
  year = await buildYearProblem(db, schoolId, 2026);

  // A school of one shift: the periods are the lessons of its bell schedule, numbered as before.
  const one = (await createSchool(database, 'Школа одной смены')).id;
  const [bells] = await db.insert(bellSchedules).values({ schoolId: one, academicYear: 2026, name: 'Основное', lessons: [lesson(1, '08:30', '09:15'), lesson(2, '09:25', '10:10'), lesson(3, '10:30', '11:15')] }).returning();
  await db.insert(regimeAssignments).values({ schoolId: one, bellScheduleId: bells!.id, startsOn: '2026-09-01' });
  const [c] = await db.insert(classes).values({ schoolId: one, academicYear: 2026, grade: 5, letter: 'Б' }).returning();
  const [s] = await db.insert(subjects).values({ schoolId: one, name: 'Математика', shortName: 'Матем.', levels: ['basic'] }).returning();
  const [e] = await db.insert(employees).values({ schoolId: one, lastName: 'Иванова', firstName: 'Мария', position: 'Учитель' }).returning();
  await db.insert(teachingLoads).values({ schoolId: one, academicYear: 2026, employeeId: e!.id, subjectId: s!.id, classId: c!.id, hoursPerWeek: '5' });
  single = await buildYearProblem(db, one, 2026);
}, 60_000);
afterAll(async () => { await database.close(); });

const ofKind = <K extends Constraint['kind']>(y: YearProblem, kind: K) => y.problem.constraints.filter((c): c is Extract<Constraint, { kind: K }> => c.kind === kind);
const setIndex = (y: YearProblem, name: string) => y.problem.studentsSets.findIndex((s) => s.name === name);

describe('shifts', () => {
  it('lays the second shift’s lessons after the first’s, named by shift, and says so', () => {
    const { problem, refs, notes } = year;
    expect(problem.periods).toEqual(['1 смена, 1 урок', '1 смена, 2 урок', '1 смена, 3 урок', '1 смена, 4 урок', '2 смена, 1 урок', '2 смена, 2 урок', '2 смена, 3 урок']);
    expect(refs.shifts).toEqual([{ shift: 1, firstPeriod: 0, lessons: 4 }, { shift: 2, firstPeriod: 4, lessons: 3 }]);
    expect(refs.shiftOfClass).toEqual(new Map([[id['5А'], 1], [id['6А'], 2]]));
    expect(notes).toContain('Смены: 1 смена — уроки 1–4 (в сетке задачи 1–4); 2 смена — уроки 1–3 (в сетке задачи 5–7). Класс занимается только в своей смене, учитель может вести уроки в обеих.');
    expect(notes).toContain('Смены идут в одно время: 4-й урок 1 смены и 1-й 2 смены — учителю обеих смен такие уроки могут выпасть одновременно, проверьте его расписание.');
  });

  it('closes each class outside its shift, and keeps its daily maximum within its shift', () => {
    const closed = (name: string) => ofKind(year, 'studentsNotAvailable').find((c) => c.students === setIndex(year, name))!.slots;
    const periodsOf = (name: string) => [...new Set(closed(name).map((s) => s.period))].sort();
    expect(periodsOf('5А')).toEqual([4, 5, 6]);
    expect(periodsOf('6А')).toEqual([0, 1, 2, 3]);
    expect(closed('5А')).toHaveLength(5 * 3);
    expect(ofKind(year, 'studentsMaxHoursDaily').map((c) => c.maxHours)).toEqual([4, 3]);
    // A teacher of both shifts is not closed anywhere but where they asked.
    expect(year.problem.teachers.map((t) => t.name)).toContain('Петрова Анна');
  });

  it('maps periods to lesson numbers per shift and back', () => {
    const { shifts } = year.refs;
    expect(periodToLesson(shifts, 0)).toEqual({ shift: 1, lessonNumber: 1 });
    expect(periodToLesson(shifts, 3)).toEqual({ shift: 1, lessonNumber: 4 });
    expect(periodToLesson(shifts, 5)).toEqual({ shift: 2, lessonNumber: 2 });
    expect(periodToLesson(shifts, -1)).toBeNull();
    expect(periodToLesson(shifts, 7)).toBeNull();
    expect(lessonToPeriod(shifts, 2, 2)).toBe(5);
    expect(lessonToPeriod(shifts, 2, 4)).toBe(-1);
    expect(lessonToPeriod(shifts, 1, 0)).toBe(-1);
    for (let p = 0; p < 7; p++) {
      const l = periodToLesson(shifts, p)!;
      expect(lessonToPeriod(shifts, l.shift, l.lessonNumber)).toBe(p);
    }
    expect(shiftOfLesson(year.refs, { classId: id['6А']!, studyGroupId: null })).toBe(2);
    expect(shiftOfLesson(year.refs, { classId: null, studyGroupId: 'unknown' })).toBe(1);
  });

  it('judges a class placed in the other shift as a hard violation naming it', () => {
    const { problem } = year;
    const t = emptyTimetable(problem.activities.length);
    const i = problem.activities.findIndex((a) => a.studentsSets.includes(setIndex(year, '6А')));
    t.day[i] = 2;
    t.period[i] = 0;
    const e = evaluate(problem, t);
    // The double English lesson of 6А on Wednesday, first shift lessons 1–2.
    expect(e.hard.filter((v) => v.kind === 'studentsNotAvailable').map((v) => v.message))
      .toEqual([`Ученики 6А: недоступен, а стоит #${problem.activities[i]!.id} Английский язык — Козлова Ирина — 6А (Ср, 1 смена, 1 урок; Ср, 1 смена, 2 урок)`]);
  });

  it('keeps one shift as before: periods are the schedule’s lessons, lesson p + 1', () => {
    expect(single.problem.periods).toEqual(['1 урок', '2 урок', '3 урок']);
    expect(single.refs.shifts).toEqual([{ shift: 1, firstPeriod: 0, lessons: 3 }]);
    expect(ofKind(single, 'studentsNotAvailable')).toEqual([]);
    expect(single.notes.some((n) => n.startsWith('Смены'))).toBe(false);
    expect(periodToLesson(single.refs.shifts, 2)).toEqual({ shift: 1, lessonNumber: 3 });
  });
});

describe('lessons of the load', () => {
  it('makes a split row into lessons of its durations, kept on different days, with keys «<load id>#<k>»', () => {
    const { problem, refs } = year;
    const math = refs.activities.flatMap((r, i) => (r.teachingLoadId === id.math5 ? [i] : []));
    expect(math.map((i) => refs.activities[i]!.key)).toEqual([`${id.math5}#1`, `${id.math5}#2`, `${id.math5}#3`]);
    expect(math.map((i) => problem.activities[i]!.duration)).toEqual([2, 1, 1]);
    expect(new Set(math.map((i) => problem.activities[i]!.groupId)).size).toBe(1);
    expect(ofKind(year, 'minDaysBetweenActivities').find((c) => c.activities.includes(math[0]!))).toEqual({
      kind: 'minDaysBetweenActivities', weight: 100, activities: math, minDays: 1, consecutiveIfSameDay: false,
    });
    // «2»: one double lesson, nothing to keep apart.
    const english = refs.activities.flatMap((r, i) => (r.teachingLoadId === id.english6 ? [i] : []));
    expect(english.map((i) => problem.activities[i]!.duration)).toEqual([2]);
    expect(ofKind(year, 'minDaysBetweenActivities').some((c) => c.activities.includes(english[0]!))).toBe(false);
    expect(year.notes).toContain('Сдвоенные уроки по делению часов в нагрузке (например, 2+1+1): строк 2.');
    expect(diagnose(problem)).toEqual([]);
  });
});

describe('teachers’ unavailable lessons', () => {
  it('become hard not-available slots at their shift’s periods; what the week has not is left out and counted', () => {
    const na = ofKind(year, 'teacherNotAvailable').map((c) => [year.problem.teachers[c.teacher]!.name, c.weight, c.slots]);
    expect(na).toEqual([
      ['Петрова Анна', 100, [{ day: 0, period: 0 }, { day: 1, period: 5 }]],
      ['Сидоров Олег', 100, [{ day: 4, period: 6 }]],
    ]);
    expect(year.notes).toContain('Недоступность учителей: 2 учит., уроков в неделю 3; вне сетки уроков и не учтено: 1.');
  });
});

describe('the Russian soft rules', () => {
  it('scores each class’s subjects by the СанПиН table of its grade and marks its hardest subjects', () => {
    const { problem } = year;
    const subject = (name: string) => problem.subjects.findIndex((s) => s.name === name);
    const profile = (name: string) => ofKind(year, 'studentsDifficultyProfile').find((c) => c.students === setIndex(year, name))!;
    expect(profile('5А').weight).toBe(russianWeights.studentsDifficultyProfile);
    expect(['Математика', 'Русский язык', 'Музыка', 'Шахматы'].map((n) => profile('5А').scores[subject(n)])).toEqual([10, 8, 2, 4]);
    expect(['Математика', 'Английский язык'].map((n) => profile('6А').scores[subject(n)])).toEqual([13, 11]);
    const hard = ofKind(year, 'studentsHardSubjectsNotFirstLast');
    // 5А: the three top scores; 6А has two subjects, none singled out.
    expect(hard.map((c) => [problem.studentsSets[c.students!]!.name, c.subjects.map((s) => problem.subjects[s]!.name).sort()]))
      .toEqual([['5А', ['Математика', 'Русский язык', 'Шахматы']]]);
    expect(ofKind(year, 'studentsBalancedDays').map((c) => [c.students, c.weight])).toEqual([[setIndex(year, '5А'), 30], [setIndex(year, '6А'), 30]]);
    expect(ofKind(year, 'teachersRoomChanges')).toEqual([{ kind: 'teachersRoomChanges', weight: russianWeights.teachersRoomChanges, teacher: null }]);
    for (const w of Object.values(russianWeights)) expect(w).toBeLessThanOrEqual(30);
  });

  it('says in the notes what it added and which subjects had no score', () => {
    expect(year.notes).toContain('Мягкие правила СанПиН и удобства: трудность дней по шкале СанПиН (пик во вторник или среду) — классов 2, вес 5 %; '
      + 'трудные предметы не первым и не последним уроком — классов 1, вес 20 %; равномерная нагрузка по дням — классов 2, вес 30 %; '
      + 'меньше переходов учителя между кабинетами — вес 10 %.');
    expect(year.notes).toContain('Балл трудности по шкале СанПиН не найден, взят средний по параллели: Шахматы (5 кл.).');
  });
});
