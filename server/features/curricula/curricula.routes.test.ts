// Routes of curricula: create (empty, from a sample, as a copy), replace lines with the СанПиН rules,
// ИУП and the effective curriculum of a student, the extracurricular plan, copying a year, the
// sample's diff and taking a version over; 400 with paths and nothing saved, 403, 404, 409.
// The test clock stands at 2 November 2026: the academic year 2026/27.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curricula, samples, sampleVersions, subjects } from '../../db/schema';
import { builtInSampleKeys, ensureBuiltInSamples } from '../samples/built-in';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

let t: TestApp;
let schoolA: { id: string };
let dir: Client;
let teacher: Client;
let dirB: Client;
const s: Record<string, string> = {};
let class5a: string;
let class5b: string;
let studentId: string;

type Line = { subject: { id: string; name: string }; part: string; hoursPerWeek: number; hoursByTerm: number[] | null };
type Issue = { severity?: string; path: string; code: string; message: string };
type Curriculum = {
  id: string; grade: number; kind: string; name: string; weekDays: number; total: number; totalsByTerm: number[]; weeklyMax: number | null;
  warningCount: number; errorCount: number; lines: Line[]; issues: Issue[]; class: { name: string } | null; student: { id: string } | null;
  sample: { sampleId: string; version: number; latestVersion: number } | null; copiedFromId: string | null; academicYear: number;
};
const line = (subjectId: string, hoursPerWeek: number, extra: Record<string, unknown> = {}) => ({ subjectId, hoursPerWeek, part: 'mandatory', ...extra });
const details = (res: { statusCode: number; json(): unknown }): Issue[] => {
  expect(res.statusCode).toBe(400);
  const body = res.json() as { error: { code: string; details: Issue[] } };
  expect(body.error.code).toBe('VALIDATION_FAILED');
  return body.error.details;
};

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await createSchool(t.database, 'СОШ № 1');
  const schoolB = await createSchool(t.database, 'СОШ № 2');
  await createAccount(t.database, { login: 'cur-dir-a', roles: [{ schoolId: schoolA.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'cur-teacher-a', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'cur-dir-b', roles: [{ schoolId: schoolB.id, role: 'director' }] });
  dir = schoolClient(t.app, await login(t.app, 'cur-dir-a'), schoolA.id);
  teacher = schoolClient(t.app, await login(t.app, 'cur-teacher-a'), schoolA.id);
  dirB = schoolClient(t.app, await login(t.app, 'cur-dir-b'), schoolB.id);
  const rows = await t.database.db.insert(subjects).values([
    { schoolId: schoolA.id, name: 'Русский язык', shortName: 'Рус.', levels: ['basic'], catalogueCode: 'russian' },
    { schoolId: schoolA.id, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId: schoolA.id, name: 'История', shortName: 'История', levels: ['basic'] },
    { schoolId: schoolA.id, name: 'Разговоры о важном', shortName: 'РоВ', levels: ['basic'], kind: 'extracurricular' },
    { schoolId: schoolA.id, name: 'Шахматы', shortName: 'Шахм.', levels: ['basic'], kind: 'extracurricular' },
  ]).returning();
  for (const r of rows) s[r.name] = r.id;
  class5a = ok<{ id: string }>(await dir.post('/classes', { grade: 5, letter: 'А', academicYear: 2026 }), 201).id;
  class5b = ok<{ id: string }>(await dir.post('/classes', { grade: 5, letter: 'Б', academicYear: 2026 }), 201).id;
  ok(await dir.post('/classes', { grade: 5, letter: 'Б', academicYear: 2027 }), 201);
  studentId = ok<{ id: string }>(await dir.post('/students', { lastName: 'Соколов', firstName: 'Илья', classId: class5a, startsOn: '2026-09-01' }), 201).id;
});
afterAll(async () => { await t.close(); });

const countCurricula = async () => (await t.database.db.select().from(curricula).where(eq(curricula.schoolId, schoolA.id))).length;

describe('a grade curriculum', () => {
  let c: Curriculum;

  it('is created empty, then its lines are replaced; totals and the СанПиН warning come back', async () => {
    c = ok<Curriculum>(await dir.post('/curricula', { grade: 5 }), 201);
    expect(c).toMatchObject({ grade: 5, kind: 'main', name: 'Учебный план, 5 класс', weekDays: 5, academicYear: 2026, lines: [], total: 0, weeklyMax: 29 });
    const saved = ok<Curriculum>(await dir.put(`/curricula/${c.id}/lines`, {
      lines: [line(s['Русский язык']!, 10), line(s['Математика']!, 10), line(s['История']!, 10, { part: 'formed', attestationForm: 'контрольная работа' })],
    }));
    expect(saved.lines.map((l) => [l.subject.name, l.hoursPerWeek])).toEqual([['Русский язык', 10], ['Математика', 10], ['История', 10]]);
    expect(saved.total).toBe(30);
    expect(saved.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'SANPIN_WEEKLY_MAX' })]);
    expect(saved.issues[0]!.message).toContain('29');
    const list = ok<{ items: Curriculum[]; total: number }>(await dir.get('/curricula?academicYear=2026&kind=main'));
    expect(list.items.find((i) => i.id === c.id)).toMatchObject({ total: 30, weeklyMax: 29, warningCount: 1, errorCount: 0 });
  });

  it('answers hours that do not fit the week and other bad lines with 400 at each path, saving nothing', async () => {
    const issues = details(await dir.put(`/curricula/${c.id}/lines`, {
      lines: [line(s['Русский язык']!, -1), line(s['Математика']!, 1.25), line(s['История']!, 40), line(s['Разговоры о важном']!, 1), line(s['Математика']!, 1)],
    }));
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['lines.0.hoursPerWeek', 'lines.1.hoursPerWeek', 'lines.2.hoursPerWeek', 'lines.3.subjectId', 'lines.4.subjectId']));
    expect(issues.find((i) => i.path === 'lines.2.hoursPerWeek')!.message).toContain('не помещается в неделю');
    const back = ok<Curriculum>(await dir.get(`/curricula/${c.id}`));
    expect(back.lines.map((l) => l.hoursPerWeek)).toEqual([10, 10, 10]);
  });

  it('refuses a second curriculum of the same grade (409) and a bad create saves nothing', async () => {
    const again = await dir.post('/curricula', { grade: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CURRICULUM_EXISTS');
    const before = await countCurricula();
    const bad = details(await dir.post('/curricula', { grade: 6, lines: [line(s['Математика']!, 50)] }));
    expect(bad.map((i) => i.path)).toContain('lines.0.hoursPerWeek');
    const firstGrade = details(await dir.post('/curricula', { grade: 1, weekDays: 6 }));
    expect(firstGrade.map((i) => i.path)).toContain('weekDays');
    expect(await countCurricula()).toBe(before);
  });

  it('lets staff read, but not a subject teacher write (403); another school sees 404', async () => {
    ok(await teacher.get(`/curricula/${c.id}`));
    expect((await teacher.post('/curricula', { grade: 7 })).statusCode).toBe(403);
    expect((await teacher.put(`/curricula/${c.id}/lines`, { lines: [] })).statusCode).toBe(403);
    expect((await dirB.get(`/curricula/${c.id}`)).statusCode).toBe(404);
    expect((await dirB.put(`/curricula/${c.id}/lines`, { lines: [] })).statusCode).toBe(404);
    expect((await dirB.del(`/curricula/${c.id}`)).statusCode).toBe(404);
  });

  it('changes the name and the week, and copies into a class of the same grade', async () => {
    const renamed = ok<Curriculum>(await dir.patch(`/curricula/${c.id}`, { name: 'УП 5 классов', weekDays: 6 }));
    expect(renamed).toMatchObject({ name: 'УП 5 классов', weekDays: 6, weeklyMax: 32, warningCount: 0 });
    const copy = ok<Curriculum>(await dir.post('/curricula', { copyFrom: c.id, classId: class5b }), 201);
    expect(copy).toMatchObject({ grade: 5, class: { name: '5Б' }, copiedFromId: c.id, weekDays: 6 });
    expect(copy.lines).toHaveLength(3);
  });
});

describe('individual curricula', () => {
  it('an ИУП overrides the class and grade curriculum and marks the student', async () => {
    const before = ok<{ source: string; curriculum: Curriculum }>(await dir.get(`/students/${studentId}/curriculum`));
    expect(before.source).toBe('grade');
    const own = ok<Curriculum>(await dir.post('/curricula', { studentId, lines: [line(s['Математика']!, 5)] }), 201);
    expect(own).toMatchObject({ grade: 5, student: { id: studentId } });
    const student = ok<{ individualCurriculum: boolean }>(await dir.get(`/students/${studentId}`));
    expect(student.individualCurriculum).toBe(true);
    const after = ok<{ source: string; curriculum: Curriculum }>(await teacher.get(`/students/${studentId}/curriculum?academicYear=2026`));
    expect(after).toMatchObject({ source: 'student', curriculum: { id: own.id } });
    ok(await dir.del(`/curricula/${own.id}`));
    expect(ok<{ individualCurriculum: boolean }>(await dir.get(`/students/${studentId}`)).individualCurriculum).toBe(false);
    expect((await dirB.get(`/students/${studentId}/curriculum`)).statusCode).toBe(404);
  });

  it('refuses a student of another school or a class of another year', async () => {
    expect(details(await dir.post('/curricula', { studentId: '01890000-0000-7000-8000-000000000000' })).map((i) => i.path)).toEqual(['studentId']);
    expect(details(await dir.post('/curricula', { classId: class5a, academicYear: 2027 })).map((i) => i.path)).toEqual(['classId']);
  });
});

describe('the extracurricular plan', () => {
  it('takes only extracurricular courses and warns above 10 h', async () => {
    const bad = details(await dir.post('/curricula', { kind: 'extracurricular', grade: 5, lines: [line(s['Математика']!, 1)] }));
    expect(bad).toEqual([expect.objectContaining({ path: 'lines.0.subjectId', code: 'SUBJECT_KIND' })]);
    const plan = ok<Curriculum>(await dir.post('/curricula', {
      kind: 'extracurricular', grade: 5, lines: [line(s['Разговоры о важном']!, 1), line(s['Шахматы']!, 10, { part: 'formed' })],
    }), 201);
    expect(plan).toMatchObject({ name: 'План внеурочной деятельности, 5 класс', total: 11, weeklyMax: 10 });
    expect(plan.issues.map((i) => i.code)).toEqual(['EXTRACURRICULAR_WEEKLY_MAX']);
  });
});

describe('from a sample', () => {
  let sampleId: string;
  let c: Curriculum;
  const content = (history: number) => ({
    level: 'basic', weekDays: 5, grades: [5, 6],
    lines: [
      { subject: 'Русский язык', subjectArea: 'Русский язык и литература', catalogueCode: 'russian', part: 'mandatory', hoursPerWeek: [5, 6] },
      { subject: 'История', subjectArea: 'Общественно-научные предметы', catalogueCode: null, part: 'mandatory', hoursPerWeek: [history, 2] },
      { subject: 'Биология', subjectArea: 'Естественно-научные предметы', catalogueCode: null, part: 'mandatory', hoursPerWeek: [1, 1] },
    ],
  });

  beforeAll(async () => {
    const [row] = await t.database.db.insert(samples).values({ kind: 'curriculum', name: 'Образец ООО (тест)', level: 'basic', version: 1, content: content(2) }).returning();
    sampleId = row!.id;
    await t.database.db.insert(sampleVersions).values({ sampleId, version: 1, content: content(2) });
  });

  it('builds the grade’s column, matching subjects by code and name and creating the missing ones', async () => {
    c = ok<Curriculum>(await dir.post('/curricula', { academicYear: 2027, grade: 5, fromSample: { sampleId } }), 201);
    expect(c.lines.map((l) => [l.subject.name, l.hoursPerWeek])).toEqual([['Русский язык', 5], ['История', 2], ['Биология', 1]]);
    expect(c.lines[0]!.subject.id).toBe(s['Русский язык']);
    expect(c.sample).toMatchObject({ sampleId, version: 1, latestVersion: 1 });
    const bio = await t.database.db.select().from(subjects).where(and(eq(subjects.schoolId, schoolA.id), eq(subjects.name, 'Биология')));
    expect(bio).toHaveLength(1);
    expect(details(await dir.post('/curricula', { academicYear: 2027, grade: 9, fromSample: { sampleId } })).map((i) => i.path)).toEqual(['fromSample.sampleId']);
  });

  it('compares with the newer version and takes it over', async () => {
    await t.database.db.update(samples).set({ version: 2, content: content(3) }).where(eq(samples.id, sampleId));
    await t.database.db.insert(sampleVersions).values({ sampleId, version: 2, content: content(3) });
    const diff = ok<{ sinceVersion: { changed: { subject: string; fromHours: number; toHours: number }[] }; againstCurrent: { changed: unknown[]; added: unknown[] }; sample: { latestVersion: number } }>(
      await dir.get(`/curricula/${c.id}/sample-diff`));
    expect(diff.sample.latestVersion).toBe(2);
    expect(diff.sinceVersion.changed).toEqual([expect.objectContaining({ subject: 'История', fromHours: 2, toHours: 3 })]);
    expect(diff.againstCurrent.changed).toHaveLength(1);
    expect(diff.againstCurrent.added).toEqual([]);
    expect((await teacher.post(`/curricula/${c.id}/take-sample`, { version: 2 })).statusCode).toBe(403);
    const taken = ok<Curriculum>(await dir.post(`/curricula/${c.id}/take-sample`, { version: 2 }));
    expect(taken.lines.find((l) => l.subject.name === 'История')!.hoursPerWeek).toBe(3);
    expect(taken.sample).toMatchObject({ version: 2, latestVersion: 2 });
  });
});

describe('from the built-in federal sample', () => {
  it('builds grade 6 of 2027 from ФОП ООО with its origin shown', async () => {
    await ensureBuiltInSamples(t.database.db);
    const [federal] = await t.database.db.select().from(samples).where(eq(samples.builtInKey, builtInSampleKeys.curriculumBasic));
    const c = ok<Curriculum>(await dir.post('/curricula', { academicYear: 2027, grade: 6, fromSample: { sampleId: federal!.id } }), 201);
    expect(c.lines.length).toBeGreaterThan(8);
    expect(c.errorCount).toBe(0);
    expect(c.sample).toMatchObject({ sampleId: federal!.id, version: federal!.version });
    expect(c.lines.find((l) => l.subject.name === 'Русский язык')?.subject.id).toBe(s['Русский язык']);
  });
});

describe('copying a year', () => {
  it('copies grade and class curricula into the next year, skipping what exists', async () => {
    const result = ok<{ created: { grade: number; name: string }[]; skipped: { reason: string }[] }>(await dir.post('/curricula/copy-year', { fromYear: 2026, toYear: 2027 }));
    // 2026: grade 5 (main), 5Б (class), extracurricular 5. 2027 already has grade 5 main (from the sample); 5Б exists in 2027.
    expect(result.created.map((c) => c.name).sort()).toEqual(['План внеурочной деятельности, 5 класс', 'Учебный план, 5Б класс']);
    expect(result.skipped.map((x) => x.reason)).toEqual(['exists']);
    const again = ok<{ created: unknown[]; skipped: unknown[] }>(await dir.post('/curricula/copy-year', { fromYear: 2026, toYear: 2027 }));
    expect(again.created).toEqual([]);
    expect(again.skipped).toHaveLength(3);
    expect(again.created).toHaveLength(0);
    expect((await teacher.post('/curricula/copy-year', { fromYear: 2026, toYear: 2027 })).statusCode).toBe(403);
  });
});
