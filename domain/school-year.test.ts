import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { academicYearBounds, academicYearOfDate, academicYearTitle } from './school-year';

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('academic year', () => {
  it('starts on 1 September', () => {
    expect(academicYearOfDate('2026-08-31')).toBe(2025);
    expect(academicYearOfDate('2026-09-01')).toBe(2026);
    expect(academicYearOfDate('2027-05-25')).toBe(2026);
    expect(academicYearTitle(2026)).toBe('2026/27');
    expect(academicYearTitle(2099)).toBe('2099/00');
  });

  it('every date lies within the bounds of its academic year', () => {
    fc.assert(fc.property(isoDate, (d) => {
      const { startsOn, endsOn } = academicYearBounds(academicYearOfDate(d));
      expect(startsOn <= d && d <= endsOn).toBe(true);
    }));
  });
});
