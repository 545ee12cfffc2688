// Routes of day regimes: bell schedules with their validation and СанПиН warnings, assignments from
// a date (the previous one ends the day before), the schedule in force for each class, access.
// The test clock stands at 2 November 2026: the academic year 2026/27.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, students, studyGroups } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

let t: TestApp;
let schoolA: { id: string };
let admin: Client;
let teacher: Client;
let adminB: Client;
let class1a: string;
let class5a: string;
let class5b: string;
let oldClass: string;
let groupId: string;
let studentId: string;
let foreignClass: string;

type Schedule = { id: string; name: string; shift: number; lessons: { number: number; startsAt: string; endsAt: string }[]; breaks: { number: number; minutes: number }[]; warnings: { path: string; code: string }[]; assignmentCount: number };
type Assignment = { id: string; bellSchedule: { id: string; name: string }; target: { kind: string; id: string | null; name: string }; startsOn: string; endsOn: string | null };
type Effective = { date: string; items: { classId: string; className: string; bellSchedule: { id: string } | null; source: string | null }[]; withoutSchedule: number };
type Issue = { path: string; message: string };

const lessons45 = [
  { number: 1, startsAt: '08:30', endsAt: '09:15' },
  { number: 2, startsAt: '09:25', endsAt: '10:10' },
  { number: 3, startsAt: '10:30', endsAt: '11:15' },
  { number: 4, startsAt: '11:35', endsAt: '12:20' },
];
const lessons35 = [
  { number: 1, startsAt: '08:30', endsAt: '09:05' },
  { number: 2, startsAt: '09:25', endsAt: '10:00' },
  { number: 3, startsAt: '10:20', endsAt: '10:55' },
];

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await createSchool(t.database, 'СОШ № 3');
  const schoolB = await createSchool(t.database, 'СОШ № 4');
  await createAccount(t.database, { login: 'admin-a', roles: [{ schoolId: schoolA.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'teacher-a', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'admin-b', roles: [{ schoolId: schoolB.id, role: 'journalAdmin' }] });
  admin = schoolClient(t.app, await login(t.app, 'admin-a'), schoolA.id);
  teacher = schoolClient(t.app, await login(t.app, 'teacher-a'), schoolA.id);
  adminB = schoolClient(t.app, await login(t.app, 'admin-b'), schoolB.id);
  const db = t.database.db;
  const [c1, c2, c3, c4] = await db.insert(classes).values([
    { schoolId: schoolA.id, academicYear: 2026, grade: 1, letter: 'А' },
    { schoolId: schoolA.id, academicYear: 2026, grade: 5, letter: 'А' },
    { schoolId: schoolA.id, academicYear: 2026, grade: 5, letter: 'Б' },
    { schoolId: schoolA.id, academicYear: 2025, grade: 4, letter: 'А' },
  ]).returning();
  [class1a, class5a, class5b, oldClass] = [c1!.id, c2!.id, c3!.id, c4!.id];
  const [g] = await db.insert(studyGroups).values({ schoolId: schoolA.id, academicYear: 2026, kind: 'stream', name: 'Поток 5АБ' }).returning();
  groupId = g!.id;
  const [s] = await db.insert(students).values({ schoolId: schoolA.id, lastName: 'Иванов', firstName: 'Пётр' }).returning();
  studentId = s!.id;
  const [fc] = await db.insert(classes).values({ schoolId: schoolB.id, academicYear: 2026, grade: 5, letter: 'А' }).returning();
  foreignClass = fc!.id;
});
afterAll(async () => { await t.close(); });

describe('bell schedules', () => {
  let main: Schedule;

  it('creates a schedule with its breaks and no warnings, and lists it for the year', async () => {
    main = ok<Schedule>(await admin.post('/bell-schedules', { academicYear: 2026, name: ' 1 смена ', shift: 1, lessons: [...lessons45].reverse() }), 201);
    expect(main).toMatchObject({ name: '1 смена', shift: 1, warnings: [], assignmentCount: 0 });
    expect(main.lessons.map((l) => l.number)).toEqual([1, 2, 3, 4]);
    expect(main.breaks.map((b) => b.minutes)).toEqual([10, 20, 20]);
    const list = ok<{ items: Schedule[]; total: number }>(await teacher.get('/bell-schedules?academicYear=2026'));
    expect(list.items.map((s) => s.name)).toEqual(['1 смена']);
    expect(ok<{ total: number }>(await admin.get('/bell-schedules?academicYear=2025')).total).toBe(0);
  });

  it('refuses overlapping lessons with the row and a Russian message, saving nothing', async () => {
    const res = await admin.post('/bell-schedules', {
      name: 'Ошибочное', shift: 1,
      lessons: [{ number: 1, startsAt: '08:30', endsAt: '09:15' }, { number: 2, startsAt: '09:25', endsAt: '10:10' }, { number: 3, startsAt: '10:00', endsAt: '10:45' }, { number: 4, startsAt: '25:00', endsAt: '12:00' }],
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; details: Issue[] } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toContainEqual(expect.objectContaining({ path: 'lessons.2.startsAt', message: 'Урок 3 начинается раньше, чем закончился урок 2' }));
    expect(error.details.map((d) => d.path)).toContain('lessons.3.startsAt');
    expect(ok<{ items: Schedule[] }>(await admin.get('/bell-schedules')).items.map((s) => s.name)).toEqual(['1 смена']);
  });

  it('refuses a bad shift and an empty name; a taken name is 409', async () => {
    const bad = await admin.post('/bell-schedules', { name: 'X', shift: 4, lessons: lessons45 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('shift');
    const empty = await admin.post('/bell-schedules', { name: '  ', shift: 1, lessons: [] });
    expect((empty.json().error.details as Issue[]).map((d) => d.path).sort()).toEqual(['lessons', 'name']);
    const taken = await admin.post('/bell-schedules', { name: '1 СМЕНА', shift: 1, lessons: lessons45 });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('NAME_TAKEN');
  });

  it('saves a schedule with СанПиН warnings (short break, long lesson)', async () => {
    const s = ok<Schedule>(await admin.post('/bell-schedules', {
      name: 'Сдвоенные', shift: 2, lessons: [{ number: 1, startsAt: '13:00', endsAt: '14:20' }, { number: 2, startsAt: '14:25', endsAt: '15:10' }],
    }), 201);
    expect(s.warnings.map((w) => w.code).sort()).toEqual(['BREAK_TOO_SHORT', 'LESSON_TOO_LONG']);
    const patched = ok<Schedule>(await admin.patch(`/bell-schedules/${s.id}`, { lessons: [{ number: 1, startsAt: '13:00', endsAt: '13:45' }, { number: 2, startsAt: '13:55', endsAt: '14:40' }] }));
    expect(patched.warnings).toEqual([]);
    const badPatch = await admin.patch(`/bell-schedules/${s.id}`, { lessons: [{ number: 1, startsAt: '13:00', endsAt: '12:45' }] });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.details[0].path).toBe('lessons.0.endsAt');
    expect(ok<Schedule>(await admin.get(`/bell-schedules/${s.id}`)).lessons[0]!.endsAt).toBe('13:45');
    ok(await admin.del(`/bell-schedules/${s.id}`));
    expect((await admin.get(`/bell-schedules/${s.id}`)).statusCode).toBe(404);
  });

  it('lets a subject teacher read but not write; another school\'s id is 404', async () => {
    expect((await teacher.post('/bell-schedules', { name: 'Т', shift: 1, lessons: lessons45 })).statusCode).toBe(403);
    expect((await teacher.patch(`/bell-schedules/${main.id}`, { name: 'Т' })).statusCode).toBe(403);
    expect((await adminB.get(`/bell-schedules/${main.id}`)).statusCode).toBe(404);
    expect((await adminB.patch(`/bell-schedules/${main.id}`, { name: 'Чужое' })).statusCode).toBe(404);
    expect((await adminB.del(`/bell-schedules/${main.id}`)).statusCode).toBe(404);
  });
});

describe('assignments', () => {
  let main: Schedule;
  let first: Schedule;
  let schoolWide: Assignment;

  beforeAll(async () => {
    main = ok<Schedule>(await admin.post('/bell-schedules', { name: 'Основное', shift: 1, lessons: lessons45 }), 201);
    first = ok<Schedule>(await admin.post('/bell-schedules', { name: '1 классы', shift: 1, lessons: lessons35 }), 201);
  });

  it('assigns the school and a class; the class\'s own wins, others follow the school', async () => {
    const before = ok<Effective>(await admin.get('/regimes/effective?date=2026-09-01'));
    expect(before.withoutSchedule).toBe(3);
    schoolWide = ok<Assignment>(await admin.post('/regime-assignments', { bellScheduleId: main.id, target: { kind: 'school' }, startsOn: '2026-09-01' }), 201);
    expect(schoolWide).toMatchObject({ target: { kind: 'school', id: null, name: 'Вся школа' }, endsOn: null });
    ok(await admin.post('/regime-assignments', { bellScheduleId: first.id, target: { kind: 'class', classId: class1a }, startsOn: '2026-09-01' }), 201);
    const eff = ok<Effective>(await teacher.get('/regimes/effective?date=2026-09-15'));
    expect(eff.withoutSchedule).toBe(0);
    expect(eff.items.map((i) => [i.className, i.bellSchedule?.id, i.source])).toEqual([
      ['1А', first.id, 'class'], ['5А', main.id, 'school'], ['5Б', main.id, 'school'],
    ]);
    const counts = ok<{ items: Schedule[] }>(await admin.get('/bell-schedules')).items.map((s) => [s.name, s.assignmentCount]);
    expect(counts).toEqual(expect.arrayContaining([['Основное', 1], ['1 классы', 1], ['1 смена', 0]]));
    const one = ok<Effective>(await admin.get(`/regimes/effective?date=2026-09-15&classId=${class5b}`));
    expect(one.items.map((i) => i.className)).toEqual(['5Б']);
  });

  it('a new assignment from a date ends the previous one the day before; the same day replaces it', async () => {
    const change = ok<Assignment>(await admin.post('/regime-assignments', { bellScheduleId: first.id, target: { kind: 'class', classId: class5a }, startsOn: '2027-01-11' }), 201);
    const earlier = ok<Assignment>(await admin.post('/regime-assignments', { bellScheduleId: main.id, target: { kind: 'class', classId: class5a }, startsOn: '2026-09-01' }), 201);
    expect(earlier.endsOn).toBe('2027-01-10');
    const again = ok<Assignment>(await admin.post('/regime-assignments', { bellScheduleId: main.id, target: { kind: 'class', classId: class5a }, startsOn: '2027-01-11' }), 201);
    const list = ok<{ items: Assignment[] }>(await admin.get('/regime-assignments?academicYear=2026'));
    const of5a = list.items.filter((a) => a.target.id === class5a);
    expect(of5a.map((a) => [a.startsOn, a.endsOn, a.bellSchedule.id])).toEqual([['2026-09-01', '2027-01-10', main.id], ['2027-01-11', null, main.id]]);
    expect(of5a.map((a) => a.id)).not.toContain(change.id);
    // removing the change restores the earlier one for the rest of the year
    ok(await admin.del(`/regime-assignments/${again.id}`));
    const after = ok<{ items: Assignment[] }>(await admin.get('/regime-assignments')).items.filter((a) => a.target.id === class5a);
    expect(after.map((a) => [a.startsOn, a.endsOn])).toEqual([['2026-09-01', null]]);
  });

  it('assigns to a stream and to a student (ИУП) with their names', async () => {
    const g = ok<Assignment>(await admin.post('/regime-assignments', { bellScheduleId: first.id, target: { kind: 'studyGroup', studyGroupId: groupId }, startsOn: '2026-10-01' }), 201);
    expect(g.target).toEqual({ kind: 'studyGroup', id: groupId, name: 'Поток 5АБ' });
    const s = ok<Assignment>(await admin.post('/regime-assignments', { bellScheduleId: first.id, target: { kind: 'student', studentId }, startsOn: '2026-10-01' }), 201);
    expect(s.target).toEqual({ kind: 'student', id: studentId, name: 'Иванов Пётр' });
    const seen = ok<{ items: Assignment[] }>(await teacher.get('/regime-assignments')).items.find((a) => a.id === s.id);
    expect(seen?.target.name).toBe('Ученик (ИУП)');
  });

  it('refuses a date outside the schedule\'s year, a class of another year or school, an unknown schedule — saving nothing', async () => {
    const count = async () => ok<{ total: number }>(await admin.get('/regime-assignments')).total;
    const before = await count();
    const outside = await admin.post('/regime-assignments', { bellScheduleId: main.id, target: { kind: 'class', classId: oldClass }, startsOn: '2027-09-01' });
    expect(outside.statusCode).toBe(400);
    expect((outside.json().error.details as Issue[]).map((d) => d.path).sort()).toEqual(['startsOn', 'target.classId']);
    const foreign = await admin.post('/regime-assignments', { bellScheduleId: main.id, target: { kind: 'class', classId: foreignClass }, startsOn: '2026-09-01' });
    expect(foreign.json().error.details[0].path).toBe('target.classId');
    const unknown = await admin.post('/regime-assignments', { bellScheduleId: class1a, target: { kind: 'school' }, startsOn: '2026-09-01' });
    expect(unknown.json().error.details[0].path).toBe('bellScheduleId');
    const badDate = await admin.post('/regime-assignments', { bellScheduleId: main.id, target: { kind: 'school' }, startsOn: '01.09.2026' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details[0].path).toBe('startsOn');
    expect(await count()).toBe(before);
  });

  it('a schedule in use cannot be deleted (409 IN_USE); writes need the right; other schools see 404', async () => {
    const res = await admin.del(`/bell-schedules/${main.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IN_USE');
    expect((await teacher.post('/regime-assignments', { bellScheduleId: main.id, target: { kind: 'school' }, startsOn: '2026-09-01' })).statusCode).toBe(403);
    expect((await teacher.del(`/regime-assignments/${schoolWide.id}`)).statusCode).toBe(403);
    expect((await adminB.del(`/regime-assignments/${schoolWide.id}`)).statusCode).toBe(404);
    expect((await adminB.get(`/regimes/effective?classId=${class1a}`)).statusCode).toBe(404);
    expect(ok<{ total: number }>(await adminB.get('/regime-assignments')).total).toBe(0);
  });
});

describe('API description', () => {
  it('describes the regime and control-form routes in the OpenAPI document', async () => {
    const doc = ok<{ paths: Record<string, unknown> }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    for (const path of ['bell-schedules', 'bell-schedules/{bellScheduleId}', 'regime-assignments', 'regimes/effective', 'mark-scales', 'control-forms', 'control-forms/from-sample']) {
      expect(doc.paths).toHaveProperty([`/api/v1/schools/{schoolId}/${path}`]);
    }
  });
});
