import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import {
  defaultMarkEntryPolicy, mayEnterCurrentMark, mayEnterPeriodMark, policyIssues, suggestPeriodMark,
  type MarkEntryPolicy, type Rounding,
} from './mark-policy';

const thresholds = defaultMarkEntryPolicy.rounding;
const average = fc.double({ min: 1, max: 5, noNaN: true });
// Thresholds as schools write them, in hundredths (4,65 / 3,65 / 2,65), distinct and ordered.
const rounding: fc.Arbitrary<Rounding> = fc.oneof(
  fc.constant<Rounding>({ kind: 'arithmetic' }),
  fc.uniqueArray(fc.integer({ min: 201, max: 500 }), { minLength: 3, maxLength: 3 })
    .map((xs) => xs.sort((x, y) => x - y).map((x) => x / 100))
    .map(([three, four, five]) => ({ kind: 'thresholds' as const, five: five!, four: four!, three: three! })),
);
const date = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays('2000-01-01', n));

describe('suggestPeriodMark', () => {
  it('follows the default thresholds 4,6 / 3,6 / 2,6', () => {
    expect(suggestPeriodMark(4.6, thresholds)).toBe(5);
    expect(suggestPeriodMark(4.59, thresholds)).toBe(4);
    expect(suggestPeriodMark(3.6, thresholds)).toBe(4);
    expect(suggestPeriodMark(2.6, thresholds)).toBe(3);
    expect(suggestPeriodMark(2.59, thresholds)).toBe(2);
    // 4.6 built from marks: (5+5+4+5+4)/5 = 4.6 exactly in decimals, 4.6000000000000005 or 4.59999… in binary.
    expect(suggestPeriodMark((5 + 5 + 4 + 5 + 4) / 5, thresholds)).toBe(5);
    expect(suggestPeriodMark(0.1 * 46, thresholds)).toBe(5);
  });

  it('rounds half up arithmetically, within 2..5', () => {
    expect(suggestPeriodMark(4.5, { kind: 'arithmetic' })).toBe(5);
    expect(suggestPeriodMark(4.49, { kind: 'arithmetic' })).toBe(4);
    expect(suggestPeriodMark(3.5, { kind: 'arithmetic' })).toBe(4);
    expect(suggestPeriodMark(1, { kind: 'arithmetic' })).toBe(2);
  });

  it('is monotone in the average and stays within 2..5', () => {
    fc.assert(fc.property(rounding, average, average, (r, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const ml = suggestPeriodMark(lo, r);
      const mh = suggestPeriodMark(hi, r);
      expect(ml).toBeLessThanOrEqual(mh);
      expect([2, 3, 4, 5]).toContain(ml);
    }));
  });

  it('gives 5 to a straight-5 average and 2 to a straight-2 one under any valid rule', () => {
    fc.assert(fc.property(rounding, (r) => {
      expect(suggestPeriodMark(5, r)).toBe(5);
      expect(suggestPeriodMark(2, r)).toBe(2);
    }));
  });

  it('under thresholds, answers 5, 4, 3 exactly from each threshold on', () => {
    fc.assert(fc.property(rounding, average, (r, a) => {
      if (r.kind !== 'thresholds') return;
      // Averages a hair below a threshold count as reaching it (binary fractions); leave those to the examples.
      fc.pre([r.five, r.four, r.three].every((x) => Math.abs(a - x) > 1e-6));
      const expected = a >= r.five ? 5 : a >= r.four ? 4 : a >= r.three ? 3 : 2;
      expect(suggestPeriodMark(a, r)).toBe(expected);
    }));
  });
});

describe('policyIssues', () => {
  it('accepts the default', () => {
    expect(policyIssues(defaultMarkEntryPolicy)).toEqual([]);
  });

  it('names every field that is wrong', () => {
    const bad: MarkEntryPolicy = {
      currentMarksDaysBack: -1, periodMarksDaysAfter: 366, minMarksForPeriodMark: 21,
      rounding: { kind: 'thresholds', five: 5.5, four: 3.5, three: 3.6 },
    };
    expect(policyIssues(bad).map((i) => i.path).sort()).toEqual(
      ['currentMarksDaysBack', 'minMarksForPeriodMark', 'periodMarksDaysAfter', 'rounding.five', 'rounding.four'],
    );
    expect(policyIssues({ ...defaultMarkEntryPolicy, rounding: { kind: 'thresholds', five: 4.5, four: 3.5, three: 2 } }).map((i) => i.path)).toEqual(['rounding.three']);
    expect(policyIssues({ ...defaultMarkEntryPolicy, currentMarksDaysBack: 1.5 })).toHaveLength(1);
  });

  it('accepts exactly the ordered thresholds within (2, 5]', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 6, noNaN: true }), fc.double({ min: 1, max: 6, noNaN: true }), fc.double({ min: 1, max: 6, noNaN: true }), (three, four, five) => {
      const ok = policyIssues({ ...defaultMarkEntryPolicy, rounding: { kind: 'thresholds', five, four, three } }).length === 0;
      expect(ok).toBe(2 < three && three < four && four < five && five <= 5);
    }));
  });
});

describe('entry windows', () => {
  const policy = (back: number, after: number): MarkEntryPolicy => ({ ...defaultMarkEntryPolicy, currentMarksDaysBack: back, periodMarksDaysAfter: after });

  it('lets current marks in from the lesson day up to N days later, never ahead', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 }), date, fc.integer({ min: -30, max: 400 }), (back, lesson, late) => {
      const today = addDays(lesson, late);
      expect(mayEnterCurrentMark(policy(back, 5), lesson, today)).toBe(late >= 0 && late <= back);
    }));
    expect(mayEnterCurrentMark(policy(7, 5), '2026-10-01', '2026-10-08')).toBe(true);
    expect(mayEnterCurrentMark(policy(7, 5), '2026-10-01', '2026-10-09')).toBe(false);
    expect(mayEnterCurrentMark(policy(0, 5), '2026-10-01', '2026-10-01')).toBe(true);
    expect(mayEnterCurrentMark(policy(7, 5), '2026-10-02', '2026-10-01')).toBe(false);
  });

  it('lets period marks in during the period and up to N days after its end', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 }), date, fc.integer({ min: -100, max: 400 }), (after, end, late) => {
      expect(mayEnterPeriodMark(policy(7, after), end, addDays(end, late))).toBe(late <= after);
    }));
    expect(mayEnterPeriodMark(policy(7, 5), '2026-10-23', '2026-10-28')).toBe(true);
    expect(mayEnterPeriodMark(policy(7, 5), '2026-10-23', '2026-10-29')).toBe(false);
  });
});
