// Control works over HTTP on the small school of lessons.test-fixtures.ts (5А: Ученикова and
// Соседов; 6Б: Шестов; Петрова teaches 5А mathematics; the October timetable has 5А mathematics on
// Monday, lesson 1). The clock stands at 10 November 2026, the day after a Monday lesson. The
// schedule (create, list with the СанПиН warning, edit with If-Match, delete), a work from a
// work-programme topic, the results grid saved whole — marks in the journal with audit rows, the
// analysis — and bad input refused with nothing saved; access for teachers, a student and another school.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlWorkResults, controlWorks, enrollments, journalAudit, marks, plannedTopics, teachingLoads, workProgrammes } from '../../db/schema';
import { createTestApp, login, type TestApp } from '../../test/app';
import { seedLessonsSchool, type LessonsSchool } from '../lessons/lessons.test-fixtures';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

type Work = {
  id: string; title: string; plannedDate: string; version: number; canWrite: boolean; written: number; maxPoints: number;
  teacher: { name: string }; class: { name: string } | null; studyGroup: { name: string } | null;
  tasksList: { id: string; label: string; maxPoints: number; contentElementCodes: string[] }[];
  pointsScale: { from: number; mark: number }[]; journalLesson: { id: string; date: string } | null; workProgrammeId: string | null;
  warnings: { code: string; message: string }[];
};
type Results = { work: Work; rows: { studentId: string; name: string; points: (number | null)[]; total: number | null; mark: number | null; markId: string | null }[] };
type Failure = { code: string; message: string; details?: unknown };

let t: TestApp;
let s: LessonsSchool;
let ivanov: Client;
let formId: string;
let passFailFormId: string;
let students: { s1: string; s2: string; s3: string };

const failure = (res: { statusCode: number; body: string; json(): unknown }, status: number): Failure => {
  expect(res.statusCode, res.body).toBe(status);
  return (res.json() as { error: Failure }).error;
};
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const withHeaders = (client: Client, headers: Record<string, string>) => ({
  patch: (path: string, body: unknown) => t.app.inject({ method: 'PATCH', url: `/api/v1/schools/${s.schoolId}${path}`, headers: { ...headersOf(client), ...headers }, payload: body as object }),
  put: (path: string, body: unknown) => t.app.inject({ method: 'PUT', url: `/api/v1/schools/${s.schoolId}${path}`, headers: { ...headersOf(client), ...headers }, payload: body as object }),
  del: (path: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/schools/${s.schoolId}${path}`, headers: { ...headersOf(client), ...headers } }),
});
// The client's session headers, read from a request it would make.
const sessions = new Map<Client, Record<string, string>>();
const headersOf = (client: Client): Record<string, string> => sessions.get(client)!;

const threeTasks = [
  { label: '1', maxPoints: 1, contentElementCodes: ['1.1'] },
  { label: '2', maxPoints: 2, contentElementCodes: ['1.1', '2.3'] },
  { label: '3', maxPoints: 4, contentElementCodes: ['2.3'] },
];
const scale7 = [{ from: 6, mark: 5 }, { from: 5, mark: 4 }, { from: 3, mark: 3 }, { from: 0, mark: 2 }];
const newWork = (extra: Record<string, unknown> = {}) => ({
  subjectId: s.ids.subjects.math, classId: s.ids.classes.c5a, controlFormId: formId, title: 'Контрольная работа № 2. Дроби',
  plannedDate: '2026-11-09', tasks: threeTasks, pointsScale: scale7, ...extra,
});
const lessonOf9Nov = () => ({ timetableLessonId: s.ids.lessons.octMath5a, date: '2026-11-09' });

const countOf = async (table: typeof controlWorks | typeof controlWorkResults | typeof marks, where = eq(table.schoolId, s.schoolId)) =>
  (await t.database.db.select({ n: count() }).from(table).where(where))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  s = await seedLessonsSchool(t, 'cw');
  t.clock.advance(8 * 86_400_000); // 2026-11-10, 14:00 in Perm
  const ivanovSession = await login(t.app, 'ls-ivanov-cw');
  ivanov = schoolClient(t.app, ivanovSession, s.schoolId);
  sessions.set(ivanov, { cookie: ivanovSession.cookie, 'x-csrf-token': ivanovSession.csrfToken });
  // Sessions of the fixture lapsed with the clock: everyone signs in again.
  for (const [who, name] of [['admin', 'ls-admin-cw'], ['teacher', 'ls-teacher-cw'], ['student', 'ls-student-cw'], ['parent', 'ls-parent-cw'], ['otherDirector', 'ls-other-cw']] as const) {
    const session = await login(t.app, name);
    s.clients[who] = schoolClient(t.app, session, s.schoolId);
    sessions.set(s.clients[who], { cookie: session.cookie, 'x-csrf-token': session.csrfToken });
  }
  // Иванов teaches Russian in 5А: he reads the class's schedule, not Петрова's results, and writes neither.
  await t.database.db.insert(teachingLoads).values({ schoolId: s.schoolId, academicYear: 2026, employeeId: s.ids.employees.ivanov, subjectId: s.ids.subjects.russian, classId: s.ids.classes.c5a, hoursPerWeek: '1' });
  const scales = ok<{ items: { id: string; kind: string }[] }>(await s.clients.admin.get('/mark-scales'));
  const five = scales.items.find((x) => x.kind === 'five')!.id;
  const passFail = scales.items.find((x) => x.kind === 'passFail')!.id;
  formId = ok<{ id: string }>(await s.clients.admin.post('/control-forms', { name: 'Контрольная работа', shortName: 'КР', weight: 2, markScaleId: five }), 201).id;
  passFailFormId = ok<{ id: string }>(await s.clients.admin.post('/control-forms', { name: 'Зачётная работа', shortName: 'ЗР', weight: 1, markScaleId: passFail }), 201).id;
  const roster = ok<Results>(await s.clients.admin.get(`/control-works/${(ok<Work>(await s.clients.admin.post('/control-works', newWork({ title: 'Пробная' })), 201)).id}/results`));
  const idOf = (name: string) => roster.rows.find((r) => r.name === name)!.studentId;
  const [other] = await t.database.db.select({ studentId: enrollments.studentId }).from(enrollments).where(eq(enrollments.classId, s.ids.classes.c6b));
  students = { s1: idOf('Ученикова Анна'), s2: idOf('Соседов Пётр'), s3: other!.studentId };
}, 90_000);
afterAll(async () => { await t.close(); });

describe('the schedule', () => {
  it('lets the subject teacher schedule a work for their class with tasks, КЭС codes and a scale', async () => {
    const work = ok<Work>(await s.clients.teacher.post('/control-works', newWork()), 201);
    expect(work).toMatchObject({
      title: 'Контрольная работа № 2. Дроби', plannedDate: '2026-11-09', version: 1, canWrite: true, written: 0, maxPoints: 7,
      teacher: { name: 'Петрова А. С.' }, class: { name: '5А' }, pointsScale: scale7, journalLesson: null,
    });
    expect(work.tasksList.map((x) => [x.label, x.maxPoints, x.contentElementCodes])).toEqual([['1', 1, ['1.1']], ['2', 2, ['1.1', '2.3']], ['3', 4, ['2.3']]]);
  });

  it('suggests a scale when none is given: 85, 65, 45 % of the total', async () => {
    const work = ok<Work>(await s.clients.teacher.post('/control-works', newWork({ pointsScale: undefined, plannedDate: '2026-12-14', tasks: [{ label: '1', maxPoints: 20 }] })), 201);
    expect(work.pointsScale).toEqual([{ from: 17, mark: 5 }, { from: 13, mark: 4 }, { from: 9, mark: 3 }, { from: 0, mark: 2 }]);
  });

  it('refuses a scale not descending, a «5» above the total, a lowest above 0, a repeated task — with the paths, nothing saved', async () => {
    const before = await countOf(controlWorks);
    const notDescending = failure(await s.clients.teacher.post('/control-works', newWork({ pointsScale: [{ from: 4, mark: 5 }, { from: 5, mark: 4 }, { from: 3, mark: 3 }, { from: 0, mark: 2 }] })), 400);
    expect(notDescending).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Порог отметки 4 (5) должен быть ниже порога отметки 5 (4)', details: [{ path: 'pointsScale.1.from' }] });
    const marksOrder = failure(await s.clients.teacher.post('/control-works', newWork({ pointsScale: [{ from: 6, mark: 4 }, { from: 5, mark: 5 }, { from: 3, mark: 3 }, { from: 0, mark: 2 }] })), 400);
    expect(marksOrder.details).toEqual([expect.objectContaining({ path: 'pointsScale.0.mark' }), expect.objectContaining({ path: 'pointsScale.1.mark' })]);
    const above = failure(await s.clients.teacher.post('/control-works', newWork({ pointsScale: [{ from: 8, mark: 5 }, { from: 5, mark: 4 }, { from: 3, mark: 3 }, { from: 0, mark: 2 }] })), 400);
    expect(above.message).toBe('Порог отметки 5 (8) больше суммы баллов за работу (7)');
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ pointsScale: [{ from: 6, mark: 5 }, { from: 5, mark: 4 }, { from: 3, mark: 3 }, { from: 1, mark: 2 }] })), 400).details)
      .toEqual([expect.objectContaining({ path: 'pointsScale.3.from', code: 'LOWEST_NOT_ZERO' })]);
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ tasks: [threeTasks[0], { ...threeTasks[1], label: '1' }] })), 400).details)
      .toEqual([expect.objectContaining({ path: 'tasks.1.label', code: 'TASK_LABEL_REPEATED' })]);
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ tasks: [{ label: '1', maxPoints: 101 }] })), 400).details)
      .toEqual([expect.objectContaining({ path: 'tasks.0.maxPoints' })]);
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ tasks: [{ label: '1', maxPoints: 1, contentElementCodes: ['1.a'] }] })), 400).details)
      .toEqual([expect.objectContaining({ path: 'tasks.0.contentElementCodes.0' })]);
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ plannedDate: '2027-09-05' })), 400).details).toEqual([expect.objectContaining({ path: 'plannedDate' })]);
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ classId: undefined })), 400).code).toBe('VALIDATION_FAILED');
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ controlFormId: passFailFormId })), 409).code).toBe('CONTROL_FORM_NOT_FIVE_POINT');
    expect(await countOf(controlWorks)).toBe(before);
  });

  it('refuses a teacher a class or subject they do not teach, and a student altogether', async () => {
    expect(failure(await s.clients.teacher.post('/control-works', newWork({ classId: s.ids.classes.c6b })), 403).code).toBe('FORBIDDEN');
    expect(failure(await ivanov.post('/control-works', newWork()), 403).code).toBe('FORBIDDEN');
    expect(failure(await s.clients.student.post('/control-works', newWork()), 403).code).toBe('FORBIDDEN');
    expect((await s.clients.otherDirector.get('/control-works')).statusCode).toBe(404);
  });

  it('lists a class\'s works with a warning for a second work on one day, and the units a caller may schedule for', async () => {
    const english = ok<Work>(await s.clients.admin.post('/control-works', {
      subjectId: s.ids.subjects.english, studyGroupId: s.ids.groups.eng1, controlFormId: formId, title: 'Test 1', plannedDate: '2026-11-23', tasks: [{ label: '1', maxPoints: 10 }],
    }), 201);
    expect(english.teacher.name).toBe('Кузнецова И.');
    expect(english.warnings).toEqual([]);
    const math = ok<Work>(await s.clients.teacher.post('/control-works', newWork({ plannedDate: '2026-11-23', title: 'Уравнения' })), 201);
    expect(math.warnings).toEqual([expect.objectContaining({ code: 'MORE_THAN_ONE_A_DAY', message: '23.11.2026 у 5А 2 контрольные работы: по СанПиН 1.2.3685-21 — не больше одной в день' })]);

    const list = ok<{ items: Work[]; warnings: { controlWorkIds: string[] }[]; units: { subject: { name: string }; class: { name: string } | null }[] }>(
      await s.clients.admin.get(`/control-works?classId=${s.ids.classes.c5a}`));
    expect(list.items.map((w) => w.title)).toContain('Test 1');
    expect(list.warnings.find((w) => w.controlWorkIds.includes(english.id))?.controlWorkIds.sort()).toEqual([english.id, math.id].sort());
    // The teacher lists the works of their classes (the English group's too: it is 5А's day), the units they teach.
    const own = ok<typeof list>(await s.clients.teacher.get('/control-works'));
    expect(own.items.find((w) => w.id === english.id)?.canWrite).toBe(false);
    expect(own.units.map((u) => `${u.class?.name} ${u.subject.name}`)).toEqual(['5А Математика']);
    // A student reads the schedule of their class; 6Б is not theirs.
    const student = ok<typeof list>(await s.clients.student.get('/control-works'));
    expect(student.items.map((w) => w.id)).toEqual(expect.arrayContaining([english.id, math.id]));
    expect(student.units).toEqual([]);
    expect(failure(await s.clients.student.get(`/control-works?classId=${s.ids.classes.c6b}`), 404).code).toBe('NOT_FOUND');
  });

  it('edits with If-Match: a stale version gets 412 with the current one, a missing one 428', async () => {
    const work = ok<Work>(await s.clients.teacher.post('/control-works', newWork({ plannedDate: '2026-11-16' })), 201);
    const edit = withHeaders(s.clients.teacher, ifMatch(1));
    const changed = ok<Work>(await edit.patch(`/control-works/${work.id}`, { title: 'КР № 2', tasks: [...work.tasksList.slice(0, 2), { label: '3а', maxPoints: 3 }] }));
    expect(changed).toMatchObject({ title: 'КР № 2', version: 2, maxPoints: 6 });
    expect(changed.tasksList.map((x) => x.id).slice(0, 2)).toEqual(work.tasksList.map((x) => x.id).slice(0, 2));
    const stale = failure(await edit.patch(`/control-works/${work.id}`, { title: 'Другое' }), 412);
    expect(stale).toMatchObject({ code: 'VERSION_STALE', details: { version: 2, current: { title: 'КР № 2' } } });
    expect(failure(await s.clients.teacher.patch(`/control-works/${work.id}`, { title: 'Другое' }), 428).code).toBe('VERSION_REQUIRED');
    // A scale that the new tasks' total cannot reach is refused.
    expect(failure(await withHeaders(s.clients.teacher, ifMatch(2)).patch(`/control-works/${work.id}`, { tasks: [{ label: '1', maxPoints: 2 }] }), 400).details)
      .toEqual([expect.objectContaining({ path: 'pointsScale.0.from', code: 'THRESHOLD_ABOVE_MAX' })]);
    // Another teacher of the class reads it and may not change it.
    expect(ok<Work>(await ivanov.get(`/control-works/${work.id}`)).canWrite).toBe(false);
    expect(failure(await withHeaders(ivanov, ifMatch(2)).patch(`/control-works/${work.id}`, { title: 'Моя' }), 403).code).toBe('FORBIDDEN');
    expect(failure(await withHeaders(ivanov, ifMatch(2)).del(`/control-works/${work.id}`), 403).code).toBe('FORBIDDEN');
    ok(await withHeaders(s.clients.teacher, ifMatch(2)).del(`/control-works/${work.id}`));
    expect((await s.clients.teacher.get(`/control-works/${work.id}`)).statusCode).toBe(404);
  });

  it('prefills from a work-programme topic marked as a control work', async () => {
    const db = t.database.db;
    const [programme] = await db.insert(workProgrammes).values({
      schoolId: s.schoolId, academicYear: 2026, employeeId: s.ids.employees.petrova, subjectId: s.ids.subjects.math, classId: s.ids.classes.c5a, title: 'Математика 5А',
    }).returning();
    const [topic] = await db.insert(plannedTopics).values({
      schoolId: s.schoolId, workProgrammeId: programme!.id, position: 12, section: 'Дроби', title: 'Контрольная работа по теме «Дроби»', contentElementCodes: ['1.4'], controlFormId: formId,
    }).returning();
    await db.insert(plannedTopics).values({ schoolId: s.schoolId, workProgrammeId: programme!.id, position: 11, title: 'Сложение дробей' });
    const query = `/control-works/planned-topics?subjectId=${s.ids.subjects.math}&classId=${s.ids.classes.c5a}`;
    const topics = ok<{ items: { plannedTopicId: string; title: string; controlForm: { name: string }; contentElementCodes: string[]; controlWorkId: string | null }[] }>(await s.clients.teacher.get(query));
    expect(topics.items).toEqual([expect.objectContaining({ plannedTopicId: topic!.id, title: 'Контрольная работа по теме «Дроби»', controlForm: { id: formId, name: 'Контрольная работа' }, contentElementCodes: ['1.4'], controlWorkId: null })]);
    const work = ok<Work>(await s.clients.teacher.post('/control-works', newWork({ plannedTopicId: topic!.id, plannedDate: '2026-11-30' })), 201);
    expect(work.workProgrammeId).toBe(programme!.id);
    expect(ok<typeof topics>(await s.clients.teacher.get(query)).items[0]!.controlWorkId).toBe(work.id);
    expect(failure(await s.clients.admin.post('/control-works', newWork({ classId: s.ids.classes.c6b, plannedTopicId: topic!.id })), 409).code).toBe('PLANNED_TOPIC_MISMATCH');
  });
});

describe('results', () => {
  let work: Work;
  beforeAll(async () => {
    work = ok<Work>(await s.clients.teacher.post('/control-works', newWork({ title: 'Результаты' })), 201);
  });
  const put = (client: Client, version: number, body: unknown) => withHeaders(client, ifMatch(version)).put(`/control-works/${work.id}/results`, body);

  it('shows the class on the planned date before a lesson is chosen, and wants a lesson to save', async () => {
    const grid = ok<Results>(await s.clients.teacher.get(`/control-works/${work.id}/results`));
    expect(grid.rows.map((r) => [r.name, r.points, r.mark])).toEqual([['Соседов Пётр', [null, null, null], null], ['Ученикова Анна', [null, null, null], null]]);
    expect(failure(await put(s.clients.teacher, 1, { rows: [{ studentId: students.s1, points: [1, 2, 4] }] }), 409).code).toBe('LESSON_REQUIRED');
  });

  it('refuses points over a task\'s max naming the student and the task, a wrong row length, a student outside the lesson — nothing saved', async () => {
    const before = [await countOf(controlWorkResults), await countOf(marks)];
    const over = failure(await put(s.clients.teacher, 1, { lesson: lessonOf9Nov(), rows: [{ studentId: students.s1, points: [1, 2, 4] }, { studentId: students.s2, points: [1, 3, 4.5] }] }), 400);
    expect(over).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Соседов Пётр, задание 2: 3 — больше максимума (2 балла)' });
    expect(over.details).toEqual([expect.objectContaining({ path: 'rows.1.points.1' }), expect.objectContaining({ path: 'rows.1.points.2', message: 'Соседов Пётр, задание 3: 4,5 — больше максимума (4 балла)' })]);
    expect(failure(await put(s.clients.teacher, 1, { lesson: lessonOf9Nov(), rows: [{ studentId: students.s1, points: [1, -1, 0] }] }), 400).details)
      .toEqual([expect.objectContaining({ path: 'rows.0.points.1' })]);
    expect(failure(await put(s.clients.teacher, 1, { lesson: lessonOf9Nov(), rows: [{ studentId: students.s1, points: [1, 2] }] }), 400).details)
      .toEqual([expect.objectContaining({ path: 'rows.0.points', code: 'POINTS_COUNT' })]);
    const outside = failure(await put(s.clients.teacher, 1, { lesson: lessonOf9Nov(), rows: [{ studentId: students.s1, points: [1, 2, 4] }, { studentId: students.s3, points: [0, 0, 1] }] }), 409);
    expect(outside).toMatchObject({ code: 'STUDENT_NOT_IN_LESSON', details: { path: 'rows.1.studentId' } });
    expect(failure(await put(s.clients.teacher, 1, { lesson: { timetableLessonId: s.ids.lessons.russian5a, date: '2026-09-07' }, rows: [] }), 409).code).toBe('LESSON_NOT_OF_WORK');
    expect(failure(await put(s.clients.admin, 1, { lesson: lessonOf9Nov(), rows: [{ studentId: students.s1, points: [1, 2, 4] }] }), 409).code).toBe('REASON_REQUIRED');
    expect(failure(await put(ivanov, 1, { lesson: lessonOf9Nov(), rows: [{ studentId: students.s1, points: [1, 2, 4] }] }), 403).code).toBe('FORBIDDEN');
    expect([await countOf(controlWorkResults), await countOf(marks)]).toEqual(before);
  });

  it('saves the grid at the lesson: marks by the scale in the journal with audit rows, the analysis stored', async () => {
    const saved = ok<Results>(await put(s.clients.teacher, 1, {
      lesson: lessonOf9Nov(),
      rows: [{ studentId: students.s1, points: [1, 2, 3.5] }, { studentId: students.s2, points: [0, 1, null] }],
    }));
    expect(saved.work).toMatchObject({ version: 2, written: 2, plannedDate: '2026-11-09', journalLesson: { date: '2026-11-09' } });
    const row = (id: string) => saved.rows.find((r) => r.studentId === id)!;
    expect(row(students.s1)).toMatchObject({ points: [1, 2, 3.5], total: 6.5, mark: 5 });
    expect(row(students.s2)).toMatchObject({ points: [0, 1, null], total: 1, mark: 2 });

    const given = await t.database.db.select().from(marks).where(and(eq(marks.schoolId, s.schoolId), eq(marks.controlWorkId, work.id)));
    expect(given.map((m) => [m.studentId, m.value, Number(m.weight), m.controlFormId, m.journalLessonId, m.date]).sort()).toEqual([
      [students.s1, '5', 2, formId, saved.work.journalLesson!.id, '2026-11-09'], [students.s2, '2', 2, formId, saved.work.journalLesson!.id, '2026-11-09'],
    ].sort());
    expect(given[0]!.contentElementCodes.sort()).toEqual(['1.1', '2.3']);
    const audit = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.schoolId, s.schoolId), eq(journalAudit.journalLessonId, saved.work.journalLesson!.id)));
    expect(audit.filter((a) => a.entityType === 'controlWorkResult').map((a) => [a.action, a.actorRole, (a.new as { points: number }).points]).sort())
      .toEqual([['create', 'subjectTeacher', 0], ['create', 'subjectTeacher', 1], ['create', 'subjectTeacher', 1], ['create', 'subjectTeacher', 2], ['create', 'subjectTeacher', 3.5]]);
    expect(audit.filter((a) => a.entityType === 'mark').map((a) => a.action)).toEqual(['create', 'create']);

    const analysis = ok<{ written: number; absent: number; tasks: { label: string; share: number }[]; elements: { code: string; share: number; pointsShare: number }[]; marks: Record<string, number>; averageMark: number; computedAt: string }>(
      await s.clients.teacher.get(`/control-works/${work.id}/analysis`));
    expect(analysis).toMatchObject({ written: 2, absent: 0, marks: { 5: 1, 4: 0, 3: 0, 2: 1 }, averageMark: 3.5 });
    expect(analysis.tasks.map((x) => [x.label, x.share])).toEqual([['1', 0.5], ['2', 1], ['3', 0.5]]);
    // 1.1: tasks 1 (1 point) and 2 (2 points); Ученикова masters both (3), Соседов task 2 (2) → 5 of 6.
    expect(analysis.elements.map((e) => [e.code, e.share])).toEqual([['1.1', 5 / 6], ['2.3', (2 + 4 + 2) / 12]]);
    expect(analysis.computedAt).not.toBeNull();
    const stored = await t.database.db.select({ analysis: controlWorks.analysis }).from(controlWorks).where(eq(controlWorks.id, work.id));
    expect(stored[0]!.analysis).toMatchObject({ written: 2, marks: { 5: 1 } });
  });

  it('refuses a stale version of the grid', async () => {
    expect(failure(await put(s.clients.teacher, 1, { rows: [{ studentId: students.s1, points: [0, 0, 0] }] }), 412).code).toBe('VERSION_STALE');
  });

  it('gives a changed total a new mark, and takes the mark of an emptied row («не писал»), each audited', async () => {
    const saved = ok<Results>(await put(s.clients.teacher, 2, {
      rows: [{ studentId: students.s1, points: [1, 2, 1] }, { studentId: students.s2, points: [null, null, null] }],
    }));
    expect(saved.rows.find((r) => r.studentId === students.s1)).toMatchObject({ total: 4, mark: 3 });
    expect(saved.rows.find((r) => r.studentId === students.s2)).toMatchObject({ total: null, mark: null, markId: null });
    const given = await t.database.db.select().from(marks).where(and(eq(marks.schoolId, s.schoolId), eq(marks.controlWorkId, work.id)));
    expect(given.map((m) => [m.studentId, m.value, m.version])).toEqual([[students.s1, '3', 2]]);
    expect(await countOf(controlWorkResults, eq(controlWorkResults.controlWorkId, work.id))).toBe(3);
    const audit = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.schoolId, s.schoolId), eq(journalAudit.journalLessonId, saved.work.journalLesson!.id)));
    const update = audit.find((a) => a.entityType === 'controlWorkResult' && a.action === 'update')!;
    expect([(update.old as { points: number }).points, (update.new as { points: number }).points, update.studentId]).toEqual([3.5, 1, students.s1]);
    expect(audit.filter((a) => a.entityType === 'controlWorkResult' && a.action === 'delete')).toHaveLength(2);
    expect(audit.filter((a) => a.entityType === 'mark').map((a) => [a.action, (a.old as { value: string } | null)?.value ?? null, (a.new as { value: string } | null)?.value ?? null]).sort())
      .toEqual([['create', null, '2'], ['create', null, '5'], ['delete', '2', null], ['update', '5', '3']].sort());
    const analysis = ok<{ written: number; absent: number }>(await s.clients.teacher.get(`/control-works/${work.id}/analysis`));
    expect(analysis).toMatchObject({ written: 1, absent: 1 });
  });

  it('refuses the journal a control work mark\'s value, form or deletion (it follows from the points); a comment still changes', async () => {
    const [mark] = await t.database.db.select().from(marks).where(and(eq(marks.schoolId, s.schoolId), eq(marks.controlWorkId, work.id)));
    const journal = withHeaders(s.clients.teacher, ifMatch(mark!.version));
    const refused = failure(await journal.patch(`/journal/marks/${mark!.id}`, { value: 5 }), 409);
    expect(refused.code).toBe('MARK_FROM_CONTROL_WORK');
    expect(refused.message).toMatch(/измените баллы/);
    expect(failure(await journal.patch(`/journal/marks/${mark!.id}`, { controlFormId: passFailFormId }), 409).code).toBe('MARK_FROM_CONTROL_WORK');
    expect(failure(await journal.del(`/journal/marks/${mark!.id}`), 409).code).toBe('MARK_FROM_CONTROL_WORK');
    const commented = await journal.patch(`/journal/marks/${mark!.id}`, { comment: 'Ошибка в задаче 3' });
    expect(commented.statusCode, commented.body).toBe(200);
    const [after] = await t.database.db.select().from(marks).where(eq(marks.id, mark!.id));
    expect([after!.value, after!.comment, after!.controlFormId]).toEqual([mark!.value, 'Ошибка в задаче 3', mark!.controlFormId]);
  });

  it('keeps tasks and the scale while results exist; labels and КЭС codes still change; no deleting', async () => {
    const current = ok<Work>(await s.clients.teacher.get(`/control-works/${work.id}`));
    const edit = withHeaders(s.clients.teacher, ifMatch(current.version));
    expect(failure(await edit.patch(`/control-works/${work.id}`, { tasks: current.tasksList.map((x, i) => ({ ...x, maxPoints: i === 2 ? 5 : x.maxPoints })) }), 409).code).toBe('CONTROL_WORK_HAS_RESULTS');
    expect(failure(await edit.patch(`/control-works/${work.id}`, { pointsScale: [{ from: 7, mark: 5 }, { from: 5, mark: 4 }, { from: 3, mark: 3 }, { from: 0, mark: 2 }] }), 409).code).toBe('CONTROL_WORK_HAS_RESULTS');
    expect(failure(await edit.del(`/control-works/${work.id}`), 409).code).toBe('CONTROL_WORK_HAS_RESULTS');
    const relabelled = ok<Work>(await edit.patch(`/control-works/${work.id}`, { tasks: current.tasksList.map((x, i) => ({ id: x.id, label: x.label, maxPoints: x.maxPoints, contentElementCodes: i === 2 ? ['3.1'] : x.contentElementCodes })) }));
    expect(relabelled.version).toBe(current.version + 1);
    const analysis = ok<{ elements: { code: string }[] }>(await s.clients.teacher.get(`/control-works/${work.id}/analysis`));
    expect(analysis.elements.map((e) => e.code)).toEqual(['1.1', '2.3', '3.1']);
  });

  it('lets the administration correct with a reason, and refuses the teacher after the window', async () => {
    const current = ok<Work>(await s.clients.admin.get(`/control-works/${work.id}`));
    const corrected = ok<Results>(await put(s.clients.admin, current.version, { rows: [{ studentId: students.s2, points: [1, 2, 4] }], reason: 'Работа найдена после проверки' }));
    expect(corrected.rows.find((r) => r.studentId === students.s2)).toMatchObject({ mark: 5 });
    const rows = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.schoolId, s.schoolId), eq(journalAudit.reason, 'Работа найдена после проверки')));
    expect(rows.length).toBe(4);
    expect(new Set(rows.map((r) => r.actorRole))).toEqual(new Set(['journalAdmin']));

    const old = ok<Work>(await s.clients.teacher.post('/control-works', newWork({ plannedDate: '2026-10-19', title: 'Старая' })), 201);
    const closed = failure(await withHeaders(s.clients.teacher, ifMatch(1)).put(`/control-works/${old.id}/results`, {
      lesson: { timetableLessonId: s.ids.lessons.octMath5a, date: '2026-10-19' }, rows: [{ studentId: students.s1, points: [1, 1, 1] }],
    }), 409);
    expect(closed).toMatchObject({ code: 'MARK_ENTRY_CLOSED', message: 'Срок выставления отметок за урок 19.10.2026 истёк (можно в течение 7 дн.)' });
    expect(await countOf(controlWorkResults, eq(controlWorkResults.controlWorkId, old.id))).toBe(0);
  });

  it('answers a retry with the same Idempotency-Key as the first time and writes once; the key with another grid is refused', async () => {
    const other = ok<Work>(await s.clients.teacher.post('/control-works', newWork({ title: 'Повтор' })), 201);
    const body = { lesson: lessonOf9Nov(), rows: [{ studentId: students.s1, points: [1, 1, 1] }] };
    const send = (b: unknown) => withHeaders(s.clients.teacher, { ...ifMatch(1), 'idempotency-key': 'cw-retry-1' }).put(`/control-works/${other.id}/results`, b);
    const first = ok<Results>(await send(body));
    const audits = async () => (await t.database.db.select({ n: count() }).from(journalAudit).where(eq(journalAudit.schoolId, s.schoolId)))[0]!.n;
    const before = [await countOf(controlWorkResults), await countOf(marks), await audits()];
    const again = ok<Results>(await send(body));
    expect(again).toEqual(first);
    expect([await countOf(controlWorkResults), await countOf(marks), await audits()]).toEqual(before);
    expect(failure(await send({ ...body, rows: [{ studentId: students.s1, points: [0, 0, 0] }] }), 422).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('shows results and the analysis to the teachers of the work and the administration only', async () => {
    expect((await ivanov.get(`/control-works/${work.id}/results`)).statusCode).toBe(404);
    expect((await ivanov.get(`/control-works/${work.id}/analysis`)).statusCode).toBe(404);
    expect((await s.clients.student.get(`/control-works/${work.id}/results`)).statusCode).toBe(404);
    expect((await s.clients.parent.get(`/control-works/${work.id}/analysis`)).statusCode).toBe(404);
    expect((await s.clients.admin.get(`/control-works/${work.id}/analysis`)).statusCode).toBe(200);
    expect((await s.clients.otherDirector.get(`/control-works/${work.id}`)).statusCode).toBe(404);
  });
});
