// A teacher's unavailable lessons over HTTP: the grid of the year (its week and each shift's
// lessons), the whole set replaced by the administration, read by staff; lessons outside the grid
// or malformed are refused with the item's path in Russian and nothing saved; other years, other
// schools and students do not reach it; the timetable problem turns the lessons into hard slots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicCalendars, bellSchedules, classes, employees, regimeAssignments, subjects, teachingLoads } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

type Slot = { shift: number; weekday: number; lessonNumber: number };
type Unavailability = { academicYear: number; employee: { id: string; lastName: string }; grid: { weekdays: number[]; shifts: { shift: number; lessons: number }[] }; slots: Slot[] };
type Issue = { path: string; code: string; message: string };

let t: TestApp;
let admin: Client;
let teacher: Client;
let student: Client;
let otherDir: Client;
const id: Record<string, string> = {};

const lessons = (n: number, from: number) => Array.from({ length: n }, (_, i) => {
  const start = from + i * 55;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { number: i + 1, startsAt: hhmm(start), endsAt: hhmm(start + 45) };
});
const issuesOf = (res: { statusCode: number; json(): { error: { code: string; details: Issue[] } } }): Issue[] => {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
  return res.json().error.details;
};
const path = () => `/employees/${id.petrova}/unavailability`;

beforeAll(async () => {
  t = await createTestApp();
  const school = await createSchool(t.database, 'СОШ № 21');
  const other = await createSchool(t.database, 'СОШ № 22');
  await createAccount(t.database, { login: 'un-admin', roles: [{ schoolId: school.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'un-teacher', roles: [{ schoolId: school.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'un-student', roles: [{ schoolId: school.id, role: 'student' }] });
  await createAccount(t.database, { login: 'un-other', roles: [{ schoolId: other.id, role: 'director' }] });
  admin = schoolClient(t.app, await login(t.app, 'un-admin'), school.id);
  teacher = schoolClient(t.app, await login(t.app, 'un-teacher'), school.id);
  student = schoolClient(t.app, await login(t.app, 'un-student'), school.id);
  otherDir = schoolClient(t.app, await login(t.app, 'un-other'), school.id);

  const db = t.database.db;
  const schoolId = school.id;
  await db.insert(academicCalendars).values({ schoolId, academicYear: 2026, startsOn: '2026-09-01', endsOn: '2027-05-26', weekLengths: [{ grades: [5], days: 5 }] });
  const [first] = await db.insert(bellSchedules).values([
    { schoolId, academicYear: 2026, name: '1 смена', shift: 1, lessons: lessons(5, 8 * 60 + 30) },
    { schoolId, academicYear: 2026, name: '2 смена', shift: 2, lessons: lessons(4, 13 * 60 + 30) },
  ]).returning();
  await db.insert(regimeAssignments).values({ schoolId, bellScheduleId: first!.id, startsOn: '2026-09-01' });
  const [c] = await db.insert(classes).values({ schoolId, academicYear: 2026, grade: 5, letter: 'А' }).returning();
  const [math] = await db.insert(subjects).values({ schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'] }).returning();
  const [petrova] = await db.insert(employees).values({ schoolId, lastName: 'Петрова', firstName: 'Анна', position: 'Учитель' }).returning();
  const [foreign] = await db.insert(employees).values({ schoolId: other.id, lastName: 'Чужая', firstName: 'Ольга', position: 'Учитель' }).returning();
  await db.insert(teachingLoads).values({ schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: math!.id, classId: c!.id, hoursPerWeek: '4' });
  id.petrova = petrova!.id;
  id.foreign = foreign!.id;
});
afterAll(async () => { await t.close(); });

describe('GET/PUT /employees/:employeeId/unavailability', () => {
  it('gives the year’s grid and no lessons at first', async () => {
    expect(ok<Unavailability>(await admin.get(path()))).toEqual({
      academicYear: 2026,
      employee: { id: id.petrova, lastName: 'Петрова', firstName: 'Анна', middleName: null },
      grid: { weekdays: [1, 2, 3, 4, 5], shifts: [{ shift: 1, lessons: 5 }, { shift: 2, lessons: 4 }] },
      slots: [],
    });
  });

  it('replaces the set (the first shift when none is named, a repeated lesson once), in order; staff read it', async () => {
    const saved = ok<Unavailability>(await admin.put(path(), { slots: [{ shift: 2, weekday: 3, lessonNumber: 4 }, { weekday: 1, lessonNumber: 2 }, { weekday: 1, lessonNumber: 1 }, { shift: 1, weekday: 1, lessonNumber: 2 }] }));
    expect(saved.slots).toEqual([{ shift: 1, weekday: 1, lessonNumber: 1 }, { shift: 1, weekday: 1, lessonNumber: 2 }, { shift: 2, weekday: 3, lessonNumber: 4 }]);
    expect(ok<Unavailability>(await teacher.get(`${path()}?academicYear=2026`)).slots).toEqual(saved.slots);
    // Another year is another set.
    expect(ok<Unavailability>(await admin.get(`${path()}?academicYear=2027`)).slots).toEqual([]);
  });

  it('becomes hard not-available slots of the year’s timetable problem', async () => {
    const problem = ok<{ constraints: Record<string, number>; notes: string[] }>(await admin.get('/timetable/problem'));
    expect(problem.constraints.teacherNotAvailable).toBe(1);
    // The school's classes all study in the first shift: the second shift's lesson is not in the grid.
    expect(problem.notes).toContain('Недоступность учителей: 1 учит., уроков в неделю 2; вне сетки уроков и не учтено: 1.');
  });

  it('refuses lessons outside the grid and malformed ones, naming the item in Russian, saving nothing', async () => {
    const before = ok<Unavailability>(await admin.get(path())).slots;
    const outside = issuesOf(await admin.put(path(), { slots: [{ weekday: 6, lessonNumber: 1 }, { shift: 2, weekday: 2, lessonNumber: 5 }, { shift: 3, weekday: 2, lessonNumber: 1 }] }));
    expect(outside).toEqual([
      { path: 'slots.0.weekday', code: 'OUTSIDE_WEEK', message: 'День недели: в учебной неделе школы 5 дней' },
      { path: 'slots.1.lessonNumber', code: 'OUTSIDE_DAY', message: 'Номер урока: в 2 смене 4 урока' },
      { path: 'slots.2.shift', code: 'NO_SUCH_SHIFT', message: 'Смена: в расписаниях звонков года смены 1 и 2' },
    ]);
    const malformed = issuesOf(await admin.put(path(), { slots: [{ weekday: 0, lessonNumber: 1 }, { weekday: 1, lessonNumber: 'два' }, { weekday: 1.5, lessonNumber: 1 }] }));
    expect(malformed.map((i) => [i.path, i.message])).toEqual([
      ['slots.0.weekday', 'День недели: от 1 до 6'],
      ['slots.1.lessonNumber', 'Номер урока: ожидается число'],
      ['slots.2.weekday', 'День недели: целое число'],
    ]);
    expect(issuesOf(await admin.put(path(), { slots: 'все' })).map((i) => i.path)).toEqual(['slots']);
    expect((await admin.put(`${path()}?academicYear=два`, { slots: [] })).statusCode).toBe(400);
    expect(ok<Unavailability>(await admin.get(path())).slots).toEqual(before);
  });

  it('is written only by the administration, hidden from students and from other schools', async () => {
    expect((await teacher.put(path(), { slots: [] })).statusCode).toBe(403);
    expect((await student.get(path())).statusCode).toBe(403);
    expect((await otherDir.get(path())).statusCode).toBe(404);
    expect((await otherDir.put(path(), { slots: [] })).statusCode).toBe(404);
    // Another school's employee through this school: not found.
    const foreign = await admin.get(`/employees/${id.foreign}/unavailability`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe('Сотрудник не найден');
    expect((await admin.put(`/employees/${id.foreign}/unavailability`, { slots: [] })).statusCode).toBe(404);
    expect(ok<Unavailability>(await admin.get(path())).slots).toHaveLength(3);
  });

  it('clears the set with an empty list', async () => {
    expect(ok<Unavailability>(await admin.put(path(), { slots: [] })).slots).toEqual([]);
    expect(ok<{ constraints: Record<string, number> }>(await admin.get('/timetable/problem')).constraints.teacherNotAvailable).toBeUndefined();
  });
});

it('is described in the OpenAPI document with its body and answer', async () => {
  const doc = ok<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
  expect(Object.keys(doc.paths['/api/v1/schools/{schoolId}/employees/{employeeId}/unavailability'] ?? {}).sort()).toEqual(['get', 'put']);
  expect(doc.components.schemas).toHaveProperty('TeacherUnavailabilityBody');
  expect(doc.components.schemas).toHaveProperty('TeacherUnavailability');
});
