import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, schoolDayOf, type AcademicCalendar } from './calendar';
import {
  heldLessons, journalTeachersOf, lessonAt, lessonsBetween, lessonsOn, sameTime, shareStudents, versionOn,
  type DatedLesson, type LessonChange, type LessonsSource, type LessonUnit, type PublishedVersion, type TimetableLesson,
} from './lessons-by-date';
import type { RegimeAssignment } from './regime';

const bells = [
  { number: 1, startsAt: '08:30', endsAt: '09:15' },
  { number: 2, startsAt: '09:25', endsAt: '10:10' },
  { number: 3, startsAt: '10:30', endsAt: '11:15' },
  { number: 4, startsAt: '11:35', endsAt: '12:20' },
  { number: 5, startsAt: '12:30', endsAt: '13:15' },
  { number: 6, startsAt: '13:25', endsAt: '14:10' },
];
const secondShift = [
  { number: 1, startsAt: '13:30', endsAt: '14:15' },
  { number: 2, startsAt: '14:25', endsAt: '15:10' },
];
const assignments: RegimeAssignment[] = [
  { id: 'a-school', bellScheduleId: 'first', target: { kind: 'school' }, startsOn: '2026-09-01', endsOn: null },
  { id: 'a-6b', bellScheduleId: 'second', target: { kind: 'class', classId: '6Б' }, startsOn: '2026-09-01', endsOn: null },
];
const bellSchedules = new Map([['first', bells], ['second', secondShift]]);

/** Two 2026 autumn terms for every grade; grades 1–5 study five days, 6–11 six. */
const calendar: AcademicCalendar = {
  startsOn: '2026-09-01',
  endsOn: '2026-12-28',
  termSchemes: [{
    grades: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], kind: 'half', terms: [
      { number: 1, startsOn: '2026-09-01', endsOn: '2026-12-28' },
    ],
  }],
  holidays: [{ name: 'Осенние каникулы', startsOn: '2026-10-26', endsOn: '2026-11-03' }],
  daysOff: [{ date: '2026-11-04', name: 'День народного единства' }],
  // A Saturday that works as a Monday (for the five-day grades; the six-day ones have it anyway).
  workingWeekends: [{ date: '2026-09-12', worksAs: 1 }],
  weekLengths: [{ grades: [1, 2, 3, 4, 5], days: 5 }, { grades: [6, 7, 8, 9, 10, 11], days: 6 }],
};

const units = new Map<string, LessonUnit>([
  ['5А', { grades: [5], regime: { classId: '5А' } }],
  ['6Б', { grades: [6], regime: { classId: '6Б' } }],
  ['5А-англ-1', { grades: [5], regime: { classId: '5А', studyGroupIds: ['5А-англ-1'] } }],
  ['5А-англ-2', { grades: [5], regime: { classId: '5А', studyGroupIds: ['5А-англ-2'] } }],
]);

const lesson = (id: string, weekday: number, lessonNumber: number, unit: string, employeeId = 'Петрова', extra: Partial<TimetableLesson> = {}): TimetableLesson => ({
  id, weekday, lessonNumber, duration: 1, subjectId: 'математика', employeeId,
  classId: unit.includes('-') ? null : unit, studyGroupId: unit.includes('-') ? unit : null,
  roomId: 'к204', kind: 'regular', format: 'inPerson', distanceUrl: null, ...extra,
});

const september: PublishedVersion = {
  id: 'v1', validFrom: '2026-09-01', lessons: [
    lesson('mon-1', 1, 1, '5А'),
    lesson('mon-2', 1, 2, '5А', 'Сидоров', { subjectId: 'русский' }),
    lesson('tue-1', 2, 1, '5А'),
    lesson('sat-1', 6, 1, '6Б', 'Иванова'),
    lesson('mon-6b', 1, 1, '6Б', 'Иванова', { roomId: 'к301' }),
    lesson('mon-eng-1', 1, 3, '5А-англ-1', 'Смирнова'),
    lesson('mon-eng-2', 1, 3, '5А-англ-2', 'Кузнецова', { format: 'distance', distanceUrl: 'https://meet.example.ru/eng' }),
    lesson('wed-club', 3, 7, '5А', 'Сидоров', { kind: 'extracurricular', subjectId: 'шахматы' }),
  ],
};
const october: PublishedVersion = { id: 'v2', validFrom: '2026-10-05', lessons: [lesson('oct-mon-1', 1, 1, '5А', 'Орлова')] };

const source = (changes: LessonChange[] = [], versions: PublishedVersion[] = [september, october]): LessonsSource =>
  ({ calendar, versions, units, assignments, bellSchedules, changes });

const change = (kind: LessonChange['kind'], timetableLessonId: string, date: string, extra: Partial<LessonChange> = {}): LessonChange => ({
  id: `${kind}-${timetableLessonId}-${date}`, timetableLessonId, date, kind,
  substituteEmployeeId: null, roomId: null, newDate: null, newLessonNumber: null, distanceUrl: null, reason: null, ...extra,
});

const ids = (list: readonly DatedLesson[]) => list.map((l) => l.timetableLessonId);

describe('lessons of a date', () => {
  it('gives a Monday its lessons with bell times, the group lessons in parallel and the distance link', () => {
    const day = lessonsOn(source(), '2026-09-07');
    // In time order: 6Б's second shift comes last.
    expect(ids(day)).toEqual(['mon-1', 'mon-2', 'mon-eng-1', 'mon-eng-2', 'mon-6b']);
    expect(day[0]).toMatchObject({ lessonDate: '2026-09-07', date: '2026-09-07', lessonNumber: 1, start: '08:30', end: '09:15', status: 'scheduled', timetableId: 'v1' });
    // 6Б is in the second shift: its own bells.
    expect(day.find((l) => l.timetableLessonId === 'mon-6b')).toMatchObject({ start: '13:30', end: '14:15' });
    expect(day.find((l) => l.timetableLessonId === 'mon-eng-2')).toMatchObject({ format: 'distance', distanceUrl: 'https://meet.example.ru/eng' });
  });

  it('gives extracurricular sessions like lessons, with no time when the bells have no such number', () => {
    const wed = lessonsOn(source(), '2026-09-09');
    expect(wed.find((l) => l.timetableLessonId === 'wed-club')).toMatchObject({ kind: 'extracurricular', lessonNumber: 7, start: null, end: null });
  });

  it('has no lessons on holidays, days off and ordinary weekends; the six-day grade studies on Saturday', () => {
    expect(lessonsOn(source(), '2026-10-27')).toEqual([]);
    expect(lessonsOn(source(), '2026-11-04')).toEqual([]);
    expect(lessonsOn(source(), '2026-09-06')).toEqual([]);
    expect(ids(lessonsOn(source(), '2026-09-19'))).toEqual(['sat-1']);
  });

  it('gives a working Saturday the five-day grades\' Monday lessons', () => {
    // 12.09 works as a Monday: 5А gets its Monday; 6Б has its own Saturday.
    expect(ids(lessonsOn(source(), '2026-09-12'))).toEqual(['mon-1', 'mon-2', 'mon-eng-1', 'mon-eng-2', 'sat-1']);
  });

  it('takes the version in force: the latest published one not after the date', () => {
    expect(ids(lessonsOn(source(), '2026-10-05'))).toEqual(['oct-mon-1']);
    expect(versionOn([september, october], '2026-10-04')?.id).toBe('v1');
    expect(versionOn([september, october], '2026-08-31')).toBeNull();
    expect(lessonsOn(source(), '2026-08-31')).toEqual([]);
  });

  it('applies a substitution, a room change and a distance lesson to that date only', () => {
    const changes = [
      change('substitution', 'mon-1', '2026-09-07', { substituteEmployeeId: 'Орлова', reason: 'болезнь' }),
      change('roomChange', 'mon-1', '2026-09-07', { roomId: 'к101' }),
      change('distance', 'mon-2', '2026-09-07', { distanceUrl: 'https://meet.example.ru/rus' }),
    ];
    const day = lessonsOn(source(changes), '2026-09-07');
    expect(day.find((l) => l.timetableLessonId === 'mon-1')).toMatchObject({
      employeeId: 'Орлова', scheduledEmployeeId: 'Петрова', roomId: 'к101', scheduledRoomId: 'к204', status: 'scheduled',
    });
    expect(day.find((l) => l.timetableLessonId === 'mon-1')!.changes.map((c) => c.kind)).toEqual(['substitution', 'roomChange']);
    expect(day.find((l) => l.timetableLessonId === 'mon-2')).toMatchObject({ format: 'distance', distanceUrl: 'https://meet.example.ru/rus' });
    expect(lessonsOn(source(changes), '2026-09-14').find((l) => l.timetableLessonId === 'mon-1')).toMatchObject({ employeeId: 'Петрова', roomId: 'к204', changes: [] });
  });

  it('marks a cancelled lesson and leaves it out of the held ones', () => {
    const day = lessonsOn(source([change('cancellation', 'mon-2', '2026-09-07')]), '2026-09-07');
    expect(day.find((l) => l.timetableLessonId === 'mon-2')?.status).toBe('cancelled');
    expect(ids(heldLessons(day))).toEqual(['mon-1', 'mon-eng-1', 'mon-eng-2', 'mon-6b']);
  });

  it('moves a lesson to another date and number: its slot shows where it went, the new date holds it', () => {
    const move = change('move', 'mon-2', '2026-09-07', { newDate: '2026-09-08', newLessonNumber: 3 });
    const monday = lessonsOn(source([move]), '2026-09-07');
    expect(monday.find((l) => l.timetableLessonId === 'mon-2')).toMatchObject({ status: 'movedAway', movedTo: { date: '2026-09-08', lessonNumber: 3 } });
    const tuesday = lessonsOn(source([move]), '2026-09-08');
    expect(tuesday.find((l) => l.timetableLessonId === 'mon-2')).toMatchObject({
      status: 'scheduled', lessonDate: '2026-09-07', date: '2026-09-08', lessonNumber: 3, start: '10:30', movedFrom: { date: '2026-09-07', lessonNumber: 2 },
    });
    expect(lessonAt(source([move]), 'mon-2', '2026-09-07')).toMatchObject({ date: '2026-09-08', lessonNumber: 3 });
  });

  it('moves a lesson within its day', () => {
    const move = change('move', 'mon-1', '2026-09-07', { newDate: '2026-09-07', newLessonNumber: 5 });
    const day = lessonsOn(source([move]), '2026-09-07').filter((l) => l.timetableLessonId === 'mon-1');
    expect(day.map((l) => [l.status, l.lessonNumber])).toEqual([['movedAway', 1], ['scheduled', 5]]);
  });

  it('names who keeps the journal: the teacher, the substitute, nobody for a cancelled lesson', () => {
    expect(journalTeachersOf(lessonAt(source(), 'mon-1', '2026-09-07'))).toEqual(['Петрова']);
    expect(journalTeachersOf(lessonAt(source([change('substitution', 'mon-1', '2026-09-07', { substituteEmployeeId: 'Орлова' })]), 'mon-1', '2026-09-07'))).toEqual(['Орлова']);
    expect(journalTeachersOf(lessonAt(source([change('cancellation', 'mon-1', '2026-09-07')]), 'mon-1', '2026-09-07'))).toEqual([]);
    expect(journalTeachersOf(lessonAt(source(), 'mon-1', '2026-09-08'))).toEqual([]);
  });

  it('tells lessons at the same time by bells, or by numbers without them, and who shares students', () => {
    const at = (date: string, lessonNumber: number, start: string | null, end: string | null, duration = 1) => ({ date, lessonNumber, duration, start, end });
    expect(sameTime(at('2026-09-07', 1, '08:30', '09:15'), at('2026-09-07', 1, '13:30', '14:15'))).toBe(false);
    expect(sameTime(at('2026-09-07', 1, '08:30', '09:15'), at('2026-09-07', 2, '09:00', '09:45'))).toBe(true);
    expect(sameTime(at('2026-09-07', 1, null, null, 2), at('2026-09-07', 2, '09:25', '10:10'))).toBe(true);
    expect(sameTime(at('2026-09-07', 1, null, null), at('2026-09-08', 1, null, null))).toBe(false);
    const groups = new Map([['g1', '5А'], ['g2', '5А']]);
    expect(shareStudents({ classId: '5А', studyGroupId: null }, { classId: null, studyGroupId: 'g1' }, groups)).toBe(true);
    expect(shareStudents({ classId: null, studyGroupId: 'g1' }, { classId: null, studyGroupId: 'g2' }, groups)).toBe(false);
    expect(shareStudents({ classId: '5А', studyGroupId: null }, { classId: '6Б', studyGroupId: null }, groups)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated calendars, versions and changes.

const first = '2026-09-01';
const span = 70;
const dateIn = fc.integer({ min: 0, max: span }).map((n) => addDays(first, n));
const saturdayIn = fc.integer({ min: 0, max: 9 }).map((n) => addDays('2026-09-05', n * 7));

const calendarArb: fc.Arbitrary<AcademicCalendar> = fc.record({
  holidays: fc.array(fc.record({ at: dateIn, days: fc.integer({ min: 0, max: 6 }), grades: fc.option(fc.subarray([2, 5, 7, 10], { minLength: 1 }), { nil: undefined }) }), { maxLength: 2 }),
  daysOff: fc.uniqueArray(dateIn, { maxLength: 3 }),
  working: fc.uniqueArray(fc.record({ date: saturdayIn, worksAs: fc.integer({ min: 1, max: 5 }) }), { maxLength: 2, selector: (w) => w.date }),
  six: fc.subarray([7, 10]),
}).map(({ holidays, daysOff, working, six }) => ({
  startsOn: first,
  endsOn: addDays(first, span),
  termSchemes: [{ grades: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], kind: 'half' as const, terms: [{ number: 1, startsOn: first, endsOn: addDays(first, span) }] }],
  holidays: holidays.map((h, i) => ({ name: `Каникулы ${i}`, startsOn: h.at, endsOn: addDays(h.at, h.days), ...(h.grades ? { grades: h.grades } : {}) })),
  daysOff: daysOff.map((date) => ({ date, name: 'Выходной' })),
  workingWeekends: working,
  weekLengths: [{ grades: [1, 2, 3, 4, 5, 6, 8, 9, 11].concat([7, 10].filter((g) => !six.includes(g))), days: 5 as const }, { grades: six, days: 6 as const }],
}));

const unitGrades: Record<string, number> = { '2А': 2, '5Б': 5, '7В': 7, '10А': 10 };
const propertyUnits = new Map<string, LessonUnit>(Object.entries(unitGrades).map(([id, grade]) => [id, { grades: [grade], regime: { classId: id } }]));

const versionsArb: fc.Arbitrary<PublishedVersion[]> = fc.uniqueArray(dateIn, { minLength: 1, maxLength: 3 }).chain((dates) =>
  fc.tuple(...dates.map((validFrom, v) =>
    fc.array(fc.record({
      weekday: fc.integer({ min: 1, max: 6 }),
      lessonNumber: fc.integer({ min: 1, max: 6 }),
      unit: fc.constantFrom(...Object.keys(unitGrades)),
      employeeId: fc.constantFrom('e1', 'e2', 'e3'),
    }), { minLength: 1, maxLength: 12 }).map((rows) => ({
      id: `v${v}`,
      validFrom,
      lessons: rows.map((r, i) => lesson(`v${v}-l${i}`, r.weekday, r.lessonNumber, r.unit, r.employeeId)),
    })))));

const world = fc.record({ calendar: calendarArb, versions: versionsArb });
const sourceOf = (w: { calendar: AcademicCalendar; versions: PublishedVersion[] }, changes: LessonChange[] = []): LessonsSource =>
  ({ calendar: w.calendar, versions: w.versions, units: propertyUnits, assignments, bellSchedules, changes });
const rangeAll = (s: LessonsSource) => lessonsBetween(s, first, addDays(first, span));
const keyOf = (l: DatedLesson) => `${l.timetableLessonId}@${l.lessonDate}`;
const gradeOf = (l: Pick<DatedLesson, 'classId'>) => unitGrades[l.classId!]!;
const weekdayInVersion = (versions: PublishedVersion[], l: DatedLesson) =>
  versions.find((v) => v.id === l.timetableId)!.lessons.find((x) => x.id === l.timetableLessonId)!.weekday;

describe('lessons by date: properties', () => {
  it('puts no lesson on a day that is not a school day of its grade, and only on the weekday the calendar gives the date', () => {
    fc.assert(fc.property(world, (w) => {
      for (const l of rangeAll(sourceOf(w))) {
        const day = schoolDayOf(w.calendar, gradeOf(l), l.date);
        expect(day.schoolDay).toBe(true);
        if (day.schoolDay) expect(day.timetableDay).toBe(weekdayInVersion(w.versions, l));
      }
    }));
  });

  it('takes every lesson of a date from the latest published version not after it', () => {
    fc.assert(fc.property(world, (w) => {
      for (const l of rangeAll(sourceOf(w))) {
        const inForce = w.versions.filter((v) => v.validFrom <= l.date).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
        expect(l.timetableId).toBe(inForce?.id);
      }
    }));
  });

  it('gives a working Saturday of a five-day grade the lessons of the weekday it replaces', () => {
    fc.assert(fc.property(world, (w) => {
      const s = sourceOf(w);
      for (const saturday of w.calendar.workingWeekends) {
        const version = versionOn(w.versions, saturday.date);
        for (const [unit, grade] of Object.entries(unitGrades)) {
          const day = schoolDayOf(w.calendar, grade, saturday.date);
          if (!day.schoolDay || w.calendar.weekLengths.find((x) => x.grades.includes(grade))?.days === 6) continue;
          const expected = (version?.lessons ?? []).filter((x) => x.classId === unit && x.weekday === saturday.worksAs).map((x) => x.id).sort();
          const got = lessonsOn(s, saturday.date).filter((l) => l.classId === unit).map((l) => l.timetableLessonId).sort();
          expect(got).toEqual(expected);
        }
      }
    }));
  });

  it('removes exactly the cancelled lesson from the held ones', () => {
    fc.assert(fc.property(world, fc.nat(), (w, pick) => {
      const held = heldLessons(rangeAll(sourceOf(w)));
      fc.pre(held.length > 0);
      const target = held[pick % held.length]!;
      const after = heldLessons(rangeAll(sourceOf(w, [change('cancellation', target.timetableLessonId, target.lessonDate)])));
      expect(after.map(keyOf)).toEqual(held.map(keyOf).filter((k) => k !== keyOf(target)));
    }));
  });

  it('keeps the count when a lesson moves, and holds it at the new date and number', () => {
    fc.assert(fc.property(world, fc.nat(), dateIn, fc.integer({ min: 1, max: 8 }), (w, pick, newDate, newLessonNumber) => {
      const held = heldLessons(rangeAll(sourceOf(w)));
      fc.pre(held.length > 0);
      const target = held[pick % held.length]!;
      const moved = rangeAll(sourceOf(w, [change('move', target.timetableLessonId, target.lessonDate, { newDate, newLessonNumber })]));
      const after = heldLessons(moved);
      expect(after.length).toBe(held.length);
      const there = after.filter((l) => keyOf(l) === keyOf(target));
      expect(there).toHaveLength(1);
      expect(there[0]).toMatchObject({ date: newDate, lessonNumber: newLessonNumber, movedFrom: { date: target.lessonDate, lessonNumber: target.lessonNumber } });
    }));
  });
});
