// Work programmes and КЭС codifiers over HTTP on the two-school cast (the subject teacher teaches
// English to the 5А subgroup, 3 h a week, in 2026/27; the test clock stands at 2 November 2026):
// codifiers uploaded from CSV and XLSX with bad rows refused by row number and nothing written; a
// programme made from the load with its hours prefilled; topics added, edited, moved, split, marked as
// a control work, deleted, each change needing the current If-Match; КЭС codes checked against the
// programme's codifier; the lesson plan exported and imported back; copies from a colleague and
// from last year; planned against delivered hours and the next topic from the journal's lessons;
// another teacher's programme refused; the audit rows of topic changes.
import { and, count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, contentCodifiers, controlForms, journalAudit, journalLessons, markScales, plannedTopics, teachingLoads, workProgrammes } from '../../db/schema';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { castPassword, seedCast, type Cast } from '../../test/people';
import { toCsv } from '../imports/csv';
import { readXlsxRows, writeXlsx } from '../imports/xlsx';
import { plannedTopicById } from './work-programmes.service';

type Named = { id: string; name: string };
type Topic = { id: string; position: number; section: string | null; title: string; hours: number; contentElementCodes: string[]; controlForm: Named | null; deliveredLessons: number };
type Hours = { planned: number; expected: number | null; hoursPerWeek: number | null; weeks: number | null; delivered: number };
type Programme = {
  id: string; title: string; academicYear: number; version: number; canWrite: boolean; codifier: Named | null; copiedFromId: string | null;
  class: Named | null; studyGroup: Named | null; grade: number | null; topics: number; hours: Hours; items: Topic[];
};
type Issue = { path: string; code: string; message: string };
type Failure = { code: string; message: string; details?: unknown };

let t: TestApp;
let cast: Cast;
const sessions: Record<string, Session> = {};
let schoolId = '';
let otherSchoolId = '';
let formId = '';

beforeAll(async () => {
  t = await createTestApp();
  cast = await seedCast(t.database);
  schoolId = cast.schools[0].id;
  otherSchoolId = cast.schools[1].id;
  for (const role of ['director', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'student'] as const) {
    sessions[role] = await login(t.app, cast.logins[role], castPassword);
  }
  const [scale] = await t.database.db.insert(markScales).values({ schoolId, kind: 'five', name: 'Пятибалльная' }).returning();
  const [form] = await t.database.db.insert(controlForms).values({ schoolId, name: 'Контрольная работа', shortName: 'КР', weight: '2', markScaleId: scale!.id }).returning();
  formId = form!.id;
}, 120_000);
afterAll(() => t.close());

type Who = 'director' | 'journalAdmin' | 'subjectTeacher' | 'classTeacher' | 'student';
const url = (path: string, school = schoolId) => `/api/v1/schools/${school}${path}`;
const get = (who: Who, path: string, school?: string) => t.app.inject({ method: 'GET', url: url(path, school), headers: as(sessions[who]!) });
const send = (who: Who, method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, version?: number | string) => t.app.inject({
  method, url: url(path),
  headers: { ...as(sessions[who]!, true), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) },
  ...(body === undefined ? {} : { payload: body as object }),
});
const upload = (who: Who, path: string, bytes: Uint8Array | string, fileName: string, version?: number) => t.app.inject({
  method: 'POST', url: url(path),
  headers: {
    ...as(sessions[who]!, true), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName),
    ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
  },
  payload: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes),
});
const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  return res.json() as T;
};
const failure = (res: LightMyRequestResponse, status: number): Failure => {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  return (res.json() as { error: Failure }).error;
};
const issuesOf = (f: Failure): Issue[] => f.details as Issue[];
const codifierCount = async () => (await t.database.db.select({ n: count() }).from(contentCodifiers).where(eq(contentCodifiers.schoolId, schoolId)))[0]!.n;

const kesCsv = toCsv([
  ['Код', 'Название', 'Раздел'],
  ['1', 'Грамматика', 'да'],
  ['1.1', 'Времена глагола', ''],
  ['1.2', 'Артикли', ''],
  ['1.2.1', 'Определённый артикль', ''],
  ['2', 'Лексика', 'да'],
  ['2.1', 'Семья и друзья', ''],
]);

describe('КЭС codifiers', () => {
  let codifierId = '';

  it('checks a CSV in a dry run and writes nothing', async () => {
    const before = await codifierCount();
    const dry = ok<{ dryRun: true; elements: number; sections: number; preview: { code: string; parentCode: string | null; isSection: boolean }[] }>(
      await upload('subjectTeacher', '/codifiers?name=%D0%9A%D0%AD%D0%A1%20%D0%B0%D0%BD%D0%B3%D0%BB&dryRun=true', kesCsv, 'kes.csv'));
    expect(dry).toMatchObject({ dryRun: true, elements: 6, sections: 2 });
    expect(dry.preview[3]).toEqual({ code: '1.2.1', parentCode: '1.2', title: 'Определённый артикль', isSection: false });
    expect(await codifierCount()).toBe(before);
  });

  it('loads a CSV with parents derived and sections marked', async () => {
    const c = ok<{ id: string; name: string; elements: number; items: { code: string; parentCode: string | null; isSection: boolean }[] }>(
      await upload('subjectTeacher', `/codifiers?name=${encodeURIComponent('КЭС английский')}&subjectId=${cast.schools[0].subjectId}&source=school`, kesCsv, 'kes.csv'), 201);
    codifierId = c.id;
    expect(c).toMatchObject({ name: 'КЭС английский', elements: 6 });
    expect(c.items.map((e) => [e.code, e.parentCode, e.isSection])).toEqual([
      ['1', null, true], ['1.1', '1', false], ['1.2', '1', false], ['1.2.1', '1.2', false], ['2', null, true], ['2.1', '2', false],
    ]);
    const list = ok<{ items: { id: string; elements: number; usedBy: number; canDelete: boolean; subject: Named | null }[] }>(await get('classTeacher', '/codifiers'));
    expect(list.items.find((i) => i.id === codifierId)).toMatchObject({ elements: 6, usedBy: 0, subject: { name: 'Английский язык' } });
  });

  it('refuses bad and repeated codes with their row numbers, and writes nothing', async () => {
    const before = await codifierCount();
    const bad = toCsv([['Код', 'Наименование'], ['1', 'Числа'], ['1.x', 'Дроби'], ['1', 'Снова числа'], ['1.2.3.4.5', 'Слишком глубоко'], ['3', '']]);
    const f = failure(await upload('director', `/codifiers?name=${encodeURIComponent('Плохой')}`, bad, 'bad.csv'), 400);
    expect(f.code).toBe('VALIDATION_FAILED');
    expect(issuesOf(f).map((i) => [i.path, i.code])).toEqual([
      ['rows.3.code', 'CODE_INVALID'], ['rows.4.code', 'CODE_DUPLICATE'], ['rows.5.code', 'CODE_INVALID'], ['rows.6.title', 'REQUIRED'],
    ]);
    expect(issuesOf(f)[1]!.message).toBe('Строка 4: код «1» уже был в строке 2');
    expect(await codifierCount()).toBe(before);
  });

  it('reads XLSX with «Наименование», refuses a file without the columns, a taken name and an unknown subject', async () => {
    const xlsx = await writeXlsx([['Кодификатор ОГЭ'], ['Код', 'Наименование'], ['1', 'Числа и вычисления'], ['1.1', 'Натуральные и целые числа']]);
    const c = ok<{ id: string; items: { code: string; isSection: boolean }[] }>(await upload('journalAdmin', `/codifiers?name=${encodeURIComponent('ОГЭ математика')}&source=ОГЭ&editionYear=2025`, xlsx, 'oge.xlsx'), 201);
    expect(c.items.map((e) => [e.code, e.isSection])).toEqual([['1', true], ['1.1', false]]);
    expect(failure(await upload('journalAdmin', `/codifiers?name=X`, toCsv([['Номер', 'Текст'], ['1', 'a']]), 'x.csv'), 400).code).toBe('MISSING_COLUMNS');
    expect(failure(await upload('journalAdmin', `/codifiers?name=${encodeURIComponent('огэ МАТЕМАТИКА')}`, kesCsv, 'k.csv'), 409).code).toBe('NAME_TAKEN');
    expect(failure(await upload('journalAdmin', `/codifiers?name=Y&subjectId=${cast.schools[1].subjectId}`, kesCsv, 'k.csv'), 400).code).toBe('VALIDATION_FAILED');
    expect(failure(await upload('journalAdmin', '/codifiers?name=Z', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'z.xlsx'), 400).code).toBe('BROKEN_XLSX');
    expect(failure(await upload('journalAdmin', '/codifiers?name=Z', '', 'z.csv'), 400).code).toBe('EMPTY_FILE');
    expect(failure(await upload('journalAdmin', '/codifiers?name=Z', new Uint8Array(6 * 1024 * 1024).fill(0x31), 'big.csv'), 413).code).toBe('FILE_TOO_LARGE');
    const multipart = await t.app.inject({
      method: 'POST', url: url('/codifiers?name=Z'), headers: { ...as(sessions.journalAdmin!, true), 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--',
    });
    expect(failure(multipart, 415).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(failure(await send('journalAdmin', 'POST', '/codifiers?name=Z', { rows: [] }), 400).code).toBe('FILE_EXPECTED');
    // Another teacher's: the subject teacher may not delete it; the administration may.
    expect(failure(await send('subjectTeacher', 'DELETE', `/codifiers/${c.id}`), 403).code).toBe('FORBIDDEN');
    ok(await send('journalAdmin', 'DELETE', `/codifiers/${c.id}`));
    expect(failure(await get('director', `/codifiers/${c.id}`), 404).code).toBe('CODIFIER_NOT_FOUND');
  });

  it('is read by all staff, written by those who write programmes, hidden from other schools', async () => {
    expect(failure(await upload('classTeacher', '/codifiers?name=K', kesCsv, 'k.csv'), 403).code).toBe('FORBIDDEN');
    expect(failure(await get('student', '/codifiers'), 403).code).toBe('FORBIDDEN');
    expect(failure(await get('director', '/codifiers', otherSchoolId), 404).code).toBe('SCHOOL_NOT_FOUND');
    expect(failure(await get('director', `/codifiers/${codifierId}`.replace(codifierId, '00000000-0000-7000-8000-000000000000')), 404).code).toBe('CODIFIER_NOT_FOUND');
  });
});

describe('work programmes', () => {
  let p: Programme;
  let codifierId = '';

  it('offers the teacher their load rows with the year\'s hours, and makes a programme from one', async () => {
    const load = ok<{ items: { teachingLoadId: string; studyGroup: Named | null; hoursPerWeek: number; weeks: number; yearHours: number; workProgrammeId: string | null }[] }>(
      await get('subjectTeacher', '/work-programmes/load'));
    expect(load.items).toHaveLength(1);
    const row = load.items[0]!;
    expect(row).toMatchObject({ studyGroup: { id: cast.schools[0].groupA }, hoursPerWeek: 3, workProgrammeId: null });
    expect(row.weeks).toBeGreaterThan(30);
    expect(row.yearHours).toBe(Math.round(3 * row.weeks));
    p = ok<Programme>(await send('subjectTeacher', 'POST', '/work-programmes', { teachingLoadId: row.teachingLoadId }), 201);
    expect(p).toMatchObject({
      title: 'Английский язык, 5А Английский 1, 2026/27', academicYear: 2026, studyGroup: { id: cast.schools[0].groupA }, grade: 5, canWrite: true, version: 1, topics: 0,
      hours: { planned: 0, expected: row.yearHours, hoursPerWeek: 3, delivered: 0 },
    });
    expect(failure(await send('subjectTeacher', 'POST', '/work-programmes', { teachingLoadId: row.teachingLoadId }), 409).code).toBe('WORK_PROGRAMME_EXISTS');
    const again = ok<{ items: { workProgrammeId: string | null }[] }>(await get('subjectTeacher', '/work-programmes/load'));
    expect(again.items[0]!.workProgrammeId).toBe(p.id);
  });

  it('refuses a teacher a programme for what they do not teach, and bad targets', async () => {
    const s = cast.schools[0];
    expect(failure(await send('subjectTeacher', 'POST', '/work-programmes', { subjectId: s.subjectId, studyGroupId: s.groupB }), 403).code).toBe('FORBIDDEN');
    expect(failure(await send('subjectTeacher', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: s.classA, employeeId: s.employees.other }), 403).code).toBe('FORBIDDEN');
    const both = failure(await send('director', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: s.classA, studyGroupId: s.groupA, employeeId: s.employees.other }), 400);
    expect(issuesOf(both)[0]!.path).toBe('classId');
    const foreign = failure(await send('director', 'POST', '/work-programmes', { subjectId: cast.schools[1].subjectId, classId: s.classA, employeeId: s.employees.other }), 400);
    expect(issuesOf(foreign).map((i) => i.path)).toEqual(['subjectId']);
    expect(failure(await send('classTeacher', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: s.classB }), 403).code).toBe('FORBIDDEN');
  });

  it('adds topics with КЭС codes checked by form, then by the codifier once it has one', async () => {
    p = ok<Programme>(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics`, { title: 'Present Simple', section: 'Грамматика', hours: 3, contentElementCodes: ['1.1'] }, p.version), 201);
    p = ok<Programme>(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics`, { title: 'Артикли', section: 'Грамматика', hours: 2, contentElementCodes: ['1.2.1', '1.2', '1.2'] }, p.version), 201);
    p = ok<Programme>(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics`, { title: 'Моя семья', section: 'Лексика', contentElementCodes: ['2.1'] }, p.version), 201);
    expect(p.items.map((i) => [i.position, i.title, i.hours, i.contentElementCodes])).toEqual([
      [1, 'Present Simple', 3, ['1.1']], [2, 'Артикли', 2, ['1.2', '1.2.1']], [3, 'Моя семья', 1, ['2.1']],
    ]);
    expect(p).toMatchObject({ version: 4, hours: { planned: 6 } });
    const bad = failure(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics`, { title: 'X', contentElementCodes: ['1.1', 'один'] }, p.version), 400);
    expect(issuesOf(bad)).toEqual([expect.objectContaining({ path: 'contentElementCodes.1', code: 'CODE_INVALID' })]);

    const list = ok<{ items: { id: string; name: string }[] }>(await get('subjectTeacher', '/codifiers'));
    codifierId = list.items.find((c) => c.name === 'КЭС английский')!.id;
    p = ok<Programme>(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}`, { codifierId }, p.version));
    expect(p.codifier).toEqual({ id: codifierId, name: 'КЭС английский' });
    const notIn = failure(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}/topics/${p.items[2]!.id}`, { contentElementCodes: ['2.1', '9.9'] }, p.version), 400);
    expect(issuesOf(notIn)).toEqual([expect.objectContaining({ path: 'contentElementCodes.1', code: 'CODE_NOT_IN_CODIFIER' })]);
    expect(failure(await send('subjectTeacher', 'DELETE', `/codifiers/${codifierId}`), 409).code).toBe('CODIFIER_IN_USE');
  });

  it('refuses a codifier that lacks the topics\' codes', async () => {
    const other = ok<{ id: string }>(await upload('subjectTeacher', `/codifiers?name=${encodeURIComponent('Только 1')}`, toCsv([['Код', 'Название'], ['1', 'Грамматика']]), 'one.csv'), 201);
    const f = failure(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}`, { codifierId: other.id }, p.version), 409);
    expect(f.code).toBe('CODES_NOT_IN_CODIFIER');
    expect(f.message).toContain('1.1, 1.2, 1.2.1, 2.1');
  });

  it('needs the current If-Match: a stale one is 412 with the current version, none is 428, and nothing changes', async () => {
    const stale = failure(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}/topics/${p.items[0]!.id}`, { title: 'Старое' }, p.version - 1), 412);
    expect(stale).toMatchObject({ code: 'VERSION_STALE', details: { version: p.version } });
    expect(failure(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}`, { title: 'Без версии' }), 428).code).toBe('PRECONDITION_REQUIRED');
    const now = ok<Programme>(await get('subjectTeacher', `/work-programmes/${p.id}`));
    expect(now.items[0]!.title).toBe('Present Simple');
    expect(now.version).toBe(p.version);
  });

  it('edits, marks a control work, moves, splits and deletes topics, auditing each change', async () => {
    const [a, b, c] = p.items as [Topic, Topic, Topic];
    p = ok<Programme>(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}/topics/${b.id}`, { title: 'Артикли a/an/the', controlFormId: formId }, p.version));
    expect(p.items[1]).toMatchObject({ title: 'Артикли a/an/the', controlForm: { id: formId, name: 'Контрольная работа' } });
    expect(failure(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}/topics/${b.id}`, { controlFormId: cast.schools[0].employees.other }, p.version), 400).code)
      .toBe('VALIDATION_FAILED');
    // Move the last topic to the top, then split the first three-hour topic.
    p = ok<Programme>(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics/${c.id}/move`, { position: 1 }, p.version));
    expect(p.items.map((i) => i.id)).toEqual([c.id, a.id, b.id]);
    p = ok<Programme>(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics/${a.id}/split`, { title: 'Present Simple: практика' }, p.version));
    expect(p.items.map((i) => [i.position, i.title, i.hours])).toEqual([
      [1, 'Моя семья', 1], [2, 'Present Simple', 2], [3, 'Present Simple: практика', 1], [4, 'Артикли a/an/the', 2],
    ]);
    expect(failure(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics/${c.id}/split`, {}, p.version), 409).code).toBe('TOPIC_NOT_SPLITTABLE');
    expect(failure(await send('subjectTeacher', 'POST', `/work-programmes/${p.id}/topics/${a.id}/split`, { hours: 2 }, p.version), 400).code).toBe('VALIDATION_FAILED');
    const extra = p.items[2]!;
    p = ok<Programme>(await send('subjectTeacher', 'DELETE', `/work-programmes/${p.id}/topics/${extra.id}`, undefined, p.version));
    expect(p.items.map((i) => [i.position, i.title])).toEqual([[1, 'Моя семья'], [2, 'Present Simple'], [3, 'Артикли a/an/the']]);
    expect(p.hours.planned).toBe(5);
    expect(failure(await send('subjectTeacher', 'PATCH', `/work-programmes/${p.id}/topics/${extra.id}`, { title: 'Нет' }, p.version), 404).code).toBe('TOPIC_NOT_FOUND');
    const audit = await t.database.db.select().from(journalAudit).where(and(eq(journalAudit.schoolId, schoolId), eq(journalAudit.entityType, 'plannedTopic')));
    expect(audit.filter((r) => r.entityId === extra.id).map((r) => r.action)).toEqual(['create', 'delete']);
    expect(audit.find((r) => r.entityId === c.id && r.action === 'update')).toMatchObject({ actorRole: 'subjectTeacher', old: { position: 3 }, new: { position: 1 } });
  });

  it('exports the lesson plan as XLSX with the columns the import reads', async () => {
    const res = await t.app.inject({ method: 'GET', url: url(`/work-programmes/${p.id}/lesson-plan.xlsx`), headers: as(sessions.classTeacher!) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ktp-2026-2027.xlsx"');
    const rows = await readXlsxRows(res.rawPayload, { maxRows: 100, maxColumns: 10 });
    expect(rows.map((r) => r.cells)).toEqual([
      ['№', 'Раздел', 'Тема', 'Часы', 'КЭС', 'Контроль'],
      [1, 'Лексика', 'Моя семья', 1, '2.1'],
      [2, 'Грамматика', 'Present Simple', 2, '1.1'],
      [3, 'Грамматика', 'Артикли a/an/the', 2, '1.2, 1.2.1', 'Контрольная работа'],
    ]);
  });

  it('imports a lesson plan: a dry run shows the difference, bad rows are refused by number, the import keeps matching topics', async () => {
    const keep = p.items.find((i) => i.title === 'Present Simple')!;
    const bad = await writeXlsx([
      ['№', 'Раздел', 'Тема', 'Часы', 'КЭС', 'Контроль'],
      [1, 'Грамматика', 'Present Simple', 2, '1.1', null],
      [2, 'Грамматика', 'Past Simple', 'два', '1.1; 7.7', 'Зачёт'],
      [3, null, null, 1, null, null],
    ]);
    const f = failure(await upload('subjectTeacher', `/work-programmes/${p.id}/lesson-plan?dryRun=true`, bad, 'plan.xlsx'), 400);
    expect(issuesOf(f).map((i) => [i.path, i.code])).toEqual([
      ['rows.3.hours', 'HOURS_INVALID'], ['rows.3.contentElementCodes.1', 'CODE_NOT_IN_CODIFIER'], ['rows.3.control', 'CONTROL_FORM_NOT_FOUND'], ['rows.4.title', 'REQUIRED'],
    ]);
    expect(issuesOf(f)[0]!.message).toBe('Строка 3: часы — целое число от 1 до 50, а не «два»');

    const plan = await writeXlsx([
      ['№', 'Раздел', 'Тема', 'Часы', 'КЭС', 'Контроль'],
      [1, 'Грамматика', 'Present Simple', 2, '1.1', null],
      [2, 'Грамматика', 'Past Simple', 3, '1.1', 'КР'],
      [3, 'Лексика', 'Моя семья', 1, '2.1', null],
    ]);
    const dry = ok<{ dryRun: boolean; plannedHours: number; diff: { added: string[]; changed: string[]; removed: string[]; unchanged: number }; workProgramme: null }>(
      await upload('subjectTeacher', `/work-programmes/${p.id}/lesson-plan?dryRun=true`, plan, 'plan.xlsx'));
    expect(dry).toMatchObject({ dryRun: true, plannedHours: 6, workProgramme: null, diff: { added: ['Past Simple'], changed: ['Present Simple', 'Моя семья'], removed: ['Артикли a/an/the'], unchanged: 0 } });
    expect(ok<Programme>(await get('subjectTeacher', `/work-programmes/${p.id}`)).items).toHaveLength(3);
    expect(failure(await upload('subjectTeacher', `/work-programmes/${p.id}/lesson-plan`, plan, 'plan.xlsx', p.version - 1), 412).code).toBe('VERSION_STALE');
    const done = ok<{ dryRun: boolean; workProgramme: Programme }>(await upload('subjectTeacher', `/work-programmes/${p.id}/lesson-plan`, plan, 'plan.xlsx', p.version));
    p = done.workProgramme;
    expect(p.items.map((i) => [i.title, i.hours, i.controlForm?.name ?? null])).toEqual([['Present Simple', 2, null], ['Past Simple', 3, 'Контрольная работа'], ['Моя семья', 1, null]]);
    expect(p.items[0]!.id).toBe(keep.id);
    // A CSV plan is read too.
    const csv = toCsv([['№', 'Тема', 'Часы'], ['1', 'Present Simple', '2'], ['2', 'Past Simple', '3'], ['3', 'Моя семья', '1']]);
    expect(ok<{ diff: { changed: string[] } }>(await upload('subjectTeacher', `/work-programmes/${p.id}/lesson-plan?dryRun=true`, csv, 'plan.csv')).diff.changed).toContain('Past Simple');
  });

  it('lets every member of staff read a programme, and only its teacher and the administration change it', async () => {
    const s = cast.schools[0];
    const other = ok<Programme>(await send('director', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: s.classB, employeeId: s.employees.other, title: 'Англ. 5Б' }), 201);
    expect(other).toMatchObject({ title: 'Англ. 5Б', hours: { expected: null, hoursPerWeek: null } });
    const seen = ok<Programme>(await get('subjectTeacher', `/work-programmes/${other.id}`));
    expect(seen.canWrite).toBe(false);
    expect(failure(await send('subjectTeacher', 'POST', `/work-programmes/${other.id}/topics`, { title: 'Чужая тема' }, other.version), 403).code).toBe('FORBIDDEN');
    expect(failure(await send('subjectTeacher', 'DELETE', `/work-programmes/${other.id}`, undefined, other.version), 403).code).toBe('FORBIDDEN');
    expect(failure(await send('classTeacher', 'PATCH', `/work-programmes/${other.id}`, { title: 'Нет' }, other.version), 403).code).toBe('FORBIDDEN');
    expect(ok<Programme>(await send('journalAdmin', 'PATCH', `/work-programmes/${other.id}`, { title: 'Английский, 5Б' }, other.version)).title).toBe('Английский, 5Б');
    expect(failure(await get('student', `/work-programmes/${other.id}`), 403).code).toBe('FORBIDDEN');
    expect(failure(await get('director', `/work-programmes/${other.id}`, otherSchoolId), 404).code).toBe('SCHOOL_NOT_FOUND');
    const mine = ok<{ items: { id: string }[]; canWrite: boolean }>(await get('subjectTeacher', '/work-programmes?mine=true'));
    expect(mine.items.map((i) => i.id)).toEqual([p.id]);
    const all = ok<{ items: { id: string; canWrite: boolean }[] }>(await get('classTeacher', '/work-programmes'));
    expect(all.items.map((i) => i.id).sort()).toEqual([p.id, other.id].sort());
    expect(all.items.every((i) => !i.canWrite)).toBe(true);
    // Deleted by the administration.
    const fresh = ok<Programme>(await get('director', `/work-programmes/${other.id}`));
    ok(await send('director', 'DELETE', `/work-programmes/${other.id}`, undefined, fresh.version));
    expect(failure(await get('director', `/work-programmes/${other.id}`), 404).code).toBe('WORK_PROGRAMME_NOT_FOUND');
  });

  it('copies a colleague\'s programme and last year\'s of the same subject and grade', async () => {
    const s = cast.schools[0];
    const copy = ok<Programme>(await send('director', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: s.classA, employeeId: s.employees.other, copyFromId: p.id }), 201);
    expect(copy).toMatchObject({ copiedFromId: p.id, codifier: { id: codifierId }, topics: 3, hours: { planned: 6 } });
    expect(copy.items.map((i) => [i.title, i.hours, i.contentElementCodes, i.controlForm?.id ?? null])).toEqual(p.items.map((i) => [i.title, i.hours, i.contentElementCodes, i.controlForm?.id ?? null]));
    // Last year: a 5th grade of 2025/26 with a programme of the same subject.
    const [old] = await t.database.db.insert(classes).values({ schoolId, academicYear: 2025, grade: 5, letter: 'В' }).returning();
    const last = ok<Programme>(await send('director', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: old!.id, employeeId: s.employees.other, academicYear: 2025, title: 'Прошлый год' }), 201);
    ok(await send('director', 'POST', `/work-programmes/${last.id}/topics`, { title: 'Тема прошлого года', hours: 4 }, last.version), 201);
    await t.database.db.insert(teachingLoads).values({ schoolId, academicYear: 2026, employeeId: s.employees.subjectTeacher, subjectId: s.subjectId, classId: s.classA, hoursPerWeek: '2' });
    const fromLast = ok<Programme>(await send('subjectTeacher', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: s.classA, copyFromLastYear: true }), 201);
    expect(fromLast).toMatchObject({ copiedFromId: last.id, class: { id: s.classA }, items: [{ title: 'Тема прошлого года', hours: 4 }], hours: { hoursPerWeek: 2 } });
    const [sixth] = await t.database.db.insert(classes).values({ schoolId, academicYear: 2026, grade: 6, letter: 'А' }).returning();
    const nothing = failure(await send('director', 'POST', '/work-programmes', { subjectId: s.subjectId, classId: sixth!.id, employeeId: s.employees.director, copyFromLastYear: true }), 400);
    expect(issuesOf(nothing)[0]).toMatchObject({ path: 'copyFromLastYear', code: 'NOTHING_TO_COPY', message: 'Программы по этому предмету для 6-х классов за 2025/26 учебный год нет' });
    expect(await t.database.db.select({ n: count() }).from(workProgrammes).where(and(eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.classId, sixth!.id))))
      .toEqual([{ n: 0 }]);
  });
});

describe('topics fill the journal\'s lessons in order', () => {
  it('gives the next topic from the lessons before the date, delivered hours and the coverage of the load', async () => {
    const s = cast.schools[0];
    const list = ok<{ items: Programme[] }>(await get('subjectTeacher', '/work-programmes?mine=true'));
    const p = ok<Programme>(await get('subjectTeacher', `/work-programmes/${list.items.find((i) => i.studyGroup?.id === s.groupA)!.id}`));
    const [a, b, c] = p.items as [Topic, Topic, Topic];
    const lesson = (date: string, lessonNumber: number, plannedTopicId: string | null, topic: string | null) => ({
      schoolId, academicYear: 2026, date, lessonNumber, subjectId: s.subjectId, studyGroupId: s.groupA, employeeId: s.employees.subjectTeacher, plannedTopicId, topic,
    });
    const next = async (query: string) => ok<{ workProgramme: { id: string } | null; topic: Topic | null; lessonOfTopic: number | null; remaining: Topic[]; deliveredBefore: number }>(
      await get('subjectTeacher', `/work-programmes/next-topic?subjectId=${s.subjectId}&${query}`));

    expect(await next(`studyGroupId=${s.groupA}&date=2026-09-02`)).toMatchObject({ workProgramme: { id: p.id }, topic: { id: a.id }, lessonOfTopic: 1, deliveredBefore: 0 });
    await t.database.db.insert(journalLessons).values([
      lesson('2026-09-02', 2, a.id, a.title), lesson('2026-09-04', 3, a.id, a.title), lesson('2026-09-09', 1, b.id, b.title), lesson('2026-09-10', 1, null, 'Повторение'),
    ]);
    // Before 9 September: two lessons of the two-hour topic A — B is next.
    expect(await next(`studyGroupId=${s.groupA}&date=2026-09-09`)).toMatchObject({ topic: { id: b.id, deliveredLessons: 0 }, lessonOfTopic: 1, deliveredBefore: 2 });
    // The same day, after the first lesson: B's second lesson.
    const later = await next(`studyGroupId=${s.groupA}&date=2026-09-09&lessonNumber=3`);
    expect(later).toMatchObject({ topic: { id: b.id, deliveredLessons: 1 }, lessonOfTopic: 2, deliveredBefore: 3 });
    expect(later.remaining.map((r) => r.id)).toEqual([c.id]);
    // No programme for the class: 200 with no topic.
    expect(await next(`classId=${s.classB}&date=2026-09-09`)).toEqual({ workProgramme: null, topic: null, lessonOfTopic: null, remaining: [], deliveredBefore: 0 });
    expect(failure(await get('subjectTeacher', `/work-programmes/next-topic?subjectId=${s.subjectId}&date=2026-09-09`), 400).code).toBe('VALIDATION_FAILED');
    expect(failure(await get('subjectTeacher', `/work-programmes/next-topic?subjectId=${s.subjectId}&classId=${s.classA}&date=9.9.2026`), 400).code).toBe('VALIDATION_FAILED');

    const now = ok<Programme>(await get('subjectTeacher', `/work-programmes/${p.id}`));
    expect(now.hours).toMatchObject({ planned: 6, delivered: 4 });
    expect(now.items.map((i) => i.deliveredLessons)).toEqual([2, 1, 0]);
    expect(failure(await send('subjectTeacher', 'DELETE', `/work-programmes/${p.id}/topics/${a.id}`, undefined, now.version), 409).code).toBe('TOPIC_DELIVERED');
    expect(failure(await send('subjectTeacher', 'DELETE', `/work-programmes/${p.id}`, undefined, now.version), 409).code).toBe('WORK_PROGRAMME_IN_USE');

    const coverage = ok<{ items: { teachingLoadId: string; studyGroup: Named | null; class: Named | null; workProgrammeId: string | null; hours: Hours }[]; withoutProgramme: number }>(
      await get('director', '/work-programmes/coverage?academicYear=2026'));
    expect(coverage.items.find((i) => i.studyGroup?.id === s.groupA)).toMatchObject({ workProgrammeId: p.id, hours: { planned: 6, delivered: 4, hoursPerWeek: 3 } });
    expect(coverage.withoutProgramme).toBe(0);

    expect(await plannedTopicById(t.database.db, schoolId, b.id)).toEqual({
      id: b.id, title: b.title, hours: b.hours, contentElementCodes: b.contentElementCodes, workProgrammeId: p.id, subjectId: s.subjectId,
      classId: null, studyGroupId: s.groupA, employeeId: s.employees.subjectTeacher, academicYear: 2026,
    });
    expect(await plannedTopicById(t.database.db, otherSchoolId, b.id)).toBeNull();
    expect(await t.database.db.select({ n: count() }).from(plannedTopics).where(eq(plannedTopics.workProgrammeId, p.id))).toEqual([{ n: 3 }]);
  });
});
