import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  curriculumIssues, dailyMaxLessons, diffLines, effectiveCurriculum, extracurricularWeeklyMax, sanpinWeeklyMax, totalsByTerm,
  weekCapacity, yearHours, type CurriculumLineInput, type DiffLine, type WeekDays,
} from './curriculum';

const halfHours = (max: number) => fc.integer({ min: 0, max: max * 2 }).map((n) => n / 2);
const line = (hours: number, extra: Partial<CurriculumLineInput> = {}): CurriculumLineInput => ({ part: 'mandatory', hoursPerWeek: hours, hoursByTerm: null, ...extra });
const codes = (r: ReturnType<typeof curriculumIssues>) => r.issues.map((i) => i.code);
const errors = (r: ReturnType<typeof curriculumIssues>) => r.issues.filter((i) => i.severity === 'error');
const gradeArb = fc.integer({ min: 1, max: 11 });
const weekArb = fc.constantFrom<WeekDays>(5, 6);

describe('СанПиН numbers', () => {
  it('transcribes table 6.6', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((g) => sanpinWeeklyMax(g, 5))).toEqual([21, 23, 23, 23, 29, 30, 32, 33, 33, 34, 34]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((g) => sanpinWeeklyMax(g, 6))).toEqual([null, 26, 26, 26, 32, 33, 35, 36, 36, 37, 37]);
    expect([1, 2, 4, 5, 6, 7, 11].map(dailyMaxLessons)).toEqual([4, 5, 5, 6, 6, 7, 7]);
  });

  it('the week always holds the СанПиН maximum (the maximum is a warning, never an error)', () => {
    fc.assert(fc.property(gradeArb, weekArb, (grade, weekDays) => {
      const max = sanpinWeeklyMax(grade, weekDays);
      if (max !== null) expect(weekCapacity(grade, weekDays)).toBeGreaterThanOrEqual(max);
    }));
  });
});

describe('curriculumIssues', () => {
  it('a fifth-grade curriculum of 29 h is clean, 30 h warns with the numbers, 40 h does not fit', () => {
    const ok = curriculumIssues({ grade: 5, weekDays: 5, kind: 'main', termsCount: 4, lines: [line(20), line(9)] });
    expect(ok.issues).toEqual([]);
    expect(ok.totalsByTerm).toEqual([29, 29, 29, 29]);
    const over = curriculumIssues({ grade: 5, weekDays: 5, kind: 'main', termsCount: 4, lines: [line(20), line(10)] });
    expect(over.issues.every((i) => i.severity === 'warning' && i.code === 'SANPIN_WEEKLY_MAX')).toBe(true);
    expect(over.issues[0]!.message).toContain('30');
    expect(over.issues[0]!.message).toContain('29');
    const tooMuch = curriculumIssues({ grade: 5, weekDays: 5, kind: 'main', termsCount: null, lines: [line(25), line(15)] });
    expect(codes(tooMuch)).toEqual(['TOTAL_EXCEEDS_WEEK']);
  });

  it('reports bad hours, a line that does not fit the week, term mismatches and a 6-day first grade', () => {
    const r = curriculumIssues({
      grade: 1, weekDays: 6, kind: 'main', termsCount: 4,
      lines: [line(-1), line(1.25), line(40), line(2, { hoursByTerm: [2, 2] }), line(0)],
    });
    expect(errors(r).map((i) => i.path)).toEqual(['weekDays', 'lines.0.hoursPerWeek', 'lines.1.hoursPerWeek', 'lines.2.hoursPerWeek', 'lines.3.hoursByTerm', 'lines']);
    expect(r.issues.find((i) => i.path === 'lines.2.hoursPerWeek')!.message).toContain('не помещается в неделю');
    expect(r.issues.find((i) => i.code === 'MANDATORY_ZERO')).toMatchObject({ severity: 'warning', path: 'lines.4.hoursPerWeek' });
  });

  it('totals per term follow the per-term hours', () => {
    const r = curriculumIssues({ grade: 10, weekDays: 5, kind: 'main', termsCount: 2, lines: [line(2), line(1, { hoursByTerm: [2, 0] })] });
    expect(r.totalsByTerm).toEqual([4, 2]);
    expect(r.total).toBe(4);
  });

  it('the extracurricular plan warns above 10 h', () => {
    const r = curriculumIssues({ grade: 3, weekDays: 5, kind: 'extracurricular', termsCount: 4, lines: [line(6), line(5)] });
    expect(codes(r)).toEqual(['EXTRACURRICULAR_WEEKLY_MAX']);
    expect(r.weeklyMax).toBe(extracurricularWeeklyMax);
  });

  it('property: valid half-hour lines within the capacity produce no error; the warning appears exactly when the total exceeds the maximum', () => {
    fc.assert(fc.property(gradeArb, weekArb, fc.array(halfHours(6), { maxLength: 12 }), (grade, weekDays, hours) => {
      const days: WeekDays = grade === 1 ? 5 : weekDays;
      const r = curriculumIssues({ grade, weekDays: days, kind: 'main', termsCount: null, lines: hours.map((h) => line(h, { part: 'formed' })) });
      const total = hours.reduce((a, b) => a + b, 0);
      const capacity = weekCapacity(grade, days);
      expect(errors(r).length > 0).toBe(total > capacity);
      const max = sanpinWeeklyMax(grade, days)!;
      expect(codes(r).includes('SANPIN_WEEKLY_MAX')).toBe(total > max && total <= capacity);
      expect(r.total).toBeCloseTo(total);
    }));
  });

  it('property: hours off the half-hour step or negative are always errors at the line path', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 }), fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((n) => -n / 2),
      fc.integer({ min: 0, max: 20 }).map((n) => n + 0.25),
    ), (index, bad) => {
      const lines = Array.from({ length: 6 }, (_, i) => line(i === index ? bad : 1));
      const r = curriculumIssues({ grade: 7, weekDays: 5, kind: 'main', termsCount: null, lines });
      expect(errors(r).some((i) => i.path === `lines.${index}.hoursPerWeek`)).toBe(true);
    }));
  });

  it('property: totals per term have one entry per term and add up the lines', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.array(halfHours(4), { maxLength: 8 }), (terms, hours) => {
      const lines = hours.map((h, i) => line(h, i % 2 === 0 ? { hoursByTerm: Array(terms).fill(h + 0.5) as number[] } : {}));
      const totals = totalsByTerm(lines, terms);
      expect(totals).toHaveLength(terms);
      const expected = hours.reduce((sum, h, i) => sum + (i % 2 === 0 ? h + 0.5 : h), 0);
      totals.forEach((t) => expect(t).toBeCloseTo(expected));
    }));
  });
});

describe('yearHours', () => {
  it('counts weeks × hours of each term', () => {
    expect(yearHours(line(2), [8, 8, 10, 8])).toBe(68);
    expect(yearHours(line(1, { hoursByTerm: [2, 0] }), [16, 18])).toBe(32);
  });

  it('property: with constant hours it is hours × total weeks', () => {
    fc.assert(fc.property(halfHours(10), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 4 }), (h, weeks) => {
      expect(yearHours(line(h), weeks)).toBeCloseTo(h * weeks.reduce((a, b) => a + b, 0));
    }));
  });
});

describe('effectiveCurriculum', () => {
  const grade = { id: 'g', grade: 5, classId: null, studentId: null };
  const ofClass = { id: 'c', grade: 5, classId: 'c5a', studentId: null };
  const own = { id: 's', grade: 5, classId: null, studentId: 'st1' };

  it('takes the student’s own, else the class’s, else the grade’s', () => {
    const student = { studentId: 'st1', classId: 'c5a', grade: 5 };
    expect(effectiveCurriculum([grade, ofClass, own], student)).toEqual({ curriculum: own, source: 'student' });
    expect(effectiveCurriculum([grade, ofClass], student)).toEqual({ curriculum: ofClass, source: 'class' });
    expect(effectiveCurriculum([grade], student)).toEqual({ curriculum: grade, source: 'grade' });
    expect(effectiveCurriculum([grade], { studentId: 'x', classId: null, grade: 6 })).toBeNull();
  });

  it('property: the answer never depends on the order of the candidates', () => {
    fc.assert(fc.property(fc.shuffledSubarray([grade, ofClass, own, { id: 'o', grade: 5, classId: null, studentId: 'other' }]), (cands) => {
      const student = { studentId: 'st1', classId: 'c5a', grade: 5 };
      const a = effectiveCurriculum(cands, student);
      const b = effectiveCurriculum([...cands].reverse(), student);
      expect(a?.curriculum.id).toBe(b?.curriculum.id);
      if (a) expect(a.curriculum.id).not.toBe('o');
    }));
  });
});

describe('diffLines', () => {
  const lineArb = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd', 'e'), subject: fc.constant('S'), part: fc.constantFrom('mandatory' as const, 'formed' as const), hoursPerWeek: halfHours(5) });
  const uniq = (ls: DiffLine[]) => [...new Map(ls.map((l) => [l.key, l])).values()];

  it('property: applying the diff to `from` gives `to`', () => {
    fc.assert(fc.property(fc.array(lineArb).map(uniq), fc.array(lineArb).map(uniq), (from, to) => {
      const d = diffLines(from, to);
      const result = new Map(from.map((l) => [l.key, l.hoursPerWeek]));
      d.removed.forEach((l) => result.delete(l.key));
      d.added.forEach((l) => result.set(l.key, l.hoursPerWeek));
      d.changed.forEach((c) => result.set(c.key, c.toHours));
      expect(Object.fromEntries(result)).toEqual(Object.fromEntries(to.map((l) => [l.key, l.hoursPerWeek])));
      expect(diffLines(from, from)).toEqual({ added: [], removed: [], changed: [] });
    }));
  });
});
