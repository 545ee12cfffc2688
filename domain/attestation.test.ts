import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradesTitle, periodIssues, periodOf, termName, termScheduleName, type PeriodDraft } from './attestation';
import { addDays } from './calendar';

const year = { startsOn: '2026-09-01', endsOn: '2027-05-26' };

/** Ordered, non-overlapping periods inside the year: cut points over the year's days. */
const goodPeriods: fc.Arbitrary<PeriodDraft[]> = fc.uniqueArray(fc.integer({ min: 0, max: 267 }), { minLength: 2, maxLength: 8 })
  .map((cuts) => cuts.sort((a, b) => a - b))
  .map((cuts) => {
    const out: PeriodDraft[] = [];
    for (let i = 0; i + 1 < cuts.length; i += 2) {
      out.push({ name: `Период ${out.length + 1}`, startsOn: addDays(year.startsOn, cuts[i]!), endsOn: addDays(year.startsOn, cuts[i + 1]!) });
    }
    return out;
  });

describe('periodIssues', () => {
  it('accepts two halves and a single year period', () => {
    expect(periodIssues([
      { name: '1 полугодие', startsOn: '2026-09-01', endsOn: '2026-12-28' },
      { name: '2 полугодие', startsOn: '2027-01-12', endsOn: '2027-05-26' },
    ], year)).toEqual([]);
    expect(periodIssues([{ name: 'Год', startsOn: '2026-09-01', endsOn: '2027-05-26' }], year)).toEqual([]);
  });

  it('names the field of each problem', () => {
    const issues = periodIssues([
      { name: '', startsOn: '2026-08-20', endsOn: '2026-12-28' },
      { name: 'Второй', startsOn: '2026-12-01', endsOn: '2027-02-01' },
      { name: 'Третий', startsOn: '2027-03-01', endsOn: '2027-02-01' },
      { name: 'Четвёртый', startsOn: '2027-03-01', endsOn: '2027-06-30' },
      { name: 'Пятый', startsOn: '2027-02-30', endsOn: '2027-05-01' },
    ], year);
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'periods.0.name:NAME_EMPTY',
      'periods.0.startsOn:PERIOD_OUTSIDE_YEAR',
      'periods.1.startsOn:PERIODS_OVERLAP',
      'periods.2.endsOn:RANGE_REVERSED',
      'periods.3.endsOn:PERIOD_OUTSIDE_YEAR',
      'periods.4.startsOn:DATE_INVALID',
    ]);
    expect(periodIssues([], year)).toMatchObject([{ path: 'periods', code: 'PERIODS_EMPTY' }]);
  });

  it('accepts any ordered non-overlapping periods inside the year', () => {
    fc.assert(fc.property(goodPeriods, (periods) => {
      expect(periodIssues(periods, year)).toEqual([]);
    }));
  });

  it('refuses them once two are swapped or one is moved outside the year', () => {
    fc.assert(fc.property(goodPeriods.filter((p) => p.length >= 2), fc.nat(), (periods, k) => {
      const i = k % (periods.length - 1);
      const swapped = [...periods];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      expect(periodIssues(swapped, year).some((x) => x.code === 'PERIODS_OVERLAP')).toBe(true);
      const outside = periods.map((p, j) => (j === i ? { ...p, endsOn: '2027-06-15' } : p));
      expect(periodIssues(outside, year).some((x) => x.code === 'PERIOD_OUTSIDE_YEAR' && x.path === `periods.${i}.endsOn`)).toBe(true);
    }));
  });
});

describe('periodOf', () => {
  it('finds the one period holding a date, none between periods', () => {
    fc.assert(fc.property(goodPeriods, fc.integer({ min: -10, max: 280 }), (periods, n) => {
      const date = addDays(year.startsOn, n);
      const found = periodOf(periods, date);
      const holding = periods.filter((p) => p.startsOn <= date && date <= p.endsOn);
      expect(holding.length).toBeLessThanOrEqual(1);
      expect(found).toBe(holding[0] ?? null);
    }));
  });
});

describe('names', () => {
  it('words terms and schedules the Russian way', () => {
    expect(termName('quarter', 1)).toBe('1 четверть');
    expect(termName('half', 2)).toBe('2 полугодие');
    expect(termScheduleName('quarter', [1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe('Четверти (1–9 классы)');
    expect(termScheduleName('half', [11, 10])).toBe('Полугодия (10–11 классы)');
    expect(gradesTitle([5])).toBe('5 класс');
    expect(gradesTitle([1, 3, 5])).toBe('1, 3, 5 классы');
  });
});
