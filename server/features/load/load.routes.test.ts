// Routes of the teaching load (SPEC B11) and of splitting a class into subgroups (B10): load rows
// with their validation, load limits, the consistency with the curriculum, the tarification sheet.
// The test clock stands at 2 November 2026: the academic year 2026/27.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curricula, curriculumLines, subjects } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

let t: TestApp;
let schoolA: { id: string; name: string };
let schoolB: { id: string };
let admin: Client;
let deputy: Client;
let teacher: Client;
let dirB: Client;
const id: Record<string, string> = {};

type Item = { id: string; name: string };
type Load = { id: string; hoursPerWeek: number; class: Item | null; studyGroup: Item | null; subject: Item; employee: { id: string; lastName: string } };
type Group = Item & { kind: string; memberCount: number; members: { studentId: string; lastName: string }[] };
type Consistency = {
  ok: boolean;
  uncovered: { className: string; subjectName: string; groupName: string | null; requiredHours: number; assignedHours: number }[];
  unsplit: { className: string; subjectName: string; subgroupCount: number }[];
  overLimit: { name: string; limitHours: number; assignedHours: number }[];
  unmatched: { teachingLoadId: string; reason: string; targetName: string }[];
};
type Issue = { path: string; code: string; message: string };

const issuesOf = (res: { statusCode: number; json(): { error: { code: string; details: Issue[] } } }): Issue[] => {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
  return res.json().error.details;
};
const loads = async (): Promise<Load[]> => ok<{ items: Load[] }>(await admin.get('/teaching-loads')).items;
const consistency = async (): Promise<Consistency> => ok<Consistency>(await admin.get('/teaching-loads/consistency'));

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await createSchool(t.database, 'СОШ № 5');
  schoolB = await createSchool(t.database, 'СОШ № 6');
  await createAccount(t.database, { login: 'jadmin', roles: [{ schoolId: schoolA.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'deputy', roles: [{ schoolId: schoolA.id, role: 'deputy' }] });
  await createAccount(t.database, { login: 'teacher', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'dir-b', roles: [{ schoolId: schoolB.id, role: 'director' }] });
  admin = schoolClient(t.app, await login(t.app, 'jadmin'), schoolA.id);
  deputy = schoolClient(t.app, await login(t.app, 'deputy'), schoolA.id);
  teacher = schoolClient(t.app, await login(t.app, 'teacher'), schoolA.id);
  dirB = schoolClient(t.app, await login(t.app, 'dir-b'), schoolB.id);

  const rows = await t.database.db.insert(subjects).values([
    { schoolId: schoolA.id, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId: schoolA.id, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] },
    { schoolId: schoolA.id, name: 'Астрономия', shortName: 'Астр.', levels: ['secondary'] },
    { schoolId: schoolA.id, name: 'Робототехника', shortName: 'Робот.', levels: ['basic'], kind: 'extracurricular' },
  ]).returning();
  for (const [i, key] of ['math', 'english', 'astronomy', 'robotics'].entries()) id[key] = rows[i]!.id;

  id['5А'] = ok<Item>(await admin.post('/classes', { grade: 5, letter: 'А' }), 201).id;
  id['5Б'] = ok<Item>(await admin.post('/classes', { grade: 5, letter: 'Б' }), 201).id;
  for (const lastName of ['Яковлев', 'Абрамова', 'Борисов']) {
    id[lastName] = ok<Item>(await admin.post('/students', { lastName, firstName: 'Ученик', classId: id['5А'], startsOn: '2026-09-01' }), 201).id;
  }
  id.other = ok<Item>(await admin.post('/students', { lastName: 'Другов', firstName: 'Ученик', classId: id['5Б'], startsOn: '2026-09-01' }), 201).id;
  id.mathTeacher = ok<Item>(await admin.post('/employees', { lastName: 'Цифрова', firstName: 'Анна', middleName: 'Петровна', position: 'Учитель математики' }), 201).id;
  id.englishTeacher = ok<Item>(await admin.post('/employees', { lastName: 'Инглиш', firstName: 'Мария', position: 'Учитель английского языка' }), 201).id;

  // Grade 5: mathematics 5 h for the whole class, English 3 h in subgroups; 5Б has its own, empty curriculum.
  const [grade5] = await t.database.db.insert(curricula).values({ schoolId: schoolA.id, academicYear: 2026, grade: 5, name: 'Учебный план 5 классов' }).returning();
  await t.database.db.insert(curriculumLines).values([
    { schoolId: schoolA.id, curriculumId: grade5!.id, subjectId: id.math!, hoursPerWeek: '5' },
    { schoolId: schoolA.id, curriculumId: grade5!.id, subjectId: id.english!, hoursPerWeek: '3', splitIntoGroups: true },
  ]);
  await t.database.db.insert(curricula).values({ schoolId: schoolA.id, academicYear: 2026, grade: 5, classId: id['5Б'], name: 'Учебный план 5Б' });
});
afterAll(async () => { await t.close(); });

describe('splitting a class into subgroups', () => {
  it('creates the subgroups and shares out the class alphabetically', async () => {
    const split = ok<{ items: Group[] }>(await admin.post('/study-groups/split', { classId: id['5А'], subjectId: id.english, parts: 2, startsOn: '2026-09-01' }), 201);
    expect(split.items.map((g) => g.name)).toEqual(['Английский язык 1 (5А)', 'Английский язык 2 (5А)']);
    expect(split.items.map((g) => g.members.map((m) => m.lastName))).toEqual([['Абрамова', 'Борисов'], ['Яковлев']]);
    id.eng1 = split.items[0]!.id;
    id.eng2 = split.items[1]!.id;
  });

  it('refuses a second split, bad parts and another school’s class, saving nothing', async () => {
    const again = await admin.post('/study-groups/split', { classId: id['5А'], subjectId: id.english, parts: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SUBGROUPS_EXIST');
    expect(issuesOf(await admin.post('/study-groups/split', { classId: id['5Б'], subjectId: id.english, parts: 5 })).map((i) => i.path)).toEqual(['parts']);
    const bClass = ok<Item>(await dirB.post('/classes', { grade: 5, letter: 'А' }), 201).id;
    const foreign = issuesOf(await admin.post('/study-groups/split', { classId: bClass, subjectId: id.robotics, parts: 2 }));
    expect(foreign.map((i) => [i.path, i.code])).toEqual([['classId', 'CLASS_NOT_FOUND'], ['subjectId', 'SUBJECT_KIND']]);
    expect(ok<{ items: Group[] }>(await admin.get(`/study-groups?classId=${id['5Б']}`)).items).toEqual([]);
    expect((await teacher.post('/study-groups/split', { classId: id['5Б'], subjectId: id.english, parts: 2 })).statusCode).toBe(403);
  });

  it('keeps a subgroup to its class: a member from another class is refused with STUDENT_NOT_IN_CLASS', async () => {
    const res = await admin.post(`/study-groups/${id.eng1}/members`, { studentId: id.other, from: '2026-09-01' });
    expect(issuesOf(res)).toEqual([expect.objectContaining({ path: 'studentId', code: 'STUDENT_NOT_IN_CLASS' })]);
    expect(ok<Group>(await admin.get(`/study-groups/${id.eng1}`)).memberCount).toBe(2);
  });

  it('takes activity groups of an extracurricular subject with members from any class', async () => {
    const bad = issuesOf(await admin.post('/study-groups', { kind: 'activity', name: 'Кружок', subjectId: id.math, classId: id['5А'] }));
    expect(bad.map((i) => [i.path, i.code])).toEqual([['classId', 'ACTIVITY_HAS_NO_CLASS'], ['subjectId', 'SUBJECT_KIND']]);
    expect(issuesOf(await admin.post('/study-groups', { kind: 'activity', name: 'Кружок' })).map((i) => i.path)).toEqual(['subjectId']);
    const club = ok<Group>(await admin.post('/study-groups', { kind: 'activity', name: 'Робототехника, 5 классы', subjectId: id.robotics }), 201);
    expect(club.kind).toBe('activity');
    ok(await admin.post(`/study-groups/${club.id}/members`, { studentId: id.other, from: '2026-09-01' }), 201);
    ok(await admin.post(`/study-groups/${club.id}/members`, { studentId: id['Яковлев'], from: '2026-09-01' }), 201);
    id.club = club.id;
  });
});

describe('teaching load', () => {
  it('records load of a class, of subgroups and of an activity group; the curriculum is then covered', async () => {
    const math = ok<Load>(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, classId: id['5А'], hoursPerWeek: 5 }), 201);
    expect(math).toMatchObject({ hoursPerWeek: 5, class: { name: '5А' }, subject: { name: 'Математика' }, employee: { lastName: 'Цифрова' } });
    id.mathLoad = math.id;
    let report = await consistency();
    expect(report.ok).toBe(false);
    expect(report.uncovered.map((u) => `${u.className} ${u.groupName} ${u.requiredHours}/${u.assignedHours}`))
      .toEqual(['5А Английский язык 1 (5А) 3/0', '5А Английский язык 2 (5А) 3/0']);
    for (const group of [id.eng1, id.eng2]) {
      ok(await deputy.post('/teaching-loads', { employeeId: id.englishTeacher, subjectId: id.english, studyGroupId: group, hoursPerWeek: 3 }), 201);
    }
    ok(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.robotics, studyGroupId: id.club, hoursPerWeek: 1.5 }), 201);
    report = await consistency();
    expect(report).toMatchObject({ ok: true, uncovered: [], unsplit: [], overLimit: [], unmatched: [] });
    expect((await loads()).map((l) => `${l.employee.lastName} ${l.subject.name} ${l.class?.name ?? l.studyGroup?.name} ${l.hoursPerWeek}`)).toEqual([
      'Инглиш Английский язык Английский язык 1 (5А) 3',
      'Инглиш Английский язык Английский язык 2 (5А) 3',
      'Цифрова Математика 5А 5',
      'Цифрова Робототехника Робототехника, 5 классы 1.5',
    ]);
    expect(ok<{ items: Load[] }>(await admin.get(`/teaching-loads?classId=${id['5А']}`)).items).toHaveLength(3);
    expect(ok<{ items: Load[] }>(await teacher.get('/teaching-loads')).items).toHaveLength(4);
  });

  it('refuses bad hours, a missing or double target, a subject of the wrong kind or group — all at once, nothing saved', async () => {
    const before = (await loads()).length;
    for (const hoursPerWeek of [0, -1, 40.5, 0.3]) {
      expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, classId: id['5Б'], hoursPerWeek })).map((i) => i.path)).toEqual(['hoursPerWeek']);
    }
    expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, classId: id['5Б'], studyGroupId: id.eng1, hoursPerWeek: 1 }))
      .map((i) => i.code)).toEqual(['TARGET_REQUIRED']);
    expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.robotics, classId: id['5Б'], hoursPerWeek: 1 }))
      .map((i) => [i.path, i.code])).toEqual([['subjectId', 'SUBJECT_KIND']]);
    expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, studyGroupId: id.eng1, hoursPerWeek: 1 }))
      .map((i) => [i.path, i.code])).toEqual([['subjectId', 'SUBJECT_MISMATCH']]);
    const many = issuesOf(await admin.post('/teaching-loads', { employeeId: id['Яковлев'], subjectId: id.eng1, classId: id.eng2, hoursPerWeek: 2 }));
    expect(many.map((i) => i.path)).toEqual(['employeeId', 'subjectId', 'classId']);
    expect(many[0]!.message).toMatch(/^Учитель:/);
    const bClass = ok<{ items: Item[] }>(await dirB.get('/classes')).items[0]!.id;
    expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, classId: bClass, hoursPerWeek: 1 })).map((i) => i.code))
      .toEqual(['CLASS_NOT_FOUND']);
    expect((await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, classId: id['5А'], hoursPerWeek: 1 })).statusCode).toBe(409);
    expect((await loads()).length).toBe(before);
  });

  it('reports load beyond the curriculum: above a line’s hours, outside it, of the whole class for a split line', async () => {
    ok(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 6 }));
    const astronomy = ok<Load>(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.astronomy, classId: id['5Б'], hoursPerWeek: 1 }), 201);
    const wholeClass = ok<Load>(await admin.post('/teaching-loads', { employeeId: id.englishTeacher, subjectId: id.english, classId: id['5А'], hoursPerWeek: 3 }), 201);
    const report = await consistency();
    expect(report.ok).toBe(false);
    expect(report.unmatched.map((u) => [u.teachingLoadId, u.reason, u.targetName]).sort()).toEqual([
      [id.mathLoad, 'hoursExceed', '5А'], [astronomy.id, 'noCurriculumLine', '5Б'], [wholeClass.id, 'lineSplit', '5А'],
    ].sort());
    expect(issuesOf(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 0 })).map((i) => i.path)).toEqual(['hoursPerWeek']);
    ok(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5 }));
    ok(await admin.del(`/teaching-loads/${astronomy.id}`));
    ok(await admin.del(`/teaching-loads/${wholeClass.id}`));
    expect((await admin.del(`/teaching-loads/${wholeClass.id}`)).statusCode).toBe(404);
    expect((await consistency()).ok).toBe(true);
  });

  it('counts a stream’s load for every class its members are in', async () => {
    const stream = ok<Group>(await admin.post('/study-groups', { kind: 'stream', name: 'Поток: математика 5-х', subjectId: id.math }), 201);
    ok(await admin.post(`/study-groups/${stream.id}/members`, { studentId: id['Яковлев'], from: '2026-09-01' }), 201);
    ok(await admin.post(`/study-groups/${stream.id}/members`, { studentId: id.other, from: '2026-09-01' }), 201);
    expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.english, studyGroupId: stream.id, hoursPerWeek: 1 }))
      .map((i) => i.code)).toEqual(['SUBJECT_MISMATCH']);
    const row = ok<Load>(await admin.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, studyGroupId: stream.id, hoursPerWeek: 1 }), 201);
    // 5А now has 5 + 1 hours of mathematics against 5; 5Б's own curriculum has no mathematics, so it asks for nothing.
    expect((await consistency()).unmatched.map((u) => [u.teachingLoadId, u.reason]).sort()).toEqual([[id.mathLoad, 'hoursExceed'], [row.id, 'hoursExceed']].sort());
    ok(await admin.del(`/teaching-loads/${row.id}`));
    expect((await consistency()).ok).toBe(true);
  });

  it('keeps load limits in half hours up to 60 and reports teachers above theirs', async () => {
    const set = ok<{ loadLimitHours: number; totalHours: number }>(await admin.put(`/employees/${id.mathTeacher}/load-limit`, { loadLimitHours: 6 }));
    expect(set).toMatchObject({ loadLimitHours: 6, totalHours: 6.5 });
    expect((await consistency()).overLimit).toEqual([{ employeeId: id.mathTeacher, name: 'Цифрова Анна Петровна', limitHours: 6, assignedHours: 6.5 }]);
    for (const loadLimitHours of [0, 60.5, 17.3]) {
      expect(issuesOf(await admin.put(`/employees/${id.mathTeacher}/load-limit`, { loadLimitHours })).map((i) => i.path)).toEqual(['loadLimitHours']);
    }
    ok(await admin.put(`/employees/${id.mathTeacher}/load-limit`, { loadLimitHours: 18 }));
    ok(await admin.put(`/employees/${id.englishTeacher}/load-limit`, { loadLimitHours: null }));
    const teachers = ok<{ items: { lastName: string; loadLimitHours: number | null; totalHours: number }[] }>(await teacher.get('/teaching-loads/teachers'));
    expect(teachers.items.map((x) => [x.lastName, x.loadLimitHours, x.totalHours])).toEqual([['Инглиш', null, 6], ['Цифрова', 18, 6.5]]);
    expect((await consistency()).ok).toBe(true);
    const bEmployee = ok<Item>(await dirB.post('/employees', { lastName: 'Чужая', firstName: 'Учительница', position: 'Учитель' }), 201).id;
    expect((await admin.put(`/employees/${bEmployee}/load-limit`, { loadLimitHours: 18 })).statusCode).toBe(404);
  });

  it('lets staff read and only the administration write', async () => {
    expect((await teacher.get('/teaching-loads/consistency')).statusCode).toBe(200);
    expect((await teacher.post('/teaching-loads', { employeeId: id.mathTeacher, subjectId: id.math, classId: id['5Б'], hoursPerWeek: 1 })).statusCode).toBe(403);
    expect((await teacher.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 1 })).statusCode).toBe(403);
    expect((await teacher.del(`/teaching-loads/${id.mathLoad}`)).statusCode).toBe(403);
    expect((await teacher.put(`/employees/${id.mathTeacher}/load-limit`, { loadLimitHours: 1 })).statusCode).toBe(403);
    expect((await dirB.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 1 })).statusCode).toBe(404);
    expect((await dirB.del(`/teaching-loads/${id.mathLoad}`)).statusCode).toBe(404);
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/teaching-loads/consistency`, headers: { cookie: (await login(t.app, 'dir-b')).cookie } });
    expect(foreign.statusCode).toBe(404);
    expect((await loads()).find((l) => l.id === id.mathLoad)?.hoursPerWeek).toBe(5);
  });

  it('writes the tarification sheet: a row per teacher, a column per class, totals', async () => {
    const res = await teacher.get('/teaching-loads/tarification.xlsx?academicYear=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="tarification-2026-2027.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Тарификация')!;
    expect(String(ws.getCell('A1').value)).toBe('Тарификация на 2026/2027 учебный год — МАОУ «СОШ № 5»');
    const row = (n: number) => Array.from({ length: 7 }, (_, i) => ws.getRow(n).getCell(i + 1).value ?? null);
    expect(row(4)).toEqual(['ФИО', 'Должность', 'Ставка, ч', '5А', '5Б', 'Потоки и группы', 'Итого, ч']);
    expect(row(5)).toEqual(['Инглиш Мария', 'Учитель английского языка', null, 6, null, null, 6]);
    expect(row(6)).toEqual(['Цифрова Анна Петровна', 'Учитель математики', 18, 5, null, 1.5, 6.5]);
    expect(row(7)).toEqual(['Итого', null, null, 11, null, 1.5, 12.5]);
    expect(workbook.getWorksheet('По предметам')!.rowCount).toBe(5);
  });
});

describe('splitting a row’s hours into lessons', () => {
  const row = async () => (await loads()).find((l) => l.id === id.mathLoad)! as Load & { lessonSplit: string | null };

  it('keeps «2+1+1+1» (a double lesson and single ones), spaces aside, and clears it with null or an empty string', async () => {
    expect((await row()).lessonSplit).toBeNull();
    expect(ok<{ lessonSplit: string | null }>(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5, lessonSplit: ' 2 + 1+1+1' })).lessonSplit).toBe('2+1+1+1');
    // Hours changed without a split: the split stays when it still fits…
    expect(ok<{ lessonSplit: string | null }>(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5.5 })).lessonSplit).toBe('2+1+1+1');
    ok(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5, lessonSplit: '' }));
    expect((await row()).lessonSplit).toBeNull();
    const created = ok<{ id: string; lessonSplit: string | null }>(
      await admin.post('/teaching-loads', { employeeId: id.englishTeacher, subjectId: id.astronomy, classId: id['5Б'], hoursPerWeek: 2, lessonSplit: '2' }), 201);
    expect(created.lessonSplit).toBe('2');
    ok(await admin.del(`/teaching-loads/${created.id}`));
  });

  it('refuses parts other than 1 and 2 and a sum other than the whole hours with a Russian message at lessonSplit, saving nothing', async () => {
    ok(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5, lessonSplit: '2+2+1' }));
    const before = (await loads()).length;
    const bad = issuesOf(await admin.post('/teaching-loads', { employeeId: id.englishTeacher, subjectId: id.astronomy, classId: id['5Б'], hoursPerWeek: 3, lessonSplit: '2+2' }));
    expect(bad).toEqual([{ path: 'lessonSplit', code: 'LESSON_SPLIT_INVALID', message: 'Деление на уроки: 2+2 — это 4 ч, а в неделю 3 ч' }]);
    expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.englishTeacher, subjectId: id.astronomy, classId: id['5Б'], hoursPerWeek: 3, lessonSplit: '3' }))
      .map((i) => [i.path, i.message])).toEqual([['lessonSplit', 'Деление на уроки: части по 1 или 2 часа через «+», например 2+1+1']]);
    expect(issuesOf(await admin.post('/teaching-loads', { employeeId: id.englishTeacher, subjectId: id.astronomy, classId: id['5Б'], hoursPerWeek: 3, lessonSplit: 21 }))
      .map((i) => i.path)).toEqual(['lessonSplit']);
    expect((await loads()).length).toBe(before);
    // New hours the split no longer fits: refused, the row unchanged.
    const stale = issuesOf(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 4 }));
    expect(stale.map((i) => [i.path, i.message])).toEqual([['lessonSplit', 'Деление на уроки: 2+2+1 — это 5 ч, а в неделю 4 ч']]);
    expect(issuesOf(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5, lessonSplit: '2+2+2' })).map((i) => i.path)).toEqual(['lessonSplit']);
    expect(await row()).toMatchObject({ hoursPerWeek: 5, lessonSplit: '2+2+1' });
    expect((await teacher.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5, lessonSplit: '1+1+1+1+1' })).statusCode).toBe(403);
    ok(await admin.patch(`/teaching-loads/${id.mathLoad}`, { hoursPerWeek: 5, lessonSplit: null }));
  });
});
