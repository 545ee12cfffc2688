import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseControlWork, compareCodes, defaultMastery, isMastered, markFromPoints, pointsScaleIssues, suggestedPointsScale, totalPoints,
  type AnalysisTask, type PointsScaleRow, type StudentPoints,
} from './control-work';

const scale20: PointsScaleRow[] = [{ from: 18, mark: 5 }, { from: 14, mark: 4 }, { from: 9, mark: 3 }, { from: 0, mark: 2 }];

/** A sound scale for a total: three distinct thresholds 0,1…total (in tenths), falling, then 0. */
const soundScale = (total: number): fc.Arbitrary<PointsScaleRow[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.round(total * 10) }), { minLength: 3, maxLength: 3 }).map((t) => {
    const [a, b, c] = [...t].sort((x, y) => y - x) as [number, number, number];
    return [{ from: a / 10, mark: 5 }, { from: b / 10, mark: 4 }, { from: c / 10, mark: 3 }, { from: 0, mark: 2 }];
  });

const tasksArb: fc.Arbitrary<AnalysisTask[]> = fc.array(
  fc.record({ maxPoints: fc.integer({ min: 1, max: 10 }), codes: fc.subarray(['1.1', '1.2', '2.1', '2.10', '3']) }),
  { minLength: 1, maxLength: 8 },
).map((list) => list.map((t, i) => ({ id: `t${i}`, label: String(i + 1), maxPoints: t.maxPoints, contentElementCodes: t.codes })));

/** Rows of points for the tasks: each cell null or 0…max in halves. */
const rowsArb = (tasks: readonly AnalysisTask[]): fc.Arbitrary<StudentPoints[]> => fc.array(
  fc.tuple(...tasks.map((t) => fc.option(fc.integer({ min: 0, max: t.maxPoints * 2 }).map((h) => h / 2), { nil: null }))),
  { maxLength: 12 },
).map((rows) => rows.map((points, i) => ({ studentId: `s${i}`, points })));

const workArb = tasksArb.chain((tasks) => {
  const total = tasks.reduce((s, t) => s + t.maxPoints, 0);
  return fc.record({ tasks: fc.constant(tasks), rows: rowsArb(tasks), scale: total >= 1 ? soundScale(Math.max(total, 0.3)) : fc.constant(suggestedPointsScale(total)) });
});

describe('pointsScaleIssues', () => {
  it('accepts a sound scale, generated ones and the suggested one for any total', () => {
    expect(pointsScaleIssues(scale20, 20)).toEqual([]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }).chain((total) => fc.tuple(fc.constant(total), soundScale(total))), ([total, scale]) => {
      expect(pointsScaleIssues(scale, total)).toEqual([]);
    }));
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (total) => {
      expect(pointsScaleIssues(suggestedPointsScale(total), total)).toEqual([]);
    }));
  });

  it('refuses marks out of order, rising thresholds, a top above the total, a lowest above 0, bad numbers — with the row path', () => {
    expect(pointsScaleIssues([{ from: 14, mark: 4 }, { from: 18, mark: 5 }, { from: 9, mark: 3 }, { from: 0, mark: 2 }], 20).map((i) => [i.path, i.code]))
      .toEqual([['pointsScale.0.mark', 'MARKS_NOT_DESCENDING'], ['pointsScale.1.mark', 'MARKS_NOT_DESCENDING']]);
    expect(pointsScaleIssues([{ from: 12, mark: 5 }, { from: 14, mark: 4 }, { from: 9, mark: 3 }, { from: 0, mark: 2 }], 20))
      .toEqual([{ path: 'pointsScale.1.from', code: 'THRESHOLDS_NOT_DESCENDING', message: 'Порог отметки 4 (14) должен быть ниже порога отметки 5 (12)' }]);
    expect(pointsScaleIssues(scale20, 17).map((i) => [i.path, i.code])).toEqual([['pointsScale.0.from', 'THRESHOLD_ABOVE_MAX']]);
    expect(pointsScaleIssues([...scale20.slice(0, 3), { from: 2, mark: 2 }], 20).map((i) => [i.path, i.code])).toEqual([['pointsScale.3.from', 'LOWEST_NOT_ZERO']]);
    expect(pointsScaleIssues([{ from: 18.25, mark: 5 }, ...scale20.slice(1)], 20).map((i) => i.code)).toEqual(['THRESHOLD_INVALID']);
    expect(pointsScaleIssues([{ from: -1, mark: 5 }, ...scale20.slice(1)], 20).map((i) => i.code)).toEqual(['THRESHOLD_INVALID']);
    expect(pointsScaleIssues(scale20.slice(0, 3), 20).map((i) => i.code)).toEqual(['SCALE_ROWS']);
  });

  it('property: swapping two neighbouring thresholds of a sound scale makes it unsound', () => {
    fc.assert(fc.property(soundScale(40), fc.integer({ min: 0, max: 2 }), (scale, k) => {
      const swapped = scale.map((r) => ({ ...r }));
      [swapped[k]!.from, swapped[k + 1]!.from] = [swapped[k + 1]!.from, swapped[k]!.from];
      expect(pointsScaleIssues(swapped, 40).length).toBeGreaterThan(0);
    }));
  });
});

describe('markFromPoints', () => {
  it('gives the mark of the highest threshold reached', () => {
    expect([0, 8.5, 9, 13.9, 14, 17.5, 18, 20].map((p) => markFromPoints(p, scale20))).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('property: never falls as the total grows; a threshold gives its own mark; 0 gives 2; the total max gives 5', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }).chain((total) => fc.tuple(fc.constant(total), soundScale(total),
      fc.integer({ min: 0, max: total * 10 }), fc.integer({ min: 0, max: total * 10 }))), ([total, scale, a, b]) => {
      const [lo, hi] = a <= b ? [a / 10, b / 10] : [b / 10, a / 10];
      expect(markFromPoints(lo, scale)).toBeLessThanOrEqual(markFromPoints(hi, scale));
      for (const row of scale) expect(markFromPoints(row.from, scale)).toBe(row.mark);
      expect(markFromPoints(0, scale)).toBe(2);
      expect(markFromPoints(total, scale)).toBe(5);
    }));
  });
});

describe('isMastered', () => {
  it('asks half the points by default, and the whole point of a one-point task', () => {
    expect(isMastered(1, 2)).toBe(true);
    expect(isMastered(0.5, 2)).toBe(false);
    expect(isMastered(0.5, 1)).toBe(false);
    expect(isMastered(1, 1)).toBe(true);
    expect(isMastered(0.5, 1, { share: 0.5, fullForOnePoint: false })).toBe(true);
    expect(isMastered(2, 3, { share: 2 / 3, fullForOnePoint: true })).toBe(true);
  });
});

describe('analyseControlWork', () => {
  const tasks: AnalysisTask[] = [
    { id: 'a', label: '1', maxPoints: 1, contentElementCodes: ['1.1'] },
    { id: 'b', label: '2', maxPoints: 2, contentElementCodes: ['1.1', '2.10'] },
    { id: 'c', label: '3', maxPoints: 4, contentElementCodes: ['2.2'] },
  ];
  const scale7: PointsScaleRow[] = [{ from: 6, mark: 5 }, { from: 5, mark: 4 }, { from: 3, mark: 3 }, { from: 0, mark: 2 }];

  it('counts per task, per element, the marks, and leaves out who did not write', () => {
    const a = analyseControlWork(tasks, [
      { studentId: 'x', points: [1, 2, 4] }, // 7 → 5
      { studentId: 'y', points: [0, 1, 1] }, // 2 → 2; task 3: 1 of 4 not mastered
      { studentId: 'z', points: [1, null, 2] }, // 3 → 3; an empty cell counts 0
      { studentId: 'w', points: [null, null, null] }, // не писал
    ], scale7);
    expect(a).toMatchObject({ written: 3, absent: 1, marks: { 5: 1, 4: 0, 3: 1, 2: 1 }, averageMark: 10 / 3, averagePoints: 4 });
    expect(a.tasks.map((t) => [t.label, t.mastered, t.share])).toEqual([['1', 2, 2 / 3], ['2', 2, 2 / 3], ['3', 2, 2 / 3]]);
    expect(a.elements.map((e) => e.code)).toEqual(['1.1', '2.2', '2.10']);
    // 1.1: tasks a (1) and b (2): mastered points x 3, y 2 (b: 1 of 2), z 1 → 6 of 9; points 1+2 + 0+1 + 1+0 = 5 of 9.
    expect(a.elements[0]).toMatchObject({ taskIds: ['a', 'b'], maxPoints: 3, share: 6 / 9, pointsShare: 5 / 9 });
    expect(a.successShare).toBeCloseTo(2 / 3, 12);
    expect(a.qualityShare).toBeCloseTo(1 / 3, 12);
    expect(a.mastery).toEqual(defaultMastery);
  });

  it('gives null shares when nobody wrote', () => {
    const a = analyseControlWork(tasks, [{ studentId: 'w', points: [null, null, null] }], scale7);
    expect(a).toMatchObject({ written: 0, absent: 1, averageMark: null, successShare: null });
    expect(a.tasks.every((t) => t.share === null) && a.elements.every((e) => e.share === null)).toBe(true);
  });

  it('property: shares lie in [0, 1], marks add up to the students who wrote, «не писал» changes nothing', () => {
    fc.assert(fc.property(workArb, ({ tasks: ts, rows, scale }) => {
      const a = analyseControlWork(ts, rows, scale);
      const written = rows.filter((r) => r.points.some((p) => p !== null)).length;
      expect(a.written).toBe(written);
      expect(a.marks[5] + a.marks[4] + a.marks[3] + a.marks[2]).toBe(written);
      for (const s of [...a.tasks.map((t) => t.share), ...a.elements.flatMap((e) => [e.share, e.pointsShare])]) {
        if (written === 0) expect(s).toBeNull();
        else {
          expect(s!).toBeGreaterThanOrEqual(0);
          expect(s!).toBeLessThanOrEqual(1 + 1e-12);
        }
      }
      const withAbsent = analyseControlWork(ts, [...rows, { studentId: 'absent', points: ts.map(() => null) }], scale);
      expect({ ...withAbsent, absent: 0 }).toEqual({ ...a, absent: 0 });
      expect(withAbsent.absent).toBe(a.absent + 1);
    }));
  });

  it('property: more points for one student never lowers a share, the average or their mark', () => {
    fc.assert(fc.property(workArb.filter((w) => w.rows.length > 0), fc.nat(), fc.nat(), ({ tasks: ts, rows, scale }, r, k) => {
      const row = rows[r % rows.length]!;
      const i = k % ts.length;
      const raised = rows.map((x) => (x === row ? { ...x, points: x.points.map((p, j) => (j === i ? ts[i]!.maxPoints : p)) } : x));
      const before = analyseControlWork(ts, rows, scale);
      const after = analyseControlWork(ts, raised, scale);
      if (before.written === after.written) {
        before.tasks.forEach((t, j) => expect(after.tasks[j]!.share!).toBeGreaterThanOrEqual(t.share! - 1e-12));
        before.elements.forEach((e, j) => expect(after.elements[j]!.share!).toBeGreaterThanOrEqual(e.share! - 1e-12));
        expect(after.averageMark!).toBeGreaterThanOrEqual(before.averageMark! - 1e-12);
      }
      expect(markFromPoints(totalPoints(raised[r % rows.length]!.points), scale)).toBeGreaterThanOrEqual(markFromPoints(totalPoints(row.points), scale));
    }));
  });

  it('property: a task every writer got full marks on has share 1', () => {
    fc.assert(fc.property(workArb, fc.nat(), ({ tasks: ts, rows, scale }, k) => {
      const i = k % ts.length;
      const full = rows.map((x) => ({ ...x, points: x.points.map((p, j) => (j === i && x.points.some((q) => q !== null) ? ts[i]!.maxPoints : p)) }));
      const a = analyseControlWork(ts, full, scale);
      if (a.written > 0) expect(a.tasks[i]!.share).toBe(1);
    }));
  });
});

describe('compareCodes', () => {
  it('orders КЭС codes by their numbers', () => {
    expect(['2', '1.10', '1.2', '1', '1.2.3'].sort(compareCodes)).toEqual(['1', '1.2', '1.2.3', '1.10', '2']);
  });
});
