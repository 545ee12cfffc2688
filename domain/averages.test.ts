import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRounding, explainAverage, weightedAverage, weightedMean, type AverageMark } from './averages';
import { defaultMarkEntryPolicy, type MarkEntryPolicy } from './mark-policy';
import { defaultConversion, type MarkScale } from './mark-scale';

const five: MarkScale = { kind: 'five' };
const passFail: MarkScale = { kind: 'passFail' };
const hundred: MarkScale = { kind: 'hundred', conversion: defaultConversion };

const mark = (value: AverageMark['value'], weight = 1, extra: Partial<AverageMark> = {}): AverageMark => ({
  value, scale: five, weight, controlFormName: 'Ответ на уроке', date: '2025-09-15', kind: 'regular', ...extra,
});

/** Weights a school can save: 0,05 … 10 in steps of 0,05. */
const stepWeight = fc.integer({ min: 1, max: 200 }).map((n) => n / 20);
const fiveMark = fc.record({ value: fc.integer({ min: 1, max: 5 }), weight: stepWeight }).map(({ value, weight }) => mark(value, weight));
const anyMark: fc.Arbitrary<AverageMark> = fc.oneof(
  fiveMark,
  fc.record({ value: fc.integer({ min: 0, max: 100 }), weight: stepWeight }).map(({ value, weight }) => mark(value, weight, { scale: hundred })),
  fc.record({ value: fc.constantFrom<'pass' | 'fail'>('pass', 'fail'), weight: stepWeight }).map(({ value, weight }) => mark(value, weight, { scale: passFail })),
  fc.record({ value: fc.option(fc.integer({ min: 1, max: 5 })), weight: stepWeight }).map(({ value, weight }) => mark(value, weight, { kind: 'debt' })),
);
const counted = (marks: readonly AverageMark[]) => explainAverage(marks, defaultMarkEntryPolicy).counted;

describe('weightedAverage', () => {
  it('is Σ value·weight / Σ weight, null without marks', () => {
    expect(weightedAverage([])).toBeNull();
    expect(weightedAverage([mark(5, 2), mark(3, 1)])).toBeCloseTo(13 / 3, 12);
    expect(weightedAverage([mark(4, 0.5), mark(5, 1.5)])).toBeCloseTo(4.75, 12);
  });

  it('lies between the lowest and the highest counted mark', () => {
    fc.assert(fc.property(fc.array(anyMark, { maxLength: 30 }), (marks) => {
      const values = counted(marks).map((m) => m.fivePoint);
      const avg = weightedAverage(marks);
      if (values.length === 0) {
        expect(avg).toBeNull();
        return;
      }
      expect(avg!).toBeGreaterThanOrEqual(Math.min(...values));
      expect(avg!).toBeLessThanOrEqual(Math.max(...values));
    }));
  });

  it('does not change when every weight is multiplied by the same k > 0', () => {
    // Weights up to 1 so that k·w stays within (0, 10].
    const small = fc.record({ value: fc.integer({ min: 1, max: 5 }), weight: fc.integer({ min: 1, max: 20 }).map((n) => n / 20) });
    fc.assert(fc.property(fc.array(small, { minLength: 1, maxLength: 20 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (items, k) => {
      const marks = items.map((i) => mark(i.value, i.weight));
      const scaled = items.map((i) => mark(i.value, i.weight * k));
      expect(weightedAverage(scaled)!).toBeCloseTo(weightedAverage(marks)!, 9);
    }));
  });

  it('does not change when a mark equal to the average is added', () => {
    // Marks symmetric around v with equal weights in each pair average exactly v.
    const around = fc.integer({ min: 1, max: 5 }).chain((v) => fc.tuple(
      fc.constant(v),
      fc.array(fc.record({ d: fc.integer({ min: 0, max: Math.min(v - 1, 5 - v) }), weight: stepWeight }), { minLength: 1, maxLength: 10 }),
      stepWeight,
    ));
    fc.assert(fc.property(around, ([v, pairs, w]) => {
      const marks = pairs.flatMap((p) => [mark(v - p.d, p.weight), mark(v + p.d, p.weight)]);
      expect(weightedAverage(marks)).toBe(v);
      expect(weightedAverage([...marks, mark(v, w)])).toBe(v);
    }));
  });

  it('does not change when a value equal to the average is added (plain numbers)', () => {
    const item = fc.record({ value: fc.double({ min: 1, max: 5, noNaN: true }), weight: fc.double({ min: 0.05, max: 10, noNaN: true }) });
    fc.assert(fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), fc.double({ min: 0.05, max: 10, noNaN: true }), (items, w) => {
      const avg = weightedMean(items)!;
      expect(weightedMean([...items, { value: avg, weight: w }])!).toBeCloseTo(avg, 9);
    }));
  });

  it('with equal weights is the arithmetic mean', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }), stepWeight, (values, w) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(weightedAverage(values.map((v) => mark(v, w)))).toBeCloseTo(mean, 12);
    }));
  });

  it('does not depend on the order of the marks (exactly)', () => {
    fc.assert(fc.property(fc.array(anyMark, { maxLength: 30 }).chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length }))), ([marks, shuffled]) => {
      expect(weightedAverage(shuffled)).toBe(weightedAverage(marks));
    }));
  });

  it('never counts a debt («точка»), whatever value it carries', () => {
    fc.assert(fc.property(fc.array(anyMark, { maxLength: 20 }), fc.array(fc.option(fc.integer({ min: 1, max: 5 })), { maxLength: 5 }), (marks, debts) => {
      const withDebts = [...marks, ...debts.map((v) => mark(v, 10, { kind: 'debt' }))];
      expect(weightedAverage(withDebts)).toBe(weightedAverage(marks));
      const explained = explainAverage(withDebts, defaultMarkEntryPolicy);
      expect(explained.skipped.filter((s) => s.code === 'DEBT').length).toBeGreaterThanOrEqual(debts.length);
    }));
  });

  it('converts hundred-point results by the table and leaves pass / fail out', () => {
    expect(weightedAverage([mark(87, 1, { scale: hundred }), mark(50, 1, { scale: hundred })])).toBe(4); // 5 and 3
    expect(weightedAverage([mark('pass', 1, { scale: passFail })])).toBeNull();
    expect(weightedAverage([mark(4), mark('fail', 3, { scale: passFail })])).toBe(4);
  });
});

describe('explainAverage', () => {
  it('lists counted marks with their five-point value and weight, the sums, the rule and the suggestion', () => {
    const marks = [
      mark(5, 2, { controlFormName: 'Контрольная работа', date: '2025-09-20' }),
      mark(65, 1, { scale: hundred, controlFormName: 'Тест', date: '2025-09-18' }),
      mark(5, 1),
      mark('pass', 1, { scale: passFail, controlFormName: 'Зачёт' }),
      mark(null, 2, { kind: 'debt', controlFormName: 'Контрольная работа' }),
      mark(4, 0),
    ];
    const e = explainAverage(marks, defaultMarkEntryPolicy);
    expect(e.counted).toEqual([
      { value: 5, fivePoint: 5, weight: 2, formName: 'Контрольная работа', date: '2025-09-20' },
      { value: 65, fivePoint: 4, weight: 1, formName: 'Тест', date: '2025-09-18' },
      { value: 5, fivePoint: 5, weight: 1, formName: 'Ответ на уроке', date: '2025-09-15' },
    ]);
    expect(e.skipped.map((s) => s.code)).toEqual(['PASS_FAIL', 'DEBT', 'WEIGHT_INVALID']);
    expect(e.skipped[0]!.reason).toBe('Зачёт/незачёт не переводится в баллы и не входит в средний балл');
    expect(e.skipped[1]!.reason).toContain('Точка');
    expect(e.sumWeighted).toBe(19);
    expect(e.sumWeights).toBe(4);
    expect(e.average).toBe(4.75);
    expect(e.rounding).toBe('«5» — от 4,6, «4» — от 3,6, «3» — от 2,6, ниже — «2»');
    expect(e.suggested).toBe(5);
    expect(e.suggestedReason).toBe('Средний балл 4,75 не ниже порога «5» (4,6) — «5»');
  });

  it('suggests nothing without marks, and says why', () => {
    const e = explainAverage([mark(null, 1, { kind: 'debt' })], { ...defaultMarkEntryPolicy, minMarksForPeriodMark: 0 });
    expect(e.average).toBeNull();
    expect(e.suggested).toBeNull();
    expect(e.suggestedReason).toBe('Нет отметок, которые входят в средний балл');
  });

  it('marks a value that does not fit its scale as skipped', () => {
    const e = explainAverage([mark(7), mark(101, 1, { scale: hundred }), mark(5)], defaultMarkEntryPolicy);
    expect(e.skipped.map((s) => [s.code, s.reason])).toEqual([
      ['VALUE_INVALID', 'Значение не подходит к шкале «Пятибалльная»'],
      ['VALUE_INVALID', 'Значение не подходит к шкале «Стобалльная»'],
    ]);
    expect(e.average).toBe(5);
  });

  it('agrees with weightedAverage and counts every mark once', () => {
    fc.assert(fc.property(fc.array(anyMark, { maxLength: 30 }), (marks) => {
      const e = explainAverage(marks, defaultMarkEntryPolicy);
      expect(e.average).toBe(weightedAverage(marks));
      expect(e.counted.length + e.skipped.length).toBe(marks.length);
      if (e.average !== null) expect(e.sumWeighted / e.sumWeights).toBeCloseTo(e.average, 12);
      if (e.suggested !== null) expect(e.counted.length).toBeGreaterThanOrEqual(defaultMarkEntryPolicy.minMarksForPeriodMark);
    }));
  });
});

// /work/shared/reference/marks-attendance.json: weighted_average and period_mark_rounding_examples.
describe('reference examples', () => {
  const policy = (rounding: MarkEntryPolicy['rounding'], minMarksForPeriodMark = 0): MarkEntryPolicy => ({ ...defaultMarkEntryPolicy, rounding, minMarksForPeriodMark });

  it('weights «контрольная работа — 5, работа на уроке — 3, домашняя работа — 1»', () => {
    const marks = [
      mark(5, 5, { controlFormName: 'Контрольная работа' }),
      mark(3, 3, { controlFormName: 'Работа на уроке' }),
      mark(4, 1, { controlFormName: 'Домашняя работа' }),
    ];
    const e = explainAverage(marks, policy(defaultMarkEntryPolicy.rounding));
    expect([e.sumWeighted, e.sumWeights]).toEqual([38, 9]);
    expect(e.average).toBeCloseTo(38 / 9, 12);
  });

  it('weights of МЭШ: «контрольная работа — 2, ответ на уроке — 1»', () => {
    expect(weightedAverage([mark(3, 2, { controlFormName: 'Контрольная работа' }), mark(5, 1)])).toBeCloseTo(11 / 3, 12);
  });

  // Новосибирская область, 2022: 5 — 4,65–5; 4 — 3,65–4,64; 3 — 2,65–3,64.
  const nsk = policy({ kind: 'thresholds', five: 4.65, four: 3.65, three: 2.65 });
  // h at weight 10·f and h − 1 at weight 10·(1 − f) average h − 1 + f exactly in hundredths.
  const averageOf = (h: number, hundredths: number) => [mark(h, hundredths / 10), mark(h - 1, (100 - hundredths) / 10)];
  it.each([
    [5, 65, 4.65, 5], [5, 64, 4.64, 4], [4, 65, 3.65, 4], [4, 64, 3.64, 3], [3, 65, 2.65, 3], [3, 64, 2.64, 2],
  ])('thresholds 4,65 / 3,65 / 2,65: %i at %i hundredths → average %f → «%i»', (h, f, avg, expected) => {
    const e = explainAverage(averageOf(h, f), nsk);
    expect(e.average).toBeCloseTo(avg, 12);
    expect(e.suggested).toBe(expected);
  });

  it('«для 5 в одних школах достаточно 4,5, в других — 4,7»: 4,6 is 5 in one, 4 in the other', () => {
    const marks = averageOf(5, 60);
    expect(explainAverage(marks, policy({ kind: 'thresholds', five: 4.5, four: 3.5, three: 2.5 })).suggested).toBe(5);
    expect(explainAverage(marks, policy({ kind: 'thresholds', five: 4.7, four: 3.7, three: 2.7 })).suggested).toBe(4);
  });

  it('«средний балл 3,5 учитель не обязан округлять в пользу ученика»: 3 by the default thresholds, 4 by arithmetic rounding', () => {
    const marks = [mark(3), mark(4)];
    expect(explainAverage(marks, policy(defaultMarkEntryPolicy.rounding)).suggested).toBe(3);
    const arithmetic = explainAverage(marks, policy({ kind: 'arithmetic' }));
    expect(arithmetic.suggested).toBe(4);
    expect(arithmetic.suggestedReason).toBe('Средний балл 3,50 по математическому округлению даёт «4»');
  });

  it('final mark as the arithmetic mean of the year and the exam, rounded mathematically', () => {
    expect(explainAverage([mark(4), mark(5)], policy({ kind: 'arithmetic' })).suggested).toBe(5);
    expect(explainAverage([mark(4), mark(3)], policy({ kind: 'arithmetic' })).suggested).toBe(4);
  });

  it('«минимум отметок для отметки за период: не менее 3»', () => {
    const two = explainAverage([mark(5), mark(4), mark(null, 1, { kind: 'debt' })], policy(defaultMarkEntryPolicy.rounding, 3));
    expect(two.average).toBe(4.5);
    expect(two.suggested).toBeNull();
    expect(two.suggestedReason).toBe('Для отметки за период нужно не меньше 3 отметок — в среднем балле 2 отметки');
    expect(explainAverage([mark(5), mark(4), mark(4)], policy(defaultMarkEntryPolicy.rounding, 3)).suggested).toBe(4);
    expect(explainAverage([mark(5)], policy(defaultMarkEntryPolicy.rounding, 1)).suggested).toBe(5);
  });

  it('says the rounding rule in Russian', () => {
    expect(describeRounding(nsk.rounding)).toBe('«5» — от 4,65, «4» — от 3,65, «3» — от 2,65, ниже — «2»');
    expect(describeRounding({ kind: 'arithmetic' })).toContain('Математическое округление');
  });
});
