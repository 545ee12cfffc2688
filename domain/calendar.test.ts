import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, calendarIssues, schoolDayOf, schoolDaysIn, weekLengthOf, weekdayOf,
  type AcademicCalendar, type TermKind,
} from './calendar';

/** A 2026/27 calendar like a school's: quarters for 1–9 (grade 1 with a February week off), halves for 10–11. */
const year: AcademicCalendar = {
  startsOn: '2026-09-01',
  endsOn: '2027-05-26',
  termSchemes: [
    {
      grades: [1, 2, 3, 4, 5, 6, 7, 8, 9], kind: 'quarter', terms: [
        { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-24' },
        { number: 2, startsOn: '2026-11-05', endsOn: '2026-12-28' },
        { number: 3, startsOn: '2027-01-12', endsOn: '2027-03-20' },
        { number: 4, startsOn: '2027-03-30', endsOn: '2027-05-26' },
      ],
    },
    {
      grades: [10, 11], kind: 'half', terms: [
        { number: 1, startsOn: '2026-09-01', endsOn: '2026-12-28' },
        { number: 2, startsOn: '2027-01-12', endsOn: '2027-05-26' },
      ],
    },
  ],
  holidays: [
    { name: 'Осенние каникулы', startsOn: '2026-10-25', endsOn: '2026-11-04' },
    { name: 'Зимние каникулы', startsOn: '2026-12-29', endsOn: '2027-01-11' },
    { name: 'Дополнительные каникулы', startsOn: '2027-02-15', endsOn: '2027-02-21', grades: [1] },
    { name: 'Весенние каникулы', startsOn: '2027-03-21', endsOn: '2027-03-29' },
  ],
  daysOff: [
    { date: '2027-02-23', name: 'День защитника Отечества' },
    { date: '2027-03-08', name: 'Международный женский день' },
  ],
  workingWeekends: [{ date: '2027-02-20', worksAs: 1 }],
  weekLengths: [{ grades: [1, 2, 3, 4, 5], days: 5 }, { grades: [6, 7, 8, 9, 10, 11], days: 6 }],
};

describe('school days of the 2026/27 sample', () => {
  it('is valid', () => {
    expect(calendarIssues(year)).toEqual([]);
  });

  it('answers the days a school would', () => {
    expect(schoolDayOf(year, 5, '2026-09-01')).toMatchObject({ schoolDay: true, term: { number: 1 }, kind: 'quarter', timetableDay: 2 });
    expect(schoolDayOf(year, 5, '2026-09-05')).toMatchObject({ schoolDay: false, reason: 'weekend', term: { number: 1 } });
    expect(schoolDayOf(year, 7, '2026-09-05')).toMatchObject({ schoolDay: true, timetableDay: 6 });
    expect(schoolDayOf(year, 7, '2026-09-06')).toMatchObject({ schoolDay: false, reason: 'weekend' });
    expect(schoolDayOf(year, 5, '2026-10-28')).toMatchObject({ schoolDay: false, reason: 'holiday', name: 'Осенние каникулы', term: null });
    expect(schoolDayOf(year, 10, '2026-11-10')).toMatchObject({ schoolDay: true, term: { number: 1 }, kind: 'half' });
    expect(schoolDayOf(year, 3, '2027-02-23')).toMatchObject({ schoolDay: false, reason: 'dayOff', term: { number: 3 } });
    expect(schoolDayOf(year, 1, '2027-02-16')).toMatchObject({ schoolDay: false, reason: 'holiday', name: 'Дополнительные каникулы', term: { number: 3 } });
    expect(schoolDayOf(year, 2, '2027-02-16')).toMatchObject({ schoolDay: true });
    // A Saturday made a working day: lessons of Monday, even for a five-day week.
    expect(schoolDayOf(year, 4, '2027-02-20')).toMatchObject({ schoolDay: true, timetableDay: 1 });
    expect(schoolDayOf(year, 4, '2027-05-27')).toMatchObject({ schoolDay: false, reason: 'outsideYear' });
    expect(schoolDayOf(year, 11, '2026-08-31')).toMatchObject({ schoolDay: false, reason: 'outsideYear', term: null });
  });

  it('counts the school days of a week and of a term', () => {
    expect(schoolDaysIn(year, 5, { startsOn: '2026-09-07', endsOn: '2026-09-13' })).toHaveLength(5);
    expect(schoolDaysIn(year, 8, { startsOn: '2026-09-07', endsOn: '2026-09-13' })).toHaveLength(6);
    // The first quarter of a five-day week: 8 weeks minus the first Monday (1 September is a Tuesday).
    expect(schoolDaysIn(year, 5, { startsOn: '2026-09-01', endsOn: '2026-10-24' })).toHaveLength(39);
  });
});

describe('calendar validation', () => {
  it('names overlapping terms, a term outside the year, holidays outside the year, reversed dates', () => {
    const bad: AcademicCalendar = {
      ...year,
      termSchemes: [{
        grades: [5, 5, 12], kind: 'quarter', terms: [
          { number: 1, startsOn: '2026-09-01', endsOn: '2026-11-01' },
          { number: 2, startsOn: '2026-10-20', endsOn: '2026-12-28' },
          { number: 3, startsOn: '2027-01-12', endsOn: '2027-03-20' },
          { number: 4, startsOn: '2027-03-30', endsOn: '2027-06-30' },
        ],
      }],
      holidays: [{ name: 'Летние', startsOn: '2027-06-01', endsOn: '2027-08-31' }, { name: 'Обратные', startsOn: '2026-11-05', endsOn: '2026-11-01' }],
      workingWeekends: [{ date: '2027-02-22', worksAs: 1 }],
    };
    const codes = calendarIssues(bad).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['TERMS_OVERLAP', 'TERM_OUTSIDE_YEAR', 'HOLIDAY_OUTSIDE_YEAR', 'RANGE_REVERSED', 'GRADE_TWICE', 'GRADE_INVALID', 'NOT_A_WEEKEND']));
    for (const issue of calendarIssues(bad)) expect(issue.message).toMatch(/[А-Яа-яЁё]/);
  });

  it('wants as many terms as the kind has', () => {
    const two = { ...year, termSchemes: [{ ...year.termSchemes[1]!, kind: 'trimester' as const }] };
    expect(calendarIssues(two).map((i) => i.code)).toContain('TERM_COUNT');
  });
});

// --- Properties over random calendars ---------------------------------------------------------

const kinds: TermKind[] = ['quarter', 'trimester', 'half'];
const count = { quarter: 4, trimester: 3, half: 2 };

/** A random, valid calendar: ordered cut points make terms inside the year that never overlap. */
const calendarArb = fc.record({
  startOffset: fc.integer({ min: 0, max: 10 }),
  length: fc.integer({ min: 120, max: 300 }),
  kindA: fc.constantFrom(...kinds),
  kindB: fc.constantFrom(...kinds),
  splitGrade: fc.integer({ min: 1, max: 11 }),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }),
  holidays: fc.array(fc.record({ from: fc.integer({ min: 0, max: 300 }), len: fc.integer({ min: 1, max: 14 }), grade: fc.option(fc.integer({ min: 1, max: 11 }), { nil: undefined }) }), { maxLength: 4 }),
  daysOff: fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 5 }),
  six: fc.integer({ min: 1, max: 12 }),
}).map((r): AcademicCalendar => {
  const startsOn = addDays('2026-09-01', r.startOffset);
  const endsOn = addDays(startsOn, r.length);
  const scheme = (kind: TermKind, grades: number[], cuts: number[]) => {
    const points = cuts.slice(0, count[kind] * 2).map((c) => Math.floor(c * r.length)).sort((a, b) => a - b);
    // Term i spans [points[2i], points[2i+1]]; a gap of a day keeps neighbours apart.
    const terms = Array.from({ length: count[kind] }, (_, i) => ({
      number: i + 1, startsOn: addDays(startsOn, points[2 * i]! + i), endsOn: addDays(startsOn, points[2 * i + 1]! + i),
    })).filter((t) => t.endsOn <= endsOn);
    return { grades, kind, terms };
  };
  const low = Array.from({ length: r.splitGrade }, (_, i) => i + 1);
  const high = Array.from({ length: 11 - r.splitGrade }, (_, i) => i + r.splitGrade + 1);
  return {
    startsOn, endsOn,
    termSchemes: [scheme(r.kindA, low, r.cuts), ...(high.length > 0 ? [scheme(r.kindB, high, r.cuts.slice(8))] : [])],
    holidays: r.holidays.map((h, i) => ({
      name: `Каникулы ${i + 1}`, startsOn: addDays(startsOn, Math.min(h.from, r.length)), endsOn: addDays(startsOn, Math.min(h.from + h.len, r.length)),
      ...(h.grade === undefined ? {} : { grades: [h.grade] }),
    })),
    daysOff: r.daysOff.map((d) => ({ date: addDays(startsOn, d), name: 'Праздник' })),
    workingWeekends: [],
    weekLengths: [{ grades: Array.from({ length: 11 - Math.min(r.six, 11) + 1 }, (_, i) => i + Math.min(r.six, 11)), days: 6 }],
  };
});

const gradeArb = fc.integer({ min: 1, max: 11 });
const offsetArb = fc.integer({ min: -30, max: 340 });

describe('school days, as properties', () => {
  it('a school day is inside the year, inside a term of the grade, on a weekday of its week, and no holiday or day off', () => {
    fc.assert(fc.property(calendarArb, gradeArb, offsetArb, (cal, grade, offset) => {
      const date = addDays(cal.startsOn, offset);
      const answer = schoolDayOf(cal, grade, date);
      if (!answer.schoolDay) return;
      expect(cal.startsOn <= date && date <= cal.endsOn).toBe(true);
      expect(answer.term.startsOn <= date && date <= answer.term.endsOn).toBe(true);
      expect(weekdayOf(date)).toBeLessThanOrEqual(weekLengthOf(cal, grade));
      expect(answer.timetableDay).toBe(weekdayOf(date));
      expect(cal.daysOff.some((d) => d.date === date)).toBe(false);
      expect(cal.holidays.some((h) => (h.grades === undefined || h.grades.includes(grade)) && h.startsOn <= date && date <= h.endsOn)).toBe(false);
    }), { numRuns: 300 });
  });

  it('generated calendars are valid, and a date lies in at most one term of a grade', () => {
    fc.assert(fc.property(calendarArb, gradeArb, offsetArb, (cal, grade, offset) => {
      expect(calendarIssues(cal).filter((i) => i.code !== 'TERM_COUNT')).toEqual([]);
      const date = addDays(cal.startsOn, offset);
      const scheme = cal.termSchemes.find((s) => s.grades.includes(grade))!;
      expect(scheme.terms.filter((t) => t.startsOn <= date && date <= t.endsOn).length).toBeLessThanOrEqual(1);
    }), { numRuns: 300 });
  });

  it('adding a holiday or a day off never adds school days; a week never has more school days than its length', () => {
    fc.assert(fc.property(calendarArb, gradeArb, offsetArb, fc.integer({ min: 0, max: 20 }), (cal, grade, offset, len) => {
      const range = { startsOn: cal.startsOn, endsOn: cal.endsOn };
      const before = schoolDaysIn(cal, grade, range);
      const from = addDays(cal.startsOn, Math.max(0, offset));
      const more: AcademicCalendar = {
        ...cal,
        holidays: [...cal.holidays, { name: 'Ещё', startsOn: from, endsOn: addDays(from, len) }],
        daysOff: [...cal.daysOff, { date: addDays(from, len + 1), name: 'Ещё' }],
      };
      const after = schoolDaysIn(more, grade, range);
      expect(after.every((d) => before.includes(d))).toBe(true);
      for (let monday = cal.startsOn; monday <= cal.endsOn; monday = addDays(monday, 7)) {
        expect(schoolDaysIn(cal, grade, { startsOn: monday, endsOn: addDays(monday, 6) }).length).toBeLessThanOrEqual(weekLengthOf(cal, grade));
      }
    }), { numRuns: 100 });
  });
});
