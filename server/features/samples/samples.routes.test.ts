// Samples (SPEC B14) over HTTP: the federal curricula are there after start; region and municipality
// administrators publish samples and new versions (the old content kept), with validation that
// saves nothing; schools see the federal samples and their own area's only, and compare versions.
import type { LightMyRequestResponse } from 'fastify';
import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffEntryDto, SampleDiffDto, SampleDto, SampleListDto, SampleUsageDto } from '../../../contracts/samples';
import { areaRoleGrants, curricula, municipalities, samples, sampleVersions, schools } from '../../db/schema';
import { as, createAccount, createSchool, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { ok } from '../org/org.test-helpers';
import { builtInSampleKeys, ensureBuiltInSamples, syncBuiltIns } from './built-in';

let t: TestApp;
let schoolA: { id: string; regionId: string; municipalityId: string };
let schoolB: { id: string; regionId: string; municipalityId: string };
const sessions: Record<string, Session> = {};

type Client = { get(url: string): Promise<LightMyRequestResponse>; post(url: string, body: unknown): Promise<LightMyRequestResponse>; put(url: string, body: unknown): Promise<LightMyRequestResponse> };
const client = (who: string): Client => ({
  get: (url) => t.app.inject({ method: 'GET', url, headers: as(sessions[who]!) }),
  post: (url, body) => t.app.inject({ method: 'POST', url, headers: as(sessions[who]!, true), payload: body as object }),
  put: (url, body) => t.app.inject({ method: 'PUT', url, headers: as(sessions[who]!, true), payload: body as object }),
});

async function schoolWithArea(name: string) {
  const s = await createSchool(t.database, name);
  const [row] = await t.database.db.select({ municipalityId: schools.municipalityId }).from(schools).where(eq(schools.id, s.id));
  const [m] = await t.database.db.select().from(municipalities).where(eq(municipalities.id, row!.municipalityId));
  return { id: s.id, regionId: m!.regionId, municipalityId: m!.id };
}

async function areaAdmin(loginName: string, regionId: string, municipalityId: string | null) {
  const account = await createAccount(t.database, { login: loginName });
  await t.database.db.insert(areaRoleGrants).values({
    accountId: account.id, role: municipalityId ? 'municipalityAdmin' : 'regionAdmin', regionId, municipalityId,
  });
  sessions[loginName] = await login(t.app, loginName);
}

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await schoolWithArea('СОШ № 1');
  schoolB = await schoolWithArea('СОШ № 2');
  await areaAdmin('region-a', schoolA.regionId, null);
  await areaAdmin('town-a', schoolA.regionId, schoolA.municipalityId);
  await areaAdmin('region-b', schoolB.regionId, null);
  for (const [loginName, schoolId, role] of [
    ['dir-a', schoolA.id, 'director'], ['admin-a', schoolA.id, 'journalAdmin'], ['teacher-a', schoolA.id, 'subjectTeacher'], ['dir-b', schoolB.id, 'director'],
  ] as const) {
    await createAccount(t.database, { login: loginName, roles: [{ schoolId, role }] });
    sessions[loginName] = await login(t.app, loginName);
  }
}, 120_000);
afterAll(async () => { await t.close(); });

const area = '/api/v1/area/samples';
const school = (id: string) => `/api/v1/schools/${id}/samples`;
const forms = (weight = 2) => ({ forms: [
  { name: 'Контрольная работа', shortName: 'КР', weight, scale: 'five', levels: [] },
  { name: 'Ответ на уроке', shortName: 'О', weight: 1, scale: 'five', levels: ['primary', 'basic'] },
] });
const curriculum = {
  level: 'basic', weekDays: 5, grades: [5, 6],
  lines: [
    { subject: 'Математика', subjectArea: 'Математика и информатика', catalogueCode: 'mathematics', part: 'mandatory', hoursPerWeek: [5, 5] },
    { subject: 'История', subjectArea: 'Общественно-научные предметы', catalogueCode: 'history', part: 'mandatory', hoursPerWeek: [3, 3] },
  ],
};
const countSamples = async () => (await t.database.db.select({ id: samples.id }).from(samples)).length;
const paths = (res: LightMyRequestResponse): string[] => {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_FAILED');
  return (res.json().error.details as { path: string; message: string }[]).map((d) => d.path);
};

describe('built-in federal samples', () => {
  it('are there after start, one per level, for every school', async () => {
    const list = ok<SampleListDto>(await client('dir-a').get(`${school(schoolA.id)}?kind=curriculum`));
    const federal = list.items.filter((s) => s.builtIn);
    expect(federal.map((s) => s.level).sort()).toEqual(['basic', 'primary', 'secondary']);
    expect(federal.every((s) => s.owner.kind === 'federal' && s.owner.name === 'Федеральный' && !s.editable)).toBe(true);
    const basic = ok<SampleDto>(await client('dir-a').get(`${school(schoolA.id)}/${federal.find((s) => s.level === 'basic')!.id}`));
    expect(basic.content).toMatchObject({ level: 'basic', weekDays: 5, grades: [5, 6, 7, 8, 9] });
    const lines = (basic.content as typeof curriculum).lines;
    expect(lines.find((l) => l.subject === 'История')).toMatchObject({ catalogueCode: 'history', hoursPerWeek: [3, 3, 3, 3, 2] });
    expect(basic.versions.map((v) => v.version)).toEqual([1]);
  });

  it('are made sure of cheaply and only once; a changed shipped content becomes a new version', async () => {
    await ensureBuiltInSamples(t.database.db);
    await syncBuiltIns(t.database.db);
    const builtIn = await t.database.db.select().from(samples).where(isNotNull(samples.builtInKey));
    expect(builtIn).toHaveLength(3);
    expect(builtIn.every((s) => s.version === 1)).toBe(true);

    const primary = builtIn.find((s) => s.builtInKey === builtInSampleKeys.curriculumPrimary)!;
    const older = { ...(primary.content as typeof curriculum), lines: (primary.content as typeof curriculum).lines.slice(1) };
    await t.database.db.update(samples).set({ content: older }).where(eq(samples.id, primary.id));
    await syncBuiltIns(t.database.db);
    const [after] = await t.database.db.select().from(samples).where(eq(samples.id, primary.id));
    expect(after!.version).toBe(2);
    expect(after!.content).toEqual(primary.content);
    const versions = await t.database.db.select().from(sampleVersions).where(eq(sampleVersions.sampleId, primary.id));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it('cannot be changed by an area', async () => {
    const list = ok<SampleListDto>(await client('region-a').get(`${area}?kind=curriculum`));
    const federal = list.items.find((s) => s.builtIn)!;
    const res = await client('region-a').put(`${area}/${federal.id}`, { content: curriculum });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('BUILT_IN_READ_ONLY');
  });
});

describe('area samples', () => {
  let regional: SampleDto;
  let municipal: SampleDto;

  it('a region administrator publishes a control-form set for the region', async () => {
    regional = ok<SampleDto>(await client('region-a').post(area, {
      kind: 'controlForms', name: 'Формы контроля региона', level: null, description: null, content: forms(),
    }), 201);
    expect(regional).toMatchObject({ kind: 'controlForms', version: 1, editable: true, builtIn: false, owner: { kind: 'region', id: schoolA.regionId, name: 'Пермский край' } });
    expect(regional.versions.map((v) => v.version)).toEqual([1]);
    const stored = await t.database.db.select().from(sampleVersions).where(eq(sampleVersions.sampleId, regional.id));
    expect(stored).toHaveLength(1);
  });

  it('a municipality administrator publishes a curriculum for the municipality; its level comes from the content', async () => {
    municipal = ok<SampleDto>(await client('town-a').post(area, {
      kind: 'curriculum', name: 'Учебный план ООО города', level: null, description: 'Для школ города', content: curriculum,
    }), 201);
    expect(municipal).toMatchObject({ level: 'basic', owner: { kind: 'municipality', id: schoolA.municipalityId, name: 'г. Пермь' } });
  });

  it('lists the area\'s samples and the federal ones; another region\'s administrator sees neither of ours', async () => {
    const mine = ok<SampleListDto>(await client('region-a').get(area));
    expect(mine.items.map((s) => s.id)).toEqual(expect.arrayContaining([regional.id, municipal.id]));
    expect(mine.items.find((s) => s.id === municipal.id)!.editable).toBe(true);
    const town = ok<SampleListDto>(await client('town-a').get(area));
    expect(town.items.find((s) => s.id === regional.id)!.editable).toBe(false);
    const other = ok<SampleListDto>(await client('region-b').get(area));
    expect(other.items.map((s) => s.id)).not.toContain(regional.id);
    expect(other.items.filter((s) => s.builtIn)).toHaveLength(3);
    expect((await client('region-b').get(`${area}/${regional.id}`)).statusCode).toBe(404);
    expect((await client('region-b').put(`${area}/${regional.id}`, { content: forms(3) })).statusCode).toBe(404);
  });

  it('refuses school staff (403) and a municipality changing its region\'s sample (403)', async () => {
    for (const who of ['dir-a', 'admin-a', 'teacher-a']) {
      const res = await client(who).post(area, { kind: 'controlForms', name: 'X', level: null, description: null, content: forms() });
      expect(res.statusCode, who).toBe(403);
      expect((await client(who).get(area)).statusCode, who).toBe(403);
    }
    expect((await client('town-a').put(`${area}/${regional.id}`, { content: forms(3) })).statusCode).toBe(403);
    expect((await client('town-a').post(area, {
      kind: 'controlForms', name: 'Чужой', level: null, description: null, content: forms(), area: { kind: 'region', id: schoolA.regionId },
    })).statusCode).toBe(403);
  });

  it('reports every problem of the content at once with its path, and saves nothing', async () => {
    const before = await countSamples();
    const badForms = paths(await client('region-a').post(area, {
      kind: 'controlForms', name: 'Плохие формы', level: null, description: null,
      content: { forms: [{ name: 'Контрольная работа', shortName: 'КР', weight: -1, scale: 'five', levels: [] }, { name: '', shortName: 'О', weight: 1, scale: 'ten', levels: [] }] },
    }));
    expect(badForms).toEqual(expect.arrayContaining(['content.forms.0.weight', 'content.forms.1.name', 'content.forms.1.scale']));
    const badPlan = paths(await client('region-a').post(area, {
      kind: 'curriculum', name: 'Плохой план', level: null, description: null,
      content: { ...curriculum, grades: [5, 6, 10], lines: [curriculum.lines[0], { ...curriculum.lines[0], hoursPerWeek: [1, 1, 1] }, { ...curriculum.lines[1], catalogueCode: 'nope', hoursPerWeek: [1] }] },
    }));
    expect(badPlan).toEqual(expect.arrayContaining(['content.grades', 'content.lines.0.hoursPerWeek', 'content.lines.1.subject', 'content.lines.2.catalogueCode', 'content.lines.2.hoursPerWeek']));
    const badCalendar = paths(await client('region-a').post(area, {
      kind: 'calendar', name: 'График', level: null, description: null,
      content: {
        academicYear: 2026,
        calendar: {
          startsOn: '2026-09-01', endsOn: '2027-05-26',
          termSchemes: [{ grades: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], kind: 'half', terms: [
            { number: 1, startsOn: '2026-09-01', endsOn: '2027-01-20' }, { number: 2, startsOn: '2027-01-10', endsOn: '2027-05-26' },
          ] }],
          holidays: [{ name: 'Летние', startsOn: '2027-06-01', endsOn: '2027-08-31' }], daysOff: [], workingWeekends: [], weekLengths: [],
        },
      },
    }));
    expect(badCalendar.some((p) => p.startsWith('content.calendar.termSchemes.0.terms'))).toBe(true);
    expect(badCalendar.some((p) => p.startsWith('content.calendar.holidays.0'))).toBe(true);
    const res = await client('region-a').post(area, { kind: 'workProgramme', name: 'Программа', level: null, description: null, content: { subject: 'Алгебра', grade: 7, topics: [] } });
    expect(paths(res)).toEqual(['content.topics']);
    expect(res.json().error.details[0].message).toMatch(/^Темы:/);
    expect(paths(await client('region-a').post(area, { kind: 'controlForms', name: 'Нет содержания', level: null, description: null }))).toEqual(['content']);
    expect(await countSamples()).toBe(before);
  });

  it('a new content is a new version, the old one kept; the same content or a stale base version is not', async () => {
    const v2 = ok<SampleDto>(await client('region-a').put(`${area}/${regional.id}`, { content: forms(3), note: 'Вес контрольной — 3', baseVersion: 1 }));
    expect(v2.version).toBe(2);
    expect(v2.versions.map((v) => [v.version, v.note])).toEqual([[2, 'Вес контрольной — 3'], [1, null]]);
    const renamed = ok<SampleDto>(await client('region-a').put(`${area}/${regional.id}`, { name: 'Формы контроля (регион)', content: forms(3) }));
    expect(renamed).toMatchObject({ version: 2, name: 'Формы контроля (регион)' });
    const stale = await client('region-a').put(`${area}/${regional.id}`, { content: forms(4), baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(paths(await client('region-a').put(`${area}/${regional.id}`, { content: forms(-2) }))).toEqual(['content.forms.0.weight']);
    const [row] = await t.database.db.select().from(samples).where(eq(samples.id, regional.id));
    expect(row!.version).toBe(2);
    const diff = ok<SampleDiffDto>(await client('region-a').get(`${area}/${regional.id}/diff`));
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.entries).toEqual([{ section: 'forms', key: 'Контрольная работа', change: 'changed', field: 'weight', grade: null, from: 2, to: 3 } satisfies DiffEntryDto]);
  });

  it('shows the schools of the area that built from a sample, with the version each holds', async () => {
    await t.database.db.insert(curricula).values({ schoolId: schoolA.id, academicYear: 2026, grade: 5, name: 'Учебный план 5 классов', sampleId: municipal.id, sampleVersion: 1 });
    await t.database.db.insert(curricula).values({ schoolId: schoolB.id, academicYear: 2026, grade: 5, name: 'Учебный план 5 классов', sampleId: municipal.id, sampleVersion: 1 });
    const usage = ok<SampleUsageDto>(await client('town-a').get(`${area}/${municipal.id}/usage`));
    expect(usage).toMatchObject({ total: 1, latestVersion: 1 });
    expect(usage.items[0]).toMatchObject({ school: { id: schoolA.id, shortName: 'СОШ № 1' }, uses: [{ kind: 'curriculum', name: 'Учебный план 5 классов', version: 1 }] });
    expect((await client('region-b').get(`${area}/${municipal.id}/usage`)).statusCode).toBe(404);
  });

  describe('as a school sees them', () => {
    it('a school sees the federal samples, its region\'s and its municipality\'s; another region\'s school does not', async () => {
      const a = ok<SampleListDto>(await client('admin-a').get(school(schoolA.id)));
      expect(a.items.map((s) => s.id)).toEqual(expect.arrayContaining([regional.id, municipal.id]));
      expect(a.items.find((s) => s.id === municipal.id)).toMatchObject({ owner: { name: 'г. Пермь' }, editable: false, level: 'basic' });
      const onlyForms = ok<SampleListDto>(await client('admin-a').get(`${school(schoolA.id)}?kind=controlForms`));
      expect(onlyForms.items.every((s) => s.kind === 'controlForms')).toBe(true);
      const b = ok<SampleListDto>(await client('dir-b').get(school(schoolB.id)));
      expect(b.items.map((s) => s.id)).not.toContain(regional.id);
      expect(b.items.map((s) => s.id)).not.toContain(municipal.id);
      expect((await client('dir-b').get(`${school(schoolB.id)}/${regional.id}`)).statusCode).toBe(404);
      expect((await client('dir-b').get(`${school(schoolB.id)}/${regional.id}/diff`)).statusCode).toBe(404);
    });

    it('reads a sample with its versions and compares them', async () => {
      const one = ok<SampleDto>(await client('dir-a').get(`${school(schoolA.id)}/${regional.id}`));
      expect(one.versions.map((v) => v.version)).toEqual([2, 1]);
      const diff = ok<SampleDiffDto>(await client('dir-a').get(`${school(schoolA.id)}/${regional.id}/diff?from=2&to=1`));
      expect(diff.entries).toEqual([{ section: 'forms', key: 'Контрольная работа', change: 'changed', field: 'weight', grade: null, from: 3, to: 2 }]);
      expect((await client('dir-a').get(`${school(schoolA.id)}/${regional.id}/diff?from=7`)).statusCode).toBe(404);
    });

    it('is for the administration: a teacher gets 403, another school 404', async () => {
      expect((await client('teacher-a').get(school(schoolA.id))).statusCode).toBe(403);
      expect((await client('dir-a').get(school(schoolB.id))).statusCode).toBe(404);
      expect((await client('dir-a').get(`${school(schoolA.id)}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    });
  });
});
