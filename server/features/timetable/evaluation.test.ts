// A version's lessons on the year's problem, without a database: lesson numbers count within the
// class's shift (the first lesson of the second shift is not the first of the first), subgroups
// clash only through a common student, an orphan lesson still takes its class's time, and the
// stored evaluation reads back from the shapes that write it.
import { describe, expect, it } from 'vitest';
import { emptyProblem } from '../../../solver/model';
import { clashesAt, evaluatePlacement, labelsOf, movedPlacement, placementOf, readEvaluationSummary, readStoredEvaluation, storedEvaluationOf, studentsOf, type PlacedLesson } from './evaluation';
import type { YearProblem } from './problem';
import type { Names } from './versions.repo';

const load = { math: 'load-math', mathB: 'load-math-b', eng1: 'load-eng-1', eng2: 'load-eng-2' };

/** One teacher for 5А (first shift) and 6А (second shift), two lessons a shift; 5А's English in two subgroups. */
function school(): YearProblem {
  const problem = emptyProblem('Школа', ['Пн', 'Вт'], ['1 смена, 1 урок', '1 смена, 2 урок', '2 смена, 1 урок', '2 смена, 2 урок']);
  problem.teachers.push({ name: 'Петрова Анна' }, { name: 'Сидоров Олег' }, { name: 'Орлова Мария' });
  problem.subjects.push({ name: 'Математика' }, { name: 'Английский язык' });
  problem.studentsSets.push(
    { name: '5А', kind: 'group', size: 2, parents: [], children: [2, 3] },
    { name: '6А', kind: 'group', size: 1, parents: [], children: [] },
    { name: '5А Англ. гр. 1', kind: 'subgroup', size: 1, parents: [0], children: [] },
    { name: '5А Англ. гр. 2', kind: 'subgroup', size: 1, parents: [0], children: [] },
  );
  const activity = (id: number, teacher: number, subject: number, sets: number[]) =>
    ({ id, teachers: [teacher], subject, studentsSets: sets, duration: 1, groupId: 0, active: true, studentsCount: null, tags: [] });
  problem.activities.push(activity(1, 0, 0, [0]), activity(2, 0, 0, [1]), activity(3, 1, 1, [2]), activity(4, 2, 1, [3]));
  problem.constraints.push({ kind: 'basicTime', weight: 100 });
  const ref = (teachingLoadId: string, employeeId: string, classId: string | null, studyGroupId: string | null) =>
    ({ teachingLoadId, lesson: 1, key: `${teachingLoadId}#1`, subjectId: studyGroupId ? 'eng' : 'math', employeeId, classId, studyGroupId });
  return {
    problem, notes: [], lessons: 4, classes: 2,
    refs: {
      activities: [ref(load.math, 'petrova', '5a', null), ref(load.mathB, 'petrova', '6a', null), ref(load.eng1, 'sidorov', null, 'g1'), ref(load.eng2, 'orlova', null, 'g2')],
      rooms: [], teachers: ['petrova', 'sidorov', 'orlova'], subjects: ['math', 'eng'], classOfSet: ['5a', '6a', null, null],
      gradeOfClass: new Map([['5a', 5], ['6a', 6]]),
      shifts: [{ shift: 1, firstPeriod: 0, lessons: 2 }, { shift: 2, firstPeriod: 2, lessons: 2 }],
      shiftOfClass: new Map([['5a', 1], ['6a', 2]]), shiftOfGroup: new Map([['g1', 1], ['g2', 1]]),
    },
  };
}

const names: Names = {
  subjects: new Map([['math', { name: 'Математика', shortName: 'Матем.' }], ['eng', { name: 'Английский язык', shortName: 'Англ.' }], ['rus', { name: 'Русский язык', shortName: 'Рус.' }]]),
  employees: new Map([
    ['petrova', { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' }], ['sidorov', { lastName: 'Сидоров', firstName: 'Олег', middleName: null }],
    ['orlova', { lastName: 'Орлова', firstName: 'Мария', middleName: null }], ['ivanova', { lastName: 'Иванова', firstName: 'Вера', middleName: null }],
  ]),
  classes: new Map([['5a', { grade: 5, letter: 'А', academicYear: 2026 }], ['6a', { grade: 6, letter: 'А', academicYear: 2026 }]]),
  groups: new Map([['g1', { name: '5А Англ. гр. 1', kind: 'subgroup', classId: '5a' }], ['g2', { name: '5А Англ. гр. 2', kind: 'subgroup', classId: '5a' }]]),
  rooms: new Map(),
};
const labels = labelsOf(names);

const lesson = (id: string, over: Partial<PlacedLesson>): PlacedLesson => ({
  id, activityKey: null, teachingLoadId: null, subjectId: 'math', employeeId: 'petrova', classId: null, studyGroupId: null,
  weekday: 1, lessonNumber: 1, duration: 1, roomId: null, ...over,
});
const math5 = lesson('m5', { activityKey: `${load.math}#1`, teachingLoadId: load.math, classId: '5a' });
const math6 = lesson('m6', { activityKey: `${load.mathB}#1`, teachingLoadId: load.mathB, classId: '6a' });
const eng1 = lesson('e1', { activityKey: `${load.eng1}#1`, teachingLoadId: load.eng1, subjectId: 'eng', employeeId: 'sidorov', studyGroupId: 'g1', lessonNumber: 2 });
const eng2 = lesson('e2', { activityKey: `${load.eng2}#1`, teachingLoadId: load.eng2, subjectId: 'eng', employeeId: 'orlova', studyGroupId: 'g2', lessonNumber: 2 });
const groupClass = new Map([['g1', '5a'], ['g2', '5a']]);

describe('a version on the year\'s problem', () => {
  it('puts a second-shift lesson after the first shift: the teacher teaches lesson 1 of both', () => {
    const lessons = [math5, math6, eng1, eng2];
    const p = placementOf(school(), lessons, labels, groupClass);
    expect([...p.timetable.period]).toEqual([0, 2, 1, 1]);
    const e = evaluatePlacement(p);
    expect(e.hard).toEqual([]);
    expect(clashesAt(p, lessons, math6, { weekday: 1, lessonNumber: 1, roomId: null }, studentsOf(p, lessons), labels)).toEqual([]);
    // The same teacher's first-shift lesson 1 is a clash for a first-shift class only.
    const other = lesson('x', { classId: '5a', employeeId: 'petrova', weekday: 2 });
    expect(clashesAt(p, [...lessons, other], other, { weekday: 1, lessonNumber: 1, roomId: null }, studentsOf(p, [...lessons, other]), labels).map((c) => [c.kind, c.lessonId]))
      .toEqual([['teacher', 'm5'], ['students', 'm5']]);
  });

  it('lets subgroups without a common student meet, and moves a lesson on a copy', () => {
    const lessons = [math5, math6, eng1, eng2];
    const p = placementOf(school(), lessons, labels, groupClass);
    const students = studentsOf(p, lessons);
    expect(clashesAt(p, lessons, eng1, { weekday: 1, lessonNumber: 2, roomId: null }, students, labels)).toEqual([]);
    expect(clashesAt(p, lessons, eng1, { weekday: 1, lessonNumber: 1, roomId: null }, students, labels))
      .toEqual([{ kind: 'students', lessonId: 'm5', message: 'У 5А в это время Математика (Петрова А. С., Пн, 1 урок)' }]);
    const moved = movedPlacement(p, 'e1', eng1, { weekday: 1, lessonNumber: 1, roomId: null });
    expect(evaluatePlacement(moved).hard.map((v) => v.kind)).toEqual(['studentsClash']);
    expect(p.timetable.period[2]).toBe(1);
  });

  it('keeps an orphan lesson as an extra activity of its class (clashing with each of its subgroups), and a lesson number past the shift outside the day', () => {
    const rus = lesson('r', { activityKey: 'gone#1', teachingLoadId: null, subjectId: 'rus', employeeId: 'ivanova', classId: '5a', weekday: 2, lessonNumber: 1 });
    const late = { ...math6, lessonNumber: 3 };
    const p = placementOf(school(), [math5, late, eng1, eng2, rus], labels, groupClass);
    expect(p.orphans).toEqual([{ lessonId: 'r', message: 'Русский язык — 5А (Вт, 1 урок, Иванова В.): строки нагрузки больше нет' }]);
    expect(p.problem.activities).toHaveLength(5);
    expect(p.problem.teachers.at(-1)).toEqual({ name: 'Иванова Вера' });
    const e = evaluatePlacement(movedPlacement(p, 'r', rus, { weekday: 1, lessonNumber: 1, roomId: null }));
    expect(e.hard.map((v) => v.kind).sort()).toEqual(['outsideDay', 'studentsClash', 'studentsClash']);
    // The year's problem itself is left as it was.
    expect(school().problem.activities).toHaveLength(4);
  });

  it('stores the evaluation in the shape it reads back; a shorter shape gives its summary only', () => {
    const p = placementOf(school(), [math5], labels, groupClass);
    const stored = storedEvaluationOf(evaluatePlacement(p), p.orphans, new Date('2026-11-02T09:00:00Z'));
    expect(stored).toMatchObject({ hard: 3, unplaced: 3, softPenalty: 0, orphans: [], evaluatedAt: '2026-11-02T09:00:00.000Z' });
    expect(readStoredEvaluation(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(readStoredEvaluation({ hard: 2, softPenalty: 1.5, byConstraint: [] })).toBeNull();
    expect(readEvaluationSummary({ hard: 2, softPenalty: 1.256 })).toEqual({ hard: 2, softPenalty: 1.26 });
    expect(readEvaluationSummary({ hard: [{}, {}], softPenalty: 0 })).toEqual({ hard: 2, softPenalty: 0 });
    expect(readEvaluationSummary(null)).toBeNull();
  });
});
