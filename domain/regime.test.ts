import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, assignmentPlan, bellScheduleIssues, breaksOf, isOpenOn, regimeOn, specificityOf, timeOf,
  type BellLesson, type RegimeAssignment, type RegimeTarget,
} from './regime';

const firstShift: BellLesson[] = [
  { number: 1, startsAt: '08:30', endsAt: '09:15' },
  { number: 2, startsAt: '09:25', endsAt: '10:10' },
  { number: 3, startsAt: '10:30', endsAt: '11:15' },
];

/** A valid schedule: numbers from `first`, lengths 20–45, breaks 10–30, starting 8:00–13:00. */
const validSchedule = fc.record({
  first: fc.integer({ min: 1, max: 3 }),
  start: fc.integer({ min: 8 * 60, max: 13 * 60 }),
  parts: fc.array(fc.record({ length: fc.integer({ min: 20, max: 45 }), gap: fc.integer({ min: 10, max: 30 }) }), { minLength: 1, maxLength: 8 }),
}).map(({ first, start, parts }) => {
  let at = start;
  return parts.map((p, i) => {
    const lesson = { number: first + i, startsAt: timeOf(at), endsAt: timeOf(at + p.length) };
    at += p.length + p.gap;
    return lesson;
  });
});

describe('bellScheduleIssues', () => {
  it('accepts an ordinary first shift', () => {
    expect(bellScheduleIssues(firstShift)).toEqual({ errors: [], warnings: [] });
  });

  it('names the lesson that starts before the previous one ended', () => {
    const { errors } = bellScheduleIssues([...firstShift.slice(0, 2), { number: 3, startsAt: '10:00', endsAt: '10:45' }]);
    expect(errors).toEqual([{ path: 'lessons.2.startsAt', code: 'LESSONS_OVERLAP', message: 'Урок 3 начинается раньше, чем закончился урок 2' }]);
  });

  it('refuses repeated numbers, bad times, reversed and too short lessons, all at once', () => {
    const { errors } = bellScheduleIssues([
      { number: 1, startsAt: '08:30', endsAt: '09:15' },
      { number: 1, startsAt: '9:25', endsAt: '10:10' },
      { number: 13, startsAt: '11:00', endsAt: '10:00' },
      { number: 4, startsAt: '12:00', endsAt: '12:10' },
    ]);
    expect(errors.map((e) => e.path)).toEqual(['lessons.1.number', 'lessons.1.startsAt', 'lessons.2.number', 'lessons.2.endsAt', 'lessons.3.endsAt']);
    expect(bellScheduleIssues([]).errors[0]?.path).toBe('lessons');
  });

  it('warns about a short break, a long lesson, lesson 0 and an early start, without refusing', () => {
    const { errors, warnings } = bellScheduleIssues([
      { number: 0, startsAt: '07:30', endsAt: '08:10' },
      { number: 1, startsAt: '08:15', endsAt: '09:05' },
    ]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.code).sort()).toEqual(['BREAK_TOO_SHORT', 'LESSON_TOO_LONG', 'STARTS_TOO_EARLY', 'ZERO_LESSON']);
  });

  it('property: a generated valid schedule has no errors, in any order of its rows', () => {
    fc.assert(fc.property(validSchedule.chain((s) => fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length })), (lessons) => {
      expect(bellScheduleIssues(lessons).errors).toEqual([]);
    }));
  });

  it('property: pulling a lesson\'s start before the previous end is an overlap error at that lesson', () => {
    fc.assert(fc.property(validSchedule.filter((s) => s.length >= 2), fc.nat(), fc.integer({ min: 1, max: 15 }), (lessons, pick, by) => {
      const k = 1 + (pick % (lessons.length - 1));
      const prevEnd = lessons[k - 1]!.endsAt;
      const [h, m] = prevEnd.split(':').map(Number) as [number, number];
      const start = h * 60 + m - by;
      const [eh, em] = lessons[k]!.endsAt.split(':').map(Number) as [number, number];
      const changed = lessons.map((l, i) => (i === k ? { ...l, startsAt: timeOf(start), endsAt: timeOf(Math.max(eh * 60 + em, start + 25)) } : l));
      // keep the following lesson clear of the changed one's end
      if (k + 1 < changed.length && changed[k]!.endsAt > changed[k + 1]!.startsAt) return;
      const { errors } = bellScheduleIssues(changed);
      expect(errors).toContainEqual(expect.objectContaining({ path: `lessons.${k}.startsAt`, code: 'LESSONS_OVERLAP' }));
    }));
  });

  it('property: every warning about a break matches a break under 10 minutes', () => {
    fc.assert(fc.property(validSchedule, fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }), (lessons, shortGaps) => {
      // shift each later lesson earlier so some breaks fall under 10 minutes
      const tight = lessons.map((l) => ({ ...l }));
      for (let i = 1; i < tight.length; i += 1) {
        const gap = shortGaps[i - 1];
        if (gap === undefined) continue;
        const [h, m] = tight[i - 1]!.endsAt.split(':').map(Number) as [number, number];
        const [sh, sm] = tight[i]!.startsAt.split(':').map(Number) as [number, number];
        const [eh, em] = tight[i]!.endsAt.split(':').map(Number) as [number, number];
        const length = eh * 60 + em - (sh * 60 + sm);
        const start = h * 60 + m + gap;
        tight[i] = { ...tight[i]!, startsAt: timeOf(start), endsAt: timeOf(start + length) };
      }
      const { errors, warnings } = bellScheduleIssues(tight);
      expect(errors).toEqual([]);
      const short = breaksOf(tight).filter((b) => b.minutes !== null && b.minutes < 10).map((b) => b.number);
      expect(warnings.filter((w) => w.code === 'BREAK_TOO_SHORT').length).toBe(short.length);
    }));
  });
});

// ---------------------------------------------------------------------------------------------

const ids = ['a', 'b', 'c'];
const dateArb = fc.integer({ min: 0, max: 60 }).map((d) => addDays('2026-09-01', d));
const targetArb: fc.Arbitrary<RegimeTarget> = fc.oneof(
  fc.constant({ kind: 'school' as const }),
  fc.constantFrom(...ids).map((classId) => ({ kind: 'class' as const, classId })),
  fc.constantFrom(...ids).map((studyGroupId) => ({ kind: 'studyGroup' as const, studyGroupId })),
  fc.constantFrom(...ids).map((studentId) => ({ kind: 'student' as const, studentId })),
);
const assignmentArb = fc.record({
  bellScheduleId: fc.constantFrom('s1', 's2', 's3'),
  target: targetArb,
  startsOn: dateArb,
  length: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
}).map(({ length, ...a }) => ({ ...a, endsOn: length === null ? null : addDays(a.startsOn, length) }));
const assignmentsArb = fc.array(assignmentArb, { maxLength: 12 })
  .map((list) => list.map((a, i): RegimeAssignment => ({ ...a, id: `r${String(i).padStart(2, '0')}` })));
const subjectArb = fc.record({
  classId: fc.option(fc.constantFrom(...ids), { nil: null }),
  studyGroupIds: fc.subarray(ids),
  studentId: fc.option(fc.constantFrom(...ids), { nil: null }),
});

const applies = (a: RegimeAssignment, s: { classId: string | null; studyGroupIds: string[]; studentId: string | null }) =>
  a.target.kind === 'school'
  || (a.target.kind === 'class' && a.target.classId === s.classId)
  || (a.target.kind === 'studyGroup' && s.studyGroupIds.includes(a.target.studyGroupId))
  || (a.target.kind === 'student' && a.target.studentId === s.studentId);

describe('regimeOn', () => {
  const school: RegimeAssignment = { id: '1', bellScheduleId: 'main', target: { kind: 'school' }, startsOn: '2026-09-01', endsOn: null };
  const cls: RegimeAssignment = { id: '2', bellScheduleId: 'first', target: { kind: 'class', classId: '1a' }, startsOn: '2026-09-01', endsOn: null };
  const stream: RegimeAssignment = { id: '3', bellScheduleId: 'second', target: { kind: 'studyGroup', studyGroupId: 'g' }, startsOn: '2026-10-01', endsOn: null };
  const own: RegimeAssignment = { id: '4', bellScheduleId: 'iup', target: { kind: 'student', studentId: 'st' }, startsOn: '2026-11-01', endsOn: '2026-11-30' };
  const all = [school, cls, stream, own];

  it('prefers the student, then the group, then the class, then the school', () => {
    const who = { classId: '1a', studyGroupIds: ['g'], studentId: 'st' };
    expect(regimeOn(all, who, '2026-11-10')?.id).toBe('4');
    expect(regimeOn(all, who, '2026-12-01')?.id).toBe('3');
    expect(regimeOn(all, who, '2026-09-15')?.id).toBe('2');
    expect(regimeOn(all, { classId: '5b' }, '2026-09-15')?.id).toBe('1');
    expect(regimeOn(all, { classId: '5b' }, '2026-08-31')).toBeNull();
  });

  it('property: the answer is open on the date, applies, and nothing that applies is more specific', () => {
    fc.assert(fc.property(assignmentsArb, subjectArb, dateArb, (list, subject, date) => {
      const found = regimeOn(list, subject, date);
      const candidates = list.filter((a) => isOpenOn(a, date) && applies(a, subject));
      if (candidates.length === 0) {
        expect(found).toBeNull();
        return;
      }
      expect(found).not.toBeNull();
      expect(candidates).toContain(found);
      const top = Math.max(...candidates.map((a) => specificityOf[a.target.kind]));
      expect(specificityOf[found!.target.kind]).toBe(top);
    }));
  });

  it('property: the order of the assignments does not matter', () => {
    fc.assert(fc.property(assignmentsArb.chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length, maxLength: l.length }))), subjectArb, dateArb,
      ([list, shuffled], subject, date) => {
        expect(regimeOn(shuffled, subject, date)?.id).toBe(regimeOn(list, subject, date)?.id);
      }));
  });

  it('property: a school-wide assignment never overrides a more specific one', () => {
    fc.assert(fc.property(assignmentsArb, subjectArb, dateArb, dateArb, (list, subject, date, from) => {
      const before = regimeOn(list, subject, date);
      const after = regimeOn([...list, { id: 'zz', bellScheduleId: 'new', target: { kind: 'school' }, startsOn: from, endsOn: null }], subject, date);
      if (before && before.target.kind !== 'school') expect(after).toBe(before);
    }));
  });
});

describe('assignmentPlan', () => {
  type Period = { id: string; startsOn: string; endsOn: string | null };
  /** Applies assignments from dates one after another, as the service does, to one target. */
  const applyAll = (starts: string[]): Period[] => {
    let periods: Period[] = [];
    starts.forEach((startsOn, i) => {
      const plan = assignmentPlan(periods, startsOn);
      periods = periods
        .filter((p) => !plan.remove.includes(p.id))
        .map((p) => ({ ...p, endsOn: plan.end.find((e) => e.id === p.id)?.endsOn ?? p.endsOn }));
      periods.push({ id: `p${i}`, startsOn, endsOn: plan.endsOn });
    });
    return periods;
  };

  it('ends the open assignment the day before, or replaces one starting that day', () => {
    expect(assignmentPlan([{ id: 'x', startsOn: '2026-09-01', endsOn: null }], '2027-01-11'))
      .toEqual({ end: [{ id: 'x', endsOn: '2027-01-10' }], remove: [], endsOn: null });
    expect(assignmentPlan([{ id: 'x', startsOn: '2026-09-01', endsOn: null }], '2026-09-01'))
      .toEqual({ end: [], remove: ['x'], endsOn: null });
    expect(assignmentPlan([{ id: 'x', startsOn: '2027-01-11', endsOn: null }], '2026-09-01'))
      .toEqual({ end: [], remove: [], endsOn: '2027-01-10' });
  });

  it('property: after any sequence of assignments a target\'s periods never overlap and the last one is in force on its date', () => {
    fc.assert(fc.property(fc.array(dateArb, { minLength: 1, maxLength: 10 }), (starts) => {
      const periods = applyAll(starts);
      const last = periods[periods.length - 1]!;
      expect(isOpenOn(last, starts[starts.length - 1]!)).toBe(true);
      for (let d = 0; d <= 70; d += 1) {
        const date = addDays('2026-09-01', d);
        expect(periods.filter((p) => isOpenOn(p, date)).length).toBeLessThanOrEqual(1);
      }
      for (const p of periods) if (p.endsOn !== null) expect(p.endsOn >= p.startsOn).toBe(true);
    }));
  });
});
