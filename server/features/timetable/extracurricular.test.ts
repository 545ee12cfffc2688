// The placement of extracurricular and additional-education sessions after the solver, without a
// database: right after the class's last lesson on its lightest day, never where the teacher, the
// students (every class of an activity group) or a suitable room are taken; what finds no time is
// listed, and the hours a version already has are not placed twice.
import { describe, expect, it } from 'vitest';
import { lessonKindOfSubject, outsideGridOf, placeSessions, type BusyLesson, type SessionInput, type SessionLoad } from './extracurricular';

const regular = (classId: string, weekday: number, lessonNumber: number, over: Partial<BusyLesson> = {}): BusyLesson => ({
  weekday, lessonNumber, duration: 1, employeeId: `t-${classId}-${weekday}-${lessonNumber}`, classId, studyGroupId: null, roomId: null, kind: 'regular', ...over,
});
/** 5А: Mon 5 lessons, Tue 4, Wed 6, Thu 5, Fri 5; 5Б: 5 lessons every day. */
const week = (): BusyLesson[] => [
  ...[5, 4, 6, 5, 5].flatMap((n, d) => Array.from({ length: n }, (_, p) => regular('5a', d + 1, p + 1))),
  ...[5, 5, 5, 5, 5].flatMap((n, d) => Array.from({ length: n }, (_, p) => regular('5b', d + 1, p + 1))),
];
const session = (over: Partial<SessionLoad>): SessionLoad => ({
  id: 'talks', subjectId: 'talks-s', employeeId: 'petrova', classId: '5a', studyGroupId: null, hoursPerWeek: 1, kind: 'extracurricular',
  label: 'Разговоры о важном — 5А (Петрова А. С.)', ...over,
});
const input = (over: Partial<SessionInput>): SessionInput => ({
  loads: [], lessons: week(), classesOfGroup: new Map([['robots', ['5a', '5b']]]), roomsOfSubject: new Map(),
  daysOfClass: () => 5, shiftStartOf: () => 0, ...over,
});

describe('sessions after the lessons', () => {
  it('the kind follows the subject', () => {
    expect(['subject', 'optionalCourse', 'extracurricular', 'additional'].map(lessonKindOfSubject)).toEqual(['regular', 'regular', 'extracurricular', 'additional']);
  });

  it('puts an hour right after the class\'s last lesson on its lightest day', () => {
    const out = placeSessions(input({ loads: [session({})] }));
    expect(out.unplaced).toEqual([]);
    expect(out.lessons).toEqual([expect.objectContaining({ teachingLoadId: 'talks', activityKey: 'talks#1', weekday: 2, lessonNumber: 5, kind: 'extracurricular', classId: '5a', roomId: null })]);
  });

  it('spreads a row\'s hours over different days, the lightest first', () => {
    const out = placeSessions(input({ loads: [session({ hoursPerWeek: 2.5 })] }));
    expect(out.lessons.map((l) => [l.weekday, l.lessonNumber, l.activityKey])).toEqual([[2, 5, 'talks#1'], [1, 6, 'talks#2']]);
  });

  it('waits for the teacher and for a suitable room', () => {
    const lessons = [...week(), regular('6a', 2, 5, { employeeId: 'petrova' }), regular('6a', 2, 6, { roomId: 'hall' })];
    const out = placeSessions(input({ lessons, loads: [session({ subjectId: 'dance' })], roomsOfSubject: new Map([['dance', ['hall']]]) }));
    expect(out.lessons.map((l) => [l.weekday, l.lessonNumber, l.roomId])).toEqual([[2, 7, 'hall']]);
  });

  it('an activity group waits until every class it draws from has finished', () => {
    const out = placeSessions(input({ loads: [session({ id: 'rb', classId: null, studyGroupId: 'robots', kind: 'additional' })] }));
    // Tue: 5А has 4 lessons, 5Б 5 — the group starts at the 6th; Tue is the lightest day of both together.
    expect(out.lessons.map((l) => [l.weekday, l.lessonNumber, l.kind, l.studyGroupId])).toEqual([[2, 6, 'additional', 'robots']]);
  });

  it('a group across shifts meets after its first-shift classes, before the second shift starts', () => {
    // 6А studies in the second shift (its lesson 1 is the problem's period 7).
    const lessons = [...week(), ...[1, 2, 3, 4, 5].flatMap((d) => [1, 2, 3].map((n) => regular('6a', d, n)))];
    const shiftStartOf = (c: string) => (c === '6a' ? 7 : 0);
    const out = placeSessions(input({ lessons, shiftStartOf, classesOfGroup: new Map([['mixed', ['6a', '5a']]]),
      loads: [session({ id: 'mx', classId: null, studyGroupId: 'mixed', kind: 'additional' })] }));
    expect(out.lessons.map((l) => [l.weekday, l.lessonNumber])).toEqual([[2, 5]]);
    // Seven first-shift lessons every day, and six of the second shift after them: no time is left up to the 12th.
    const day = (classId: string, n: number) => Array.from({ length: 5 }, (_, d) => Array.from({ length: n }, (_, p) => regular(classId, d + 1, p + 1))).flat();
    const none = placeSessions(input({ lessons: [...day('5a', 7), ...day('6a', 6)], shiftStartOf, classesOfGroup: new Map([['mixed', ['6a', '5a']]]),
      loads: [session({ id: 'mx', classId: null, studyGroupId: 'mixed', kind: 'additional' })] }));
    expect(none.unplaced.map((u) => u.hours)).toEqual([1]);
  });

  it('lists what finds no time, in Russian, instead of failing', () => {
    // Every day of 5А has at least four lessons: nothing fits up to the 4th.
    const none = placeSessions(input({ loads: [session({ hoursPerWeek: 1 })], maxLessonNumber: 4 }));
    expect(none.lessons).toEqual([]);
    expect(none.unplaced).toEqual([{ teachingLoadId: 'talks', hours: 1, message: expect.stringContaining('Разговоры о важном — 5А (Петрова А. С.): не поставлено 1 час в неделю') }]);
  });

  it('keeps the sessions a version already has and places only the rest', () => {
    const kept = { ...regular('5a', 3, 7, { employeeId: 'petrova' }), kind: 'extracurricular', activityKey: 'talks#1' };
    const out = placeSessions(input({ lessons: [...week(), kept], loads: [session({ hoursPerWeek: 2 })] }));
    expect(out.lessons.map((l) => [l.weekday, l.activityKey])).toEqual([[2, 'talks#2']]);
  });

  it('counts the hours a version lacks', () => {
    const loads = [session({ hoursPerWeek: 2 }), session({ id: 'math', kind: 'regular', hoursPerWeek: 5 })];
    expect(outsideGridOf(loads, [{ kind: 'extracurricular', teachingLoadId: 'talks' }])).toEqual([
      { teachingLoadId: 'talks', hours: 1, message: 'Разговоры о важном — 5А (Петрова А. С.): нет в расписании 1 час из 2 в неделю' },
    ]);
  });
});
