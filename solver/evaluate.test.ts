import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { readFet, readFetActivitiesResult } from './fet.ts';
import { SMALL_FET, SMALL_RESULT } from './fixture.test-helper.ts';
import { copyTimetable, emptyProblem, emptyTimetable, type Constraint, type Problem, type Timetable } from './model.ts';

function small(): { problem: Problem; t: Timetable } {
  const { problem } = readFet(SMALL_FET);
  return { problem, t: readFetActivitiesResult(problem, SMALL_RESULT) };
}

/** Generated: D days × P periods, teachers, one year with classes, activities placed at random. */
const world = fc
  .record({ D: fc.integer({ min: 1, max: 5 }), P: fc.integer({ min: 1, max: 6 }), T: fc.integer({ min: 1, max: 3 }), S: fc.integer({ min: 1, max: 3 }) })
  .chain(({ D, P, T, S }) =>
    fc.record({
      D: fc.constant(D),
      P: fc.constant(P),
      T: fc.constant(T),
      S: fc.constant(S),
      acts: fc.array(
        fc.record({ teacher: fc.nat(T - 1), set: fc.nat(S - 1), duration: fc.integer({ min: 1, max: P }), day: fc.nat(D - 1), start: fc.nat(P - 1), placed: fc.boolean() }),
        { minLength: 2, maxLength: 8 },
      ),
    }),
  );

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

function build(w: World, constraints: Constraint[] = []): { problem: Problem; t: Timetable } {
  const problem = emptyProblem('gen', Array.from({ length: w.D }, (_, i) => `d${i}`), Array.from({ length: w.P }, (_, i) => `p${i}`));
  problem.teachers = Array.from({ length: w.T }, (_, i) => ({ name: `T${i}` }));
  problem.subjects = [{ name: 'S' }];
  problem.studentsSets = Array.from({ length: w.S }, (_, i) => ({ name: `C${i}`, kind: 'group' as const, size: 20, parents: [], children: [] }));
  problem.activities = w.acts.map((a, i) => ({ id: i + 1, teachers: [a.teacher], subject: 0, studentsSets: [a.set], duration: a.duration, groupId: 0, active: true, studentsCount: null, tags: [] }));
  problem.constraints = constraints;
  const t = emptyTimetable(w.acts.length);
  w.acts.forEach((a, i) => {
    if (!a.placed) return;
    t.day[i] = a.day;
    t.period[i] = Math.min(a.start, w.P - a.duration);
  });
  return { problem, t };
}

describe('evaluate', () => {
  it('lets two consecutive activities be separated by break periods only, as FET does', () => {
    const w: World = {
      D: 2, P: 6, T: 2, S: 1,
      acts: [
        { teacher: 0, set: 0, duration: 1, day: 0, start: 2, placed: true },
        { teacher: 1, set: 0, duration: 1, day: 0, start: 4, placed: true },
      ],
    } as World;
    const rule: Constraint = { kind: 'twoActivitiesConsecutive', weight: 100, first: 0, second: 1 };
    const consecutive = (breaks: number[], second: { day: number; period: number }) => {
      const { problem, t } = build(w, [rule, { kind: 'breakTimes', weight: 100, slots: breaks.map((period) => ({ day: 0, period })) }]);
      t.day[1] = second.day;
      t.period[1] = second.period;
      return evaluate(problem, t).hard.filter((v) => v.kind === 'twoActivitiesConsecutive').length === 0;
    };
    expect(consecutive([], { day: 0, period: 3 })).toBe(true);
    expect(consecutive([], { day: 0, period: 4 })).toBe(false);
    expect(consecutive([3], { day: 0, period: 4 })).toBe(true);
    expect(consecutive([3], { day: 0, period: 5 })).toBe(false);
    expect(consecutive([3, 4], { day: 0, period: 5 })).toBe(true);
    expect(consecutive([3], { day: 1, period: 4 })).toBe(false);
    expect(consecutive([3], { day: 0, period: 1 })).toBe(false);
  });

  it('finds nothing wrong with a valid result of the small school', () => {
    const { problem, t } = small();
    const e = evaluate(problem, t);
    expect(e.hard).toEqual([]);
    expect(e.softPenalty).toBe(0);
    expect(e.byConstraint).toEqual([]);
  });

  it('names the teacher, the class and the activities of a clash, and counts unplaced activities as hard', () => {
    const { problem, t } = small();
    t.day[1] = 0; // math #2 onto math #1: Monday, first period, room 101
    t.day[3] = -1;
    t.period[3] = -1;
    const e = evaluate(problem, t);
    const messages = e.hard.map((v) => `${v.kind}: ${v.message}`);
    expect(messages).toContain('teacherClash: Учитель Иванова: одновременно #1 Математика — Иванова — 5А; #2 Математика — Иванова — 5А (Пн, 1)');
    expect(messages).toContain('studentsClash: Ученики 5А-1: одновременно #1 Математика — Иванова — 5А; #2 Математика — Иванова — 5А (Пн, 1)');
    expect(messages).toContain('roomClash: Кабинет 101: одновременно #1 Математика — Иванова — 5А; #2 Математика — Иванова — 5А (Пн, 1)');
    expect(messages).toContain('unplaced: #4 Английский язык — Петров — 5А-2: не размещена');
    // the split math lessons on one day, overlapping (not consecutive): 95%, 1 day too close + 1 for not consecutive
    const minDays = e.soft.filter((v) => v.kind === 'minDaysBetweenActivities');
    expect(minDays.map((v) => v.amount)).toEqual([2]);
    expect(e.softPenalty).toBeCloseTo(0.95 * 2);
  });

  it('weighs soft constraints by weight/100 and breaks the penalty down by constraint', () => {
    const { problem, t } = small();
    t.day[1] = 3; // math #2 on Thursday and English on Wednesday: Иванова works 3 days (max 2, weight 80)
    t.day[2] = t.day[3] = 2;
    t.room[1] = 1; // and in room 102 (math preferred in 101, weight 90), made big enough for the class
    problem.rooms[1]!.capacity = 30;
    const e = evaluate(problem, t);
    expect(e.hard).toEqual([]);
    expect(e.byConstraint.map((s) => [s.kind, s.weight, s.amount, s.penalty])).toEqual([
      ['teachersMaxDaysPerWeek', 80, 1, 0.8],
      ['subjectPreferredRooms', 90, 1, 0.9],
    ]);
    expect(e.softPenalty).toBeCloseTo(1.7);
    expect(e.soft[0]!.message).toBe('Учитель Иванова: 3 рабочих дн., можно 2');
  });

  it('reports gaps, break times, not-available slots, capacity and late beginnings with the names', () => {
    const { problem, t } = small();
    t.day[2] = t.day[3] = 4;
    t.period[2] = t.period[3] = 2; // English of both subgroups on Friday, periods 3–4: 4 is a break
    t.period[1] = 2; // math #2 on Tuesday third: a late beginning for 5А (neither first nor second)
    t.day[0] = 0;
    t.room[3] = 0;
    t.room[2] = 1;
    const e = evaluate(problem, t);
    const kinds = e.hard.map((v) => v.kind);
    expect(kinds).toContain('breakTimes');
    expect(kinds).toContain('studentsEarlyMaxBeginningsAtSecondHour');
    expect(e.hard.find((v) => v.kind === 'activityPreferredRooms')!.message).toBe('#4 Английский язык — Петров — 5А-2: не в кабинете 102');
    // Friday: lessons in periods 3–4 only → a late beginning, no gap
    expect(e.hard.filter((v) => v.kind === 'studentsMaxGapsPerWeek')).toEqual([]);
    t.day[0] = 4;
    t.period[0] = 0; // math #1 Friday first: Friday 1, (2 empty), 3–4 → one gap for each subgroup
    t.room[0] = 0;
    const e2 = evaluate(problem, t);
    expect(e2.hard.filter((v) => v.kind === 'studentsMaxGapsPerWeek').map((v) => v.message)).toEqual(['Ученики 5А-1: 1 окон в неделю, можно 0', 'Ученики 5А-2: 1 окон в неделю, можно 0']);
    t.period[0] = 1; // math #1 Friday second: no gap; for Петров, Monday first is not available
    t.day[3] = 0;
    t.period[3] = 0;
    t.room[3] = 1;
    const e3 = evaluate(problem, t);
    expect(e3.hard.filter((v) => v.kind === 'teacherNotAvailable').map((v) => v.message)).toEqual([
      'Учитель Петров: недоступен, а стоит #4 Английский язык — Петров — 5А-2 (Пн, 1)',
    ]);
    problem.rooms[1]!.capacity = 10;
    expect(evaluate(problem, t).hard.filter((v) => v.kind === 'roomCapacity').map((v) => v.message)).toEqual([
      '#3 Английский язык — Иванова — 5А-1: 12 учеников, в кабинете 102 мест 10',
      '#4 Английский язык — Петров — 5А-2: 13 учеников, в кабинете 102 мест 10',
    ]);
  });

  it('property: a clash of two activities of one teacher is always reported', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { problem, t } = build(w);
        problem.activities[1]!.teachers = problem.activities[0]!.teachers;
        t.day[1] = t.day[0] = Math.max(0, t.day[0]!);
        t.period[0] = 0;
        t.period[1] = 0;
        const e = evaluate(problem, t);
        expect(e.hard.some((v) => v.kind === 'teacherClash' && v.activities.includes(0) && v.activities.includes(1))).toBe(true);
      }),
    );
  });

  it('property: with no constraints the soft penalty is 0 and only basic rules are broken', () => {
    fc.assert(
      fc.property(world, (w) => {
        const e = evaluate(...(Object.values(build(w)) as [Problem, Timetable]));
        expect(e.softPenalty).toBe(0);
        expect(e.soft).toEqual([]);
        for (const v of e.hard) expect(['unplaced', 'teacherClash', 'studentsClash', 'roomClash', 'roomCapacity', 'outsideDay']).toContain(v.kind);
        expect(e.hard.filter((v) => v.kind === 'unplaced').length).toBe(w.acts.filter((a) => !a.placed).length);
      }),
    );
  });

  it('property: moving an activity into a not-available slot of its teacher adds exactly that violation', () => {
    fc.assert(
      fc.property(world, fc.nat(), fc.nat(), (w, rd, rp) => {
        // Every activity alone with its teacher and class, one period long: nothing else can change.
        const acts = w.acts.map((a, i) => ({ ...a, teacher: i, set: i, duration: 1 }));
        const { problem, t } = build({ ...w, T: acts.length, S: acts.length, acts });
        const na = { day: rd % w.D, period: rp % w.P };
        problem.constraints = [{ kind: 'teacherNotAvailable', weight: 100, teacher: 0, slots: [na] }];
        t.day[0] = t.period[0] = -1;
        const before = evaluate(problem, t);
        const moved = copyTimetable(t);
        moved.day[0] = na.day;
        moved.period[0] = na.period;
        const after = evaluate(problem, moved);
        const added = after.hard.filter((v) => !before.hard.some((b) => b.message === v.message));
        const removed = before.hard.filter((b) => !after.hard.some((v) => v.message === b.message));
        expect(added).toEqual([{ constraint: 0, kind: 'teacherNotAvailable', weight: 100, amount: 1, message: `Учитель T0: недоступен, а стоит #1 S — T0 — C0 (d${na.day}, p${na.period})`, activities: [0] }]);
        expect(removed.map((v) => v.kind)).toEqual(['unplaced']);
        expect(after.softPenalty).toBe(before.softPenalty);
      }),
    );
  });

  it('property: the soft penalty is the sum of the penalties by constraint, and the timetable is not changed', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 99 }), fc.nat(3), (w, weight, limit) => {
        const constraints: Constraint[] = [
          { kind: 'teachersMaxGapsPerWeek', weight, teacher: null, maxGaps: limit },
          { kind: 'studentsMaxHoursDaily', weight, students: null, maxHours: limit + 1 },
          { kind: 'minDaysBetweenActivities', weight, activities: [0, 1], minDays: 2, consecutiveIfSameDay: true },
          { kind: 'teachersMaxDaysPerWeek', weight, teacher: null, maxDays: limit },
        ];
        const { problem, t } = build(w, constraints);
        const copy = copyTimetable(t);
        const e = evaluate(problem, t);
        expect(e.softPenalty).toBeCloseTo(e.byConstraint.reduce((s, c) => s + c.penalty, 0));
        expect(e.softPenalty).toBeGreaterThanOrEqual(0);
        expect(t).toEqual(copy);
      }),
    );
  });
});
