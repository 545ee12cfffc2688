// Routes of mark scales and control forms: the three default scales created once, an own
// hundred-point scale with its table, forms with weights and their validation, filters, the
// archive, a set built from a sample and a newer version of it taken over, access.
// The test clock stands at 2 November 2026.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples, sampleVersions, subjects } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

let t: TestApp;
let admin: Client;
let teacher: Client;
let adminB: Client;
let mathId: string;
let foreignSubject: string;

type Scale = { id: string; kind: string; name: string; conversion: { from: number; mark: number }[] | null };
type Form = { id: string; name: string; shortName: string; weight: number; markScale: { id: string; kind: string }; subject: { id: string; name: string } | null; levels: string[]; archived: boolean; sampleId: string | null; sampleVersion: number | null };
type Issue = { path: string; message: string };
type FromSample = { sample: { version: number }; created: string[]; updated: { name: string; weightBefore: number; weightAfter: number }[]; skipped: string[] };

beforeAll(async () => {
  t = await createTestApp();
  const schoolA = await createSchool(t.database, 'Гимназия № 5');
  const schoolB = await createSchool(t.database, 'Гимназия № 6');
  await createAccount(t.database, { login: 'cf-admin', roles: [{ schoolId: schoolA.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'cf-teacher', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'cf-admin-b', roles: [{ schoolId: schoolB.id, role: 'deputy' }] });
  admin = schoolClient(t.app, await login(t.app, 'cf-admin'), schoolA.id);
  teacher = schoolClient(t.app, await login(t.app, 'cf-teacher'), schoolA.id);
  adminB = schoolClient(t.app, await login(t.app, 'cf-admin-b'), schoolB.id);
  const [math] = await t.database.db.insert(subjects).values({ schoolId: schoolA.id, name: 'Математика', shortName: 'Матем.', levels: ['primary', 'basic'] }).returning();
  mathId = math!.id;
  const [other] = await t.database.db.insert(subjects).values({ schoolId: schoolB.id, name: 'Математика', shortName: 'Матем.', levels: ['basic'] }).returning();
  foreignSubject = other!.id;
});
afterAll(async () => { await t.close(); });

const scales = async (c: Client = admin) => ok<{ items: Scale[] }>(await c.get('/mark-scales')).items;
const forms = async (query = '') => ok<{ items: Form[] }>(await admin.get(`/control-forms${query}`)).items;

describe('mark scales', () => {
  it('a school has the three default scales, created once however often they are read', async () => {
    const [first, second] = await Promise.all([scales(teacher), scales()]);
    expect(first.map((s) => [s.kind, s.name])).toEqual([['five', 'Пятибалльная'], ['passFail', 'Зачёт/незачёт'], ['hundred', 'Стобалльная']]);
    expect(second.map((s) => s.id).sort()).toEqual(first.map((s) => s.id).sort());
    expect(first[2]!.conversion).toEqual([{ from: 85, mark: 5 }, { from: 65, mark: 4 }, { from: 45, mark: 3 }, { from: 0, mark: 2 }]);
    expect((await scales()).length).toBe(3);
  });

  it('adds an own hundred-point scale; a table whose thresholds do not fall is refused and nothing saved', async () => {
    const own = ok<Scale>(await admin.post('/mark-scales', { name: 'ВПР', conversion: [{ from: 0, mark: 2 }, { from: 40, mark: 3 }, { from: 60, mark: 4 }, { from: 80, mark: 5 }] }), 201);
    expect(own).toMatchObject({ kind: 'hundred', conversion: [{ from: 80, mark: 5 }, { from: 60, mark: 4 }, { from: 40, mark: 3 }, { from: 0, mark: 2 }] });
    const bad = await admin.post('/mark-scales', { name: 'Плохая', conversion: [{ from: 80, mark: 5 }, { from: 90, mark: 4 }, { from: 40, mark: 3 }, { from: 0, mark: 2 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'conversion.1.from' })]);
    expect((await scales()).map((s) => s.name)).not.toContain('Плохая');
    const patched = ok<Scale>(await admin.patch(`/mark-scales/${own.id}`, { name: 'ВПР (математика)', conversion: [{ from: 85, mark: 5 }, { from: 60, mark: 4 }, { from: 35, mark: 3 }, { from: 0, mark: 2 }] }));
    expect(patched.name).toBe('ВПР (математика)');
    const five = (await scales()).find((s) => s.kind === 'five')!;
    const notHundred = await admin.patch(`/mark-scales/${five.id}`, { conversion: [{ from: 0, mark: 2 }] });
    expect(notHundred.json().error.details[0].path).toBe('conversion');
    expect((await admin.patch(`/mark-scales/${own.id}`, { name: 'пятибалльная' })).statusCode).toBe(409);
  });

  it('a teacher reads but does not write; another school\'s scale is 404', async () => {
    expect((await teacher.post('/mark-scales', { name: 'Т', conversion: [] })).statusCode).toBe(403);
    const five = (await scales()).find((s) => s.kind === 'five')!;
    expect((await adminB.patch(`/mark-scales/${five.id}`, { name: 'Чужая' })).statusCode).toBe(404);
  });
});

describe('control forms', () => {
  let five: Scale;
  let dictation: Form;

  beforeAll(async () => {
    five = (await scales()).find((s) => s.kind === 'five')!;
  });

  it('creates forms for every subject or one subject and level; filters find those that apply', async () => {
    ok<Form>(await admin.post('/control-forms', { name: 'Контрольная работа', shortName: 'К/р', weight: 2, markScaleId: five.id }), 201);
    dictation = ok<Form>(await admin.post('/control-forms', { name: 'Математический диктант', shortName: 'М/д', weight: 1.25, markScaleId: five.id, subjectId: mathId, levels: ['primary'] }), 201);
    expect(dictation).toMatchObject({ weight: 1.25, subject: { id: mathId, name: 'Математика' }, levels: ['primary'], archived: false, sampleId: null });
    expect((await forms(`?subjectId=${mathId}&level=primary`)).map((f) => f.name)).toEqual(['Контрольная работа', 'Математический диктант']);
    expect((await forms('?level=basic')).map((f) => f.name)).toEqual(['Контрольная работа']);
    expect(ok<{ items: Form[] }>(await teacher.get('/control-forms')).items.length).toBe(2);
    expect((await scales()).find((s) => s.id === five.id)).toMatchObject({ controlFormCount: 2 });
  });

  it('refuses a negative weight, a weight off the 0.05 step, an unknown scale and another school\'s subject — all at once where it can, saving nothing', async () => {
    const negative = await admin.post('/control-forms', { name: 'Опрос', shortName: 'Опр', weight: -1, markScaleId: five.id });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.details).toEqual([{ path: 'weight', message: 'Вес: должен быть больше нуля' }]);
    const step = await admin.post('/control-forms', { name: 'Опрос', shortName: 'Опр', weight: 1.12, markScaleId: five.id });
    expect(step.json().error.details[0].path).toBe('weight');
    const refs = await admin.post('/control-forms', { name: ' ', shortName: 'Опр', weight: 1, markScaleId: mathId, subjectId: foreignSubject });
    expect((refs.json().error.details as Issue[]).map((d) => d.path).sort()).toEqual(['markScaleId', 'name', 'subjectId']);
    const patch = await admin.patch(`/control-forms/${dictation.id}`, { weight: 0 });
    expect(patch.json().error.details[0]).toEqual({ path: 'weight', message: 'Вес: должен быть больше нуля' });
    expect((await forms()).map((f) => f.name)).toEqual(['Контрольная работа', 'Математический диктант']);
    expect((await admin.get(`/control-forms/${dictation.id}`)).json().weight).toBe(1.25);
    expect((await admin.post('/control-forms', { name: 'контрольная  работа', shortName: 'К', weight: 1, markScaleId: five.id })).statusCode).toBe(409);
  });

  it('edits and archives a form; archived forms are listed only when asked for', async () => {
    const edited = ok<Form>(await admin.patch(`/control-forms/${dictation.id}`, { weight: 1.5, levels: [], subjectId: null }));
    expect(edited).toMatchObject({ weight: 1.5, levels: [], subject: null });
    ok(await admin.patch(`/control-forms/${dictation.id}`, { archived: true }));
    expect((await forms()).map((f) => f.name)).toEqual(['Контрольная работа']);
    expect((await forms('?includeArchived=true')).map((f) => [f.name, f.archived])).toContainEqual(['Математический диктант', true]);
  });

  it('a teacher may not write; another school\'s form is 404', async () => {
    expect((await teacher.post('/control-forms', { name: 'Т', shortName: 'Т', weight: 1, markScaleId: five.id })).statusCode).toBe(403);
    expect((await teacher.patch(`/control-forms/${dictation.id}`, { weight: 2 })).statusCode).toBe(403);
    expect((await adminB.get(`/control-forms/${dictation.id}`)).statusCode).toBe(404);
    expect((await adminB.patch(`/control-forms/${dictation.id}`, { weight: 2 })).statusCode).toBe(404);
  });
});

describe('control forms from a sample', () => {
  let sampleId: string;
  const v1 = {
    forms: [
      { name: 'Контрольная работа', shortName: 'К/р', weight: 2, scale: 'five', levels: [] },
      { name: 'Диктант', shortName: 'Дикт', weight: 2, scale: 'five', levels: ['primary', 'basic'] },
      { name: 'Ответ на уроке', shortName: 'Отв', weight: 1, scale: 'five', levels: [] },
      { name: 'Тест', shortName: 'Тест', weight: 1, scale: 'hundred', levels: [] },
      { name: 'Зачёт', shortName: 'Зач', weight: 1, scale: 'passFail', levels: [] },
    ],
  };

  beforeAll(async () => {
    const [row] = await t.database.db.insert(samples).values({ kind: 'controlForms', name: 'Формы контроля края', version: 1, content: v1 }).returning();
    sampleId = row!.id;
    await t.database.db.insert(sampleVersions).values({ sampleId, version: 1, content: v1 });
  });

  it('creates the sample\'s forms on the default scales, skipping names the school uses', async () => {
    const res = ok<FromSample>(await admin.post('/control-forms/from-sample', { sampleId }));
    expect(res.created).toEqual(['Диктант', 'Ответ на уроке', 'Тест', 'Зачёт']);
    expect(res.skipped).toEqual(['Контрольная работа']);
    const list = await forms();
    expect(list.find((f) => f.name === 'Тест')).toMatchObject({ markScale: { kind: 'hundred' }, sampleId, sampleVersion: 1 });
    expect(list.find((f) => f.name === 'Зачёт')?.markScale.kind).toBe('passFail');
    expect(list.find((f) => f.name === 'Диктант')?.levels).toEqual(['primary', 'basic']);
    const again = ok<FromSample>(await admin.post('/control-forms/from-sample', { sampleId }));
    expect(again).toMatchObject({ created: [], updated: [] });
    const status = ok<{ items: { sampleId: string; version: number; latestVersion: number; newer: boolean; formCount: number }[] }>(await admin.get('/control-forms/sample-status'));
    expect(status.items).toEqual([expect.objectContaining({ sampleId, version: 1, latestVersion: 1, newer: false, formCount: 4 })]);
  });

  it('a newer version: weights the sample changed are taken over, the school\'s own change stays', async () => {
    const answer = (await forms()).find((f) => f.name === 'Ответ на уроке')!;
    ok(await admin.patch(`/control-forms/${answer.id}`, { weight: 1.25 }));
    const v2 = { forms: v1.forms.map((f) => (f.name === 'Диктант' ? { ...f, weight: 1.75 } : f)) };
    await t.database.db.update(samples).set({ version: 2, content: v2 }).where(eq(samples.id, sampleId));
    await t.database.db.insert(sampleVersions).values({ sampleId, version: 2, content: v2 });
    const status = ok<{ items: { newer: boolean; version: number; latestVersion: number }[] }>(await admin.get('/control-forms/sample-status'));
    expect(status.items[0]).toMatchObject({ version: 1, latestVersion: 2, newer: true });
    const res = ok<FromSample>(await admin.post('/control-forms/from-sample', { sampleId }));
    expect(res.updated).toEqual([expect.objectContaining({ name: 'Диктант', weightBefore: 2, weightAfter: 1.75 })]);
    const list = await forms();
    expect(list.find((f) => f.name === 'Ответ на уроке')?.weight).toBe(1.25);
    expect(list.find((f) => f.name === 'Диктант')).toMatchObject({ weight: 1.75, sampleVersion: 2 });
    expect(ok<{ items: { newer: boolean }[] }>(await admin.get('/control-forms/sample-status')).items[0]?.newer).toBe(false);
  });

  it('an unknown sample is 404; a teacher may not build from a sample', async () => {
    expect((await admin.post('/control-forms/from-sample', { sampleId: mathId })).statusCode).toBe(404);
    expect((await teacher.post('/control-forms/from-sample', { sampleId })).statusCode).toBe(403);
  });
});
