// Routes of subjects (SPEC B2), the ФГОС catalogue and additional programmes (SPEC B15): create,
// filter, update, archive; the catalogue adds what is missing and nothing twice; a programme makes
// its subject of kind additional and shows its activity groups with members and teachers;
// validation with field paths and nothing saved; a teacher reads but does not write; another
// school's ids are unknown. The test clock stands at 2 November 2026: the academic year 2026/27.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, employees, enrollments, students, studyGroupMembers, studyGroups, teachingLoads } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

let t: TestApp;
let schoolA: { id: string };
let admin: Client;
let teacher: Client;
let student: Client;
let adminB: Client;

type Subject = { id: string; name: string; shortName: string; levels: string[]; kind: string; catalogueCode: string | null; subjectArea: string | null; archived: boolean };
type Programme = {
  id: string; name: string; direction: string; ageFrom: number | null; ageTo: number | null; hoursPerWeek: number; totalHours: number | null;
  academicYear: number; subject: { id: string; name: string };
  groups: { id: string; name: string; memberCount: number; teachers: { lastName: string; hoursPerWeek: number }[] }[];
};
type Issue = { path: string; message: string };
const issuesOf = (res: { statusCode: number; body: string; json(): unknown }): Issue[] => {
  expect(res.statusCode, res.body).toBe(400);
  const { error } = res.json() as { error: { code: string; details: Issue[] } };
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.details;
};
const subjectsOf = async (c: Client, query = ''): Promise<Subject[]> => ok<{ items: Subject[] }>(await c.get(`/subjects${query}`)).items;

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await createSchool(t.database, 'СОШ № 1');
  const b = await createSchool(t.database, 'СОШ № 2');
  await createAccount(t.database, { login: 'ja-a', roles: [{ schoolId: schoolA.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'teacher-a', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'student-a', roles: [{ schoolId: schoolA.id, role: 'student' }] });
  await createAccount(t.database, { login: 'dir-b', roles: [{ schoolId: b.id, role: 'director' }] });
  admin = schoolClient(t.app, await login(t.app, 'ja-a'), schoolA.id);
  teacher = schoolClient(t.app, await login(t.app, 'teacher-a'), schoolA.id);
  student = schoolClient(t.app, await login(t.app, 'student-a'), schoolA.id);
  adminB = schoolClient(t.app, await login(t.app, 'dir-b'), b.id);
});
afterAll(async () => { await t.close(); });

describe('subjects', () => {
  let astronomy: Subject;

  it('creates a subject and a course of extracurricular activity', async () => {
    astronomy = ok<Subject>(await admin.post('/subjects', { name: 'Астрономия', shortName: 'Астр.', levels: ['secondary'], subjectArea: 'Естественно-научные предметы' }), 201);
    expect(astronomy).toMatchObject({ kind: 'subject', levels: ['secondary'], catalogueCode: null, subjectArea: 'Естественно-научные предметы', archived: false });
    const club = ok<Subject>(await admin.post('/subjects', { name: 'Шахматы', shortName: 'Шахм.', levels: ['basic', 'primary'], kind: 'extracurricular' }), 201);
    expect(club.levels).toEqual(['primary', 'basic']);
  });

  it('answers bad fields with their paths and saves nothing', async () => {
    const issues = issuesOf(await admin.post('/subjects', { name: ' ', shortName: '', levels: [], kind: 'lesson' }));
    expect(issues.map((i) => i.path).sort()).toEqual(['kind', 'levels', 'name', 'shortName']);
    expect(issues.find((i) => i.path === 'levels')?.message).toBe('Уровни: выберите хотя бы один');
    expect(issuesOf(await admin.post('/subjects', { name: 'Х', shortName: 'Х', levels: ['middle'] }))[0]?.path).toBe('levels.0');
    expect((await subjectsOf(admin)).map((s) => s.name)).toEqual(['Астрономия', 'Шахматы']);
  });

  it('refuses a second subject of the same name, whatever the case (409 NAME_TAKEN)', async () => {
    const res = await admin.post('/subjects', { name: 'АСТРОНОМИЯ', shortName: 'А', levels: ['secondary'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'NAME_TAKEN', details: [{ path: 'name' }] });
  });

  it('filters by kind and level, archives and restores', async () => {
    expect((await subjectsOf(admin, '?kind=extracurricular')).map((s) => s.name)).toEqual(['Шахматы']);
    expect((await subjectsOf(admin, '?level=secondary')).map((s) => s.name)).toEqual(['Астрономия']);
    const archived = ok<Subject>(await admin.patch(`/subjects/${astronomy.id}`, { archived: true, shortName: 'Астрономия' }));
    expect(archived).toMatchObject({ archived: true, shortName: 'Астрономия' });
    expect((await subjectsOf(admin)).map((s) => s.name)).toEqual(['Шахматы']);
    expect((await subjectsOf(admin, '?includeArchived=true')).map((s) => s.name)).toEqual(['Астрономия', 'Шахматы']);
    ok(await admin.patch(`/subjects/${astronomy.id}`, { archived: false }));
    issuesOf(await admin.patch(`/subjects/${astronomy.id}`, { levels: [] }));
    expect(ok<Subject>(await admin.get(`/subjects/${astronomy.id}`)).levels).toEqual(['secondary']);
  });

  it('every role of the school reads subjects; a teacher may not write (403)', async () => {
    expect((await subjectsOf(teacher)).length).toBe(2);
    expect((await subjectsOf(student)).length).toBe(2);
    expect((await teacher.post('/subjects', { name: 'Логика', shortName: 'Логика', levels: ['basic'] })).statusCode).toBe(403);
    expect((await teacher.patch(`/subjects/${astronomy.id}`, { archived: true })).statusCode).toBe(403);
    expect((await teacher.post('/subjects/from-catalogue', { codes: ['russian'] })).statusCode).toBe(403);
  });

  it('another school\'s subject is unknown (404)', async () => {
    expect((await adminB.get(`/subjects/${astronomy.id}`)).statusCode).toBe(404);
    expect((await adminB.patch(`/subjects/${astronomy.id}`, { archived: true })).statusCode).toBe(404);
    expect(await subjectsOf(adminB)).toEqual([]);
  });
});

describe('the ФГОС catalogue', () => {
  type Entry = { code: string; name: string; levels: string[]; kind: string; subjectId: string | null };

  it('lists the catalogue to the staff, with none of it in the school yet', async () => {
    const catalogue = ok<{ items: Entry[]; total: number }>(await teacher.get('/subject-catalogue'));
    expect(catalogue.items.find((e) => e.code === 'algebra')).toMatchObject({ name: 'Алгебра', levels: ['basic'], kind: 'subject', subjectId: null });
    expect(catalogue.items.find((e) => e.code === 'importantConversations')?.kind).toBe('extracurricular');
    expect((await student.get('/subject-catalogue')).statusCode).toBe(403);
  });

  it('adds the missing subjects once; a subject already named alike is taken as it is', async () => {
    const own = ok<Subject>(await admin.post('/subjects', { name: 'русский язык', shortName: 'Рус.', levels: ['primary'] }), 201);
    const first = ok<{ created: Subject[]; existing: Subject[] }>(await admin.post('/subjects/from-catalogue', { codes: ['russian', 'algebra', 'physics', 'algebra'] }));
    expect(first.created.map((s) => s.name).sort()).toEqual(['Алгебра', 'Физика']);
    expect(first.created.find((s) => s.name === 'Физика')).toMatchObject({ catalogueCode: 'physics', subjectArea: 'Естественно-научные предметы', levels: ['basic', 'secondary'], kind: 'subject' });
    expect(first.existing).toEqual([{ ...own, catalogueCode: 'russian' }]);
    const again = ok<{ created: Subject[]; existing: Subject[] }>(await admin.post('/subjects/from-catalogue', { codes: ['russian', 'algebra', 'physics'] }));
    expect(again.created).toEqual([]);
    expect(again.existing.map((s) => s.name).sort()).toEqual(['Алгебра', 'Физика', 'русский язык']);
    const catalogue = ok<{ items: Entry[] }>(await admin.get('/subject-catalogue'));
    expect(catalogue.items.find((e) => e.code === 'russian')?.subjectId).toBe(own.id);
  });

  it('refuses unknown codes with their paths and adds nothing', async () => {
    const before = (await subjectsOf(admin, '?includeArchived=true')).length;
    const issues = issuesOf(await admin.post('/subjects/from-catalogue', { codes: ['chemistry', 'alchemy'] }));
    expect(issues).toEqual([{ path: 'codes.1', code: 'UNKNOWN_CODE', message: 'Каталог ФГОС: нет предмета с кодом «alchemy»' }]);
    expect((await subjectsOf(admin, '?includeArchived=true')).length).toBe(before);
    expect(issuesOf(await admin.post('/subjects/from-catalogue', { codes: [] }))[0]?.path).toBe('codes');
  });
});

describe('additional programmes', () => {
  let robotics: Programme;

  it('creates a programme with its subject of kind additional', async () => {
    robotics = ok<Programme>(await admin.post('/additional-programmes', {
      name: 'Робототехника', direction: 'technical', ageFrom: 10, ageTo: 14, hoursPerWeek: 2, totalHours: 68, description: 'Lego и Arduino',
    }), 201);
    expect(robotics).toMatchObject({ name: 'Робототехника', direction: 'technical', academicYear: 2026, hoursPerWeek: 2, totalHours: 68, groups: [] });
    const subject = ok<Subject>(await admin.get(`/subjects/${robotics.subject.id}`));
    expect(subject).toMatchObject({ name: 'Робототехника', kind: 'additional' });
    expect((await subjectsOf(admin, '?kind=additional')).map((s) => s.id)).toEqual([robotics.subject.id]);
  });

  it('answers bad fields with their paths and saves nothing', async () => {
    const issues = issuesOf(await admin.post('/additional-programmes', { name: '', direction: 'cooking', ageFrom: 4, ageTo: 19, hoursPerWeek: 1.3, totalHours: -1 }));
    expect(issues.map((i) => i.path).sort()).toEqual(['ageFrom', 'ageTo', 'direction', 'hoursPerWeek', 'name', 'totalHours']);
    expect(issues.find((i) => i.path === 'hoursPerWeek')?.message).toBe('Часов в неделю: с шагом 0,5');
    expect(issuesOf(await admin.post('/additional-programmes', { name: 'Театр', direction: 'arts', hoursPerWeek: 21 }))[0]?.path).toBe('hoursPerWeek');
    expect(issuesOf(await admin.post('/additional-programmes', { name: 'Театр', direction: 'arts', hoursPerWeek: 0 }))[0]?.path).toBe('hoursPerWeek');
    const order = issuesOf(await admin.post('/additional-programmes', { name: 'Театр', direction: 'arts', ageFrom: 12, ageTo: 9, hoursPerWeek: 1.5 }));
    expect(order).toEqual([{ path: 'ageTo', code: 'AGE_RANGE', message: 'Возраст до: не меньше, чем «возраст от»' }]);
    expect(ok<{ total: number }>(await admin.get('/additional-programmes')).total).toBe(1);
    expect((await subjectsOf(admin)).map((s) => s.name)).not.toContain('Театр');
    issuesOf(await admin.patch(`/additional-programmes/${robotics.id}`, { ageFrom: 15 }));
    expect(ok<Programme>(await admin.get(`/additional-programmes/${robotics.id}`)).ageFrom).toBe(10);
  });

  it('refuses a second programme of the same name in the year, and a name taken by another kind of subject', async () => {
    const dup = await admin.post('/additional-programmes', { name: 'робототехника', direction: 'science', hoursPerWeek: 1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'NAME_TAKEN', details: [{ path: 'name' }] });
    const clash = await admin.post('/additional-programmes', { name: 'Физика', direction: 'science', hoursPerWeek: 1 });
    expect(clash.statusCode).toBe(409);
    expect(ok<{ total: number }>(await admin.get('/additional-programmes')).total).toBe(1);
  });

  it('reuses the subject by name in another year, and renames its own subject with it', async () => {
    const next = ok<Programme>(await admin.post('/additional-programmes', { academicYear: 2027, name: 'Робототехника', direction: 'technical', hoursPerWeek: 3 }), 201);
    expect(next.subject.id).toBe(robotics.subject.id);
    expect(ok<{ items: Programme[] }>(await admin.get('/additional-programmes?academicYear=2027')).items.map((p) => p.id)).toEqual([next.id]);
    // Shared with 2027: renaming the 2026 programme gives it a subject of its own.
    const renamed = ok<Programme>(await admin.patch(`/additional-programmes/${robotics.id}`, { name: 'Робототехника и 3D', hoursPerWeek: 2.5 }));
    expect(renamed).toMatchObject({ name: 'Робототехника и 3D', hoursPerWeek: 2.5, subject: { name: 'Робототехника и 3D' } });
    expect(renamed.subject.id).not.toBe(robotics.subject.id);
    // Not shared: the subject follows the name.
    const again = ok<Programme>(await admin.patch(`/additional-programmes/${robotics.id}`, { name: 'Робототехника 3D' }));
    expect(again.subject).toEqual({ id: renamed.subject.id, name: 'Робототехника 3D' });
    robotics = again;
    ok(await admin.del(`/additional-programmes/${next.id}`));
  });

  it('shows its activity groups with members today and teachers; refuses deletion while it has groups', async () => {
    const db = t.database.db;
    const schoolId = schoolA.id;
    const [cls] = await db.insert(classes).values({ schoolId, academicYear: 2026, grade: 6, letter: 'А' }).returning();
    const kids = await db.insert(students).values([
      { schoolId, lastName: 'Иванов', firstName: 'Иван' }, { schoolId, lastName: 'Петров', firstName: 'Пётр' },
    ]).returning();
    await db.insert(enrollments).values(kids.map((k) => ({ schoolId, studentId: k.id, classId: cls!.id, startsOn: '2026-09-01' })));
    const [group] = await db.insert(studyGroups).values({ schoolId, academicYear: 2026, kind: 'activity', name: 'Робототехника — 1', subjectId: robotics.subject.id }).returning();
    await db.insert(studyGroupMembers).values([
      { schoolId, studyGroupId: group!.id, studentId: kids[0]!.id, startsOn: '2026-09-01' },
      { schoolId, studyGroupId: group!.id, studentId: kids[1]!.id, startsOn: '2026-09-01', endsOn: '2026-10-01' },
    ]);
    const [teacherRow] = await db.insert(employees).values({ schoolId, lastName: 'Сидоров', firstName: 'Олег', position: 'Педагог доп. образования' }).returning();
    await db.insert(teachingLoads).values({ schoolId, academicYear: 2026, employeeId: teacherRow!.id, subjectId: robotics.subject.id, studyGroupId: group!.id, hoursPerWeek: '2.5' });
    const programme = ok<Programme>(await teacher.get(`/additional-programmes/${robotics.id}`));
    expect(programme.groups).toEqual([{
      id: group!.id, name: 'Робототехника — 1', memberCount: 1,
      teachers: [{ id: teacherRow!.id, lastName: 'Сидоров', firstName: 'Олег', middleName: null, hoursPerWeek: 2.5 }],
    }]);
    const res = await admin.del(`/additional-programmes/${robotics.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IN_USE');
  });

  it('a teacher reads programmes but may not write (403); another school\'s are unknown (404)', async () => {
    expect(ok<{ total: number }>(await teacher.get('/additional-programmes')).total).toBe(1);
    expect((await teacher.post('/additional-programmes', { name: 'Хор', direction: 'arts', hoursPerWeek: 1 })).statusCode).toBe(403);
    expect((await teacher.patch(`/additional-programmes/${robotics.id}`, { hoursPerWeek: 1 })).statusCode).toBe(403);
    expect((await teacher.del(`/additional-programmes/${robotics.id}`)).statusCode).toBe(403);
    expect((await adminB.get(`/additional-programmes/${robotics.id}`)).statusCode).toBe(404);
    expect((await adminB.patch(`/additional-programmes/${robotics.id}`, { hoursPerWeek: 1 })).statusCode).toBe(404);
    expect((await adminB.del(`/additional-programmes/${robotics.id}`)).statusCode).toBe(404);
    expect(ok<{ total: number }>(await adminB.get('/additional-programmes')).total).toBe(0);
  });
});
