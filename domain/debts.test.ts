import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debtDaysLeft, expiredDebtMark, expiredDebtReason, isDebtExpired } from './debts';
import { isValidValue, markScaleKinds, toFivePoint } from './mark-scale';

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('debts', () => {
  it('a debt is open through its deadline and expired from the next day', () => {
    expect(isDebtExpired('2026-11-14', '2026-11-14')).toBe(false);
    expect(isDebtExpired('2026-11-14', '2026-11-15')).toBe(true);
    expect(isDebtExpired('2026-12-31', '2027-01-01')).toBe(true);
  });

  it('expires exactly when the days left turn negative', () => {
    fc.assert(fc.property(isoDate, isoDate, (deadline, today) => {
      expect(isDebtExpired(deadline, today)).toBe(debtDaysLeft(deadline, today) < 0);
    }));
  });

  it('counts days across months and years', () => {
    expect(debtDaysLeft('2026-11-14', '2026-11-14')).toBe(0);
    expect(debtDaysLeft('2027-01-02', '2026-12-30')).toBe(3);
    expect(debtDaysLeft('2026-11-01', '2026-11-03')).toBe(-2);
  });

  it('an expired debt becomes the lowest mark of its scale, valid on it, counting as «2» where it counts', () => {
    for (const kind of markScaleKinds) {
      const { value, mark, fivePoint } = expiredDebtMark(kind);
      expect(isValidValue({ kind }, mark), kind).toBe(true);
      expect(toFivePoint({ kind }, mark), kind).toBe(fivePoint);
      expect(String(mark)).toBe(value);
    }
    expect(expiredDebtMark('five')).toMatchObject({ value: '2', fivePoint: 2 });
    expect(expiredDebtMark('hundred').fivePoint).toBe(2);
    expect(expiredDebtMark('passFail')).toMatchObject({ value: 'fail', fivePoint: null });
  });

  it('names the deadline in the Russian way in the reason', () => {
    expect(expiredDebtReason('2026-11-04')).toBe('Долг не закрыт в срок 04.11.2026');
    fc.assert(fc.property(isoDate, (d) => {
      const [y, m, day] = d.split('-');
      expect(expiredDebtReason(d)).toBe(`Долг не закрыт в срок ${day}.${m}.${y}`);
    }));
  });
});
