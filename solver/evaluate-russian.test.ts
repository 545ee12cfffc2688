// The evaluator on our Russian rules (model.ts): the СанПиН difficulty profile of the week, hard
// subjects not first or last, balanced days, the same teacher's room changes — amounts exactly as
// model.ts defines them, messages naming the set or teacher and the day, and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { copyTimetable, emptyProblem, emptyTimetable, type Constraint, type Problem, type Timetable } from './model.ts';

const days = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];

type Lesson = { subject: number; day: number; period: number; duration?: number; teacher?: number; room?: number; set?: number };

/** A week of `D` days × `P` periods with classes 5А, 5Б, teachers and rooms, the lessons placed as given. */
function week(D: number, P: number, lessons: Lesson[], subjects: string[], constraints: Constraint[] = []): { problem: Problem; t: Timetable } {
  const problem = emptyProblem('test', days.slice(0, D), Array.from({ length: P }, (_, i) => `${i + 1} урок`));
  problem.subjects = subjects.map((name) => ({ name }));
  problem.teachers = ['Иванова', 'Петров', 'Сидорова'].map((name) => ({ name }));
  problem.rooms = ['101', '102', '201', 'Спортзал'].map((name) => ({ name, capacity: 30, kind: null, building: null }));
  problem.studentsSets = ['5А', '5Б'].map((name) => ({ name, kind: 'group' as const, size: 25, parents: [], children: [] }));
  problem.activities = lessons.map((l, i) => ({
    id: i + 1, teachers: [l.teacher ?? 0], subject: l.subject, studentsSets: [l.set ?? 0], duration: l.duration ?? 1, groupId: 0, active: true, studentsCount: null, tags: [],
  }));
  problem.constraints = constraints;
  const t = emptyTimetable(lessons.length);
  lessons.forEach((l, i) => {
    t.day[i] = l.day;
    t.period[i] = l.period;
    t.room[i] = l.room ?? -1;
  });
  return { problem, t };
}

const amountOf = (problem: Problem, t: Timetable, kind: Constraint['kind']) =>
  evaluate(problem, t).soft.concat(evaluate(problem, t).hard).filter((v) => v.kind === kind).reduce((s, v) => s + v.amount, 0);

/** Per day, subjects in order from the first period: a contiguous day for class 5А. */
const dayLessons = (perDay: number[][]): Lesson[] => perDay.flatMap((subjects, day) => subjects.map((subject, period) => ({ subject, day, period })));

describe('the difficulty profile (СанПиН tables 6.9–6.11)', () => {
  const subjects = ['Математика', 'Физкультура', 'Музыка'];
  const scores = [10, 2, 1];
  const profile = (weight = 20): Constraint => ({ kind: 'studentsDifficultyProfile', weight, students: 0, scores });

  it('is 0 with the peak on Tuesday and Wednesday and light Monday and Friday', () => {
    const { problem, t } = week(5, 6, dayLessons([[1, 2], [0, 0, 1], [0, 0], [0, 1], [2, 1]]), subjects, [profile()]);
    expect(evaluate(problem, t).soft).toEqual([]);
  });

  it('counts a day harder than Tuesday and Wednesday, and Monday/Friday not lighter than the lighter of them, naming the day', () => {
    // Mon 20, Tue 12, Wed 10, Thu 2, Fri 11: Monday is 8 above the peak and 10 above Wednesday;
    // Friday is not above the peak but 1 above Wednesday.
    const { problem, t } = week(5, 6, dayLessons([[0, 0], [0, 1], [0], [1], [0, 2]]), subjects, [profile(20)]);
    const e = evaluate(problem, t);
    expect(e.soft.map((v) => [v.amount, v.message])).toEqual([
      [18, 'Ученики 5А: Пн труднее вторника и среды по шкале СанПиН: 20 против Вт 12, Ср 10'],
      [1, 'Ученики 5А: Пт не легче вторника и среды по шкале СанПиН: 11 против Вт 12, Ср 10'],
    ]);
    expect(e.softPenalty).toBeCloseTo(0.2 * 19);
    expect(e.byConstraint).toEqual([{ constraint: 0, kind: 'studentsDifficultyProfile', weight: 20, meaning: expect.stringContaining('СанПиН'), amount: 19, penalty: 0.2 * 19 }]);
  });

  it('weighs a double lesson twice and gives 0 for a week of fewer than three days', () => {
    const double = week(5, 6, dayLessons([[], [0], [0], [], []]).concat({ subject: 0, day: 4, period: 0, duration: 2 }), subjects, [profile()]);
    expect(amountOf(double.problem, double.t, 'studentsDifficultyProfile')).toBe(20 - 10 + 20 - 10);
    const short = week(2, 6, dayLessons([[0, 0], [1]]), subjects, [profile()]);
    expect(amountOf(short.problem, short.t, 'studentsDifficultyProfile')).toBe(0);
  });

  it('property: 0 whenever Tuesday and Wednesday carry the largest sums and Monday and Friday the smallest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(2), { maxLength: 7 }), { minLength: 5, maxLength: 6 }),
        fc.boolean(), fc.boolean(),
        (perDay, swapPeak, swapLow) => {
          // Order the days by their sums: the two largest go to Tue/Wed, the two smallest to Mon/Fri.
          const sumOf = (d: number[]) => d.reduce((s, x) => s + scores[x]!, 0);
          const byWeight = [...perDay.slice(0, 5)].sort((a, b) => sumOf(a) - sumOf(b));
          const [l1, l2, mid, p1, p2] = byWeight as [number[], number[], number[], number[], number[]];
          const arranged = [swapLow ? l2 : l1, swapPeak ? p2 : p1, swapPeak ? p1 : p2, mid, swapLow ? l1 : l2];
          // A Saturday no harder than the peak.
          if (perDay.length === 6) arranged.push(sumOf(perDay[5]!) <= sumOf(p1) ? perDay[5]! : l1);
          const { problem, t } = week(arranged.length, 7, dayLessons(arranged), subjects, [profile()]);
          expect(amountOf(problem, t, 'studentsDifficultyProfile')).toBe(0);
        },
      ),
    );
  });

  it('property: the amount is the formula of model.ts, summed over the sets', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(2), { maxLength: 6 }), { minLength: 5, maxLength: 5 }), (perDay) => {
        const S = perDay.map((d) => d.reduce((s, x) => s + scores[x]!, 0));
        const top = Math.max(S[1]!, S[2]!);
        const low = Math.min(S[1]!, S[2]!);
        const expected = [0, 3, 4].reduce((s, d) => s + Math.max(0, S[d]! - top), 0) + [0, 4].reduce((s, d) => s + Math.max(0, S[d]! - low), 0);
        // The same week for 5Б with another teacher: twice the amount when the target is everyone.
        const lessons = dayLessons(perDay);
        const both = lessons.concat(lessons.map((l) => ({ ...l, set: 1, teacher: 1 })));
        const { problem, t } = week(5, 6, both, subjects, [{ kind: 'studentsDifficultyProfile', weight: 10, students: null, scores }]);
        expect(amountOf(problem, t, 'studentsDifficultyProfile')).toBe(2 * expected);
      }),
    );
  });
});

describe('hard subjects not first or last', () => {
  const subjects = ['Математика', 'Физика', 'Музыка', 'Физкультура'];
  const rule = (weight = 15): Constraint => ({ kind: 'studentsHardSubjectsNotFirstLast', weight, students: 0, subjects: [0, 1] });

  it('counts a hard lesson that opens or closes the day, once for a day of one lesson, naming set, subject and slot', () => {
    const lessons = dayLessons([[0, 2, 3], [2, 0, 3], [3, 2, 1], [1]]);
    const { problem, t } = week(5, 6, lessons, subjects, [rule()]);
    const e = evaluate(problem, t);
    expect(e.soft.map((v) => [v.amount, v.message])).toEqual([
      [1, 'Ученики 5А: трудный предмет Математика первым уроком (Пн, 1 урок)'],
      [1, 'Ученики 5А: трудный предмет Физика последним уроком (Ср, 3 урок)'],
      [1, 'Ученики 5А: трудный предмет Физика единственным уроком дня (Чт, 1 урок)'],
    ]);
    expect(e.softPenalty).toBeCloseTo(0.15 * 3);
  });

  it('takes the day of the set as it is: a double lesson ending the day is last; other classes do not count', () => {
    const lessons: Lesson[] = [{ subject: 2, day: 0, period: 1 }, { subject: 0, day: 0, period: 2, duration: 2 }, { subject: 0, day: 0, period: 0, set: 1, teacher: 1 }];
    const { problem, t } = week(5, 6, lessons, subjects, [rule()]);
    expect(evaluate(problem, t).soft.map((v) => v.message)).toEqual(['Ученики 5А: трудный предмет Математика последним уроком (Пн, 3 урок)']);
  });

  it('property: moving a hard subject from the first period to a middle one (swapping places) never increases the count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(3), { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(3), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        (others, rest, pick) => {
          // Monday: a hard subject first, then the rest; the lesson swapped with it is strictly inside the day.
          const monday = [0, ...rest];
          const perDay = [monday, ...others.slice(0, 4)];
          const lessons = dayLessons(perDay);
          const { problem, t } = week(5, 7, lessons, subjects, [rule()]);
          const before = amountOf(problem, t, 'studentsHardSubjectsNotFirstLast');
          const middle = 1 + (pick % (monday.length - 2));
          const moved = copyTimetable(t);
          moved.period[0] = middle;
          moved.period[middle] = 0;
          expect(amountOf(problem, moved, 'studentsHardSubjectsNotFirstLast')).toBeLessThanOrEqual(before);
        },
      ),
    );
  });
});

describe('balanced days', () => {
  it('allows a difference of one lesson and counts what is above it over the days with lessons', () => {
    const even = week(5, 7, dayLessons([[2, 2, 2, 2, 2], [2, 2, 2, 2], [2, 2, 2, 2, 2], [], [2, 2, 2, 2]]), ['Музыка', 'Физкультура', 'Технология'],
      [{ kind: 'studentsBalancedDays', weight: 10, students: null }]);
    expect(evaluate(even.problem, even.t).soft).toEqual([]);
    const uneven = week(5, 7, dayLessons([[2, 2, 2, 2, 2, 2, 2], [2, 2, 2], [2, 2, 2, 2, 2], [2, 2, 2, 2], [2, 2, 2, 2]]), ['Музыка', 'Физкультура', 'Технология'],
      [{ kind: 'studentsBalancedDays', weight: 10, students: null }]);
    const e = evaluate(uneven.problem, uneven.t);
    expect(e.soft.map((v) => [v.amount, v.message])).toEqual([[3, 'Ученики 5А: уроков по дням от 3 (Вт) до 7 (Пн), разница больше одного']]);
    expect(e.softPenalty).toBeCloseTo(0.3);
  });

  it('property: 0 when every day with lessons has n or n + 1 of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 6 }), (n, kinds) => {
        // kind 0: no lessons, 1: n, 2: n + 1.
        const perDay = kinds.map((k) => Array.from({ length: k === 0 ? 0 : k === 1 ? n : n + 1 }, () => 0));
        const { problem, t } = week(kinds.length, 7, dayLessons(perDay), ['Музыка'], [{ kind: 'studentsBalancedDays', weight: 10, students: 0 }]);
        expect(amountOf(problem, t, 'studentsBalancedDays')).toBe(0);
      }),
    );
  });
});

describe('the same teacher\'s room changes', () => {
  const subjects = ['Математика', 'Физкультура'];

  it('counts each neighbouring pair of lessons in different rooms per day, naming the teacher, the day and the rooms', () => {
    const lessons: Lesson[] = [
      { subject: 0, day: 0, period: 0, room: 0 }, { subject: 0, day: 0, period: 1, room: 0, set: 1 },
      { subject: 0, day: 0, period: 3, room: 2 }, { subject: 0, day: 0, period: 4, room: 0, set: 1 },
      // A lesson with no room yet is skipped; another teacher in other rooms does not count for her.
      { subject: 0, day: 1, period: 0, room: -1 }, { subject: 0, day: 1, period: 1, room: 1 },
      { subject: 1, day: 0, period: 2, room: 3, teacher: 1 },
    ];
    const { problem, t } = week(5, 6, lessons, subjects, [{ kind: 'teachersRoomChanges', weight: 5, teacher: 0 }]);
    const e = evaluate(problem, t);
    expect(e.soft.map((v) => [v.amount, v.message, v.activities])).toEqual([[2, 'Учитель Иванова: переходов между кабинетами 2 (Пн: 101 → 101 → 201 → 101)', [0, 1, 2, 3]]]);
    expect(e.softPenalty).toBeCloseTo(0.1);
  });

  it('property: 0 when every teacher keeps one room, and never more than lessons − 1 a day otherwise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ teacher: fc.nat(2), day: fc.nat(4), period: fc.nat(5), room: fc.nat(3) }), { minLength: 1, maxLength: 20 }),
        (raw) => {
          const lessons = raw.map((l, i) => ({ ...l, subject: 0, set: i % 2 }));
          const own = week(5, 6, lessons.map((l) => ({ ...l, room: l.teacher })), subjects, [{ kind: 'teachersRoomChanges', weight: 5, teacher: null }]);
          expect(amountOf(own.problem, own.t, 'teachersRoomChanges')).toBe(0);
          const any = week(5, 6, lessons, subjects, [{ kind: 'teachersRoomChanges', weight: 5, teacher: null }]);
          for (const v of evaluate(any.problem, any.t).soft) expect(v.amount).toBeLessThanOrEqual(v.activities.length - 1);
        },
      ),
    );
  });
});

it('property: the four rules only add soft penalty (weight < 100) and the penalty is the sum by constraint', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ subject: fc.nat(2), day: fc.nat(4), period: fc.nat(5), teacher: fc.nat(2), room: fc.integer({ min: -1, max: 3 }), set: fc.nat(1) }), { maxLength: 20 }),
      fc.integer({ min: 1, max: 99 }),
      (lessons, weight) => {
        const constraints: Constraint[] = [
          { kind: 'studentsDifficultyProfile', weight, students: null, scores: [7, 3, 1] },
          { kind: 'studentsHardSubjectsNotFirstLast', weight, students: null, subjects: [0] },
          { kind: 'studentsBalancedDays', weight, students: null },
          { kind: 'teachersRoomChanges', weight, teacher: null },
        ];
        const { problem, t } = week(5, 6, lessons, ['Алгебра', 'История', 'Музыка'], constraints);
        const bare = evaluate({ ...problem, constraints: [] }, t);
        const e = evaluate(problem, t);
        expect(e.hard).toEqual(bare.hard);
        expect(e.soft.every((v) => v.weight === weight && v.amount > 0 && /Ученики|Учитель/.test(v.message))).toBe(true);
        expect(e.softPenalty).toBeCloseTo(e.byConstraint.reduce((s, c) => s + c.penalty, 0));
      },
    ),
  );
});
