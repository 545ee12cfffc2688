// The class journal over HTTP on the lessons school (journal.test-fixtures.ts): journal lessons of
// dated lessons, the topic, marks (scales, forms, debts, comments as text), a column of marks all or
// nothing, attendance with the unexcused-absence event, the grid with averages and its scope, a
// cell's history, the window, who may write, safe writes (Idempotency-Key, If-Match) and the
// audit the database will not let anyone alter. The clock stands on Tuesday 8 September 2026
// (10:00 in the school) unless a test moves it; the Monday lessons of 5А Математика are Петрова's.
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceEntries, employees, journalAudit, journalLessons, marks, notificationEvents, plannedTopics, workProgrammes } from '../../db/schema';
import { as, createAccount, createTestApp, login, type TestApp } from '../../test/app';
import { seedJournalSchool, setClock, type JournalSchool, type Request } from './journal.test-fixtures';

type Json = Record<string, unknown>;
type Failure = { error: { code: string; message: string; details?: unknown } };
type Lesson = { id: string; version: number; date: string; topic: string | null; canWrite: boolean; readOnlyReason: string | null; substitute: unknown };
type Mark = { id: string; value: number | string | null; fivePoint: number | null; weight: number; version: number; comment: string | null; isDebt: boolean; debtDeadline: string | null; studentId: string; controlForm: { shortName: string } };

let t: TestApp;
let s: JournalSchool;
const tuesday = '2026-09-08T05:00:00Z';

beforeAll(async () => {
  t = await createTestApp();
  s = await seedJournalSchool(t, 'journal');
  setClock(t, tuesday);
}, 90_000);
afterAll(async () => { await t.close(); });

const body = <T = Json>(res: { statusCode: number; body: string; json(): unknown }, status: number): T => {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
};
const failure = (res: { statusCode: number; body: string; json(): unknown }, status: number): Failure['error'] => body<Failure>(res, status).error;
let keys = 0;
const key = () => `test-key-${++keys}-${Math.random().toString(36).slice(2, 10)}`;
const idem = (k = key()) => ({ 'idempotency-key': k });
const ifMatch = (v: number) => ({ 'if-match': String(v) });

const ensure = async (who: Request, timetableLessonId: string, date: string) => body<Lesson>(await who('POST', '/journal/lessons', { timetableLessonId, date }), 201);
const ensured = async (timetableLessonId: string, date: string) => {
  const res = await s.as.teacher('POST', '/journal/lessons', { timetableLessonId, date });
  expect([200, 201]).toContain(res.statusCode);
  return res.json() as Lesson;
};
const markCount = async () => (await t.database.db.select({ n: count() }).from(marks).where(eq(marks.schoolId, s.schoolId)))[0]!.n;
const absenceEvents = async () => (await t.database.db.select().from(notificationEvents)
  .where(and(eq(notificationEvents.schoolId, s.schoolId), eq(notificationEvents.kind, 'studentAbsent'))));
const newMark = (journalLessonId: string, extra: Json = {}) => ({ journalLessonId, studentId: s.students.anna, controlFormId: s.forms.answer, value: 5, ...extra });

describe('journal lessons', () => {
  it('opens a dated lesson once (201, then 200 with the same row), copied from the timetable', async () => {
    const first = await ensure(s.as.teacher, s.ids.lessons.math5a, '2026-09-07');
    expect(first).toMatchObject({ date: '2026-09-07', lessonNumber: 1, kind: 'regular', format: 'inPerson', subject: { name: 'Математика' }, class: { name: '5А' }, teacher: { name: 'Петрова А. С.' }, canWrite: true, version: 1 });
    const again = body<Lesson>(await s.as.teacher('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-07' }), 200);
    expect(again.id).toBe(first.id);
  });

  it('makes one row when two requests open the same lesson at once', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => s.as.teacher('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-14' })));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 201]);
    expect(a!.json().id).toBe(b!.json().id);
    const rows = await t.database.db.select().from(journalLessons)
      .where(and(eq(journalLessons.schoolId, s.schoolId), eq(journalLessons.timetableLessonId, s.ids.lessons.math5a), eq(journalLessons.plannedDate, '2026-09-14')));
    expect(rows).toHaveLength(1);
  });

  it('refuses a date the timetable does not hold the lesson on, and an unknown lesson', async () => {
    const holiday = failure(await s.as.teacher('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-08' }), 409);
    expect(holiday).toMatchObject({ code: 'LESSON_NOT_HELD' });
    expect(holiday.message).toContain('08.09.2026');
    expect(failure(await s.as.teacher('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-10-26' }), 409).code).toBe('LESSON_NOT_HELD');
    expect(failure(await s.as.teacher('POST', '/journal/lessons', { timetableLessonId: s.ids.groups.eng1, date: '2026-09-07' }), 404).code).toBe('LESSON_NOT_FOUND');
    expect(failure(await s.as.teacher('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '07.09.2026' }), 400).code).toBe('VALIDATION_FAILED');
  });

  it('lets only the lesson\'s teacher or the administration open it', async () => {
    expect(failure(await s.as.ivanov('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-21' }), 403).code).toBe('FORBIDDEN');
    expect((await s.as.classTeacher('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-21' })).statusCode).toBe(403);
    expect((await s.as.student('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-21' })).statusCode).toBe(403);
    expect((await s.as.otherDirector('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-21' })).statusCode).toBe(404);
    expect((await s.as.admin('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.math5a, date: '2026-09-21' })).statusCode).toBe(201);
  });

  it('shows the lesson with the students of that date and the forms usable for the subject and level', async () => {
    const lesson = await ensured(s.ids.lessons.math5a, '2026-09-07');
    const detail = body<{ lesson: Lesson; students: { name: string }[]; controlForms: { shortName: string }[]; attendanceCodes: { code: string }[] }>(
      await s.as.teacher('GET', `/journal/lessons/${lesson.id}`), 200);
    // Новенький joins 5А on 10 September.
    expect(detail.students.map((x) => x.name)).toEqual(['Соседов Пётр', 'Ученикова Анна']);
    expect(detail.controlForms.map((f) => f.shortName).sort()).toEqual(['КР', 'Зач', 'Отв', 'Тест'].sort());
    expect(detail.attendanceCodes.map((c) => c.code)).toEqual(['Н', 'П', 'Б', 'О']);
    const readOnly = body<{ lesson: Lesson }>(await s.as.classTeacher('GET', `/journal/lessons/${lesson.id}`), 200);
    expect(readOnly.lesson).toMatchObject({ canWrite: false, readOnlyReason: 'Только чтение' });
    expect(failure(await s.as.ivanov('GET', `/journal/lessons/${lesson.id}`), 404).code).toBe('JOURNAL_LESSON_NOT_FOUND');
    expect((await s.as.student('GET', `/journal/lessons/${lesson.id}`)).statusCode).toBe(403);
    expect((await s.as.parent('GET', `/journal/lessons/${lesson.id}`)).statusCode).toBe(403);
  });

  it('sets the topic with If-Match: 428 without it, 412 with the current lesson when stale, audited', async () => {
    const lesson = await ensured(s.ids.lessons.math5a, '2026-09-07');
    expect(failure(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { topic: 'Натуральные числа' }), 428).code).toBe('VERSION_REQUIRED');
    const set = body<Lesson>(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { topic: 'Натуральные числа' }, ifMatch(lesson.version)), 200);
    expect(set).toMatchObject({ topic: 'Натуральные числа', version: lesson.version + 1 });
    const staleAnswer = failure(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { topic: 'Другая' }, ifMatch(lesson.version)), 412);
    expect(staleAnswer).toMatchObject({ code: 'VERSION_STALE', details: { current: { topic: 'Натуральные числа', version: set.version } } });
    const history = body<{ items: { entityType: string; action: string; new: Json; actorRole: string }[] }>(
      await s.as.teacher('GET', `/journal/history?journalLessonId=${lesson.id}`), 200);
    expect(history.items[0]).toMatchObject({ entityType: 'topic', action: 'create', actorRole: 'subjectTeacher', new: { topic: 'Натуральные числа' } });
    expect(failure(await s.as.ivanov('PATCH', `/journal/lessons/${lesson.id}`, { topic: 'x' }, ifMatch(set.version)), 403).code).toBe('FORBIDDEN');
  });
});

describe('a topic from the work programme', () => {
  it('takes a planned topic of the same subject and class, its title becoming the topic; another subject\'s is 409, an unknown one 400', async () => {
    const db = t.database.db;
    const [maths, russian] = await db.insert(workProgrammes).values([
      { schoolId: s.schoolId, academicYear: 2026, employeeId: s.ids.employees.petrova, subjectId: s.ids.subjects.math, classId: s.ids.classes.c5a, title: 'Математика 5А' },
      { schoolId: s.schoolId, academicYear: 2026, employeeId: s.ids.employees.sidorov, subjectId: s.ids.subjects.russian, classId: s.ids.classes.c5a, title: 'Русский язык 5А' },
    ]).returning();
    const [fractions, spelling] = await db.insert(plannedTopics).values([
      { schoolId: s.schoolId, workProgrammeId: maths!.id, position: 1, title: 'Обыкновенные дроби' },
      { schoolId: s.schoolId, workProgrammeId: russian!.id, position: 1, title: 'Орфограммы в корне слова' },
    ]).returning();
    const lesson = await ensured(s.ids.lessons.math5a, '2026-09-07');
    const detail = body<{ lesson: Lesson }>(await s.as.teacher('GET', `/journal/lessons/${lesson.id}`), 200).lesson;
    const planned = body<Lesson & { plannedTopicId: string }>(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { plannedTopicId: fractions!.id }, ifMatch(detail.version)), 200);
    expect(planned).toMatchObject({ plannedTopicId: fractions!.id, topic: 'Обыкновенные дроби', version: detail.version + 1 });
    expect(failure(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { plannedTopicId: spelling!.id }, ifMatch(planned.version)), 409).code).toBe('PLANNED_TOPIC_MISMATCH');
    expect(failure(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { plannedTopicId: s.ids.subjects.math }, ifMatch(planned.version)), 400).details)
      .toMatchObject([{ path: 'plannedTopicId', code: 'PLANNED_TOPIC_UNKNOWN' }]);
    // A typed topic wins over the plan's title; back to the earlier topic for the tests that follow.
    const typed = body<Lesson>(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { plannedTopicId: fractions!.id, topic: 'Дроби: повторение' }, ifMatch(planned.version)), 200);
    expect(typed.topic).toBe('Дроби: повторение');
    const back = body<Lesson>(await s.as.teacher('PATCH', `/journal/lessons/${lesson.id}`, { plannedTopicId: null, topic: 'Натуральные числа' }, ifMatch(typed.version)), 200);
    expect(back).toMatchObject({ topic: 'Натуральные числа', plannedTopicId: null });
  });
});

describe('marks', () => {
  let lessonId: string;
  beforeAll(async () => { lessonId = (await ensured(s.ids.lessons.math5a, '2026-09-07')).id; });

  it('gives a mark with the form\'s weight, audited with the teacher\'s name and role', async () => {
    const mark = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { controlFormId: s.forms.hundred, value: 87 }), idem()), 201);
    expect(mark).toMatchObject({ value: 87, fivePoint: 5, weight: 1.5, isDebt: false, version: 1, controlForm: { shortName: 'Тест' } });
    const history = body<{ items: { action: string; actor: { name: string }; actorRole: string; new: Json; entityId: string }[] }>(
      await s.as.teacher('GET', `/journal/history?journalLessonId=${lessonId}&studentId=${s.students.anna}`), 200);
    expect(history.items.find((i) => i.entityId === mark.id)).toMatchObject({ action: 'create', actor: { name: 'Петрова А. С.' }, actorRole: 'subjectTeacher', new: { value: '87', weight: 1.5 } });
  });

  it('writes a retried mark once and answers the same; the same key with another body is 422', async () => {
    const k = key();
    const before = await markCount();
    const first = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 4 }), idem(k)), 201);
    const retry = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 4 }), idem(k)), 201);
    expect(retry).toEqual(first);
    expect(await markCount()).toBe(before + 1);
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 3 }), idem(k)), 422).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await markCount()).toBe(before + 1);
  });

  it('writes one row when two requests with the same key come at once', async () => {
    const k = key();
    const before = await markCount();
    const [a, b] = await Promise.all([1, 2].map(() => s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 3, studentId: s.students.petr }), idem(k))));
    expect(a!.statusCode).toBe(201);
    expect(b!.statusCode).toBe(201);
    expect(a!.json().id).toBe(b!.json().id);
    expect(await markCount()).toBe(before + 1);
  });

  it('refuses a value outside the form\'s scale with the field path, and «Н» as a mark', async () => {
    const before = await markCount();
    for (const [form, value] of [[s.forms.answer, 7], [s.forms.answer, 1], [s.forms.answer, 0], [s.forms.answer, 'pass'], [s.forms.credit, 5], [s.forms.hundred, 101]] as const) {
      const err = failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { controlFormId: form, value }), idem()), 400);
      expect(err, `${value}`).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'value', code: 'MARK_OUT_OF_SCALE' }] });
    }
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 'Н' }), idem()), 400).code).toBe('VALIDATION_FAILED');
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 4.5 }), idem()), 400).code).toBe('VALIDATION_FAILED');
    expect(await markCount()).toBe(before);
    const pass = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { controlFormId: s.forms.credit, value: 'pass' }), idem()), 201);
    expect(pass).toMatchObject({ value: 'pass', fivePoint: null });
  });

  it('refuses an unknown form (400), an archived one or one of another subject or level (409)', async () => {
    const unknown = failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { controlFormId: s.ids.subjects.math }), idem()), 400);
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'controlFormId', code: 'CONTROL_FORM_UNKNOWN' }] });
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { controlFormId: s.forms.archived }), idem()), 409).code).toBe('CONTROL_FORM_ARCHIVED');
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { controlFormId: s.forms.russianOnly }), idem()), 409).code).toBe('CONTROL_FORM_NOT_FOR_SUBJECT');
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { controlFormId: s.forms.primaryOnly }), idem()), 409).code).toBe('CONTROL_FORM_NOT_FOR_LEVEL');
  });

  it('refuses a student who is not in the class on the lesson\'s date', async () => {
    const late = failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { studentId: s.students.late }), idem()), 409);
    expect(late.code).toBe('STUDENT_NOT_IN_LESSON');
    expect(late.message).toContain('07.09.2026');
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { studentId: s.students.ivan }), idem()), 409).code).toBe('STUDENT_NOT_IN_LESSON');
  });

  it('stores HTML in a comment as typed text; a comment over 500 characters is 400', async () => {
    const html = '<script>alert("x")</script> <b>молодец</b> & «ещё»';
    const mark = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { comment: html }), idem()), 201);
    expect(mark.comment).toBe(html);
    const [row] = await t.database.db.select({ comment: marks.comment }).from(marks).where(eq(marks.id, mark.id));
    expect(row!.comment).toBe(html);
    const long = failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { comment: 'а'.repeat(501) }), idem()), 400);
    expect(long.details).toMatchObject([{ path: 'comment' }]);
  });

  it('gives a «точка» with a deadline and turns it into a mark later', async () => {
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: undefined, isDebt: true }), idem()), 400).details).toMatchObject([{ path: 'debtDeadline' }]);
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { isDebt: true, debtDeadline: '2026-09-20' }), idem()), 400).details).toMatchObject([{ path: 'value' }]);
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: undefined, isDebt: true, debtDeadline: '2026-09-01' }), idem()), 400).details)
      .toMatchObject([{ path: 'debtDeadline', code: 'DEBT_DEADLINE_BEFORE_LESSON' }]);
    const debt = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: undefined, isDebt: true, debtDeadline: '2026-09-20' }), idem()), 201);
    expect(debt).toMatchObject({ value: null, isDebt: true, debtDeadline: '2026-09-20', fivePoint: null });
    const paid = body<Mark>(await s.as.teacher('PATCH', `/journal/marks/${debt.id}`, { value: 4 }, ifMatch(debt.version)), 200);
    expect(paid).toMatchObject({ value: 4, isDebt: false, debtDeadline: null, fivePoint: 4, version: 2 });
  });

  it('writes a column all or nothing: one bad value is 400 with its row and nothing is written', async () => {
    const before = await markCount();
    const column = [
      { studentId: s.students.anna, controlFormId: s.forms.hundred, value: 90 },
      { studentId: s.students.petr, controlFormId: s.forms.hundred, value: 70 },
    ];
    const bad = failure(await s.as.teacher('POST', `/journal/lessons/${lessonId}/marks`, { marks: [...column, { studentId: s.students.petr, controlFormId: s.forms.answer, value: 6 }] }, idem()), 400);
    expect(bad.details).toMatchObject([{ path: 'marks.2.value', code: 'MARK_OUT_OF_SCALE' }]);
    const outsider = failure(await s.as.teacher('POST', `/journal/lessons/${lessonId}/marks`, { marks: [...column, { studentId: s.students.late, controlFormId: s.forms.answer, value: 5 }] }, idem()), 409);
    expect(outsider).toMatchObject({ code: 'STUDENT_NOT_IN_LESSON', details: { path: 'marks.2.studentId' } });
    expect(await markCount()).toBe(before);
    const k = key();
    const written = body<{ items: Mark[]; total: number }>(await s.as.teacher('POST', `/journal/lessons/${lessonId}/marks`, { marks: column }, idem(k)), 201);
    expect(written.items.map((m) => [m.value, m.fivePoint])).toEqual([[90, 5], [70, 4]]);
    expect(body(await s.as.teacher('POST', `/journal/lessons/${lessonId}/marks`, { marks: column }, idem(k)), 201)).toEqual(written);
    expect(await markCount()).toBe(before + 2);
  });

  it('edits a mark with If-Match: 428 without, 412 with the current value when stale, audited old and new', async () => {
    const mark = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 3, studentId: s.students.petr }), idem()), 201);
    expect(failure(await s.as.teacher('PATCH', `/journal/marks/${mark.id}`, { value: 4 }), 428).code).toBe('VERSION_REQUIRED');
    const changed = body<Mark>(await s.as.teacher('PATCH', `/journal/marks/${mark.id}`, { value: 4 }, ifMatch(1)), 200);
    expect(changed).toMatchObject({ value: 4, version: 2 });
    const staleAnswer = failure(await s.as.teacher('PATCH', `/journal/marks/${mark.id}`, { value: 5 }, ifMatch(1)), 412);
    expect(staleAnswer).toMatchObject({ code: 'VERSION_STALE', details: { current: { id: mark.id, value: 4, version: 2 } } });
    expect(failure(await s.as.teacher('PATCH', `/journal/marks/${mark.id}`, { controlFormId: s.forms.credit }, ifMatch(2)), 400).details)
      .toMatchObject([{ path: 'value', code: 'MARK_OUT_OF_SCALE' }]);
    const heavier = body<Mark>(await s.as.teacher('PATCH', `/journal/marks/${mark.id}`, { controlFormId: s.forms.test, comment: 'у доски' }, ifMatch(2)), 200);
    expect(heavier).toMatchObject({ comment: 'у доски', version: 3, weight: 2, value: 4, controlForm: { shortName: 'КР' } });
    const history = body<{ items: { entityId: string; action: string; old: Json | null; new: Json | null }[] }>(
      await s.as.teacher('GET', `/journal/history?journalLessonId=${lessonId}&studentId=${s.students.petr}`), 200);
    const own = history.items.filter((i) => i.entityId === mark.id);
    expect(own.map((i) => i.action)).toEqual(['update', 'update', 'create']);
    expect(own[1]).toMatchObject({ old: { value: '3' }, new: { value: '4' } });
  });

  it('deletes the teacher\'s own mark without a reason; another\'s needs one', async () => {
    const own = body<Mark>(await s.as.teacher('POST', '/journal/marks', newMark(lessonId, { value: 2 }), idem()), 201);
    expect(failure(await s.as.teacher('DELETE', `/journal/marks/${own.id}`), 428).code).toBe('VERSION_REQUIRED');
    expect(body(await s.as.teacher('DELETE', `/journal/marks/${own.id}`, undefined, ifMatch(1)), 200)).toEqual({ deleted: true });
    expect(await t.database.db.select().from(marks).where(eq(marks.id, own.id))).toHaveLength(0);
    const byAdmin = body<Mark>(await s.as.admin('POST', '/journal/marks', newMark(lessonId, { value: 5, reason: 'Отметка с пересдачи' }), idem()), 201);
    expect(failure(await s.as.teacher('DELETE', `/journal/marks/${byAdmin.id}`, undefined, ifMatch(1)), 409).code).toBe('REASON_REQUIRED');
    expect(body(await s.as.teacher('DELETE', `/journal/marks/${byAdmin.id}`, { reason: 'Ошибочно' }, ifMatch(1)), 200)).toEqual({ deleted: true });
    const history = body<{ items: { entityId: string; action: string; reason: string | null }[] }>(
      await s.as.teacher('GET', `/journal/history?journalLessonId=${lessonId}&studentId=${s.students.anna}`), 200);
    expect(history.items.filter((i) => i.entityId === byAdmin.id).map((i) => [i.action, i.reason])).toEqual([['delete', 'Ошибочно'], ['create', 'Отметка с пересдачи']]);
  });

  it('refuses another teacher (403), and the administration without a reason (409)', async () => {
    expect(failure(await s.as.ivanov('POST', '/journal/marks', newMark(lessonId), idem()), 403).code).toBe('FORBIDDEN');
    expect((await s.as.classTeacher('POST', '/journal/marks', newMark(lessonId), idem())).statusCode).toBe(403);
    expect((await s.as.student('POST', '/journal/marks', newMark(lessonId), idem())).statusCode).toBe(403);
    expect(failure(await s.as.admin('POST', '/journal/marks', newMark(lessonId), idem()), 409).code).toBe('REASON_REQUIRED');
    expect(failure(await s.as.admin('POST', '/journal/marks', newMark(lessonId, { reason: '   ' }), idem()), 409).code).toBe('REASON_REQUIRED');
  });

  it('closes a lesson older than the window (the message names the date and the days); the administration writes with a reason', async () => {
    setClock(t, '2026-09-15T05:00:00Z');
    try {
      const closed = failure(await s.as.teacher('POST', '/journal/marks', newMark(lessonId), idem()), 409);
      expect(closed).toMatchObject({ code: 'MARK_ENTRY_CLOSED', message: 'Срок выставления отметок за урок 07.09.2026 истёк (можно в течение 7 дн.)' });
      const mark = body<Mark>(await s.as.admin('POST', '/journal/marks', newMark(lessonId, { value: 3, reason: 'Исправление по заявлению родителей' }), idem()), 201);
      const [row] = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.schoolId, s.schoolId), eq(journalAudit.entityId, mark.id)));
      expect(row).toMatchObject({ actorRole: 'journalAdmin', action: 'create', reason: 'Исправление по заявлению родителей' });
      const detail = body<{ lesson: Lesson }>(await s.as.teacher('GET', `/journal/lessons/${lessonId}`), 200);
      expect(detail.lesson).toMatchObject({ canWrite: false, readOnlyReason: closed.message });
    } finally {
      setClock(t, tuesday);
    }
  });

  it('refuses marks for a lesson that has not taken place yet', async () => {
    const future = await ensured(s.ids.lessons.math5a, '2026-09-14');
    expect(failure(await s.as.teacher('POST', '/journal/marks', newMark(future.id), idem()), 409).code).toBe('LESSON_NOT_HELD_YET');
    expect(failure(await s.as.admin('POST', '/journal/marks', newMark(future.id, { reason: 'заранее' }), idem()), 409).code).toBe('LESSON_NOT_HELD_YET');
  });
});

describe('a substitute', () => {
  it('keeps the journal of the lesson they substitute, even when the substitution came after the lesson was opened', async () => {
    setClock(t, '2026-09-12T05:00:00Z');
    try {
      const lesson = await ensured(s.ids.lessons.math5a, '2026-09-12');
      expect(failure(await s.as.ivanov('POST', '/journal/marks', newMark(lesson.id), idem()), 403).code).toBe('FORBIDDEN');
      body(await s.as.admin('POST', '/lesson-changes', {
        timetableLessonId: s.ids.lessons.math5a, from: '2026-09-12', to: '2026-09-12', kind: 'substitution', substituteEmployeeId: s.ids.employees.ivanov,
      }), 201);
      const mark = body<Mark>(await s.as.ivanov('POST', '/journal/marks', newMark(lesson.id, { value: 4 }), idem()), 201);
      const [row] = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.schoolId, s.schoolId), eq(journalAudit.entityId, mark.id)));
      expect(row).toMatchObject({ actorRole: 'subjectTeacher', reason: null });
      const detail = body<{ lesson: Lesson & { substitute: { name: string } | null } }>(await s.as.ivanov('GET', `/journal/lessons/${lesson.id}`), 200);
      expect(detail.lesson).toMatchObject({ substitute: { name: 'Иванов П.' }, canWrite: true });
      // The lesson's own teacher keeps it too.
      expect((await s.as.teacher('POST', '/journal/marks', newMark(lesson.id, { value: 5 }), idem())).statusCode).toBe(201);
    } finally {
      setClock(t, tuesday);
    }
  });
});

describe('attendance', () => {
  let lesson: Lesson;
  beforeAll(async () => { lesson = await ensured(s.ids.lessons.math5a, '2026-09-07'); });
  type Column = { version: number; attendanceTakenAt: string | null; entries: { studentId: string; code: string; category: string; reason: string | null; minutesLate: number | null; version: number }[] };

  it('takes a lesson\'s attendance and records one event for a new unexcused absence, with no names in it', async () => {
    const k = key();
    const column = body<Column>(await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.anna, code: 'н' }, { studentId: s.students.petr, code: null }] }, idem(k)), 200);
    expect(column.entries).toEqual([expect.objectContaining({ studentId: s.students.anna, code: 'Н', category: 'absentUnexcused' })]);
    expect(column.attendanceTakenAt).not.toBeNull();
    const events = await absenceEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      subjectType: 'attendance', audience: { classTeacherOf: s.ids.classes.c5a, guardiansOf: [s.students.anna] },
      payload: { studentId: s.students.anna, date: '2026-09-07', lessonNumber: 1, subject: 'Математика' },
    });
    expect(Object.keys(events[0]!.payload as Json).sort()).toEqual(['date', 'lessonNumber', 'studentId', 'subject']);
    // A retry answers the same and records nothing more; the same column again is no new absence.
    expect(body(await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.anna, code: 'н' }, { studentId: s.students.petr, code: null }] }, idem(k)), 200)).toEqual(column);
    await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.anna, code: 'Н' }] }, idem());
    expect(await absenceEvents()).toHaveLength(1);
    expect(await t.database.db.select().from(attendanceEntries).where(eq(attendanceEntries.journalLessonId, lesson.id))).toHaveLength(1);
  });

  it('reads the school\'s codes: excused, late with minutes; present deletes the row; each change audited', async () => {
    const excused = body<Column>(await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.anna, code: 'Б' }, { studentId: s.students.petr, code: 'о15' }] }, idem()), 200);
    const byStudent = new Map(excused.entries.map((e) => [e.studentId, e]));
    expect(byStudent.get(s.students.anna)).toMatchObject({ code: 'Б', category: 'absentExcused', reason: 'illness' });
    expect(byStudent.get(s.students.petr)).toMatchObject({ code: 'О', category: 'late', minutesLate: 15 });
    expect(await absenceEvents()).toHaveLength(1);
    const history = body<{ items: { entityType: string; action: string; old: Json | null; new: Json | null }[] }>(
      await s.as.teacher('GET', `/journal/history?journalLessonId=${lesson.id}&studentId=${s.students.anna}`), 200);
    expect(history.items.filter((i) => i.entityType === 'attendance')[0]).toMatchObject({ action: 'update', old: { code: 'Н' }, new: { code: 'Б' } });
    // Back to unexcused: a new unexcused absence, a new event.
    await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.anna, code: 'Н' }] }, idem());
    expect(await absenceEvents()).toHaveLength(2);
  });

  it('refuses an unknown code with its path and a student not in the lesson, writing nothing', async () => {
    const before = await t.database.db.select().from(attendanceEntries).where(eq(attendanceEntries.journalLessonId, lesson.id));
    const unknown = failure(await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.petr, code: 'Б' }, { studentId: s.students.anna, code: 'Ж' }] }, idem()), 400);
    expect(unknown.details).toMatchObject([{ path: 'entries.1.code', code: 'UNKNOWN_CODE' }]);
    expect(failure(await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.ivan, code: 'Н' }] }, idem()), 409).code).toBe('STUDENT_NOT_IN_LESSON');
    expect(failure(await s.as.teacher('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.anna, code: '5' }] }, idem()), 400).code).toBe('VALIDATION_FAILED');
    expect(await t.database.db.select().from(attendanceEntries).where(eq(attendanceEntries.journalLessonId, lesson.id))).toEqual(before);
  });

  it('sets one student\'s attendance; a change of an existing entry needs If-Match', async () => {
    const rows = await t.database.db.select().from(attendanceEntries).where(and(eq(attendanceEntries.journalLessonId, lesson.id), eq(attendanceEntries.studentId, s.students.anna)));
    const current = rows[0]!;
    const url = `/journal/lessons/${lesson.id}/attendance/${s.students.anna}`;
    expect(failure(await s.as.teacher('PUT', url, { code: 'П' }), 428).code).toBe('VERSION_REQUIRED');
    expect(failure(await s.as.teacher('PUT', url, { code: 'П' }, ifMatch(current.version + 5)), 412)).toMatchObject({ code: 'VERSION_STALE', details: { current: { code: 'Н', version: current.version } } });
    const cell = body<{ entry: { code: string; category: string; version: number } | null }>(await s.as.teacher('PUT', url, { code: 'П' }, ifMatch(current.version)), 200);
    expect(cell.entry).toMatchObject({ code: 'П', category: 'absentExcused', version: current.version + 1 });
    const present = body<{ entry: unknown }>(await s.as.teacher('PUT', url, { code: null }, ifMatch(current.version + 1)), 200);
    expect(present.entry).toBeNull();
    expect(body<{ entry: { code: string } }>(await s.as.teacher('PUT', url, { code: 'н' }), 200).entry.code).toBe('Н');
    expect(await absenceEvents()).toHaveLength(3);
  });
});

describe('the grid', () => {
  type Grid = {
    period: { name: string; startsOn: string }; canWrite: boolean; students: { id: string; name: string; joinedOn: string | null }[];
    lessons: { key: string; journalLessonId: string | null; date: string; topic: string | null; canWrite: boolean; attendanceTaken: boolean; homeworkCount: number; isControlWork: boolean }[];
    cells: { lessonKey: string; studentId: string; marks: { value: unknown; formShortName: string; isDebt: boolean }[]; attendance: string | null }[];
    averages: { studentId: string; explanation: { average: number | null; averageText: string | null; suggested: number | null; skipped: { code: string }[] } }[];
  };
  const gridUrl = () => `/journal/grid?subjectId=${s.ids.subjects.math}&classId=${s.ids.classes.c5a}`;

  it('gives the term\'s lessons across, the students down, marks, attendance, averages and what may be written', async () => {
    setClock(t, '2026-09-15T05:00:00Z');
    try {
      const sat = await ensured(s.ids.lessons.math5a, '2026-09-12');
      const mon = await ensured(s.ids.lessons.math5a, '2026-09-14');
      await body(await s.as.teacher('POST', `/journal/lessons/${sat.id}/marks`, { marks: [
        { studentId: s.students.late, controlFormId: s.forms.answer, value: 5 },
        { studentId: s.students.late, controlFormId: s.forms.hundred, value: 50 },
      ] }, idem()), 201);
      await body(await s.as.teacher('POST', `/journal/lessons/${mon.id}/marks`, { marks: [
        { studentId: s.students.late, controlFormId: s.forms.answer, value: 4 },
        { studentId: s.students.late, controlFormId: s.forms.test, isDebt: true, debtDeadline: '2026-09-30' },
      ] }, idem()), 201);
      const grid = body<Grid>(await s.as.teacher('GET', gridUrl()), 200);
      expect(grid.period).toMatchObject({ name: expect.stringContaining('1'), startsOn: '2026-09-01' });
      // Mondays of the September version, the working Saturday, then the October version's Mondays.
      expect(grid.lessons.map((l) => l.date)).toEqual(['2026-09-07', '2026-09-12', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19']);
      expect(grid.lessons.map((l) => l.canWrite)).toEqual([false, true, true, false, false, false, false, false]);
      expect(grid.lessons[0]).toMatchObject({ topic: 'Натуральные числа', attendanceTaken: true, homeworkCount: 0, isControlWork: false });
      expect(grid.lessons[3]!.journalLessonId).not.toBeNull();
      expect(grid.lessons[4]!).toMatchObject({ journalLessonId: null, key: `${s.ids.lessons.math5a}|2026-09-28` });
      expect(grid.students.map((x) => [x.name, x.joinedOn])).toEqual([['Новенький Глеб', '2026-09-10'], ['Соседов Пётр', null], ['Ученикова Анна', null]]);
      const late = grid.averages.find((a) => a.studentId === s.students.late)!.explanation;
      // (5·1 + 3·1.5 + 4·1) / 3.5 = 3.857…; the debt does not count.
      expect(late).toMatchObject({ averageText: '3,86', suggested: 4, skipped: [{ code: 'DEBT' }] });
      const satCell = grid.cells.find((c) => c.lessonKey === sat.id && c.studentId === s.students.late)!;
      expect(satCell.marks.map((m) => [m.value, m.formShortName])).toEqual([[5, 'Отв'], [50, 'Тест']]);
      const first = grid.cells.find((c) => c.lessonKey === grid.lessons[0]!.key && c.studentId === s.students.anna)!;
      expect(first.attendance).toBe('Н');
      expect(grid.canWrite).toBe(true);
    } finally {
      setClock(t, tuesday);
    }
  });

  it('shows a class teacher every subject of their class, read only; others a 404, students and parents a 403', async () => {
    const grid = body<Grid>(await s.as.classTeacher('GET', gridUrl()), 200);
    expect(grid.canWrite).toBe(false);
    expect(grid.lessons.every((l) => !l.canWrite)).toBe(true);
    expect((await s.as.classTeacher('GET', `/journal/grid?subjectId=${s.ids.subjects.russian}&classId=${s.ids.classes.c5a}`)).statusCode).toBe(200);
    expect((await s.as.classTeacher('GET', `/journal/grid?subjectId=${s.ids.subjects.english}&studyGroupId=${s.ids.groups.eng2}`)).statusCode).toBe(200);
    expect(failure(await s.as.classTeacher('GET', `/journal/grid?subjectId=${s.ids.subjects.math}&classId=${s.ids.classes.c6b}`), 404).code).toBe('NOT_FOUND');
    expect((await s.as.ivanov('GET', gridUrl())).statusCode).toBe(404);
    expect((await s.as.teacher('GET', `/journal/grid?subjectId=${s.ids.subjects.math}&classId=${s.ids.classes.c6b}`)).statusCode).toBe(404);
    expect((await s.as.student('GET', gridUrl())).statusCode).toBe(403);
    expect((await s.as.parent('GET', gridUrl())).statusCode).toBe(403);
    expect((await s.as.otherDirector('GET', gridUrl())).statusCode).toBe(404);
    expect(body<Grid>(await s.as.admin('GET', `/journal/grid?subjectId=${s.ids.subjects.math}&classId=${s.ids.classes.c6b}`), 200).students.map((x) => x.name)).toEqual(['Шестов Иван']);
  });

  it('gives a group\'s grid with its members only, and refuses a class and a group at once', async () => {
    const grid = body<Grid>(await s.as.admin('GET', `/journal/grid?subjectId=${s.ids.subjects.english}&studyGroupId=${s.ids.groups.eng1}`), 200);
    expect(grid.students.map((x) => x.name)).toEqual(['Ученикова Анна']);
    expect(grid.lessons.length).toBeGreaterThan(0);
    expect(failure(await s.as.admin('GET', `/journal/grid?subjectId=${s.ids.subjects.english}&studyGroupId=${s.ids.groups.eng1}&classId=${s.ids.classes.c5a}`), 400).code).toBe('VALIDATION_FAILED');
    expect(failure(await s.as.admin('GET', `/journal/grid?subjectId=${s.ids.subjects.english}`), 400).code).toBe('VALIDATION_FAILED');
  });

  it('lists the journals a caller may open', async () => {
    type List = { items: { subject: { name: string }; class: { name: string } | null; studyGroup: { name: string } | null; canWrite: boolean }[] };
    const names = (l: List) => l.items.map((i) => `${i.class?.name ?? i.studyGroup?.name} ${i.subject.name} ${i.canWrite ? 'w' : 'r'}`);
    // Петрова's distance informatics has no load row: the timetable's lessons count too.
    expect(names(body<List>(await s.as.teacher('GET', '/journal/grids'), 200))).toEqual(['5А Информатика w', '5А Математика w']);
    expect(names(body<List>(await s.as.classTeacher('GET', '/journal/grids'), 200))).toEqual([
      '5А Информатика r', '5А Математика r', '5А Русский язык r', '5А Шахматы r', '5А Английский 1 Английский язык r', '5А Английский 2 Английский язык r',
    ]);
    expect(names(body<List>(await s.as.admin('GET', '/journal/grids'), 200))).toContain('6Б Математика w');
    // Students and parents open no class journal (the diary comes later).
    expect(body<List>(await s.as.student('GET', '/journal/grids'), 200).items).toEqual([]);
  });
});

describe('the extracurricular journal (D5)', () => {
  it('lets the teacher of an extracurricular session without a load row keep its attendance and open its grid', async () => {
    const sidorov = await createAccount(t.database, { login: 'jr-sidorov', roles: [{ schoolId: s.schoolId, role: 'subjectTeacher' }] });
    await t.database.db.update(employees).set({ accountId: sidorov.id }).where(eq(employees.id, s.ids.employees.sidorov));
    const session = await login(t.app, 'jr-sidorov');
    const as_ = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown, headers: Record<string, string> = {}) => t.app.inject({
      method, url: `/api/v1/schools/${s.schoolId}${path}`, headers: { ...as(session, method !== 'GET'), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }),
    });
    // Шахматы in 5А, Wednesdays, 7th lesson: 2 September 2026 is a Wednesday within the window.
    const lesson = body<Lesson & { kind: string }>(await as_('POST', '/journal/lessons', { timetableLessonId: s.ids.lessons.chess, date: '2026-09-02' }), 201);
    expect(lesson.kind).toBe('extracurricular');
    body(await as_('PUT', `/journal/lessons/${lesson.id}/attendance`, { entries: [{ studentId: s.students.petr, code: 'Б' }] }, idem()), 200);
    const list = body<{ items: { subject: { name: string }; class: { name: string } | null; canWrite: boolean }[] }>(await as_('GET', '/journal/grids'), 200);
    expect(list.items.map((i) => `${i.class?.name} ${i.subject.name} ${i.canWrite ? 'w' : 'r'}`)).toContain('5А Шахматы w');
    const grid = body<{ lessons: { journalLessonId: string | null; attendanceTaken: boolean }[]; cells: { studentId: string; attendance: string | null }[] }>(
      await as_('GET', `/journal/grid?subjectId=${s.ids.subjects.chess}&classId=${s.ids.classes.c5a}`), 200);
    expect(grid.lessons.find((l) => l.journalLessonId === lesson.id)).toMatchObject({ attendanceTaken: true });
    expect(grid.cells.find((c) => c.studentId === s.students.petr && c.attendance !== null)?.attendance).toBe('Б');
    // Another subject of that class stays closed to them.
    expect((await as_('GET', `/journal/grid?subjectId=${s.ids.subjects.math}&classId=${s.ids.classes.c5a}`)).statusCode).toBe(404);
  });
});

describe('the audit', () => {
  it('cannot be changed or deleted, not even by the database owner', async () => {
    const [row] = await t.database.db.select().from(journalAudit).where(eq(journalAudit.schoolId, s.schoolId)).limit(1);
    expect(row).toBeDefined();
    await expect(t.database.db.execute(sql`update journal_audit set reason = 'подмена' where school_id = ${s.schoolId}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from journal_audit where school_id = ${s.schoolId}`)).rejects.toThrow();
    const [still] = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.schoolId, s.schoolId), eq(journalAudit.id, row!.id)));
    expect(still).toEqual(row);
  });
});
