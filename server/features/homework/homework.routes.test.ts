// Homework, lesson materials, files and students' work over HTTP on a real database, with the
// two-school cast: the subject teacher teaches «5А Английский 1» (the student's group), the class
// teacher leads 5Б, the guardian is the student's parent.
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlForms, files, journalAudit, journalLessons, markScales, marks, submissions } from '../../db/schema';
import { testConfig } from '../../config';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { castPassword, seedCast, type Cast } from '../../test/people';
import { seedLessonsSchool } from '../lessons/lessons.test-fixtures';

let t: TestApp;
let cast: Cast;
const s: Record<'teacher' | 'student' | 'guardian' | 'director' | 'classTeacher', Session> = {} as never;
let base: string;
let lesson: string;
let lessonB: string;
let pastLesson: string;
let formId: string;
const maxBytes = 64 * 1024;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`, 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

beforeAll(async () => {
  t = await createTestApp({ config: { files: { ...testConfig().files, maxBytes } } });
  cast = await seedCast(t.database);
  const one = cast.schools[0];
  const db = t.database.db;
  base = `/api/v1/schools/${one.id}`;
  const roles = { teacher: 'subjectTeacher', student: 'student', guardian: 'guardian', director: 'director', classTeacher: 'classTeacher' } as const;
  for (const [key, role] of Object.entries(roles)) s[key as keyof typeof s] = await login(t.app, cast.logins[role], castPassword);
  const lessonRow = (schoolId: string, studyGroupId: string, employeeId: string, date: string) => ({
    schoolId, academicYear: 2026, date, lessonNumber: 2, subjectId: cast.schools.find((x) => x.id === schoolId)!.subjectId, studyGroupId, employeeId,
  });
  const rows = await db.insert(journalLessons).values([
    lessonRow(one.id, one.groupA, one.employees.subjectTeacher, '2026-11-02'),
    lessonRow(one.id, one.groupA, one.employees.subjectTeacher, '2026-11-05'),
    lessonRow(one.id, one.groupB, one.employees.other, '2026-11-02'),
    lessonRow(one.id, one.groupA, one.employees.subjectTeacher, '2026-10-30'),
  ]).returning();
  pastLesson = rows[3]!.id;
  lesson = rows[0]!.id;
  lessonB = rows[2]!.id;
  const [scale] = await db.insert(markScales).values({ schoolId: one.id, kind: 'five', name: 'Пятибалльная' }).returning();
  const [form] = await db.insert(controlForms).values({ schoolId: one.id, name: 'Домашняя работа', shortName: 'ДР', weight: '1', markScaleId: scale!.id }).returning();
  formId = form!.id;
}, 120_000);
afterAll(() => t.close());

const req = (session: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `${base}${url}`, headers: { ...as(session, method !== 'GET'), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const upload = (session: Session, name: string, bytes: Buffer) => t.app.inject({
  method: 'POST', url: `${base}/files`, payload: bytes,
  headers: { ...as(session, true), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
});
const errorOf = (res: LightMyRequestResponse) => res.json().error as { code: string; message: string; details?: unknown };
const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  return res.json();
};

describe('homework with an attachment, a student\'s work and its mark in the journal', () => {
  it('goes from the teacher to the student and back into the journal', async () => {
    const file = ok(await upload(s.teacher, 'Упражнения (стр. 40).pdf', pdf('exercises')), 201);
    expect(file).toMatchObject({ name: 'Упражнения (стр. 40).pdf', mimeType: 'application/pdf' });
    const hw = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, {
      text: 'Упр. 5 на стр. 40 <b>письменно</b>', dueDate: '2026-11-05', requiresSubmission: true, fileIds: [file.id],
    }), 201);
    expect(hw).toMatchObject({ text: 'Упр. 5 на стр. 40 <b>письменно</b>', dueDate: '2026-11-05', version: 1, counts: { students: 1, submitted: 0, checked: 0 } });
    expect(hw.attachments.map((a: { id: string }) => a.id)).toEqual([file.id]);
    const audit = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.entityType, 'homework'), eq(journalAudit.entityId, hw.id)));
    expect(audit).toMatchObject([{ action: 'create', actorRole: 'subjectTeacher', journalLessonId: lesson }]);

    // The student sees it among the homework due this week and downloads the attachment.
    const mine = ok(await req(s.student, 'GET', '/student-homework?from=2026-11-01&to=2026-11-08'));
    expect(mine.student.id).toBe(cast.schools[0].studentA);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: hw.id, canSubmit: true, submission: null, counts: null });
    const download = await req(s.student, 'GET', `/files/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%D0%A3%D0%BF%D1%80");
    expect(download.rawPayload.equals(pdf('exercises'))).toBe(true);
    expect((await req(s.guardian, 'GET', `/files/${file.id}`)).statusCode).toBe(200);

    // A work with text and a file; a resubmission replaces them while it is not checked.
    const photo = ok(await upload(s.student, 'photo.png', png), 201);
    const first = ok(await req(s.student, 'POST', `/homework/${hw.id}/submissions`, { text: 'Черновик', fileIds: [photo.id] }));
    expect(first).toMatchObject({ status: 'submitted', late: false, text: 'Черновик' });
    const answer = ok(await upload(s.student, 'Ответ.pdf', pdf('answer')), 201);
    const work = ok(await req(s.student, 'POST', `/homework/${hw.id}/submissions`, { text: 'Ответы: 1) a 2) b', fileIds: [answer.id] }));
    expect(work.id).toBe(first.id);
    expect(work.files.map((f: { id: string }) => f.id)).toEqual([answer.id]);
    expect(await t.database.db.select().from(files).where(eq(files.id, photo.id))).toEqual([]);
    expect((await req(s.teacher, 'GET', `/files/${answer.id}`)).statusCode).toBe(200);
    expect((await req(s.guardian, 'GET', `/files/${answer.id}`)).statusCode).toBe(200);
    expect((await req(s.classTeacher, 'GET', `/files/${answer.id}`)).statusCode).toBe(404);

    // The teacher sees who submitted, returns it, the student submits again, the teacher checks it with a mark.
    const roster = ok(await req(s.teacher, 'GET', `/homework/${hw.id}/submissions`));
    expect(roster.canCheck).toBe(true);
    expect(roster.items).toMatchObject([{ student: { id: cast.schools[0].studentA }, submission: { id: work.id, status: 'submitted' } }]);
    const returned = ok(await req(s.teacher, 'POST', `/submissions/${work.id}/return`, { comment: 'Допишите второе' }, { 'if-match': `"${work.version}"` }));
    expect(returned).toMatchObject({ status: 'returned', teacherComment: 'Допишите второе' });
    const again = ok(await req(s.student, 'POST', `/homework/${hw.id}/submissions`, { text: 'Ответы: 1) a 2) b, c', fileIds: [answer.id] }));
    expect(again.status).toBe('submitted');
    const checked = ok(await req(s.teacher, 'POST', `/submissions/${work.id}/check`, { comment: 'Молодец', mark: { controlFormId: formId, value: 5 } }, { 'if-match': String(again.version) }));
    expect(checked).toMatchObject({ status: 'checked', teacherComment: 'Молодец', mark: { value: '5', controlForm: 'Домашняя работа' } });
    const [mark] = await t.database.db.select().from(marks).where(eq(marks.submissionId, work.id));
    expect(mark).toMatchObject({ journalLessonId: lesson, studentId: cast.schools[0].studentA, value: '5', controlFormId: formId });
    const [row] = await t.database.db.select().from(submissions).where(eq(submissions.id, work.id));
    expect(row!.markId).toBe(mark!.id);
    const markAudit = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.entityType, 'mark'), eq(journalAudit.entityId, mark!.id)));
    expect(markAudit).toHaveLength(1);

    // Checked: no resubmission; the student and the parent see the mark.
    expect(errorOf(await req(s.student, 'POST', `/homework/${hw.id}/submissions`, { text: 'ещё' }))).toMatchObject({ code: 'SUBMISSION_CHECKED' });
    const after = ok(await req(s.guardian, 'GET', '/student-homework?from=2026-11-01&to=2026-11-08'));
    expect(after.items[0]).toMatchObject({ canSubmit: false, submission: { status: 'checked', markValue: '5' } });
    const parentRoster = ok(await req(s.guardian, 'GET', `/homework/${hw.id}/submissions`));
    expect(parentRoster.items.map((i: { student: { id: string } }) => i.student.id)).toEqual([cast.schools[0].studentA]);
  });

  it('flags a work handed in after the due date as late', async () => {
    const hw = ok(await req(s.teacher, 'POST', `/journal/lessons/${pastLesson}/homework`, { text: 'Выучить слова', dueDate: '2026-10-31', requiresSubmission: true }), 201);
    const work = ok(await req(s.student, 'POST', `/homework/${hw.id}/submissions`, { text: 'Выучил' }));
    expect(work.late).toBe(true);
    expect(ok(await req(s.teacher, 'GET', `/submissions/${work.id}`)).late).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses a file too big and a program renamed .pdf, keeping nothing', async () => {
    const before = (await t.database.db.select().from(files)).length;
    const big = await upload(s.teacher, 'big.pdf', Buffer.concat([pdf('big'), Buffer.alloc(maxBytes)]));
    expect(big.statusCode).toBe(413);
    expect(errorOf(big)).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/^Файл слишком большой/) });
    const exe = await upload(s.teacher, 'homework.pdf', Buffer.from('MZ\x90\x00\x03\x00This program cannot be run in DOS mode', 'latin1'));
    expect(exe.statusCode).toBe(400);
    expect(errorOf(exe).code).toBe('FILE_TYPE_FORBIDDEN');
    expect((await upload(s.teacher, '', pdf('x'))).statusCode).toBe(400);
    expect(errorOf(await upload(s.teacher, 'empty.txt', Buffer.alloc(0))).code).toBe('VALIDATION_FAILED');
    const json = await t.app.inject({ method: 'POST', url: `${base}/files`, headers: { ...as(s.teacher, true), 'x-file-name': 'a.txt' }, payload: { text: 'abc' } });
    expect(json.statusCode).toBe(415);
    expect((await t.database.db.select().from(files)).length).toBe(before);
  });

  it('keeps HTML in homework text as typed, refuses a due date before the lesson, takes the next lesson as the default', async () => {
    const html = '<script>alert(1)</script> & <i>стр. 5</i>';
    const hw = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: html, dueDate: '2026-11-03' }), 201);
    expect(ok(await req(s.teacher, 'GET', `/homework/${hw.id}`)).text).toBe(html);
    const early = await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'Задание', dueDate: '2026-11-01' });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'dueDate', code: 'DUE_DATE_BEFORE_LESSON' }] });
    const next = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'К следующему уроку' }), 201);
    expect(next.dueDate).toBe('2026-11-05');
    const none = await req(s.director, 'POST', `/journal/lessons/${lessonB}/homework`, { text: 'Без срока', reason: 'Учитель болеет' });
    expect(errorOf(none)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'dueDate', code: 'DUE_DATE_REQUIRED' }] });
    const missing = await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: '' });
    expect(errorOf(missing).code).toBe('VALIDATION_FAILED');
  });

  it('lets only the student of the lesson submit: another class\'s homework is not found, a parent is refused', async () => {
    const other = ok(await req(s.director, 'POST', `/journal/lessons/${lessonB}/homework`, { text: 'Для 5Б', dueDate: '2026-11-06', requiresSubmission: true, reason: 'Замена' }), 201);
    const foreign = await req(s.student, 'POST', `/homework/${other.id}/submissions`, { text: 'Моё' });
    expect(foreign.statusCode).toBe(404);
    expect((await req(s.student, 'GET', `/homework/${other.id}/submissions`)).statusCode).toBe(404);
    const own = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'Сочинение', dueDate: '2026-11-06', requiresSubmission: true }), 201);
    const parent = await req(s.guardian, 'POST', `/homework/${own.id}/submissions`, { text: 'За ребёнка' });
    expect(parent.statusCode).toBe(403);
    expect(errorOf(await req(s.student, 'POST', `/homework/${own.id}/submissions`, {}))).toMatchObject({ code: 'VALIDATION_FAILED' });
    const noWork = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'Прочитать', dueDate: '2026-11-06' }), 201);
    expect(errorOf(await req(s.student, 'POST', `/homework/${noWork.id}/submissions`, { text: 'Прочитал' }))).toMatchObject({ code: 'SUBMISSION_NOT_EXPECTED' });
    // A teacher cannot submit, and a student cannot check.
    expect((await req(s.teacher, 'POST', `/homework/${own.id}/submissions`, { text: 'x' })).statusCode).toBe(403);
    const work = ok(await req(s.student, 'POST', `/homework/${own.id}/submissions`, { text: 'Готово' }));
    expect((await req(s.student, 'POST', `/submissions/${work.id}/check`, {}, { 'if-match': '1' })).statusCode).toBe(403);
  });

  it('answers a stale If-Match with 412 and the current homework, a missing one with 428', async () => {
    const hw = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'Версия 1', dueDate: '2026-11-05' }), 201);
    const v2 = ok(await req(s.teacher, 'PATCH', `/homework/${hw.id}`, { text: 'Версия 2' }, { 'if-match': '"1"' }));
    expect(v2).toMatchObject({ text: 'Версия 2', version: 2 });
    const staleRes = await req(s.teacher, 'PATCH', `/homework/${hw.id}`, { text: 'Версия 3' }, { 'if-match': '"1"' });
    expect(staleRes.statusCode).toBe(412);
    expect(errorOf(staleRes)).toMatchObject({ code: 'VERSION_STALE', details: { current: { text: 'Версия 2', version: 2 } } });
    expect((await req(s.teacher, 'PATCH', `/homework/${hw.id}`, { text: 'Версия 3' })).statusCode).toBe(428);
    expect((await req(s.teacher, 'DELETE', `/homework/${hw.id}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(412);
    const early = await req(s.teacher, 'PATCH', `/homework/${hw.id}`, { dueDate: '2026-10-30' }, { 'if-match': '"2"' });
    expect(errorOf(early).code).toBe('VALIDATION_FAILED');
    ok(await req(s.teacher, 'DELETE', `/homework/${hw.id}`, undefined, { 'if-match': '"2"' }));
    expect((await req(s.teacher, 'GET', `/homework/${hw.id}`)).statusCode).toBe(404);
    const kinds = await t.database.db.select({ action: journalAudit.action }).from(journalAudit).where(eq(journalAudit.entityId, hw.id));
    expect(kinds.map((k) => k.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('lets only the lesson\'s teacher or the administration with a reason write; others do not reach it', async () => {
    const admin = await req(s.director, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'От завуча', dueDate: '2026-11-05' });
    expect(errorOf(admin).code).toBe('REASON_REQUIRED');
    const withReason = ok(await req(s.director, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'От завуча', dueDate: '2026-11-05', reason: 'Учитель на больничном' }), 201);
    const [audit] = await t.database.db.select().from(journalAudit).where(eq(journalAudit.entityId, withReason.id));
    expect(audit).toMatchObject({ actorRole: 'director', reason: 'Учитель на больничном' });
    expect((await req(s.classTeacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'x', dueDate: '2026-11-05' })).statusCode).toBe(403);
    expect((await req(s.classTeacher, 'GET', `/journal/lessons/${lesson}/homework`)).statusCode).toBe(404);
    expect((await req(s.student, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'x', dueDate: '2026-11-05' })).statusCode).toBe(403);
    const other = cast.schools[1];
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${other.id}/journal/lessons/${lesson}/homework`, headers: as(s.teacher) });
    expect(res.statusCode).toBe(404);
  });
});

describe('lesson materials and files', () => {
  it('adds http(s) links and uploaded files, refuses other links, removes them', async () => {
    const js = await req(s.teacher, 'POST', `/journal/lessons/${lesson}/materials`, { kind: 'link', title: 'Ссылка', url: 'javascript:alert(1)' });
    expect(errorOf(js).code).toBe('VALIDATION_FAILED');
    const link = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/materials`, { kind: 'link', title: 'Видеоурок', url: 'https://resh.edu.ru/subject/lesson/1/' }), 201);
    const file = ok(await upload(s.teacher, 'Презентация.pdf', pdf('slides')), 201);
    const material = ok(await req(s.teacher, 'POST', `/journal/lessons/${lesson}/materials`, { kind: 'file', fileId: file.id }), 201);
    expect(material).toMatchObject({ kind: 'file', title: 'Презентация.pdf', file: { id: file.id } });
    const list = ok(await req(s.student, 'GET', `/journal/lessons/${lesson}/materials`));
    expect(list).toMatchObject({ canWrite: false, items: [{ id: link.id, url: 'https://resh.edu.ru/subject/lesson/1/' }, { id: material.id }] });
    expect((await req(s.student, 'GET', `/files/${file.id}`)).statusCode).toBe(200);
    expect(ok(await req(s.teacher, 'GET', `/journal/lessons/${lesson}/materials`)).canWrite).toBe(true);
    ok(await req(s.teacher, 'DELETE', `/journal/lessons/${lesson}/materials/${material.id}`));
    expect((await req(s.teacher, 'GET', `/files/${file.id}`)).statusCode).toBe(404);
    expect(ok(await req(s.teacher, 'GET', `/journal/lessons/${lesson}/materials`)).items).toHaveLength(1);
  });

  it('keeps an unattached file its uploader\'s: nobody else attaches or reads it', async () => {
    const file = ok(await upload(s.student, 'my.png', png), 201);
    expect((await req(s.teacher, 'GET', `/files/${file.id}`)).statusCode).toBe(404);
    expect((await req(s.student, 'GET', `/files/${file.id}`)).statusCode).toBe(200);
    const res = await req(s.teacher, 'POST', `/journal/lessons/${lesson}/homework`, { text: 'x', dueDate: '2026-11-05', fileIds: [file.id] });
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'fileIds.0', code: 'FILE_NOT_AVAILABLE' }] });
  });

  it('lists a group\'s homework of a period for the journal grid', async () => {
    const one = cast.schools[0];
    const list = ok(await req(s.teacher, 'GET', `/homework?subjectId=${one.subjectId}&studyGroupId=${one.groupA}&from=2026-11-01&to=2026-11-30`));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((h: { lesson: { studyGroup: { id: string } } }) => h.lesson.studyGroup.id === one.groupA)).toBe(true);
    expect((await req(s.teacher, 'GET', `/homework?subjectId=${one.subjectId}&from=2026-11-01&to=2026-11-30`)).statusCode).toBe(400);
  });
});

describe('the default due date from the timetable', () => {
  it('is the date of the subject\'s next lesson for the class in the timetable in force', async () => {
    const school = await seedLessonsSchool(t, 'hw');
    const { teacher } = school.clients;
    // The October version: 5А has Математика on Mondays only; 5 October is the first of them.
    const opened = await teacher.post('/journal/lessons', { timetableLessonId: school.ids.lessons.octMath5a, date: '2026-10-05' });
    expect([200, 201], opened.body).toContain(opened.statusCode);
    const hw = await teacher.post(`/journal/lessons/${opened.json().id}/homework`, { text: 'Задачи 1–3' });
    expect(hw.statusCode, hw.body).toBe(201);
    expect(hw.json().dueDate).toBe('2026-10-12');
  });
});
