// Attendance around the journal over HTTP, on the small school of lessons.test-fixtures.ts: the
// school's codes (defaults, a whole list saved, bad lists refused with their paths and nothing
// saved), the board of a day's absences (what the administration and a class teacher see, lessons
// whose attendance is not taken yet, a subject teacher refused), a student's attendance over a
// period, and the open debts. Journal lessons and entries are mostly written straight into the
// tables (the journal's routes are tested with the journal); one case writes through the journal's
// attendance route to see the board read what it writes. The test clock starts at
// 2 November 2026, 14:00 in the school (the autumn holidays).
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceCodes, attendanceEntries, classes, employees, journalLessons, timetableLessons } from '../../db/schema';
import { createAccount, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';
import { seedLessonsSchool, type LessonsSchool } from '../lessons/lessons.test-fixtures';
import { seedDebts, type DebtsFixture } from './attendance.test-fixtures';

type Failure = { error: { code: string; message: string; details?: { path: string; code?: string; message: string }[] } };
type Codes = { codes: { code: string; title: string; category: string; reason: string | null; minutes: number | null }[]; isDefault: boolean };
type BoardStudent = { studentId: string; name: string; status: string; wholeDay: boolean; entries: { lessonNumber: number; subject: { name: string }; category: string; code: string; reason: string | null; minutesLate: number | null }[] };
type BoardClass = {
  class: { id: string; name: string }; classTeacher: { name: string } | null; enrolled: number;
  counts: { absentUnexcused: number; absentExcused: number; late: number }; students: BoardStudent[];
  pendingLessons: { timetableLessonId: string; lessonNumber: number; subject: { name: string }; teacher: { name: string }; studyGroup: { name: string } | null }[];
  takenLessons: number;
};
type Board = { date: string; isToday: boolean; generatedAt: string; totals: Record<string, number>; classes: BoardClass[] };

let t: TestApp;
let s: LessonsSchool;
let classTeacher: Client;
let students: { s1: string; s2: string; s3: string };

const failure = (res: { statusCode: number; json(): unknown }, status: number): Failure['error'] => {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  return (res.json() as Failure).error;
};

/** A journal lesson of a dated timetable lesson, as the journal makes it; `taken`: its attendance is confirmed. */
async function journalLesson(timetableLessonId: string, date: string, lessonNumber: number, target: { subjectId: string; employeeId: string; classId?: string; studyGroupId?: string }, taken: boolean): Promise<string> {
  const [row] = await t.database.db.insert(journalLessons).values({
    schoolId: s.schoolId, academicYear: 2026, date, plannedDate: date, lessonNumber, timetableLessonId,
    subjectId: target.subjectId, employeeId: target.employeeId, classId: target.classId ?? null, studyGroupId: target.studyGroupId ?? null,
    attendanceTakenAt: taken ? new Date(`${date}T04:00:00Z`) : null,
  }).returning();
  return row!.id;
}

async function entry(journalLessonId: string, studentId: string, date: string, e: { category: string; code: string; reason?: string; minutesLate?: number }): Promise<void> {
  await t.database.db.insert(attendanceEntries).values({
    schoolId: s.schoolId, journalLessonId, studentId, date, category: e.category, code: e.code, reason: e.reason ?? null, minutesLate: e.minutesLate ?? null,
  });
}

/** Moves the clock and signs everyone in again (a session idle for days has ended). */
async function advance(ms: number): Promise<void> {
  t.clock.advance(ms);
  for (const [who, login_] of [['admin', 'ls-admin'], ['teacher', 'ls-teacher'], ['student', 'ls-student'], ['parent', 'ls-parent'], ['otherDirector', 'ls-other']] as const) {
    s.clients[who] = schoolClient(t.app, await login(t.app, `${login_}-attendance`), s.schoolId);
  }
  classTeacher = schoolClient(t.app, await login(t.app, 'att-orlova'), s.schoolId);
}

beforeAll(async () => {
  t = await createTestApp();
  s = await seedLessonsSchool(t, 'attendance');
  const db = t.database.db;
  // Орлова leads 6Б and signs in as its class teacher.
  const account = await createAccount(t.database, { login: 'att-orlova', roles: [{ schoolId: s.schoolId, role: 'classTeacher' }] });
  await db.update(employees).set({ accountId: account.id }).where(eq(employees.id, s.ids.employees.orlova));
  await db.update(classes).set({ classTeacherId: s.ids.employees.orlova }).where(eq(classes.id, s.ids.classes.c6b));
  classTeacher = schoolClient(t.app, await login(t.app, 'att-orlova'), s.schoolId);
  const enrolled = await db.query.enrollments.findMany({ where: (e, { eq: is }) => is(e.schoolId, s.schoolId) });
  const inClass = (classId: string) => enrolled.filter((e) => e.classId === classId).map((e) => e.studentId);
  const [a, b] = inClass(s.ids.classes.c5a);
  const members = await db.query.studyGroupMembers.findMany({ where: (m, { eq: is }) => is(m.studyGroupId, s.ids.groups.eng1) });
  // s1 is the student with an account (the member of English 1), s2 the other 5А student.
  const s1 = members[0]!.studentId;
  students = { s1, s2: s1 === a ? b! : a!, s3: inClass(s.ids.classes.c6b)[0]! };

  // Monday 7 September 2026: 5А's mathematics, Russian and 6Б's mathematics taken; English (both groups) not.
  const { math, russian } = s.ids.subjects;
  const { petrova, sidorov, orlova } = s.ids.employees;
  const math5a = await journalLesson(s.ids.lessons.math5a, '2026-09-07', 1, { subjectId: math, employeeId: petrova, classId: s.ids.classes.c5a }, true);
  const russian5a = await journalLesson(s.ids.lessons.russian5a, '2026-09-07', 2, { subjectId: russian, employeeId: sidorov, classId: s.ids.classes.c5a }, true);
  const math6b = await journalLesson(s.ids.lessons.math6b, '2026-09-07', 1, { subjectId: math, employeeId: orlova, classId: s.ids.classes.c6b }, true);
  await entry(math5a, students.s1, '2026-09-07', { category: 'absentUnexcused', code: 'Н' });
  await entry(russian5a, students.s1, '2026-09-07', { category: 'absentUnexcused', code: 'Н' });
  await entry(math5a, students.s2, '2026-09-07', { category: 'late', code: 'О', minutesLate: 10 });
  await entry(math6b, students.s3, '2026-09-07', { category: 'absentExcused', code: 'Б', reason: 'illness' });
  // Monday 14 September: s1 ill at mathematics.
  const math14 = await journalLesson(s.ids.lessons.math5a, '2026-09-14', 1, { subjectId: math, employeeId: petrova, classId: s.ids.classes.c5a }, true);
  await entry(math14, students.s1, '2026-09-14', { category: 'absentExcused', code: 'Б', reason: 'illness' });
}, 90_000);
afterAll(async () => { await t.close(); });

describe('attendance codes', () => {
  it('gives the defaults Н, П, Б, О until the school saves its own, to every member of staff', async () => {
    for (const who of [s.clients.admin, s.clients.teacher, classTeacher]) {
      const codes = ok<Codes>(await who.get('/attendance-codes'));
      expect(codes.isDefault).toBe(true);
      expect(codes.codes.map((c) => [c.code, c.category, c.reason])).toEqual([
        ['Н', 'absentUnexcused', null], ['П', 'absentExcused', 'other'], ['Б', 'absentExcused', 'illness'], ['О', 'late', null],
      ]);
    }
    expect(failure(await s.clients.student.get('/attendance-codes'), 403).code).toBe('FORBIDDEN');
    expect((await s.clients.otherDirector.get('/attendance-codes')).statusCode).toBe(404);
  });

  it('saves the whole list in its order, trimmed, and gives it back', async () => {
    const saved = ok<Codes>(await s.clients.admin.put('/attendance-codes', {
      codes: [
        { code: ' Н ', title: 'Не был без причины', category: 'absentUnexcused' },
        { code: 'Б', title: 'Болел', category: 'absentExcused', reason: 'illness' },
        { code: 'С', title: 'Семейные обстоятельства', category: 'absentExcused', reason: 'family' },
        { code: 'О', title: 'Опоздал', category: 'late', minutes: null },
        { code: 'ОП', title: 'Опоздал на 15 минут', category: 'late', minutes: 15 },
      ],
    }));
    expect(saved.isDefault).toBe(false);
    expect(saved.codes.map((c) => c.code)).toEqual(['Н', 'Б', 'С', 'О', 'ОП']);
    expect(saved.codes[4]).toEqual({ code: 'ОП', title: 'Опоздал на 15 минут', category: 'late', reason: null, minutes: 15 });
    expect(ok<Codes>(await s.clients.teacher.get('/attendance-codes')).codes.map((c) => c.code)).toEqual(['Н', 'Б', 'С', 'О', 'ОП']);
  });

  it('refuses a repeated code, an unknown category, a missing reason and stray minutes, all at once with paths, saving nothing', async () => {
    const before = ok<Codes>(await s.clients.admin.get('/attendance-codes'));
    const err = failure(await s.clients.admin.put('/attendance-codes', {
      codes: [
        { code: 'Н', title: 'Не был', category: 'absentUnexcused' },
        { code: 'h', title: 'Латинская h читается как «н»', category: 'absentUnexcused' },
        { code: 'Х', title: 'Что-то', category: 'holiday' },
        { code: 'У', title: 'Уважительная', category: 'absentExcused' },
        { code: 'Б', title: 'Болел', category: 'absentExcused', reason: 'illness', minutes: 5 },
        { code: 'П', title: 'Присутствовал', category: 'present' },
      ],
    }), 400);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details!.map((d) => [d.path, d.code])).toEqual([
      ['codes.1.code', 'CODE_REPEATED'],
      ['codes.2.category', 'CATEGORY_MISSING'],
      ['codes.3.reason', 'REASON_MISSING'],
      ['codes.4.minutes', 'MINUTES_UNEXPECTED'],
      ['codes.5.category', 'CATEGORY_PRESENT'],
    ]);
    expect(err.message).toMatch(/уже есть в строке 1/);
    expect(ok<Codes>(await s.clients.admin.get('/attendance-codes'))).toEqual(before);
  });

  it('refuses a list without an unexcused code, an empty list and a malformed body with their paths', async () => {
    const noUnexcused = failure(await s.clients.admin.put('/attendance-codes', { codes: [{ code: 'Б', title: 'Болел', category: 'absentExcused', reason: 'illness' }] }), 400);
    expect(noUnexcused.details!.map((d) => d.path)).toEqual(['codes']);
    expect(failure(await s.clients.admin.put('/attendance-codes', { codes: [] }), 400).details![0]!.path).toBe('codes');
    const malformed = failure(await s.clients.admin.put('/attendance-codes', { codes: [{ code: 5, title: 'x', category: 'late' }] }), 400);
    expect(malformed).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(malformed.details!.map((d) => d.path)).toContain('codes.0.code');
  });

  it('lets only the administration write', async () => {
    const res = await s.clients.teacher.put('/attendance-codes', { codes: [{ code: 'Н', title: 'Н', category: 'absentUnexcused' }] });
    expect(failure(res, 403).code).toBe('FORBIDDEN');
    const [{ n }] = await t.database.db.select({ n: count() }).from(attendanceCodes).where(eq(attendanceCodes.schoolId, s.schoolId)) as [{ n: number }];
    expect(n).toBe(5);
  });
});

describe('the board of a day\'s absences', () => {
  const boardOf = async (who: Client, query = '') => ok<Board>(await who.get(`/attendance/board${query}`));
  const classOf = (b: Board, id: string) => b.classes.find((c) => c.class.id === id)!;

  it('gives the administration every class: who is absent or late, at which lessons, and the lessons not taken yet', async () => {
    const board = await boardOf(s.clients.admin, '?date=2026-09-07');
    expect(board).toMatchObject({ date: '2026-09-07', isToday: false, generatedAt: t.clock.now().toISOString() });
    expect(board.classes.map((c) => c.class.name)).toEqual(['5А', '6Б']);
    const c5a = classOf(board, s.ids.classes.c5a);
    expect(c5a).toMatchObject({ enrolled: 2, counts: { absentUnexcused: 1, absentExcused: 0, late: 1 }, takenLessons: 2, classTeacher: null });
    expect(c5a.students.map((x) => [x.studentId, x.status, x.wholeDay])).toEqual([[students.s1, 'absentUnexcused', true], [students.s2, 'late', false]]);
    expect(c5a.students[0]!.name).toBe('Ученикова Анна');
    expect(c5a.students[0]!.entries.map((e) => [e.lessonNumber, e.subject.name, e.code])).toEqual([[1, 'Математика', 'Н'], [2, 'Русский язык', 'Н']]);
    expect(c5a.students[1]!.entries[0]).toMatchObject({ category: 'late', minutesLate: 10 });
    // English of both subgroups was held and nobody took its attendance.
    expect(c5a.pendingLessons.map((l) => [l.lessonNumber, l.studyGroup?.name, l.teacher.name])).toEqual([
      [3, '5А Английский 1', 'Кузнецова И.'], [3, '5А Английский 2', 'Сидоров О. П.'],
    ]);
    const c6b = classOf(board, s.ids.classes.c6b);
    expect(c6b).toMatchObject({ enrolled: 1, counts: { absentUnexcused: 0, absentExcused: 1, late: 0 }, pendingLessons: [], classTeacher: { name: 'Орлова М. П.' } });
    expect(c6b.students[0]!.entries[0]).toMatchObject({ code: 'Б', reason: 'illness', subject: { name: 'Математика' } });
    expect(board.totals).toEqual({ enrolled: 3, absentUnexcused: 1, absentExcused: 1, late: 1, classesPending: 1 });
  });

  it('gives a class teacher their own class only', async () => {
    const board = await boardOf(classTeacher, '?date=2026-09-07');
    expect(board.classes.map((c) => c.class.name)).toEqual(['6Б']);
    expect(board.totals).toMatchObject({ enrolled: 1, absentExcused: 1, absentUnexcused: 0 });
  });

  it('refuses a subject teacher, a student and a parent; another school\'s director does not see the school', async () => {
    for (const who of [s.clients.teacher, s.clients.student, s.clients.parent]) {
      const err = failure(await who.get('/attendance/board?date=2026-09-07'), 403);
      expect(err.message).toBe('Сводку пропусков видят администрация школы и классные руководители');
    }
    expect(failure(await s.clients.otherDirector.get('/attendance/board'), 404).code).toBe('SCHOOL_NOT_FOUND');
    expect(failure(await s.clients.admin.get('/attendance/board?date=07.09.2026'), 400).details![0]!.path).toBe('date');
  });

  it('today: a lesson is due once it has begun, and leaves the list when its attendance is taken', async () => {
    // Monday 9 November 2026, 08:00 in Yekaterinburg: the October timetable's 1st lesson (08:30) has not begun.
    await advance(7 * 86_400_000 - 6 * 3_600_000);
    let board = await boardOf(s.clients.admin);
    expect(board).toMatchObject({ date: '2026-11-09', isToday: true });
    expect(classOf(board, s.ids.classes.c5a).pendingLessons).toEqual([]);
    await advance(3_600_000);
    board = await boardOf(s.clients.admin);
    expect(classOf(board, s.ids.classes.c5a).pendingLessons.map((l) => [l.timetableLessonId, l.lessonNumber])).toEqual([[s.ids.lessons.octMath5a, 1]]);
    expect(board.totals.classesPending).toBe(1);
    // The teacher confirms the lesson's attendance: one absent.
    const lesson = await journalLesson(s.ids.lessons.octMath5a, '2026-11-09', 1, { subjectId: s.ids.subjects.math, employeeId: s.ids.employees.petrova, classId: s.ids.classes.c5a }, true);
    await entry(lesson, students.s2, '2026-11-09', { category: 'absentUnexcused', code: 'Н' });
    board = await boardOf(s.clients.admin);
    const c5a = classOf(board, s.ids.classes.c5a);
    expect(c5a).toMatchObject({ pendingLessons: [], takenLessons: 1, counts: { absentUnexcused: 1 } });
    expect(c5a.students.map((x) => [x.studentId, x.wholeDay])).toEqual([[students.s2, true]]);
    // A future date lists nothing as due.
    expect((await boardOf(s.clients.admin, '?date=2026-11-16')).totals.classesPending).toBe(0);
  });

  it('shows what the teacher writes through the journal, in the school\'s own codes', async () => {
    const lesson = ok<{ id: string }>(await s.clients.teacher.post('/journal/lessons', { timetableLessonId: s.ids.lessons.octMath5a, date: '2026-11-09' }));
    // The whole column: s1 ill (the school's «Б»), everyone else present.
    ok(await s.clients.teacher.put(`/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: students.s1, code: 'б' }] }));
    const c5a = classOf(await boardOf(s.clients.admin), s.ids.classes.c5a);
    expect(c5a.students.map((x) => [x.studentId, x.status, x.entries.map((e) => [e.code, e.reason])])).toEqual([
      [students.s1, 'absentExcused', [['Б', 'illness']]],
    ]);
    expect(c5a.counts).toEqual({ absentUnexcused: 0, absentExcused: 1, late: 0 });
  });
});

describe('a student\'s attendance over a period', () => {
  type Summary = {
    totals: { absentUnexcused: { lessons: number; hours: number }; absentExcused: { lessons: number; hours: number; byReason: Record<string, number> }; late: { lessons: number; minutes: number }; absent: { lessons: number; hours: number } };
    bySubject: { subject: { name: string }; absentUnexcused: number; absentExcused: number; late: number; hours: number }[];
    items: { date: string; lessonNumber: number; code: string }[];
  };

  it('counts lessons and hours by category, reason and subject', async () => {
    const sum = ok<Summary>(await s.clients.admin.get(`/attendance/students/${students.s1}?from=2026-09-01&to=2026-09-30`));
    expect(sum.totals).toEqual({
      absentUnexcused: { lessons: 2, hours: 2 },
      absentExcused: { lessons: 1, hours: 1, byReason: { illness: 1, family: 0, other: 0 } },
      late: { lessons: 0, minutes: 0 },
      absent: { lessons: 3, hours: 3 },
    });
    expect(sum.bySubject.map((x) => [x.subject.name, x.absentUnexcused, x.absentExcused, x.hours])).toEqual([['Математика', 1, 1, 2], ['Русский язык', 1, 0, 1]]);
    expect(sum.items.map((i) => [i.date, i.lessonNumber, i.code])).toEqual([['2026-09-07', 1, 'Н'], ['2026-09-07', 2, 'Н'], ['2026-09-14', 1, 'Б']]);
    const late = ok<Summary>(await s.clients.admin.get(`/attendance/students/${students.s2}?from=2026-09-07&to=2026-09-07`));
    expect(late.totals.late).toEqual({ lessons: 1, minutes: 10 });
    expect(late.totals.absent).toEqual({ lessons: 0, hours: 0 });
  });

  it('is read by the student themself, their parent and their teacher; not for another student', async () => {
    for (const who of [s.clients.student, s.clients.parent, s.clients.teacher, s.clients.admin]) {
      expect(ok<Summary>(await who.get(`/attendance/students/${students.s1}?from=2026-09-01&to=2026-09-30`)).totals.absent.lessons).toBe(3);
    }
    for (const who of [s.clients.student, s.clients.parent]) {
      expect(failure(await who.get(`/attendance/students/${students.s2}?from=2026-09-01&to=2026-09-30`), 404).code).toBe('NOT_FOUND');
    }
    // Орлова leads 6Б: s1 is not hers.
    expect(failure(await classTeacher.get(`/attendance/students/${students.s1}?from=2026-09-01&to=2026-09-30`), 404).code).toBe('NOT_FOUND');
    expect(ok<Summary>(await classTeacher.get(`/attendance/students/${students.s3}?from=2026-09-01&to=2026-09-30`)).totals.absentExcused.lessons).toBe(1);
  });

  it('counts a double lesson as two academic hours', async () => {
    const db = t.database.db;
    await db.update(timetableLessons).set({ duration: 2 }).where(eq(timetableLessons.id, s.ids.lessons.russian5a));
    try {
      const sum = ok<Summary>(await s.clients.admin.get(`/attendance/students/${students.s1}?from=2026-09-07&to=2026-09-07`));
      expect(sum.totals.absentUnexcused).toEqual({ lessons: 2, hours: 3 });
      expect(sum.bySubject.find((x) => x.subject.name === 'Русский язык')?.hours).toBe(2);
    } finally {
      await db.update(timetableLessons).set({ duration: 1 }).where(eq(timetableLessons.id, s.ids.lessons.russian5a));
    }
  });

  it('refuses a reversed or too long period with the field', async () => {
    expect(failure(await s.clients.admin.get(`/attendance/students/${students.s1}?from=2026-09-30&to=2026-09-01`), 400).details![0]!.path).toBe('to');
    expect(failure(await s.clients.admin.get(`/attendance/students/${students.s1}?from=2026-01-01&to=2027-06-01`), 400).details![0]!.path).toBe('to');
    expect(failure(await s.clients.admin.get(`/attendance/students/${students.s1}?from=2026-09-01`), 400).details![0]!.path).toBe('to');
  });
});

describe('open debts', () => {
  let d: DebtsFixture;
  type Debts = { items: { markId: string; student: { id: string; name: string }; subject: { name: string }; controlForm: { shortName: string }; deadline: string; overdue: boolean; daysLeft: number }[]; total: number };

  beforeAll(async () => {
    d = await seedDebts(t.database, s, students);
  });

  it('lists a class × subject\'s open debts for its teacher, earliest deadline first, with the days left', async () => {
    // The clock stands at 9 November 2026.
    const list = ok<Debts>(await s.clients.teacher.get(`/journal-debts?classId=${s.ids.classes.c5a}&subjectId=${s.ids.subjects.math}`));
    expect(list.items.map((i) => [i.markId, i.deadline, i.overdue, i.daysLeft])).toEqual([
      [d.marks.s1Early, '2026-11-06', true, -3], [d.marks.s2Late, '2026-11-20', false, 11],
    ]);
    expect(list.items[0]).toMatchObject({ student: { name: 'Ученикова Анна' }, subject: { name: 'Математика' }, controlForm: { shortName: 'КР' } });
  });

  it('lists one student\'s debts in every subject for the student, the parent and the administration', async () => {
    for (const who of [s.clients.student, s.clients.parent, s.clients.admin]) {
      const list = ok<Debts>(await who.get(`/journal-debts?studentId=${students.s1}`));
      expect(list.items.map((i) => i.markId).sort()).toEqual([d.marks.s1Early, d.marks.s1PassFail].sort());
    }
    expect(failure(await s.clients.student.get(`/journal-debts?studentId=${students.s2}`), 404).code).toBe('NOT_FOUND');
  });

  it('does not open a class the teacher does not teach, and refuses a class with a group', async () => {
    expect(failure(await s.clients.teacher.get(`/journal-debts?classId=${s.ids.classes.c6b}`), 404).code).toBe('NOT_FOUND');
    expect(failure(await s.clients.admin.get(`/journal-debts?classId=${s.ids.classes.c5a}&studyGroupId=${s.ids.groups.eng1}`), 400).details![0]!.path).toBe('studyGroupId');
    expect(ok<Debts>(await s.clients.admin.get(`/journal-debts?studyGroupId=${s.ids.groups.eng1}`)).items.map((i) => i.student.id)).toEqual([students.s1, students.s1]);
  });

  it('narrows a school-wide list to the caller\'s students', async () => {
    expect(ok<Debts>(await s.clients.admin.get('/journal-debts')).total).toBe(3);
    const own = ok<Debts>(await classTeacher.get('/journal-debts'));
    expect(own.total).toBe(0);
    expect(failure(await classTeacher.get(`/journal-debts?studentId=${students.s1}`), 404).code).toBe('NOT_FOUND');
  });

});
