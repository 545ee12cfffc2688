// The search: its incremental costs agree with the evaluator, it solves generated schools with a
// planted timetable, a seed gives the same timetable, pins stay, the limit and a stop are obeyed,
// and the worker thread runs it with progress and cancel.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { evaluate } from './evaluate.ts';
import { readFet } from './fet.ts';
import { SMALL_FET } from './fixture.test-helper.ts';
import { plantedSchool } from './planted.test-helper.ts';
import { runInWorker } from './run.ts';
import { luby, seededRandom } from './search.ts';
import { solve } from './solve.ts';

const hardAmount = (e: ReturnType<typeof evaluate>) => e.hard.reduce((s, v) => s + v.amount, 0);

describe('the engine keeps the evaluator’s costs as lessons move', () => {
  it('after any sequence of moves its hard amount and soft penalty equal the evaluator’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 200 }), (seed, moves) => {
        const { problem } = plantedSchool({ seed, classes: 3, teachers: 4 });
        // Soft rules too, so that both halves are checked.
        problem.constraints.push({ kind: 'studentsBalancedDays', weight: 20, students: null });
        problem.constraints.push({ kind: 'studentsEarlyMaxBeginningsAtSecondHour', weight: 40, students: null, maxBeginnings: 1 });
        problem.constraints.push({ kind: 'teachersMaxDaysPerWeek', weight: 30, teacher: null, maxDays: 3 });
        problem.constraints.push({ kind: 'twoActivitiesConsecutive', weight: 100, first: 0, second: 1 });
        problem.constraints.push({ kind: 'breakTimes', weight: 100, slots: [{ day: 0, period: 2 }, { day: 1, period: 3 }] });
        problem.constraints.push({ kind: 'teachersMaxHoursContinuously', weight: 70, teacher: null, maxHours: 2 });
        // Tag-limited maxima count only the tagged lessons.
        problem.activities.forEach((a, i) => { if (i % 3 === 0) a.tags.push('Урок'); });
        problem.constraints.push({ kind: 'teachersMaxHoursDaily', weight: 60, teacher: null, maxHours: 1, tag: 'Урок' });
        problem.constraints.push({ kind: 'teachersMaxHoursContinuously', weight: 100, teacher: 0, maxHours: 1, tag: 'Урок' });
        problem.constraints.push({ kind: 'activitiesEndStudentsDay', weight: 100, filter: { teacher: null, students: null, subject: 0, tag: null, duration: null }, activities: null });
        problem.constraints.push({ kind: 'activitiesPreferredStartingTimes', weight: 60, filter: { teacher: 0, students: null, subject: null, tag: null, duration: null }, slots: [{ day: 0, period: 0 }, { day: 1, period: 2 }] });
        const eng = new Engine(problem);
        const rnd = seededRandom(seed);
        for (let i = 0; i < eng.N; i++) {
          const st = eng.starts[i]!;
          eng.place(i, st[Math.floor(rnd() * st.length)]!, -1);
        }
        for (let k = 0; k < moves; k++) {
          const i = Math.floor(rnd() * eng.N);
          eng.unplace(i);
          if (rnd() < 0.1) continue; // leave some unplaced
          const st = eng.starts[i]!;
          eng.place(i, st[Math.floor(rnd() * st.length)]!, -1);
        }
        const e = evaluate(problem, eng.toTimetable());
        expect(eng.hard).toBe(hardAmount(e));
        expect(eng.soft).toBeCloseTo(e.softPenalty, 6);
      }),
      { numRuns: 40 },
    );
  });

  it('weights hard violations as bumped: the weighted amount depends on the placement alone, and is the plain one again after a reset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 120 }), (seed, moves) => {
        const { problem } = plantedSchool({ seed, classes: 3, teachers: 4 });
        problem.constraints.push({ kind: 'teachersMaxDaysPerWeek', weight: 100, teacher: null, maxDays: 2 });
        problem.constraints.push({ kind: 'minDaysBetweenActivities', weight: 100, activities: [0, 1, 2], minDays: 1, consecutiveIfSameDay: false });
        const eng = new Engine(problem);
        const rnd = seededRandom(seed);
        const placeAll = () => {
          for (let i = 0; i < eng.N; i++) {
            const st = eng.starts[i]!;
            eng.unplace(i);
            eng.place(i, st[Math.floor(rnd() * st.length)]!, -1);
          }
        };
        placeAll();
        expect(eng.weightedHard).toBe(eng.hard);
        // Bumped while violated: each violated entity and pair rule adds its amount once more.
        const before = eng.hard;
        const extra = [...eng.badList.slice(0, eng.badCount)].reduce((s, e) => s + eng.entHard[e]!, 0)
          + [...eng.badPairList.slice(0, eng.badPairCount)].reduce((s, r) => s + eng.pairHard[r]!, 0);
        eng.bumpWeights(1);
        expect(eng.weightedHard).toBe(before + extra);
        // Moved around and put back: the same weighted amount (no drift in the incremental sums).
        const saved = eng.toTimetable();
        const weighted = eng.weightedHard;
        for (let k = 0; k < moves; k++) {
          const i = Math.floor(rnd() * eng.N);
          const st = eng.starts[i]!;
          eng.unplace(i);
          eng.place(i, st[Math.floor(rnd() * st.length)]!, -1);
          if (k % 17 === 0) eng.bumpWeights(1);
          expect(eng.weightedHard).toBeGreaterThanOrEqual(eng.hard);
        }
        eng.resetWeights();
        for (let i = 0; i < eng.N; i++) {
          eng.unplace(i);
          eng.place(i, saved.day[i]! * eng.P + saved.period[i]!, saved.room[i]!);
        }
        expect(eng.weightedHard).toBe(eng.hard);
        expect(eng.hard).toBe(before);
        expect(weighted).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('counts rooms: clashes, capacity and preferred rooms, like the evaluator', () => {
    const { problem } = readFet(SMALL_FET);
    problem.activities[0]!.tags.push('лаборатория');
    problem.constraints.push({ kind: 'activityTagPreferredRooms', weight: 100, tag: 'лаборатория', rooms: [1] });
    problem.constraints.push({ kind: 'teacherHomeRoom', weight: 80, teacher: 1, room: 0 });
    const eng = new Engine(problem);
    const rnd = seededRandom(3);
    for (let round = 0; round < 30; round++) {
      // Lessons that must start together move as one block (the engine never splits them).
      for (const block of eng.blocks) {
        const st = eng.starts[block[0]!]!;
        const s = st[Math.floor(rnd() * st.length)]!;
        for (const i of block) {
          eng.unplace(i);
          const cands = eng.roomCands[i]!;
          eng.place(i, s, cands.length > 0 ? cands[Math.floor(rnd() * cands.length)]! : -1);
        }
      }
      const e = evaluate(problem, eng.toTimetable());
      expect(eng.hard).toBe(hardAmount(e));
      expect(eng.soft).toBeCloseTo(e.softPenalty, 6);
    }
  });
});

describe('solve', () => {
  it('finds a timetable without hard violations for generated schools that have one', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { problem, planted } = plantedSchool({ seed, classes: 6, teachers: 9 });
      expect(evaluate(problem, planted).hard).toEqual([]);
      const r = solve(problem, { seed, timeLimitMs: 20_000, improveIterations: 20_000 });
      expect(r.status).toBe('solved');
      expect(r.evaluation.hard).toEqual([]);
      expect(r.firstFeasibleMs).not.toBeNull();
      expect(r.firstFeasibleCpuMs).not.toBeNull();
    }
  }, 120_000);

  it('gives the same timetable for the same seed', () => {
    const { problem } = plantedSchool({ seed: 11, classes: 4, teachers: 6 });
    // Moves, not the clock, decide the repair and the improvement alike.
    const a = solve(problem, { seed: 7, timeLimitMs: 60_000, improveIterations: 50_000 });
    const b = solve(problem, { seed: 7, timeLimitMs: 60_000, improveIterations: 50_000 });
    expect(b.evaluation.softPenalty).toBe(a.evaluation.softPenalty);
    expect(a.status).toBe('solved');
    expect(Array.from(b.timetable.day)).toEqual(Array.from(a.timetable.day));
    expect(Array.from(b.timetable.period)).toEqual(Array.from(a.timetable.period));
  }, 60_000);

  it('keeps pinned lessons where they are', () => {
    const { problem, planted } = plantedSchool({ seed: 21, classes: 4, teachers: 6 });
    const pins = [0, 5, 9, 14].map((i) => ({ activity: i, day: planted.day[i]!, period: planted.period[i]!, room: -1 }));
    const r = solve(problem, { seed: 1, timeLimitMs: 20_000, improveIterations: 20_000, pins });
    expect(r.evaluation.hard).toEqual([]);
    for (const p of pins) {
      expect(r.timetable.day[p.activity]).toBe(p.day);
      expect(r.timetable.period[p.activity]).toBe(p.period);
    }
  }, 60_000);

  it('stops at its time limit on an impossible problem and says what is broken', () => {
    const { problem } = plantedSchool({ seed: 31, classes: 3, teachers: 3 });
    // One teacher for everything: clashes cannot be avoided.
    for (const a of problem.activities) a.teachers = [0];
    const started = Date.now();
    const r = solve(problem, { seed: 1, timeLimitMs: 500 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.status).toBe('timeLimit');
    expect(r.evaluation.hard.length).toBeGreaterThan(0);
    expect(r.evaluation.hard[0]!.message).toMatch(/[а-я]/);
  });

  it('stops when asked, with status "cancelled"', () => {
    const { problem } = plantedSchool({ seed: 41, classes: 3, teachers: 3 });
    for (const a of problem.activities) a.teachers = [0];
    let calls = 0;
    const r = solve(problem, { seed: 1, timeLimitMs: 60_000, shouldStop: () => ++calls > 5 });
    expect(r.status).toBe('cancelled');
  });

  it('reports progress with the phase, lessons placed and the penalty', () => {
    const { problem } = plantedSchool({ seed: 51, classes: 5, teachers: 7 });
    const seen: string[] = [];
    const r = solve(problem, { seed: 1, timeLimitMs: 20_000, improveIterations: 30_000, progressEveryMs: 0, onProgress: (p) => {
      seen.push(p.phase);
      expect(p.placed).toBeLessThanOrEqual(p.total);
      expect(p.hard).toBeGreaterThanOrEqual(0);
    } });
    expect(r.status).toBe('solved');
    expect(seen).toContain('improve');
  }, 60_000);
});

describe('restarts', () => {
  it('follow the Luby sequence', () => {
    expect(Array.from({ length: 15 }, (_, k) => luby(k + 1))).toEqual([1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]);
  });
});

describe('runInWorker', () => {
  it('solves in a worker thread and reports progress', async () => {
    const { problem } = plantedSchool({ seed: 61, classes: 4, teachers: 6 });
    const progress: number[] = [];
    const run = runInWorker(problem, { seed: 1, timeLimitMs: 20_000, improveIterations: 30_000, progressEveryMs: 50 }, (p) => progress.push(p.elapsedMs));
    const r = await run.result;
    expect(r.status).toBe('solved');
    expect(r.timetable.day).toBeInstanceOf(Int32Array);
    expect(progress.length).toBeGreaterThan(0);
  }, 60_000);

  it('cancel() stops the search within its limit', async () => {
    const { problem } = plantedSchool({ seed: 71, classes: 3, teachers: 3 });
    for (const a of problem.activities) a.teachers = [0];
    const run = runInWorker(problem, { seed: 1, timeLimitMs: 60_000 });
    const started = Date.now();
    setTimeout(() => run.cancel(), 300);
    const r = await run.result;
    expect(r.status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
