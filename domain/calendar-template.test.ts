import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarIssues, gradeSummaries, schoolDayOf, weekdayOf } from './calendar';
import { typicalCalendar } from './calendar-template';

const options = fc.record({ weekDays: fc.constantFrom<5 | 6>(5, 6), seniorHalves: fc.boolean() });
const year = fc.integer({ min: 2020, max: 2040 });

describe('typicalCalendar', () => {
  it('gives 2026/27 the dates the reference facts lead to', () => {
    const c = typicalCalendar(2026);
    expect(c).toMatchObject({ startsOn: '2026-09-01', endsOn: '2027-05-26' });
    expect(c.holidays.map((h) => [h.startsOn, h.endsOn])).toEqual([
      ['2026-10-31', '2026-11-08'], ['2026-12-31', '2027-01-10'], ['2027-02-15', '2027-02-21'], ['2027-03-27', '2027-04-04'],
    ]);
    expect(c.daysOff.map((d) => d.date)).toEqual(['2026-11-04', '2026-12-31', '2027-02-23', '2027-03-08', '2027-05-01', '2027-05-03', '2027-05-09', '2027-05-10']);
    expect(c.termSchemes.map((s) => [s.kind, s.grades.length, s.terms.length])).toEqual([['quarter', 9, 4], ['half', 2, 2]]);
  });

  it('follows the published 2025/26 recommendation and the 2026 decree', () => {
    const c = typicalCalendar(2025);
    expect(c.holidays.map((h) => [h.startsOn, h.endsOn])).toEqual([
      ['2025-10-25', '2025-11-02'], ['2025-12-31', '2026-01-11'], ['2026-02-16', '2026-02-22'], ['2026-03-28', '2026-04-05'],
    ]);
    const off = c.daysOff.map((d) => d.date);
    for (const d of ['2025-11-03', '2025-11-04', '2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11']) expect(off).toContain(d);
    expect(schoolDayOf(c, 5, '2026-03-09')).toMatchObject({ schoolDay: false, reason: 'dayOff' });
  });

  it('passes calendarIssues for every year 2020–2040 and every option', () => {
    fc.assert(fc.property(year, options, (y, o) => {
      expect(calendarIssues(typicalCalendar(y, o))).toEqual([]);
    }));
  });

  it('starts on the first working day of September and ends on a working day by 26 May', () => {
    fc.assert(fc.property(year, options, (y, o) => {
      const c = typicalCalendar(y, o);
      expect(c.startsOn >= `${y}-09-01` && c.startsOn <= `${y}-09-03`).toBe(true);
      expect(c.endsOn >= `${y + 1}-05-24` && c.endsOn <= `${y + 1}-05-26`).toBe(true);
      // The first grade always has a five-day week; on a six-day week the year may start on a Saturday without it.
      for (const grade of o.weekDays === 5 ? [1, 5, 10] : [5, 10]) {
        expect(schoolDayOf(c, grade, c.startsOn).schoolDay).toBe(true);
        expect(schoolDayOf(c, grade, c.endsOn).schoolDay).toBe(true);
      }
      expect(weekdayOf(c.startsOn)).toBeLessThanOrEqual(o.weekDays);
    }));
  });

  it('gives holidays of at least a week, with no school day in them', () => {
    fc.assert(fc.property(year, options, (y, o) => {
      const c = typicalCalendar(y, o);
      for (const h of c.holidays) {
        let days = 0;
        for (let d = h.startsOn; d <= h.endsOn; d = addDays(d, 1)) {
          days += 1;
          for (const grade of h.grades ?? [1, 4, 9, 11]) expect(schoolDayOf(c, grade, d).schoolDay).toBe(false);
        }
        expect(days).toBeGreaterThanOrEqual(7);
      }
    }));
  });

  it('gives about 34 weeks (33 in the first grade), each term a school day at both ends of the year', () => {
    fc.assert(fc.property(year, options, (y, o) => {
      const summaries = gradeSummaries(typicalCalendar(y, o));
      expect(summaries.map((s) => s.grade)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      for (const s of summaries) {
        const [min, max] = s.grade === 1 ? [31.5, 34] : [32.5, 35];
        expect(s.weeks).toBeGreaterThanOrEqual(min);
        expect(s.weeks).toBeLessThanOrEqual(max);
        for (const t of s.terms) expect(t.schoolDays).toBeGreaterThan(0);
      }
    }));
  });
});
