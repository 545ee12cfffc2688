// What each role sees through the org routes (SPEC A5), on two schools: a subject teacher the
// classes, groups and students of their load this year; a teacher of only a subgroup that group's
// class and members; a class teacher their class and its guardians; a guardian their children; a
// student themself. Out-of-scope and other schools' ids answer 404 like missing ones; writes by
// anyone outside the administration answer 403.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolRole } from '../../../domain/roles';
import { employees, guardians, students, subjects } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from './org.test-helpers';

let t: TestApp;
let schoolA: string;
let schoolB: string;
let dir: Client;
const ids: Record<string, string> = {};

type Item = { id: string; lastName: string; firstName: string; name?: string };
type List = { items: Item[]; total: number };

/** Creates an account with roles in school A and links it to a person record there. */
async function accountFor(loginName: string, roles: SchoolRole[], person: { table: typeof employees | typeof students | typeof guardians; id: string }): Promise<Client> {
  const { id } = await createAccount(t.database, { login: loginName, roles: roles.map((role) => ({ schoolId: schoolA, role })) });
  await t.database.db.update(person.table).set({ accountId: id }).where(and(eq(person.table.schoolId, schoolA), eq(person.table.id, person.id)));
  return schoolClient(t.app, await login(t.app, loginName), schoolA);
}

let teacher: Client;
let subgroupTeacher: Client;
let classTeacher: Client;
let parent: Client;
let student: Client;
let dirB: Client;

beforeAll(async () => {
  t = await createTestApp();
  schoolA = (await createSchool(t.database, 'СОШ № 1')).id;
  schoolB = (await createSchool(t.database, 'СОШ № 2')).id;
  await createAccount(t.database, { login: 'dir', roles: [{ schoolId: schoolA, role: 'director' }] });
  await createAccount(t.database, { login: 'dir-b', roles: [{ schoolId: schoolB, role: 'director' }] });
  dir = schoolClient(t.app, await login(t.app, 'dir'), schoolA);
  dirB = schoolClient(t.app, await login(t.app, 'dir-b'), schoolB);
  const [subject] = await t.database.db.insert(subjects).values({ schoolId: schoolA, name: 'Математика', shortName: 'Матем.', levels: ['basic'] }).returning();
  ids.subject = subject!.id;

  const employee = async (key: string, lastName: string) => {
    ids[key] = ok<Item>(await dir.post('/employees', { lastName, firstName: 'Учитель', position: 'Учитель', snils: null }), 201).id;
  };
  await employee('mathTeacher', 'Математикова');
  await employee('groupTeacher', 'Подгруппова');
  await employee('homeroom', 'Руководителева');

  const klass = async (key: string, grade: number, letter: string, academicYear = 2026, classTeacherId?: string) => {
    ids[key] = ok<Item>(await dir.post('/classes', { grade, letter, academicYear, classTeacherId }), 201).id;
  };
  await klass('5А', 5, 'А');
  await klass('5Б', 5, 'Б');
  await klass('6А', 6, 'А', 2026, ids.homeroom);
  await klass('old5А', 5, 'А', 2025);

  const pupil = async (key: string, lastName: string, classKey: string, startsOn = '2026-09-01') => {
    ids[key] = ok<Item>(await dir.post('/students', { lastName, firstName: 'Ученик', classId: ids[classKey], startsOn, snils: null }), 201).id;
  };
  await pupil('a1', 'Аникин', '5А');
  await pupil('a2', 'Алексеев', '5А');
  await pupil('b1', 'Борисов', '5Б');
  await pupil('b2', 'Быков', '5Б');
  await pupil('c1', 'Васильев', '6А');
  await pupil('old', 'Прошлогодний', 'old5А', '2025-09-01');
  ok(await dir.post(`/students/${ids.old}/leave`, { on: '2026-06-01' }));
  await t.database.db.update(students).set({ snils: '123-456-789 64' }).where(eq(students.id, ids.a1!));

  ids.subgroup = ok<Item>(await dir.post('/study-groups', { kind: 'subgroup', name: '5Б информатика 1', classId: ids['5Б'] }), 201).id;
  ok(await dir.post(`/study-groups/${ids.subgroup}/members`, { studentId: ids.b1, from: '2026-09-01' }), 201);
  ids.otherGroup = ok<Item>(await dir.post('/study-groups', { kind: 'subgroup', name: '5А информатика 1', classId: ids['5А'] }), 201).id;

  const load = async (employeeKey: string, target: { classId?: string; studyGroupId?: string }) =>
    ok(await dir.post('/teaching-loads', { employeeId: ids[employeeKey], subjectId: ids.subject, hoursPerWeek: 4, ...target }), 201);
  await load('mathTeacher', { classId: ids['5А'] });
  // Last year's load does not count this year.
  await load('mathTeacher', { classId: ids.old5А });
  await load('groupTeacher', { studyGroupId: ids.subgroup });

  const guardian = async (key: string, lastName: string, children: string[]) => {
    ids[key] = ok<Item>(await dir.post('/guardians', { lastName, firstName: 'Родитель' }), 201).id;
    for (const child of children) ok(await dir.put(`/students/${ids[child]}/guardians/${ids[key]}`, { relation: 'mother' }));
  };
  await guardian('mother', 'Аникина', ['a1', 'c1']);
  await guardian('otherParent', 'Быкова', ['b2']);
  await guardian('father', 'Аникин', ['a1']);

  teacher = await accountFor('teacher', ['subjectTeacher'], { table: employees, id: ids.mathTeacher! });
  subgroupTeacher = await accountFor('group-teacher', ['subjectTeacher'], { table: employees, id: ids.groupTeacher! });
  classTeacher = await accountFor('homeroom', ['subjectTeacher', 'classTeacher'], { table: employees, id: ids.homeroom! });
  parent = await accountFor('parent', ['guardian'], { table: guardians, id: ids.mother! });
  student = await accountFor('student', ['student'], { table: students, id: ids.a1! });

  // School B: its own class and student.
  ids.bClass = ok<Item>(await dirB.post('/classes', { grade: 5, letter: 'А' }), 201).id;
  ids.bStudent = ok<Item>(await dirB.post('/students', { lastName: 'Чужой', firstName: 'Ученик', classId: ids.bClass }), 201).id;
});
afterAll(async () => { await t.close(); });

const names = async (c: Client, path: string): Promise<string[]> => {
  const list = ok<List>(await c.get(path));
  return list.items.map((i) => i.name ?? i.lastName).sort();
};
const status = async (c: Client, path: string): Promise<number> => (await c.get(path)).statusCode;

describe('a subject teacher', () => {
  it('sees exactly the classes and students of their load this year', async () => {
    expect(await names(teacher, '/classes')).toEqual(['5А']);
    expect(await names(teacher, '/students')).toEqual(['Алексеев', 'Аникин']);
    expect(await names(teacher, `/students?q=${encodeURIComponent('Прошлогодний')}`)).toEqual([]);
    expect(await status(teacher, `/students/${ids.a1}`)).toBe(200);
    expect(await status(teacher, `/classes/${ids['5А']}/students`)).toBe(200);
    expect(await status(teacher, `/students/${ids.b1}`)).toBe(404);
    expect(await status(teacher, `/students/${ids.old}`)).toBe(404);
    expect(await status(teacher, `/classes/${ids['5Б']}`)).toBe(404);
    expect(await status(teacher, `/classes/${ids['5Б']}/students`)).toBe(404);
    // The tarification of the year is open to all staff (yearSetup read); last year's load is not in it.
    const loads = ok<{ items: { class: { name: string } | null; studyGroup: { name: string } | null; academicYear: number }[] }>(await teacher.get('/teaching-loads'));
    expect(loads.items.map((l) => `${l.class?.name ?? l.studyGroup?.name} ${l.academicYear}`).sort()).toEqual(['5А 2026', '5Б информатика 1 2026']);
  });

  it('does not see guardians, nor the students’ identifiers', async () => {
    expect(await status(teacher, '/guardians')).toBe(403);
    expect(await status(teacher, `/guardians/${ids.mother}`)).toBe(403);
    const a1 = ok<{ snils: string | null; withheld: boolean; guardians: unknown[] }>(await teacher.get(`/students/${ids.a1}`));
    expect(a1).toMatchObject({ snils: null, withheld: true, guardians: [] });
    expect(ok<{ snils: string | null }>(await dir.get(`/students/${ids.a1}`)).snils).toBe('123-456-789 64');
  });

  it('reads the staff list but writes nothing', async () => {
    expect(await status(teacher, '/employees')).toBe(200);
    expect((await teacher.post('/students', { lastName: 'Новый', firstName: 'Ученик', classId: ids['5А'] })).statusCode).toBe(403);
    expect((await teacher.patch(`/students/${ids.a1}`, { adaptedProgramme: true })).statusCode).toBe(403);
    expect((await teacher.post(`/students/${ids.a1}/moves`, { classId: ids['5Б'], on: '2026-11-10' })).statusCode).toBe(403);
    expect((await teacher.post('/classes', { grade: 7, letter: 'А' })).statusCode).toBe(403);
    expect((await teacher.patch(`/employees/${ids.mathTeacher}`, { position: 'Директор' })).statusCode).toBe(403);
    expect((await teacher.post(`/study-groups/${ids.otherGroup}/members`, { studentId: ids.a1, from: '2026-09-01' })).statusCode).toBe(403);
    expect((await teacher.post('/teaching-loads', { employeeId: ids.mathTeacher, subjectId: ids.subject, classId: ids['5Б'], hoursPerWeek: 1 })).statusCode).toBe(403);
  });
});

describe('a teacher of only a subgroup', () => {
  it('sees the subgroup, its class and its members, nothing of other classes', async () => {
    expect(await names(subgroupTeacher, '/study-groups')).toEqual(['5Б информатика 1']);
    expect(await names(subgroupTeacher, '/classes')).toEqual(['5Б']);
    const group = ok<{ members: Item[] }>(await subgroupTeacher.get(`/study-groups/${ids.subgroup}`));
    expect(group.members.map((m) => m.lastName)).toEqual(['Борисов']);
    expect(await status(subgroupTeacher, `/students/${ids.b1}`)).toBe(200);
    // Only the subgroup's members, not the rest of its class.
    expect(await names(subgroupTeacher, '/students')).toEqual(['Борисов']);
    expect(ok<List>(await subgroupTeacher.get(`/classes/${ids['5Б']}/students`)).items.map((i) => i.lastName)).toEqual(['Борисов']);
    expect(await status(subgroupTeacher, `/students/${ids.b2}`)).toBe(404);
    expect(await status(subgroupTeacher, `/students/${ids.a1}`)).toBe(404);
    expect(await status(subgroupTeacher, `/study-groups/${ids.otherGroup}`)).toBe(404);
  });
});

describe('a class teacher', () => {
  it('sees their class, its students and their guardians', async () => {
    expect(await names(classTeacher, '/classes')).toEqual(['6А']);
    expect(await names(classTeacher, '/students')).toEqual(['Васильев']);
    expect(await names(classTeacher, '/guardians')).toEqual(['Аникина']);
    // The guardian's other child (in 5А) is not theirs to see.
    const mother = ok<{ children: { studentId: string }[] }>(await classTeacher.get(`/guardians/${ids.mother}`));
    expect(mother.children.map((c) => c.studentId)).toEqual([ids.c1]);
    expect(await status(classTeacher, `/guardians/${ids.otherParent}`)).toBe(404);
    expect(await status(classTeacher, `/students/${ids.a1}`)).toBe(404);
    expect(await status(classTeacher, `/classes/${ids['5А']}`)).toBe(404);
    const c1 = ok<{ guardians: { guardianId: string }[] }>(await classTeacher.get(`/students/${ids.c1}`));
    expect(c1.guardians.map((g) => g.guardianId)).toEqual([ids.mother]);
    expect((await classTeacher.patch(`/guardians/${ids.mother}`, { phone: '+79120000000' })).statusCode).toBe(403);
    expect((await classTeacher.patch(`/classes/${ids['6А']}`, { letter: 'Б' })).statusCode).toBe(403);
  });
});

describe('a guardian', () => {
  it('sees only their own children, their classes and themself', async () => {
    expect(await names(parent, '/students')).toEqual(['Аникин', 'Васильев']);
    expect(await names(parent, '/classes')).toEqual(['5А', '6А']);
    expect(await names(parent, '/guardians')).toEqual(['Аникина']);
    expect(await status(parent, `/students/${ids.a2}`)).toBe(404);
    expect(await status(parent, `/students/${ids.b1}`)).toBe(404);
    expect(await status(parent, `/guardians/${ids.otherParent}`)).toBe(404);
    expect(await status(parent, `/guardians/${ids.father}`)).toBe(404);
    expect(await status(parent, '/employees')).toBe(403);
    const child = ok<{ snils: string | null; withheld: boolean }>(await parent.get(`/students/${ids.a1}`));
    expect(child).toMatchObject({ snils: '123-456-789 64', withheld: false });
    // Classmates stay hidden in the class list.
    const classmates = ok<List>(await parent.get(`/classes/${ids['5А']}/students`));
    expect(classmates.items.map((i) => i.lastName)).toEqual(['Аникин']);
    expect((await parent.patch(`/guardians/${ids.mother}`, { phone: '+79120000000' })).statusCode).toBe(403);
    expect((await parent.patch(`/students/${ids.a1}`, { firstName: 'Пётр' })).statusCode).toBe(403);
  });
});

describe('a student', () => {
  it('sees only themself and their class', async () => {
    expect(await names(student, '/students')).toEqual(['Аникин']);
    expect(await names(student, '/classes')).toEqual(['5А']);
    expect(await status(student, `/students/${ids.a2}`)).toBe(404);
    expect(await status(student, `/classes/${ids['6А']}`)).toBe(404);
    expect(await status(student, '/guardians')).toBe(403);
    expect(await status(student, '/employees')).toBe(403);
    expect(ok<{ withheld: boolean }>(await student.get(`/students/${ids.a1}`)).withheld).toBe(false);
    expect((await student.patch(`/students/${ids.a1}`, { phone: '+79120000000' })).statusCode).toBe(403);
  });
});

describe('another school', () => {
  it('answers 404 for its ids and for a school the caller has no role in', async () => {
    for (const path of [`/students/${ids.a1}`, `/classes/${ids['5А']}`, `/guardians/${ids.mother}`, `/employees/${ids.mathTeacher}`, `/study-groups/${ids.subgroup}`]) {
      const res = await dirB.get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code, path).toBe('NOT_FOUND');
    }
    expect((await dirB.patch(`/students/${ids.a1}`, { firstName: 'Пётр' })).statusCode).toBe(404);
    expect((await dirB.post(`/students/${ids.a1}/moves`, { classId: ids.bClass, on: '2026-11-10' })).statusCode).toBe(404);
    expect((await dirB.put(`/students/${ids.bStudent}/guardians/${ids.mother}`, { relation: 'mother' })).statusCode).toBe(404);
    expect((await dir.post(`/students/${ids.a1}/moves`, { classId: ids.bClass, on: '2026-11-10' })).statusCode).toBe(400);
    const foreign = await schoolClient(t.app, await login(t.app, 'dir'), schoolB).get('/students');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('SCHOOL_NOT_FOUND');
    expect(await status(teacher, `/students/${ids.bStudent}`)).toBe(404);
  });
});
