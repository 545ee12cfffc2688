// Routes of the org area for the administration: create, read, update, validation and conflicts of
// staff, classes, students (moves, leaving), guardians and study groups (the teaching load: features/load).
// The test clock stands at 2 November 2026: the academic year 2026/27.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjects } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from './org.test-helpers';

let t: TestApp;
let schoolA: { id: string };
let schoolB: { id: string };
let dir: Client;
let deputy: Client;
let dirB: Client;
let mathId: string;

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await createSchool(t.database, 'СОШ № 1');
  schoolB = await createSchool(t.database, 'СОШ № 2');
  await createAccount(t.database, { login: 'dir-a', roles: [{ schoolId: schoolA.id, role: 'director' }] });
  await createAccount(t.database, { login: 'deputy-a', roles: [{ schoolId: schoolA.id, role: 'deputy' }] });
  await createAccount(t.database, { login: 'dir-b', roles: [{ schoolId: schoolB.id, role: 'director' }] });
  dir = schoolClient(t.app, await login(t.app, 'dir-a'), schoolA.id);
  deputy = schoolClient(t.app, await login(t.app, 'deputy-a'), schoolA.id);
  dirB = schoolClient(t.app, await login(t.app, 'dir-b'), schoolB.id);
  const [math] = await t.database.db.insert(subjects).values([
    { schoolId: schoolA.id, name: 'Математика', shortName: 'Матем.', levels: ['primary', 'basic'] },
    { schoolId: schoolA.id, name: 'Информатика', shortName: 'Информ.', levels: ['basic', 'secondary'] },
  ]).returning();
  mathId = math!.id;
});
afterAll(async () => { await t.close(); });

type Employee = { id: string; lastName: string; snils: string | null; phone: string | null; email: string | null; position: string; birthDate: string | null };
type ClassDto = { id: string; name: string; letter: string; studentCount: number; classTeacher: { id: string; lastName: string } | null; academicYear: number };
type Student = {
  id: string; lastName: string; currentClass: { id: string; name: string } | null; educationForm: string; individualCurriculum: boolean; adaptedProgramme: boolean;
  enrollments: { classId: string; className: string; startsOn: string; endsOn: string | null }[];
  guardians: { guardianId: string; relation: string }[];
  studyGroups: { studyGroupId: string; startsOn: string; endsOn: string | null }[];
};
type Issue = { path: string; message: string };

const newStudent = async (classId: string, lastName: string, extra: Record<string, unknown> = {}): Promise<Student> =>
  ok<Student>(await dir.post('/students', { lastName, firstName: 'Иван', classId, startsOn: '2026-09-01', ...extra }), 201);

describe('employees', () => {
  let employee: Employee;

  it('creates an employee with normalised names, СНИЛС, phone and e-mail', async () => {
    employee = ok<Employee>(await dir.post('/employees', {
      lastName: '  Петрова ', firstName: 'Анна', middleName: 'Сергеевна', position: 'Учитель математики',
      snils: '11223344595', phone: '8 (912) 345 67 89', email: 'A.Petrova@School1.RU', birthDate: '05.03.1985', externalId: ' hr-1 ',
    }), 201);
    expect(employee).toMatchObject({
      lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна', position: 'Учитель математики',
      snils: '112-233-445 95', phone: '+7 912 345-67-89', email: 'a.petrova@school1.ru', birthDate: '1985-03-05', externalId: 'hr-1',
      hasAccount: false, withheld: false,
    });
  });

  it('answers bad values with 400 and a Russian message for each field', async () => {
    const res = await dir.post('/employees', { lastName: 'Петров1', firstName: '', position: 'Учитель', snils: '112-233-445 96', phone: '12345', email: 'no-at', birthDate: '31.02.1990' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; message: string; details: Issue[] } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => d.path).sort()).toEqual(['birthDate', 'email', 'firstName', 'lastName', 'phone', 'snils']);
    expect(error.details.find((d) => d.path === 'snils')?.message).toBe('СНИЛС: не сходится контрольное число');
    expect(error.details.find((d) => d.path === 'firstName')?.message).toBe('Имя: обязательное поле');
    expect(error.message).toMatch(/Фамилия/);
    const noPosition = await dir.post('/employees', { lastName: 'Петров', firstName: 'Пётр' });
    expect(noPosition.statusCode).toBe(400);
    expect(noPosition.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('lists employees with a search by name, ё-insensitive, with paging', async () => {
    ok(await dir.post('/employees', { lastName: 'Сёмин', firstName: 'Олег', position: 'Учитель физики' }), 201);
    ok(await dir.post('/employees', { lastName: 'Андреева', firstName: 'Ольга', position: 'Учитель истории' }), 201);
    const all = ok<{ items: Employee[]; total: number }>(await dir.get('/employees'));
    expect(all.items.map((e) => e.lastName)).toEqual(['Андреева', 'Петрова', 'Сёмин']);
    expect(all.total).toBe(3);
    const found = ok<{ items: Employee[]; total: number }>(await dir.get(`/employees?q=${encodeURIComponent('семин олег')}`));
    expect(found.items.map((e) => e.lastName)).toEqual(['Сёмин']);
    const page = ok<{ items: Employee[]; total: number }>(await dir.get('/employees?limit=1&offset=1'));
    expect(page).toMatchObject({ total: 3, items: [{ lastName: 'Петрова' }] });
    const none = ok<{ items: Employee[] }>(await dir.get(`/employees?q=${encodeURIComponent('%')}`));
    expect(none.items).toEqual([]);
  });

  it('updates only the fields sent, clears with null, refuses a СНИЛС another employee has', async () => {
    const updated = ok<Employee>(await dir.patch(`/employees/${employee.id}`, { position: 'Заместитель директора', phone: null }));
    expect(updated).toMatchObject({ position: 'Заместитель директора', phone: null, email: 'a.petrova@school1.ru', snils: '112-233-445 95' });
    const other = ok<Employee>(await dir.post('/employees', { lastName: 'Иванов', firstName: 'Иван', position: 'Учитель' }), 201);
    const taken = await dir.patch(`/employees/${other.id}`, { snils: '112 233 445 95' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'SNILS_TAKEN', details: [{ path: 'snils' }] });
    const emptyName = await dir.patch(`/employees/${other.id}`, { lastName: '  ' });
    expect(emptyName.statusCode).toBe(400);
    expect(ok<Employee>(await dir.get(`/employees/${other.id}`)).lastName).toBe('Иванов');
  });

  it('lets a deputy read but not write; another school sees nothing', async () => {
    expect(ok<Employee>(await deputy.get(`/employees/${employee.id}`)).lastName).toBe('Петрова');
    expect((await deputy.post('/employees', { lastName: 'Новый', firstName: 'Сотрудник', position: 'Учитель' })).statusCode).toBe(403);
    expect((await deputy.patch(`/employees/${employee.id}`, { position: 'Директор' })).statusCode).toBe(403);
    const foreign = await dirB.get(`/employees/${employee.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    const foreignSchool = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/employees`, headers: (await dirBHeaders()) });
    expect(foreignSchool.statusCode).toBe(404);
    expect(foreignSchool.json().error.code).toBe('SCHOOL_NOT_FOUND');
    expect((await dir.get('/employees/not-a-uuid')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/employees` })).statusCode).toBe(401);
  });
});

async function dirBHeaders(): Promise<Record<string, string>> {
  const s = await login(t.app, 'dir-b');
  return { cookie: s.cookie };
}

describe('classes', () => {
  let teacherId: string;
  let fifthA: ClassDto;

  beforeAll(async () => {
    teacherId = ok<Employee>(await dir.post('/employees', { lastName: 'Классова', firstName: 'Мария', position: 'Учитель русского языка' }), 201).id;
  });

  it('creates classes of the current year with an upper-case letter and a class teacher', async () => {
    fifthA = ok<ClassDto>(await dir.post('/classes', { grade: 5, letter: 'а' }), 201);
    expect(fifthA).toMatchObject({ name: '5А', letter: 'А', academicYear: 2026, classTeacher: null, studentCount: 0 });
    const fifthB = ok<ClassDto>(await dir.post('/classes', { grade: 5, letter: 'Б', classTeacherId: teacherId }), 201);
    expect(fifthB.classTeacher).toMatchObject({ id: teacherId, lastName: 'Классова' });
  });

  it('refuses a duplicate class of the year (409), a bad grade or letter and a foreign teacher (400)', async () => {
    const dup = await dir.post('/classes', { grade: 5, letter: 'А' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'CLASS_EXISTS', message: 'Класс 5А уже есть в 2026/27 учебном году' });
    expect((await dir.post('/classes', { grade: 12, letter: 'А' })).statusCode).toBe(400);
    const letter = await dir.post('/classes', { grade: 6, letter: 'AB' });
    expect(letter.statusCode).toBe(400);
    expect(letter.json().error.details[0].path).toBe('letter');
    const foreignTeacher = ok<Employee>(await dirB.post('/employees', { lastName: 'Чужой', firstName: 'Учитель', position: 'Учитель' }), 201);
    const res = await dir.post('/classes', { grade: 6, letter: 'А', classTeacherId: foreignTeacher.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'classTeacherId', code: 'EMPLOYEE_NOT_FOUND' });
    // The same name in another year is another class.
    expect(ok<ClassDto>(await dir.post('/classes', { grade: 5, letter: 'А', academicYear: 2025 }), 201).academicYear).toBe(2025);
  });

  it('lists the classes of a year with teacher and student count', async () => {
    await newStudent(fifthA.id, 'Счётов');
    const list = ok<{ items: ClassDto[] }>(await dir.get('/classes'));
    expect(list.items.map((c) => c.name)).toEqual(['5А', '5Б']);
    expect(list.items[0]).toMatchObject({ studentCount: 1 });
    expect(list.items[1]?.classTeacher?.lastName).toBe('Классова');
    const old = ok<{ items: ClassDto[] }>(await dir.get('/classes?academicYear=2025'));
    expect(old.items.map((c) => `${c.name} ${c.academicYear}`)).toEqual(['5А 2025']);
    expect(ok<{ items: ClassDto[] }>(await dir.get('/classes?on=2026-08-01')).items[0]?.studentCount).toBe(0);
    expect((await dir.get('/classes?academicYear=abc')).statusCode).toBe(400);
  });

  it('updates the letter (409 when taken) and the class teacher', async () => {
    const taken = await dir.patch(`/classes/${fifthA.id}`, { letter: 'б' });
    expect(taken.statusCode).toBe(409);
    const renamed = ok<ClassDto>(await dir.patch(`/classes/${fifthA.id}`, { letter: 'В', classTeacherId: teacherId }));
    expect(renamed).toMatchObject({ name: '5В', classTeacher: { id: teacherId } });
    const cleared = ok<ClassDto>(await dir.patch(`/classes/${fifthA.id}`, { letter: 'А', classTeacherId: null }));
    expect(cleared).toMatchObject({ name: '5А', classTeacher: null });
    expect((await deputy.patch(`/classes/${fifthA.id}`, { letter: 'Г' })).statusCode).toBe(403);
    expect((await dirB.get(`/classes/${fifthA.id}`)).statusCode).toBe(404);
  });
});

describe('students and class moves', () => {
  let c5a: ClassDto;
  let c5b: ClassDto;
  let old5a: ClassDto;
  let student: Student;

  beforeAll(async () => {
    const classes = ok<{ items: ClassDto[] }>(await dir.get('/classes')).items;
    c5a = classes.find((c) => c.name === '5А')!;
    c5b = classes.find((c) => c.name === '5Б')!;
    old5a = ok<{ items: ClassDto[] }>(await dir.get('/classes?academicYear=2025')).items[0]!;
  });

  it('enrols a student in a class from a date', async () => {
    student = await newStudent(c5a.id, 'Перевёртов', { sex: 'male', birthDate: '2015-04-01', snils: '123-456-789 64' });
    expect(student).toMatchObject({
      lastName: 'Перевёртов', currentClass: { id: c5a.id, name: '5А' }, educationForm: 'inSchool', individualCurriculum: false, adaptedProgramme: false,
      enrollments: [{ classId: c5a.id, className: '5А', startsOn: '2026-09-01', endsOn: null }], guardians: [], studyGroups: [],
    });
    const outside = await dir.post('/students', { lastName: 'Рано', firstName: 'Иван', classId: c5a.id, startsOn: '2026-08-31' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toMatchObject({ path: 'startsOn', code: 'DATE_OUTSIDE_YEAR' });
    const noClass = await dir.post('/students', { lastName: 'Без', firstName: 'Класса', classId: '019a0000-0000-7000-8000-000000000000' });
    expect(noClass.statusCode).toBe(400);
    expect((await dir.post('/students', { lastName: 'Без', firstName: 'Класса' })).statusCode).toBe(400);
    const badId = await dir.post('/students', { lastName: 'Без', firstName: 'Класса', classId: '5А' });
    expect(badId.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'classId', message: 'Класс: неверный идентификатор' }] });
    const dupSnils = await dir.post('/students', { lastName: 'Двойник', firstName: 'Иван', classId: c5a.id, snils: '12345678964' });
    expect(dupSnils.statusCode).toBe(409);
  });

  it('updates the education form, ИУП and АООП flags', async () => {
    const updated = ok<Student>(await dir.patch(`/students/${student.id}`, { educationForm: 'familyEducation', individualCurriculum: true, adaptedProgramme: true, phone: '+79123456780' }));
    expect(updated).toMatchObject({ educationForm: 'familyEducation', individualCurriculum: true, adaptedProgramme: true, phone: '+7 912 345-67-80', lastName: 'Перевёртов' });
    expect((await dir.patch(`/students/${student.id}`, { educationForm: 'distance' })).statusCode).toBe(400);
    expect((await dir.patch(`/students/${student.id}`, { sex: 'x' })).statusCode).toBe(400);
    expect((await deputy.patch(`/students/${student.id}`, { adaptedProgramme: false })).statusCode).toBe(403);
  });

  it('lists students filtered by class and name, with paging and the class on the date', async () => {
    const inA = ok<{ items: { lastName: string; class: { name: string } | null }[]; total: number }>(await dir.get(`/students?classId=${c5a.id}`));
    expect(inA.items.map((s) => s.lastName).sort()).toEqual(['Перевёртов', 'Счётов']);
    expect(inA.items.every((s) => s.class?.name === '5А')).toBe(true);
    const byName = ok<{ items: { lastName: string }[]; total: number }>(await dir.get(`/students?q=${encodeURIComponent('перевертов')}`));
    expect(byName.items.map((s) => s.lastName)).toEqual(['Перевёртов']);
    const page = ok<{ items: unknown[]; total: number }>(await dir.get('/students?limit=1'));
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(2);
  });

  it('moves a student to another class: the old stay closes the day before, the history stays', async () => {
    const moved = ok<Student>(await dir.post(`/students/${student.id}/moves`, { classId: c5b.id, on: '2026-10-15' }), 201);
    expect(moved.currentClass).toMatchObject({ id: c5b.id, name: '5Б' });
    expect(moved.enrollments).toEqual([
      expect.objectContaining({ classId: c5a.id, className: '5А', startsOn: '2026-09-01', endsOn: '2026-10-14' }),
      expect.objectContaining({ classId: c5b.id, className: '5Б', startsOn: '2026-10-15', endsOn: null }),
    ]);
    // The student shows in both classes for their own dates.
    const period = '?from=2026-09-01&to=2026-11-30';
    const inA = ok<{ items: { studentId: string; startsOn: string; endsOn: string | null }[] }>(await dir.get(`/classes/${c5a.id}/students${period}`));
    expect(inA.items.find((s) => s.studentId === student.id)).toMatchObject({ startsOn: '2026-09-01', endsOn: '2026-10-14' });
    const inB = ok<{ items: { studentId: string; startsOn: string; endsOn: string | null }[] }>(await dir.get(`/classes/${c5b.id}/students${period}`));
    expect(inB.items.find((s) => s.studentId === student.id)).toMatchObject({ startsOn: '2026-10-15', endsOn: null });
    // Today (2 November) only in 5Б; on 14 October only in 5А.
    expect(ok<{ items: { studentId: string }[] }>(await dir.get(`/classes/${c5a.id}/students`)).items.map((s) => s.studentId)).not.toContain(student.id);
    expect(ok<{ items: { studentId: string }[] }>(await dir.get(`/classes/${c5b.id}/students`)).items.map((s) => s.studentId)).toContain(student.id);
    expect(ok<{ items: { studentId: string }[] }>(await dir.get(`/classes/${c5a.id}/students?from=2026-10-14`)).items.map((s) => s.studentId)).toContain(student.id);
    expect(ok<{ items: { studentId: string }[] }>(await dir.get(`/classes/${c5b.id}/students?from=2026-10-14`)).items.map((s) => s.studentId)).not.toContain(student.id);
    expect((await dir.get(`/classes/${c5a.id}/students?from=2026-10-14&to=2026-10-01`)).statusCode).toBe(400);
    const counts = ok<{ items: ClassDto[] }>(await dir.get('/classes?on=2026-10-14')).items;
    expect(counts.find((c) => c.id === c5a.id)?.studentCount).toBe(2);
  });

  it('refuses moves before the current stay, to the same class, to another year, to an unknown class', async () => {
    const before = await dir.post(`/students/${student.id}/moves`, { classId: c5a.id, on: '2026-10-01' });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.code).toBe('MOVE_BEFORE_START');
    const same = await dir.post(`/students/${student.id}/moves`, { classId: c5b.id, on: '2026-11-10' });
    expect(same.json().error.code).toBe('SAME_CLASS');
    const otherYear = await dir.post(`/students/${student.id}/moves`, { classId: old5a.id, on: '2026-11-10' });
    expect(otherYear.statusCode).toBe(409);
    expect(otherYear.json().error.code).toBe('OTHER_YEAR');
    expect((await dir.post(`/students/${student.id}/moves`, { classId: '019a0000-0000-7000-8000-000000000000', on: '2026-11-10' })).statusCode).toBe(400);
    expect((await dir.post(`/students/${student.id}/moves`, { classId: c5a.id, on: '10.11.2026' })).statusCode).toBe(400);
    expect((await deputy.post(`/students/${student.id}/moves`, { classId: c5a.id, on: '2026-11-10' })).statusCode).toBe(403);
    expect(ok<Student>(await dir.get(`/students/${student.id}`)).enrollments).toHaveLength(2);
  });

  it('corrects a move made on the first day of a stay in place', async () => {
    const s = await newStudent(c5a.id, 'Ошибкин');
    const fixed = ok<Student>(await dir.post(`/students/${s.id}/moves`, { classId: c5b.id, on: '2026-09-01' }), 201);
    expect(fixed.enrollments).toEqual([expect.objectContaining({ classId: c5b.id, startsOn: '2026-09-01', endsOn: null })]);
  });

  it('lets a student leave the school; nothing is open afterwards', async () => {
    const s = await newStudent(c5a.id, 'Уходящий');
    expect((await dir.post(`/students/${s.id}/leave`, { on: '2026-09-01' })).json().error.code).toBe('LEAVE_BEFORE_START');
    expect((await dir.post(`/students/${s.id}/leave`, { on: '2027-09-02' })).json().error.code).toBe('DATE_OUTSIDE_YEAR');
    const left = ok<Student>(await dir.post(`/students/${s.id}/leave`, { on: '2026-12-01' }));
    expect(left.enrollments).toEqual([expect.objectContaining({ classId: c5a.id, startsOn: '2026-09-01', endsOn: '2026-11-30' })]);
    const again = await dir.post(`/students/${s.id}/leave`, { on: '2026-12-10' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('NOT_ENROLLED');
    expect((await dir.post(`/students/${s.id}/moves`, { classId: c5b.id, on: '2026-12-10' })).statusCode).toBe(409);
  });
});

describe('guardians', () => {
  type Guardian = { id: string; lastName: string; children: { studentId: string; relation: string; class: { name: string } | null }[] };
  let c5a: ClassDto;
  let mother: Guardian;
  let father: Guardian;
  let kid1: Student;
  let kid2: Student;

  beforeAll(async () => {
    c5a = ok<{ items: ClassDto[] }>(await dir.get('/classes')).items.find((c) => c.name === '5А')!;
    kid1 = await newStudent(c5a.id, 'Семейный');
    kid2 = await newStudent(c5a.id, 'Семейная', { firstName: 'Анна' });
  });

  it('creates guardians and validates their contacts', async () => {
    mother = ok<Guardian>(await dir.post('/guardians', { lastName: 'Семейная', firstName: 'Ольга', phone: '9123456789', email: 'Olga@Example.com' }), 201);
    expect(mother).toMatchObject({ lastName: 'Семейная', children: [] });
    father = ok<Guardian>(await dir.post('/guardians', { lastName: 'Семейный', firstName: 'Павел' }), 201);
    const bad = await dir.post('/guardians', { lastName: 'Плохой', firstName: 'Телефон', phone: '+1 555 1234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('phone');
  });

  it('links several guardians to a student and several children to a guardian', async () => {
    ok(await dir.put(`/students/${kid1.id}/guardians/${mother.id}`, { relation: 'mother' }));
    ok(await dir.put(`/students/${kid2.id}/guardians/${mother.id}`, { relation: 'mother' }));
    const linked = ok<Guardian>(await dir.put(`/students/${kid1.id}/guardians/${father.id}`, { relation: 'other' }));
    expect(linked.children).toEqual([expect.objectContaining({ studentId: kid1.id, relation: 'other', class: { id: c5a.id, name: '5А' } })]);
    // PUT again changes the relation.
    ok(await dir.put(`/students/${kid1.id}/guardians/${father.id}`, { relation: 'father' }));
    const got = ok<Guardian>(await dir.get(`/guardians/${mother.id}`));
    expect(got.children.map((c) => c.studentId).sort()).toEqual([kid1.id, kid2.id].sort());
    const kid = ok<Student>(await dir.get(`/students/${kid1.id}`));
    expect(kid.guardians.map((g) => `${g.guardianId === mother.id ? 'M' : 'F'} ${g.relation}`).sort()).toEqual(['F father', 'M mother']);
    expect((await dir.put(`/students/${kid1.id}/guardians/${father.id}`, { relation: 'uncle' })).statusCode).toBe(400);
    const ofKid = ok<{ items: Guardian[] }>(await dir.get(`/guardians?studentId=${kid1.id}`));
    expect(ofKid.items.map((g) => g.id).sort()).toEqual([mother.id, father.id].sort());
  });

  it('unlinks a guardian; unlinking again is 404; edits and lists guardians', async () => {
    ok(await dir.del(`/students/${kid2.id}/guardians/${mother.id}`));
    expect((await dir.del(`/students/${kid2.id}/guardians/${mother.id}`)).statusCode).toBe(404);
    expect(ok<Guardian>(await dir.get(`/guardians/${mother.id}`)).children.map((c) => c.studentId)).toEqual([kid1.id]);
    const renamed = ok<Guardian>(await dir.patch(`/guardians/${mother.id}`, { lastName: 'Новикова' }));
    expect(renamed.lastName).toBe('Новикова');
    const found = ok<{ items: Guardian[] }>(await dir.get(`/guardians?q=${encodeURIComponent('новик')}`));
    expect(found.items.map((g) => g.id)).toEqual([mother.id]);
    expect((await deputy.put(`/students/${kid2.id}/guardians/${mother.id}`, { relation: 'mother' })).statusCode).toBe(403);
    expect((await dirB.put(`/students/${kid2.id}/guardians/${mother.id}`, { relation: 'mother' })).statusCode).toBe(404);
  });
});

describe('study groups', () => {
  type Group = { id: string; name: string; kind: string; class: { id: string; name: string } | null; memberCount: number; members: { id: string; studentId: string; startsOn: string; endsOn: string | null }[] };
  let c6a: ClassDto;
  let c6b: ClassDto;
  let group: Group;
  let s1: Student;
  let s2: Student;
  let other: Student;

  beforeAll(async () => {
    c6a = ok<ClassDto>(await dir.post('/classes', { grade: 6, letter: 'А' }), 201);
    c6b = ok<ClassDto>(await dir.post('/classes', { grade: 6, letter: 'Б' }), 201);
    s1 = await newStudent(c6a.id, 'Группов');
    s2 = await newStudent(c6a.id, 'Подгруппова', { startsOn: '2026-10-01' });
    other = await newStudent(c6b.id, 'Чужеклассов');
  });

  it('creates a subgroup of a class and a stream; checks kind, class and name', async () => {
    group = ok<Group>(await dir.post('/study-groups', { kind: 'subgroup', name: '6А информатика 1', classId: c6a.id, subjectId: mathId }), 201);
    expect(group).toMatchObject({ kind: 'subgroup', class: { id: c6a.id, name: '6А' }, memberCount: 0, members: [] });
    expect((await dir.post('/study-groups', { kind: 'subgroup', name: '6А информатика 1', classId: c6a.id })).statusCode).toBe(409);
    const noClass = await dir.post('/study-groups', { kind: 'subgroup', name: 'Без класса' });
    expect(noClass.statusCode).toBe(400);
    expect(noClass.json().error.details[0].path).toBe('classId');
    expect((await dir.post('/study-groups', { kind: 'stream', name: 'Поток', classId: c6a.id })).statusCode).toBe(400);
    const stream = ok<Group>(await dir.post('/study-groups', { kind: 'stream', name: 'Поток 6-х классов' }), 201);
    expect(stream).toMatchObject({ kind: 'stream', class: null });
    expect((await dir.post('/study-groups', { kind: 'team', name: 'X' })).statusCode).toBe(400);
    const renamed = ok<Group>(await dir.patch(`/study-groups/${group.id}`, { name: '6А информатика, 1 гр.' }));
    expect(renamed.name).toBe('6А информатика, 1 гр.');
    expect((await dir.patch(`/study-groups/${stream.id}`, { name: '6А информатика, 1 гр.' })).statusCode).toBe(409);
    const list = ok<{ items: Group[] }>(await dir.get(`/study-groups?classId=${c6a.id}`));
    expect(list.items.map((g) => g.id)).toEqual([group.id]);
  });

  it('adds only students of the subgroup’s class on that date; ends a membership', async () => {
    const m1 = ok<{ id: string; studentId: string; startsOn: string }>(await dir.post(`/study-groups/${group.id}/members`, { studentId: s1.id, from: '2026-09-01' }), 201);
    expect(m1).toMatchObject({ studentId: s1.id, startsOn: '2026-09-01', endsOn: null });
    const notYet = await dir.post(`/study-groups/${group.id}/members`, { studentId: s2.id, from: '2026-09-15' });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'studentId', code: 'STUDENT_NOT_IN_CLASS' }] });
    expect(notYet.json().error.message).toMatch(/6А на 15\.09\.2026/);
    ok(await dir.post(`/study-groups/${group.id}/members`, { studentId: s2.id, from: '2026-10-01' }), 201);
    expect((await dir.post(`/study-groups/${group.id}/members`, { studentId: other.id, from: '2026-10-01' })).statusCode).toBe(400);
    expect((await dir.post(`/study-groups/${group.id}/members`, { studentId: s1.id, from: '2026-10-01' })).statusCode).toBe(409);
    const onSep = ok<Group>(await dir.get(`/study-groups/${group.id}?on=2026-09-20`));
    expect(onSep.members.map((m) => m.studentId)).toEqual([s1.id]);
    const today = ok<Group>(await dir.get(`/study-groups/${group.id}`));
    expect(today.members.map((m) => m.studentId).sort()).toEqual([s1.id, s2.id].sort());
    expect(today.memberCount).toBe(2);

    const ended = ok<{ endsOn: string }>(await dir.patch(`/study-groups/${group.id}/members/${m1.id}`, { to: '2026-10-31' }));
    expect(ended.endsOn).toBe('2026-10-31');
    expect((await dir.patch(`/study-groups/${group.id}/members/${m1.id}`, { to: '2026-08-01' })).statusCode).toBe(400);
    expect((await dir.patch(`/study-groups/${group.id}/members/${m1.id}`, { to: '2027-09-01' })).json().error.details[0].code).toBe('DATE_OUTSIDE_YEAR');
    expect(ok<Group>(await dir.get(`/study-groups/${group.id}`)).members.map((m) => m.studentId)).toEqual([s2.id]);
    expect(ok<Student>(await dir.get(`/students/${s1.id}`)).studyGroups).toEqual([expect.objectContaining({ studyGroupId: group.id, endsOn: '2026-10-31' })]);
  });

  it('ends subgroup memberships of the old class when a student moves', async () => {
    const moved = ok<Student>(await dir.post(`/students/${s2.id}/moves`, { classId: c6b.id, on: '2026-11-16' }), 201);
    expect(moved.studyGroups).toEqual([expect.objectContaining({ studyGroupId: group.id, startsOn: '2026-10-01', endsOn: '2026-11-15' })]);
  });

  it('lists the school’s subjects', async () => {
    const list = ok<{ items: { name: string }[] }>(await dir.get('/subjects'));
    expect(list.items.map((s) => s.name)).toEqual(['Информатика', 'Математика']);
    expect(ok<{ items: unknown[] }>(await dirB.get('/subjects')).items).toEqual([]);
  });
});
