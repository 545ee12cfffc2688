import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conversionIssues, convertedMarks, defaultConversion, isValidValue, isWeightStep, toFivePoint, type ConversionRow, type MarkScale,
} from './mark-scale';

/** A sound table: three distinct thresholds 1–100 for 5, 4, 3 (decreasing) and 0 for 2. */
const tableArb: fc.Arbitrary<ConversionRow[]> = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 })
  .map((t) => {
    const [five, four, three] = [...t].sort((a, b) => b - a) as [number, number, number];
    return [{ from: five, mark: 5 }, { from: four, mark: 4 }, { from: three, mark: 3 }, { from: 0, mark: 2 }];
  });

describe('conversionIssues', () => {
  it('accepts the default table and any generated sound one, in any row order', () => {
    expect(conversionIssues(defaultConversion)).toEqual([]);
    fc.assert(fc.property(tableArb.chain((t) => fc.shuffledSubarray(t, { minLength: 4, maxLength: 4 })), (table) => {
      expect(conversionIssues(table)).toEqual([]);
    }));
  });

  it('refuses thresholds that do not decrease with the mark, a missing mark, a lowest threshold above 0', () => {
    expect(conversionIssues([{ from: 60, mark: 5 }, { from: 70, mark: 4 }, { from: 45, mark: 3 }, { from: 0, mark: 2 }]))
      .toEqual([expect.objectContaining({ path: 'conversion.1.from', code: 'THRESHOLDS_NOT_DECREASING' })]);
    expect(conversionIssues([{ from: 85, mark: 5 }, { from: 65, mark: 4 }, { from: 45, mark: 3 }]).map((i) => i.code)).toEqual(['MARK_MISSING']);
    expect(conversionIssues([{ from: 85, mark: 5 }, { from: 65, mark: 4 }, { from: 45, mark: 3 }, { from: 10, mark: 2 }]))
      .toEqual([expect.objectContaining({ path: 'conversion.3.from', code: 'LOWEST_NOT_ZERO' })]);
    expect(conversionIssues([{ from: 85, mark: 5 }, { from: 65, mark: 5 }, { from: 145, mark: 3 }, { from: 0, mark: 2 }]).map((i) => i.path))
      .toEqual(['conversion.1.mark', 'conversion.2.from', 'conversion']);
  });

  it('property: swapping two thresholds of a sound table makes it unsound', () => {
    fc.assert(fc.property(tableArb, fc.integer({ min: 0, max: 2 }), (table, k) => {
      const swapped = table.map((r) => ({ ...r }));
      [swapped[k]!.from, swapped[k + 1]!.from] = [swapped[k + 1]!.from, swapped[k]!.from];
      expect(conversionIssues(swapped).length).toBeGreaterThan(0);
    }));
  });
});

describe('toFivePoint and isValidValue', () => {
  const five: MarkScale = { kind: 'five' };
  const passFail: MarkScale = { kind: 'passFail' };

  it('five-point marks count as themselves (1–5), pass/fail is not counted, the hundred-point scale by its table', () => {
    expect([1, 2, 3, 4, 5].map((v) => toFivePoint(five, v))).toEqual([1, 2, 3, 4, 5]);
    expect(isValidValue(five, 0)).toBe(false);
    expect(isValidValue(five, 4.5)).toBe(false);
    expect(toFivePoint(passFail, 'pass')).toBeNull();
    expect(isValidValue(passFail, 'fail')).toBe(true);
    expect(isValidValue(passFail, 5)).toBe(false);
    const hundred: MarkScale = { kind: 'hundred', conversion: defaultConversion };
    expect([0, 44, 45, 64, 65, 84, 85, 100].map((v) => toFivePoint(hundred, v))).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
    expect(toFivePoint(hundred, 101)).toBeNull();
  });

  it('property: every result 0–100 converts to 2–5, monotonically, and a threshold gives its own mark', () => {
    fc.assert(fc.property(tableArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (table, a, b) => {
      const scale: MarkScale = { kind: 'hundred', conversion: table };
      const ma = toFivePoint(scale, a)!;
      const mb = toFivePoint(scale, b)!;
      expect(convertedMarks).toContain(ma);
      if (a <= b) expect(ma).toBeLessThanOrEqual(mb);
      for (const row of table) expect(toFivePoint(scale, row.from)).toBe(row.mark);
    }));
  });

  it('weights go in steps of 0.05', () => {
    expect([0.05, 1, 1.5, 1.15, 2.35, 10].every(isWeightStep)).toBe(true);
    expect([0.01, 1.12, 0.333].some(isWeightStep)).toBe(false);
  });
});
