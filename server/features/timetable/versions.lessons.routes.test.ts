// Adding and removing single lessons of a timetable version by hand, and distance lessons, over
// HTTP on a small school: 5А and 5Б with four lessons a day, mathematics of 5А (3 h, two placed),
// «Разговоры о важном» of 5А (extracurricular, 1 h) and «Робототехника» (additional education) for
// an activity group of a 5А and a 5Б student. A refused change saves nothing (read back).
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  academicCalendars, bellSchedules, classes, employees, enrollments, regimeAssignments, rooms, studyGroupMembers, studyGroups, students,
  subjects, teachingLoads, timetableLessons, timetables,
} from '../../db/schema';
import { as, createAccount, createSchool, createTestApp, login, type Session, type TestApp } from '../../test/app';

type Lesson = { id: string; weekday: number; lessonNumber: number; kind: string; format: string; distanceUrl: string | null; teachingLoadId: string | null; room: { id: string } | null };
type Change = { lesson: Lesson; timetable: { version: number; lessons: number } };
type Detail = { version: number; lessons: number; evaluation: { hard: number; unplaced: number; orphans: unknown[]; outsideGrid: { teachingLoadId: string; hours: number; message: string }[] } };
type Issue = { path: string; message: string };

let t: TestApp;
let schoolId: string;
let otherLoad: string;
const sessions: Record<'admin' | 'teacher' | 'student' | 'other', Session> = {} as never;
const ids = {} as Record<'classA' | 'classB' | 'hall' | 'math' | 'talks' | 'robots' | 'version' | 'mathMon', string>;

async function call(who: keyof typeof sessions, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, ifMatch?: number): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...as(sessions[who], method !== 'GET'), ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) };
  return t.app.inject({ method, url: `/api/v1/schools/${schoolId}${path}`, headers, ...(body === undefined ? {} : { payload: body as object }) });
}
function ok<T>(res: LightMyRequestResponse, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}
const errorOf = (res: LightMyRequestResponse) => res.json().error as { code: string; message: string; details?: Issue[] & { clashes?: unknown[] } };
const detail = async (): Promise<Detail> => ok<Detail>(await call('admin', 'GET', `/timetables/${ids.version}`));
const rows = () => t.database.db.select().from(timetableLessons).where(and(eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.timetableId, ids.version)));
const add = async (body: Record<string, unknown>, who: keyof typeof sessions = 'admin') => call(who, 'POST', `/timetables/${ids.version}/lessons`, body, (await detail()).version);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const school = await createSchool(t.database, 'СОШ № 31');
  schoolId = school.id;
  const other = await createSchool(t.database, 'СОШ № 32');
  const accounts = {
    admin: await createAccount(t.database, { login: 'tl-admin', roles: [{ schoolId, role: 'journalAdmin' }] }),
    teacher: await createAccount(t.database, { login: 'tl-teacher', roles: [{ schoolId, role: 'subjectTeacher' }] }),
    student: await createAccount(t.database, { login: 'tl-student', roles: [{ schoolId, role: 'student' }] }),
    other: await createAccount(t.database, { login: 'tl-other', roles: [{ schoolId: other.id, role: 'director' }] }),
  };
  for (const who of Object.keys(accounts) as (keyof typeof accounts)[]) sessions[who] = await login(t.app, `tl-${who}`);

  await db.insert(academicCalendars).values({ schoolId, academicYear: 2026, startsOn: '2026-09-01', endsOn: '2027-05-26', weekLengths: [{ grades: [5], days: 5 }] });
  const [bells] = await db.insert(bellSchedules).values({
    schoolId, academicYear: 2026, name: 'Основное',
    lessons: [1, 2, 3, 4].map((n) => ({ number: n, startsAt: `0${7 + n}:00`, endsAt: `0${7 + n}:45` })),
  }).returning();
  await db.insert(regimeAssignments).values({ schoolId, bellScheduleId: bells!.id, startsOn: '2026-09-01' });
  const [math, talks, robots] = await db.insert(subjects).values([
    { schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId, name: 'Разговоры о важном', shortName: 'Разг. о важном', levels: ['basic'], kind: 'extracurricular' },
    { schoolId, name: 'Робототехника', shortName: 'Робот.', levels: ['basic'], kind: 'additional' },
  ]).returning();
  const [hall] = await db.insert(rooms).values([{ schoolId, name: 'Актовый зал', capacity: 100 }]).returning();
  const [petrova, kozlov] = await db.insert(employees).values([
    { schoolId, lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна', position: 'Учитель', accountId: accounts.teacher.id },
    { schoolId, lastName: 'Козлов', firstName: 'Илья', position: 'Педагог дополнительного образования' },
  ]).returning();
  const [a, b] = await db.insert(classes).values([
    { schoolId, academicYear: 2026, grade: 5, letter: 'А' }, { schoolId, academicYear: 2026, grade: 5, letter: 'Б' },
  ]).returning();
  const [anya, vera] = await db.insert(students).values([
    { schoolId, lastName: 'Аникина', firstName: 'Аня', accountId: accounts.student.id }, { schoolId, lastName: 'Веселова', firstName: 'Вера' },
  ]).returning();
  await db.insert(enrollments).values([
    { schoolId, studentId: anya!.id, classId: a!.id, startsOn: '2026-09-01' }, { schoolId, studentId: vera!.id, classId: b!.id, startsOn: '2026-09-01' },
  ]);
  const [group] = await db.insert(studyGroups).values({ schoolId, academicYear: 2026, kind: 'activity', name: 'Робототехника, гр. 1', subjectId: robots!.id }).returning();
  await db.insert(studyGroupMembers).values([
    { schoolId, studyGroupId: group!.id, studentId: anya!.id, startsOn: '2026-09-01' }, { schoolId, studyGroupId: group!.id, studentId: vera!.id, startsOn: '2026-09-01' },
  ]);
  const [lMath, lTalks, lRobots] = await db.insert(teachingLoads).values([
    { schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: math!.id, classId: a!.id, hoursPerWeek: '3' },
    { schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: talks!.id, classId: a!.id, hoursPerWeek: '1' },
    { schoolId, academicYear: 2026, employeeId: kozlov!.id, subjectId: robots!.id, studyGroupId: group!.id, hoursPerWeek: '2' },
  ]).returning();
  // Another school's load row: not found here.
  const [oe] = await db.insert(employees).values({ schoolId: other.id, lastName: 'Чужой', firstName: 'Пётр', position: 'Учитель' }).returning();
  const [os] = await db.insert(subjects).values({ schoolId: other.id, name: 'Кружок', shortName: 'Кружок', levels: ['basic'], kind: 'extracurricular' }).returning();
  const [oc] = await db.insert(classes).values({ schoolId: other.id, academicYear: 2026, grade: 5, letter: 'А' }).returning();
  const [ol] = await db.insert(teachingLoads).values({ schoolId: other.id, academicYear: 2026, employeeId: oe!.id, subjectId: os!.id, classId: oc!.id, hoursPerWeek: '1' }).returning();
  otherLoad = ol!.id;

  const [tt] = await db.insert(timetables).values({ schoolId, academicYear: 2026, name: 'Основное' }).returning();
  const lesson = (k: number, weekday: number) => ({
    schoolId, timetableId: tt!.id, teachingLoadId: lMath!.id, activityKey: `${lMath!.id}#${k}`, subjectId: math!.id, employeeId: petrova!.id, classId: a!.id, weekday, lessonNumber: 1,
  });
  const [mon] = await db.insert(timetableLessons).values([lesson(1, 1), lesson(2, 2)]).returning();
  Object.assign(ids, { classA: a!.id, classB: b!.id, hall: hall!.id, math: lMath!.id, talks: lTalks!.id, robots: lRobots!.id, version: tt!.id, mathMon: mon!.id });
}, 60_000);
afterAll(async () => { await t.close(); });

describe('adding a lesson by hand', () => {
  it('the version lacks the sessions of the extracurricular and additional rows, listed apart from violations', async () => {
    // Refresh the stored evaluation with a harmless change.
    ok(await call('admin', 'PATCH', `/timetables/${ids.version}`, { name: 'Основное' }, (await detail()).version));
    const d = await detail();
    expect(d.evaluation).toMatchObject({ hard: 1, unplaced: 1, orphans: [] });
    expect(d.evaluation.outsideGrid.map((o) => [o.teachingLoadId, o.hours])).toEqual(expect.arrayContaining([[ids.talks, 1], [ids.robots, 2]]));
    expect(d.evaluation.outsideGrid.find((o) => o.teachingLoadId === ids.talks)!.message).toBe('Разговоры о важном — 5А (Петрова А. С.): нет в расписании 1 час из 1 в неделю');
  });

  it('adds an extracurricular session after the class\'s last lesson: not an orphan, not a violation', async () => {
    const before = await detail();
    const res = await add({ teachingLoadId: ids.talks, weekday: 1, lessonNumber: 5, roomId: ids.hall });
    const answer = ok<Change>(res, 201);
    expect(answer.lesson).toMatchObject({ weekday: 1, lessonNumber: 5, kind: 'extracurricular', format: 'inPerson', distanceUrl: null, teachingLoadId: ids.talks, room: { id: ids.hall } });
    expect(answer.timetable.version).toBe(before.version + 1);
    expect(res.headers.etag).toBe(`"${before.version + 1}"`);
    const after = await detail();
    expect(after.evaluation).toMatchObject({ hard: before.evaluation.hard, unplaced: 1, orphans: [] });
    expect(after.evaluation.outsideGrid.map((o) => o.teachingLoadId)).toEqual([ids.robots]);
    const grid = ok<{ lessons: Lesson[] }>(await call('admin', 'GET', `/timetables/${ids.version}/lessons?classId=${ids.classA}`));
    expect(grid.lessons.find((l) => l.id === answer.lesson.id)).toMatchObject({ kind: 'extracurricular', lessonNumber: 5 });
  });

  it('adds a distance session of an activity group with its link; the group shows in both classes', async () => {
    const answer = ok<Change>(await add({ teachingLoadId: ids.robots, weekday: 2, lessonNumber: 6, format: 'distance', distanceUrl: 'https://meet.example.ru/robots' }), 201);
    expect(answer.lesson).toMatchObject({ kind: 'additional', format: 'distance', distanceUrl: 'https://meet.example.ru/robots' });
    for (const classId of [ids.classA, ids.classB]) {
      const grid = ok<{ lessons: Lesson[] }>(await call('admin', 'GET', `/timetables/${ids.version}/lessons?classId=${classId}`));
      expect(grid.lessons.map((l) => l.id)).toContain(answer.lesson.id);
    }
  });

  it('adds a regular lesson into the hour its row lacks; a fourth is refused', async () => {
    const answer = ok<Change>(await add({ teachingLoadId: ids.math, weekday: 3, lessonNumber: 1 }), 201);
    expect(answer.lesson).toMatchObject({ kind: 'regular', weekday: 3, lessonNumber: 1 });
    const row = (await rows()).find((r) => r.id === answer.lesson.id)!;
    expect(row.activityKey).toBe(`${ids.math}#3`);
    expect((await detail()).evaluation).toMatchObject({ hard: 0, unplaced: 0, orphans: [] });
    const count = (await rows()).length;
    const res = await add({ teachingLoadId: ids.math, weekday: 4, lessonNumber: 1 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'TIMETABLE_LOAD_PLACED', message: expect.stringContaining('все уроки этой строки нагрузки (3) уже есть в расписании') });
    expect(await rows()).toHaveLength(count);
  });

  it('refuses a clash with the teacher\'s or the students\' lesson, in Russian, and saves nothing', async () => {
    const before = await detail();
    const count = (await rows()).length;
    const teacher = await add({ teachingLoadId: ids.talks, weekday: 1, lessonNumber: 1 });
    expect(teacher.statusCode).toBe(409);
    expect(errorOf(teacher).code).toBe('TIMETABLE_CLASH');
    expect(errorOf(teacher).message).toContain('Учитель Петрова А. С. в это время ведёт Математика в 5А (Пн, 1 урок)');
    expect(errorOf(teacher).message).toContain('У 5А в это время Математика');
    // The activity group has a 5А student: 5А's mathematics is in its way too.
    const group = await add({ teachingLoadId: ids.robots, weekday: 2, lessonNumber: 1 });
    expect(group.statusCode).toBe(409);
    expect(errorOf(group).message).toContain('У 5А в это время Математика');
    // The hall is taken on Monday, 5th, by «Разговоры о важном».
    const room = await add({ teachingLoadId: ids.robots, weekday: 1, lessonNumber: 5, roomId: ids.hall });
    expect(room.statusCode).toBe(409);
    expect(errorOf(room).message).toContain('Кабинет Актовый зал в это время занят: Разговоры о важном');
    expect(await rows()).toHaveLength(count);
    expect((await detail()).version).toBe(before.version);
  });

  it('refuses bad input with the field in Russian: an unknown or another school\'s row, a link without https, a number outside the shift', async () => {
    const count = (await rows()).length;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ teachingLoadId: '0190d5b2-0000-7000-8000-000000000000', weekday: 1, lessonNumber: 6 }, 'teachingLoadId', 'Строка нагрузки: нет такой строки'],
      [{ teachingLoadId: otherLoad, weekday: 1, lessonNumber: 6 }, 'teachingLoadId', 'Строка нагрузки: нет такой строки'],
      [{ teachingLoadId: ids.robots, weekday: 3, lessonNumber: 6, format: 'distance', distanceUrl: 'http://meet.example.ru/x' }, 'distanceUrl', 'нужен адрес, начинающийся с https://'],
      [{ teachingLoadId: ids.robots, weekday: 3, lessonNumber: 6, format: 'distance' }, 'distanceUrl', 'Ссылка: обязательна для дистанционного занятия'],
      [{ teachingLoadId: ids.robots, weekday: 3, lessonNumber: 13 }, 'lessonNumber', 'Номер урока: не больше 12'],
      [{ teachingLoadId: ids.robots, weekday: 7, lessonNumber: 6 }, 'weekday', 'День недели: от 1 (понедельник) до 6 (суббота)'],
      [{ teachingLoadId: ids.robots, weekday: 6, lessonNumber: 6 }, 'weekday', 'День недели: в учебной неделе школы 5 дней'],
      [{ teachingLoadId: ids.robots, weekday: 3, lessonNumber: 6, roomId: '0190d5b2-0000-7000-8000-000000000001' }, 'roomId', 'Кабинет: нет такого кабинета в школе'],
    ];
    for (const [body, path, message] of cases) {
      const res = await add(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      expect(errorOf(res).details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(message) })]));
    }
    // A regular lesson stays within the bell schedule of its class's shift (four lessons).
    await t.database.db.update(teachingLoads).set({ hoursPerWeek: '4' }).where(eq(teachingLoads.id, ids.math));
    const late = await add({ teachingLoadId: ids.math, weekday: 4, lessonNumber: 5 });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).details).toEqual([expect.objectContaining({ path: 'lessonNumber', message: 'Номер урока: в расписании звонков 4 урока' })]);
    await t.database.db.update(teachingLoads).set({ hoursPerWeek: '3' }).where(eq(teachingLoads.id, ids.math));
    expect(await rows()).toHaveLength(count);
  });

  it('needs If-Match and the administration', async () => {
    const body = { teachingLoadId: ids.robots, weekday: 4, lessonNumber: 6 };
    expect((await call('admin', 'POST', `/timetables/${ids.version}/lessons`, body)).statusCode).toBe(428);
    expect((await call('admin', 'POST', `/timetables/${ids.version}/lessons`, body, 1)).statusCode).toBe(412);
    expect((await add(body, 'teacher')).statusCode).toBe(403);
    expect((await add(body, 'student')).statusCode).toBe(403);
    expect((await call('other', 'POST', `/timetables/${ids.version}/lessons`, body, 1)).statusCode).toBe(404);
  });
});

describe('a lesson at a distance every week', () => {
  it('takes a link with format distance, refuses one without https or without a link, and drops it in person', async () => {
    const path = `/timetables/${ids.version}/lessons/${ids.mathMon}`;
    const answer = ok<Change>(await call('admin', 'PATCH', path, { format: 'distance', distanceUrl: 'https://meet.example.ru/math' }, (await detail()).version));
    expect(answer.lesson).toMatchObject({ format: 'distance', distanceUrl: 'https://meet.example.ru/math', weekday: 1, lessonNumber: 1 });
    const bad = await call('admin', 'PATCH', path, { distanceUrl: 'ftp://meet.example.ru/math' }, (await detail()).version);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([expect.objectContaining({ path: 'distanceUrl' })]);
    const back = ok<Change>(await call('admin', 'PATCH', path, { format: 'inPerson' }, (await detail()).version));
    expect(back.lesson).toMatchObject({ format: 'inPerson', distanceUrl: null });
    const noLink = await call('admin', 'PATCH', path, { format: 'distance' }, (await detail()).version);
    expect(noLink.statusCode).toBe(400);
    expect(errorOf(noLink).details).toEqual([expect.objectContaining({ path: 'distanceUrl', message: 'Ссылка: обязательна для дистанционного урока' })]);
    const row = (await rows()).find((r) => r.id === ids.mathMon)!;
    expect(row).toMatchObject({ format: 'inPerson', distanceUrl: null });
  });

  it('moves a session after the lessons, but not past the 12th', async () => {
    const session = (await rows()).find((r) => r.teachingLoadId === ids.talks)!;
    const path = `/timetables/${ids.version}/lessons/${session.id}`;
    ok(await call('admin', 'PATCH', path, { weekday: 4, lessonNumber: 8 }, (await detail()).version));
    const far = await call('admin', 'PATCH', path, { lessonNumber: 13 }, (await detail()).version);
    expect(far.statusCode).toBe(400);
    expect((await rows()).find((r) => r.id === session.id)).toMatchObject({ weekday: 4, lessonNumber: 8 });
  });
});

describe('removing a lesson', () => {
  it('deletes a lesson with If-Match; its hours are missing again; an unknown one is 404, a teacher 403', async () => {
    const session = (await rows()).find((r) => r.teachingLoadId === ids.talks)!;
    const path = `/timetables/${ids.version}/lessons/${session.id}`;
    expect((await call('teacher', 'DELETE', path, undefined, (await detail()).version)).statusCode).toBe(403);
    expect((await call('admin', 'DELETE', path, undefined, 1)).statusCode).toBe(412);
    const before = await detail();
    const answer = ok<{ version: number; lessons: number }>(await call('admin', 'DELETE', path, undefined, before.version));
    expect(answer).toMatchObject({ version: before.version + 1, lessons: before.lessons - 1 });
    expect((await rows()).some((r) => r.id === session.id)).toBe(false);
    expect((await detail()).evaluation.outsideGrid.map((o) => o.teachingLoadId)).toEqual(expect.arrayContaining([ids.talks]));
    const again = await call('admin', 'DELETE', path, undefined, answer.version);
    expect(again.statusCode).toBe(404);
    expect(errorOf(again).code).toBe('TIMETABLE_LESSON_NOT_FOUND');
  });
});

describe('the API document', () => {
  it('lists adding and removing a lesson', async () => {
    const doc = ok<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    expect(doc.paths['/api/v1/schools/{schoolId}/timetables/{timetableId}/lessons']).toHaveProperty('post');
    expect(doc.paths['/api/v1/schools/{schoolId}/timetables/{timetableId}/lessons/{lessonId}']).toHaveProperty('delete');
    expect(doc.components.schemas).toHaveProperty('AddTimetableLessonBody');
  });
});
