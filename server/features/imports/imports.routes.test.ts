import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJobDto, ImportRowDto } from '../../../contracts/imports';
import { classes, enrollments, guardians, importJobs, schoolRoleGrants, securityEvents, studentGuardians, students, employees } from '../../db/schema';
import { as, createAccount, createSchool, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { encodeWindows1251 } from './csv';
import { contingentHeader, contingentRows, csvFile, fixtureSnils, guardianHeader, guardianRowsFor, staffHeader, staffRows, xlsxFile } from './fixtures';

let t: TestApp;
let director: Session;
let directorId: string;
let otherDirector: Session;
let deputy: Session;
let journalAdmin: Session;
let teacher: Session;
let schoolA: { id: string };
let schoolB: { id: string };

const classNames = ['5А', '5Б', '6А', '6Б'];

/** A fresh school with this year's classes, run by the shared director. */
async function newSchool(): Promise<string> {
  const school = await createSchool(t.database);
  await t.database.db.insert(schoolRoleGrants).values({ schoolId: school.id, accountId: directorId, role: 'director' });
  await t.database.db.insert(classes).values(classNames.map((name) => ({ schoolId: school.id, academicYear: 2026, grade: Number.parseInt(name, 10), letter: name.slice(-1) })));
  return school.id;
}

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await createSchool(t.database, 'СОШ № 1');
  schoolB = await createSchool(t.database, 'СОШ № 2');
  directorId = (await createAccount(t.database, { login: 'director', roles: [{ schoolId: schoolA.id, role: 'director' }] })).id;
  await createAccount(t.database, { login: 'director-b', roles: [{ schoolId: schoolB.id, role: 'director' }] });
  await createAccount(t.database, { login: 'deputy', roles: [{ schoolId: schoolA.id, role: 'deputy' }] });
  await createAccount(t.database, { login: 'admin', roles: [{ schoolId: schoolA.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'teacher', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }, { schoolId: schoolA.id, role: 'classTeacher' }] });
  await t.database.db.insert(classes).values(classNames.map((name) => ({ schoolId: schoolA.id, academicYear: 2026, grade: Number.parseInt(name, 10), letter: name.slice(-1) })));
  director = await login(t.app, 'director');
  otherDirector = await login(t.app, 'director-b');
  deputy = await login(t.app, 'deputy');
  journalAdmin = await login(t.app, 'admin');
  teacher = await login(t.app, 'teacher');
});
afterAll(async () => { await t.close(); });

type UploadOptions = { session?: Session; fileName?: string; mapping?: Record<string, string | null>; contentType?: string };

const upload = (schoolId: string, kind: string, body: Uint8Array | string, options: UploadOptions = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/schools/${schoolId}/imports?kind=${kind}`,
    payload: typeof body === 'string' ? body : Buffer.from(body),
    headers: {
      ...as(options.session ?? director, true),
      'content-type': options.contentType ?? 'application/octet-stream',
      ...(options.fileName ? { 'x-file-name': encodeURIComponent(options.fileName) } : {}),
      ...(options.mapping ? { 'x-import-mapping': encodeURIComponent(JSON.stringify(options.mapping)) } : {}),
    },
  });

const uploadJson = (schoolId: string, kind: string, payload: unknown, session: Session = director) =>
  t.app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/imports?kind=${kind}`, payload: payload as object, headers: as(session, true) });

const getJob = async (schoolId: string, jobId: string, session: Session = director): Promise<ImportJobDto> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/imports/${jobId}`, headers: as(session) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Polls the job as the page does until its analysis is over. */
async function analysed(schoolId: string, jobId: string): Promise<ImportJobDto> {
  for (let i = 0; i < 600; i++) {
    const job = await getJob(schoolId, jobId);
    if (job.status !== 'analysing') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('analysis did not finish');
}

/** Uploads and waits for the dry run. */
async function dryRun(schoolId: string, kind: string, body: Uint8Array | string, options: UploadOptions = {}): Promise<ImportJobDto> {
  const res = await upload(schoolId, kind, body, options);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('analysing');
  const job = await analysed(schoolId, res.json().id);
  expect(job.status).toBe('ready');
  return job;
}

async function rowsOf(schoolId: string, jobId: string, outcome?: string): Promise<ImportRowDto[]> {
  const all: ImportRowDto[] = [];
  for (let offset = 0; ; offset += 500) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/imports/${jobId}/rows?limit=500&offset=${offset}${outcome ? `&outcome=${outcome}` : ''}`, headers: as(director) });
    expect(res.statusCode, res.body).toBe(200);
    all.push(...res.json().rows);
    if (all.length >= res.json().total) return all;
  }
}

const apply = (schoolId: string, jobId: string, session: Session = director) =>
  t.app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/imports/${jobId}/apply`, headers: as(session, true) });

async function applied(schoolId: string, jobId: string): Promise<ImportJobDto> {
  const res = await apply(schoolId, jobId);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('applied');
  return res.json();
}

const studentsOf = (schoolId: string) => t.database.db.select().from(students).where(eq(students.schoolId, schoolId));
const openEnrollments = (schoolId: string) => t.database.db.select().from(enrollments).where(and(eq(enrollments.schoolId, schoolId), isNull(enrollments.endsOn)));

describe('students (Контингент)', () => {
  it('dry run of a UTF-8 CSV lists every row; apply creates students in their classes in one go; a re-import changes nothing', async () => {
    const school = await newSchool();
    const rows = contingentRows(30, { classes: classNames });
    const file = csvFile(contingentHeader, rows);
    const job = await dryRun(school, 'students', file, { fileName: 'Контингент.csv' });
    expect(job).toMatchObject({ kind: 'students', format: 'csv', fileName: 'Контингент.csv', totalRows: 30, processedRows: 30 });
    expect(job.counts).toMatchObject({ create: 30, update: 0, unchanged: 0, rejected: 0 });
    expect(job.unknownColumns).toEqual([]);
    expect(job.columns.map((c) => c.field)).toEqual(['lastName', 'firstName', 'middleName', 'birthDate', 'sex', 'snils', 'className', 'educationForm', 'individualCurriculum', 'adaptedProgramme', 'email', 'phone', 'externalId']);
    // Nothing is written by the dry run.
    expect(await studentsOf(school)).toHaveLength(0);

    const report = await rowsOf(school, job.id);
    expect(report.map((r) => r.rowNumber)).toEqual(rows.map((_, i) => i + 2));
    expect(report[0]).toMatchObject({ outcome: 'create', name: `${rows[0]![0]} ${rows[0]![1]} ${rows[0]![2]}`, reasons: [] });

    const done = await applied(school, job.id);
    expect(done.appliedCounts).toMatchObject({ create: 30, update: 0, unchanged: 0, rejected: 0 });
    const created = await studentsOf(school);
    expect(created).toHaveLength(30);
    const first = created.find((s) => s.externalId === rows[0]![12])!;
    expect(first).toMatchObject({ lastName: rows[0]![0], snils: rows[0]![5], sex: rows[0]![4] === 'м' ? 'male' : 'female' });
    const places = await openEnrollments(school);
    expect(places).toHaveLength(30);
    expect(places.every((p) => p.startsOn === '2026-11-02')).toBe(true);
    const appliedRows = await rowsOf(school, job.id);
    expect(appliedRows.every((r) => r.applied && r.targetId !== null)).toBe(true);
    expect(new Set(appliedRows.map((r) => r.targetId)).size).toBe(30);

    const again = await dryRun(school, 'students', file, { fileName: 'Контингент.csv' });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 30, rejected: 0 });
    const unchanged = await rowsOf(school, again.id);
    expect(unchanged.map((r) => r.targetId)).toEqual(appliedRows.map((r) => r.targetId));
    await applied(school, again.id);
    expect((await rowsOf(school, again.id)).some((r) => r.applied)).toBe(false);
    expect(await studentsOf(school)).toHaveLength(30);
    expect(await openEnrollments(school)).toHaveLength(30);
  });

  it('reads Windows-1251 with commas and UTF-8 with a BOM alike: the same file in three encodings is unchanged after the first', async () => {
    const school = await newSchool();
    const rows = contingentRows(12, { classes: classNames, seed: 7 });
    const first = await dryRun(school, 'students', csvFile(contingentHeader, rows, { encoding: 'windows-1251', separator: ',' }), { fileName: 'k.csv' });
    expect(first.counts.create).toBe(12);
    await applied(school, first.id);
    const bom = await dryRun(school, 'students', csvFile(contingentHeader, rows, { encoding: 'utf-8-bom' }));
    expect(bom.counts).toMatchObject({ unchanged: 12, create: 0, rejected: 0 });
    const tabs = await dryRun(school, 'students', csvFile(contingentHeader, rows, { separator: '\t' }));
    expect(tabs.counts).toMatchObject({ unchanged: 12 });
  });

  it('a class change is an update that closes the old enrollment the day before and opens the new one today', async () => {
    const school = await newSchool();
    const rows = contingentRows(4, { classes: ['5А'], seed: 3 });
    await applied(school, (await dryRun(school, 'students', csvFile(contingentHeader, rows))).id);
    // They have been in 5А since September.
    await t.database.db.update(enrollments).set({ startsOn: '2026-09-01' }).where(eq(enrollments.schoolId, school));
    const moved = rows.map((r, i) => (i === 0 ? r.map((v, c) => (c === 6 ? '5Б' : v)) : r));
    const job = await dryRun(school, 'students', csvFile(contingentHeader, moved));
    expect(job.counts).toMatchObject({ update: 1, unchanged: 3 });
    const [update] = await rowsOf(school, job.id, 'update');
    expect(update).toMatchObject({ rowNumber: 2, changedFields: ['class'] });
    await applied(school, job.id);
    const student = (await studentsOf(school)).find((s) => s.externalId === rows[0]![12])!;
    const history = await t.database.db.select({ classId: enrollments.classId, startsOn: enrollments.startsOn, endsOn: enrollments.endsOn, name: classes.letter })
      .from(enrollments).innerJoin(classes, eq(classes.id, enrollments.classId)).where(eq(enrollments.studentId, student.id)).orderBy(enrollments.startsOn);
    expect(history.map((h) => [h.name, h.startsOn, h.endsOn])).toEqual([['А', '2026-09-01', '2026-11-01'], ['Б', '2026-11-02', null]]);
    const same = await dryRun(school, 'students', csvFile(contingentHeader, moved));
    expect(same.counts).toMatchObject({ unchanged: 4 });
  });

  it('reports each bad row with its reason and warns about students who cannot sign in', async () => {
    const school = await newSchool();
    // Two namesakes already in the school: a row naming them cannot tell which one.
    await t.database.db.insert(students).values([1, 2].map(() => ({ schoolId: school, lastName: 'Двойников', firstName: 'Пётр', middleName: null, birthDate: '2014-01-01' })));
    const ok = ['Петров', 'Иван', 'Сергеевич', '01.09.2014', 'м', fixtureSnils(900), '5А', 'очная', 'нет', 'нет', 'ivan@example.ru', '+7 912 000-00-01', 'X1'];
    const row = (changes: Record<number, string>) => ok.map((v, i) => changes[i] ?? v);
    const bad = [
      row({}),
      row({ 0: '', 5: fixtureSnils(901), 12: 'X2' }),
      row({ 10: 'не почта', 5: fixtureSnils(902), 12: 'X3' }),
      row({ 11: '12345', 5: fixtureSnils(903), 12: 'X4' }),
      row({ 5: '123-456-789 00', 12: 'X5' }),
      row({ 3: '31.02.2014', 5: fixtureSnils(905), 12: 'X6' }),
      row({}),
      row({ 0: 'Двойников', 1: 'Пётр', 2: '', 3: '01.01.2014', 5: '', 12: '' }),
      row({ 6: '5Д', 5: fixtureSnils(908), 12: 'X9' }),
      row({ 0: '<b>Иванов</b>', 5: fixtureSnils(909), 12: 'X10' }),
      row({ 0: 'Безконтактов', 5: '', 10: '', 11: '', 12: 'X11' }),
      row({ 4: 'x', 5: fixtureSnils(911), 12: 'X12' }),
      row({ 8: 'может быть', 5: fixtureSnils(912), 12: 'X13' }),
      row({ 0: '=HYPERLINK("http://x")', 5: fixtureSnils(913), 12: 'X14' }),
      ['', '', '', '', '', '', '', '', '', '', '', '', '', 'лишнее'],
    ];
    const job = await dryRun(school, 'students', csvFile([...contingentHeader, 'Примечание'], bad));
    expect(job.unknownColumns).toEqual(['Примечание']);
    const report = await rowsOf(school, job.id);
    expect(report).toHaveLength(bad.length);
    const reasonOf = (n: number) => report.find((r) => r.rowNumber === n)!.reasons.map((r) => r.code);
    expect(report.find((r) => r.rowNumber === 2)!.outcome).toBe('create');
    expect(reasonOf(3)).toEqual(['MISSING_LAST_NAME']);
    expect(reasonOf(4)).toEqual(['EMAIL_INVALID']);
    expect(reasonOf(5)).toEqual(['PHONE_INVALID']);
    expect(reasonOf(6)).toEqual(['SNILS_CHECKSUM']);
    expect(reasonOf(7)).toEqual(['DATE_INVALID']);
    expect(reasonOf(8)).toEqual(['DUPLICATE_IN_FILE']);
    expect(reasonOf(9)).toEqual(['MULTIPLE_MATCHES']);
    expect(reasonOf(10)).toEqual(['UNKNOWN_CLASS']);
    expect(report.find((r) => r.rowNumber === 10)!.reasons[0]!.message).toMatch(/неизвестный класс «5Д»/i);
    expect(reasonOf(11)).toEqual(['NAME_INVALID']);
    expect(report.find((r) => r.rowNumber === 12)).toMatchObject({ outcome: 'create', warnings: [expect.objectContaining({ code: 'NO_LOGIN_KEY' })] });
    expect(reasonOf(13)).toEqual(['SEX_INVALID']);
    expect(reasonOf(14)).toEqual(['FLAG_INVALID']);
    expect(reasonOf(15)).toEqual(['FORMULA_IN_CELL']);
    expect(reasonOf(16)).toEqual(['EMPTY_ROW']);
    expect(job.counts).toMatchObject({ create: 2, rejected: 13, warnings: 1 });

    const filtered = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${school}/imports/${job.id}/rows?outcome=rejected&offset=2&limit=3`, headers: as(director) });
    expect(filtered.json()).toMatchObject({ total: 13, offset: 2, limit: 3 });
    expect(filtered.json().rows.map((r: ImportRowDto) => r.rowNumber)).toEqual([5, 6, 7]);

    // Rejected rows are skipped; the rest is written.
    const done = await applied(school, job.id);
    expect(done.appliedCounts).toMatchObject({ create: 2, rejected: 13 });
    expect((await studentsOf(school)).map((s) => s.lastName).sort()).toEqual(['Безконтактов', 'Двойников', 'Двойников', 'Петров']);

    // Once the record has a phone, the same row without one is no longer worth a warning.
    await t.database.db.update(students).set({ phone: '+7 912 000-00-09' }).where(and(eq(students.schoolId, school), eq(students.lastName, 'Безконтактов')));
    const again = await dryRun(school, 'students', csvFile(contingentHeader, [bad[10]!]));
    expect(await rowsOf(school, again.id)).toEqual([expect.objectContaining({ outcome: 'unchanged', warnings: [] })]);
  });

  it('reads an XLSX with title rows above the header, dates as dates and СНИЛС as numbers; formulas reject their row', async () => {
    const school = await newSchool();
    const rows = contingentRows(5, { classes: classNames, seed: 11 });
    const cells = rows.map((r, i) => {
      const c: (string | number | Date | { formula: string } | null)[] = [...r];
      if (i === 0) c[3] = new Date(Date.UTC(2014, 8, 1));
      if (i === 1) c[5] = Number(r[5]!.replace(/\D/g, ''));
      if (i === 2) c[11] = { formula: 'CONCAT("+7", "9123456789")' };
      return c;
    });
    const file = await xlsxFile(contingentHeader, cells, { titleRows: [['Список обучающихся'], []] });
    const job = await dryRun(school, 'students', file, { fileName: 'Контингент.xlsx' });
    expect(job).toMatchObject({ format: 'xlsx', totalRows: 5 });
    const report = await rowsOf(school, job.id);
    expect(report.map((r) => r.rowNumber)).toEqual([4, 5, 6, 7, 8]);
    expect(report.map((r) => r.outcome)).toEqual(['create', 'create', 'rejected', 'create', 'create']);
    expect(report[2]!.reasons).toEqual([expect.objectContaining({ code: 'FORMULA_IN_CELL', field: 'phone' })]);
    expect(report[0]!.data.birthDate).toBe('2014-09-01');
    expect(report[1]!.data.snils).toBe(rows[1]![5]);
    await applied(school, job.id);
    const again = await dryRun(school, 'students', file, { fileName: 'Контингент.xlsx' });
    expect(again.counts).toMatchObject({ unchanged: 4, rejected: 1 });
  });

  it('takes JSON rows with English or Russian keys, and an explicit mapping for odd titles', async () => {
    const school = await newSchool();
    const json = await uploadJson(school, 'students', [
      { lastName: 'Соколова', firstName: 'Анна', birthDate: '2014-03-05', sex: 'ж', className: '5А', snils: fixtureSnils(1, 5), externalId: 'J1', individualCurriculum: true },
      { 'Фамилия': 'Орлов', 'Имя': 'Глеб', 'Класс': '5Б', 'СНИЛС': fixtureSnils(2, 5), 'ID': 'J2', 'Эл. почта': 'gleb@example.ru' },
      {},
    ]);
    expect(json.statusCode, json.body).toBe(202);
    const job = await analysed(school, json.json().id);
    expect(job).toMatchObject({ format: 'json', status: 'ready', counts: { create: 2, rejected: 1 } });
    await applied(school, job.id);
    const anna = (await studentsOf(school)).find((s) => s.externalId === 'J1')!;
    expect(anna).toMatchObject({ individualCurriculum: true, sex: 'female', birthDate: '2014-03-05' });

    const mapped = await uploadJson(school, 'students', {
      rows: [{ 'Фам.': 'Орлов', 'Имя ребёнка': 'Глеб', 'Ученик ID': 'J2', 'Комментарий': 'x' }],
      mapping: { 'Фам.': 'lastName', 'Имя ребёнка': 'firstName', 'Ученик ID': 'externalId', 'Комментарий': null },
    });
    const again = await analysed(school, mapped.json().id);
    expect(again).toMatchObject({ counts: { unchanged: 1 }, unknownColumns: [] });

    const csvMapped = await dryRun(school, 'students', 'Фам.;Имя ребёнка;Ученик ID;Что-то\r\nОрлов;Глеб;J2;1\r\n', {
      mapping: { 'Фам.': 'lastName', 'Имя ребёнка': 'firstName', 'Ученик ID': 'externalId' },
    });
    expect(csvMapped).toMatchObject({ counts: { unchanged: 1 }, unknownColumns: ['Что-то'] });
  });
});

describe('staff', () => {
  it('creates employees with position and Табельный номер as the external id; a re-import is unchanged; missing position is refused', async () => {
    const school = await newSchool();
    const rows = staffRows(8);
    rows.push(['Безработнов', 'Олег', '', '', '', fixtureSnils(50, 2), '', '', 'T9']);
    const job = await dryRun(school, 'staff', csvFile(staffHeader, rows));
    expect(job.columns.find((c) => c.column === 'Табельный номер')!.field).toBe('externalId');
    expect(job.counts).toMatchObject({ create: 8, rejected: 1 });
    const [refused] = await rowsOf(school, job.id, 'rejected');
    expect(refused!.reasons).toEqual([expect.objectContaining({ code: 'MISSING_POSITION' })]);
    await applied(school, job.id);
    const staff = await t.database.db.select().from(employees).where(eq(employees.schoolId, school));
    expect(staff).toHaveLength(8);
    expect(staff.find((e) => e.externalId === 'T00001')).toMatchObject({ position: rows[0]![4], email: 'teacher0@example.ru' });
    const again = await dryRun(school, 'staff', csvFile(staffHeader, rows));
    expect(again.counts).toMatchObject({ unchanged: 8, rejected: 1 });
    const changed = rows.slice(0, 8).map((r, i) => (i === 0 ? r.map((v, c) => (c === 4 ? 'Директор' : v)) : r));
    const update = await dryRun(school, 'staff', csvFile(staffHeader, changed));
    expect(update.counts).toMatchObject({ update: 1, unchanged: 7 });
    expect((await rowsOf(school, update.id, 'update'))[0]!.changedFields).toEqual(['position']);
  });
});

describe('guardians', () => {
  it('links parents to children by the student ID; one parent of two children is one guardian; an unknown child is refused', async () => {
    const school = await newSchool();
    const kids = contingentRows(4, { classes: classNames, seed: 5 });
    await applied(school, (await dryRun(school, 'students', csvFile(contingentHeader, kids))).id);
    const parents = guardianRowsFor(kids);
    // The mother of the first child is also the mother of the second.
    parents.push([parents[0]![0]!, 'Мария', 'Ивановна', fixtureSnils(0, 3), '', parents[0]![5]!, 'P1', kids[1]![12]!, 'мать']);
    parents.push(['Чужой', 'Пётр', '', '', '', '+7 900 000-00-00', 'P99', 'NO-SUCH-ID', 'отец']);
    parents.push(['Безсвязный', 'Иван', '', '', '', '', '', kids[2]![12]!, 'иное']);
    const job = await dryRun(school, 'guardians', csvFile(guardianHeader, parents));
    const report = await rowsOf(school, job.id);
    expect(report.find((r) => r.name.startsWith('Чужой'))!.reasons).toEqual([expect.objectContaining({ code: 'UNKNOWN_CHILD' })]);
    expect(report.find((r) => r.name.startsWith('Безсвязный'))!.warnings).toEqual([expect.objectContaining({ code: 'NO_LOGIN_KEY' })]);
    expect(job.counts).toMatchObject({ create: parents.length - 1, rejected: 1, warnings: 1 });
    await applied(school, job.id);
    const saved = await t.database.db.select().from(guardians).where(eq(guardians.schoolId, school));
    // 4 mothers, 2 fathers, the one without a key; the shared mother only once.
    expect(saved).toHaveLength(7);
    const links = await t.database.db.select().from(studentGuardians).where(eq(studentGuardians.schoolId, school));
    expect(links).toHaveLength(parents.length - 1);
    const mother = saved.find((g) => g.externalId === 'P1')!;
    expect(links.filter((l) => l.guardianId === mother.id).map((l) => l.relation)).toEqual(['mother', 'mother']);

    const again = await dryRun(school, 'guardians', csvFile(guardianHeader, parents));
    expect(again.counts).toMatchObject({ unchanged: parents.length - 1, rejected: 1 });
    const relation = parents.map((p, i) => (i === 0 ? p.map((v, c) => (c === 8 ? 'иное' : v)) : p));
    const changed = await dryRun(school, 'guardians', csvFile(guardianHeader, relation));
    expect((await rowsOf(school, changed.id, 'update')).map((r) => r.changedFields)).toEqual([['relation']]);
    await applied(school, changed.id);
    const [link] = await t.database.db.select().from(studentGuardians).where(and(eq(studentGuardians.guardianId, mother.id), eq(studentGuardians.studentId, (await studentsOf(school)).find((s) => s.externalId === kids[0]![12])!.id)));
    expect(link!.relation).toBe('other');
  });

  it('finds the child by СНИЛС or by name and birth date, and refuses a parent row that contradicts an earlier one', async () => {
    const school = await newSchool();
    const kids = contingentRows(2, { classes: classNames, seed: 9 });
    await applied(school, (await dryRun(school, 'students', csvFile(contingentHeader, kids))).id);
    const header = ['Фамилия', 'Имя', 'Телефон', 'СНИЛС ученика', 'Фамилия ученика', 'Имя ученика', 'Отчество ученика', 'Дата рождения ученика', 'Кем приходится'];
    const job = await dryRun(school, 'guardians', csvFile(header, [
      ['Иванова', 'Ольга', '+7 912 111-11-11', kids[0]![5]!, '', '', '', '', 'мама'],
      ['Иванова', 'Ольга', '+7 912 222-22-22', '', kids[1]![0]!, kids[1]![1]!, kids[1]![2]!, kids[1]![3]!, 'мама'],
    ]));
    const report = await rowsOf(school, job.id);
    expect(report[0]!.outcome).toBe('create');
    expect(report[1]!.reasons).toEqual([expect.objectContaining({ code: 'GUARDIAN_CONFLICT', field: 'phone' })]);
    const fixed = await dryRun(school, 'guardians', csvFile(header, [
      ['Иванова', 'Ольга', '+7 912 111-11-11', kids[0]![5]!, '', '', '', '', 'мама'],
      ['Иванова', 'Ольга', '', '', kids[1]![0]!, kids[1]![1]!, kids[1]![2]!, kids[1]![3]!, 'мама'],
    ]));
    expect(fixed.counts).toMatchObject({ create: 2, rejected: 0 });
    await applied(school, fixed.id);
    expect(await t.database.db.select().from(guardians).where(eq(guardians.schoolId, school))).toHaveLength(1);
  });
});

describe('apply', () => {
  it('applies once; a second apply is 409; a job planned before another apply changed the school is stale', async () => {
    const school = await newSchool();
    const file = csvFile(contingentHeader, contingentRows(3, { classes: classNames, seed: 21 }));
    const first = await dryRun(school, 'students', file);
    const second = await dryRun(school, 'students', file);
    await applied(school, first.id);
    const twice = await apply(school, first.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('IMPORT_ALREADY_APPLIED');
    const stale = await apply(school, second.id);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'IMPORT_STALE', message: expect.stringMatching(/изменились/) });
    expect(await studentsOf(school)).toHaveLength(3);
    expect((await getJob(school, second.id)).status).toBe('ready');
  });

  it('records import.applied with counts and no personal data', async () => {
    const school = await newSchool();
    const job = await dryRun(school, 'students', csvFile(contingentHeader, contingentRows(2, { classes: classNames, seed: 22 })));
    await applied(school, job.id);
    const [event] = await t.database.db.select().from(securityEvents).where(and(eq(securityEvents.schoolId, school), eq(securityEvents.kind, 'import.applied')));
    expect(event).toMatchObject({ actorAccountId: directorId, ip: '127.0.0.1' });
    expect(event!.details).toEqual({ jobId: job.id, kind: 'students', create: 2, update: 0, unchanged: 0, rejected: 0 });
  });

  it('marks an analysis left behind by a stopped process failed once it is old', async () => {
    const school = await newSchool();
    const [row] = await t.database.db.insert(importJobs).values({
      schoolId: school, kind: 'students', format: 'csv', status: 'analysing', totalRows: 10, createdByAccountId: directorId, createdAt: t.clock.now(),
    }).returning();
    expect((await getJob(school, row!.id)).status).toBe('analysing');
    t.clock.advance(16 * 60_000);
    const job = await getJob(school, row!.id);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'ANALYSIS_INTERRUPTED' });
    expect((await apply(school, row!.id)).statusCode).toBe(409);
  });
});

describe('bad files', () => {
  const refused = async (body: Uint8Array | string, code: string, options: UploadOptions = {}, status = 400) => {
    const res = await upload(schoolA.id, 'students', body, options);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/[а-яё]/i);
    return res.json().error.message as string;
  };

  it('refuses an empty file, a file without a header, missing columns and a bad mapping', async () => {
    await refused('', 'EMPTY_FILE', {});
    await refused('\r\n\r\n', 'EMPTY_FILE');
    await refused('a;b;c\r\n1;2;3\r\n', 'NO_HEADER_ROW');
    await refused('Фамилия;Класс\r\nИванов;5А\r\n', 'MISSING_COLUMNS');
    await refused('Фамилия;Имя\r\n', 'NO_ROWS');
    await refused('Фамилия;Имя\r\nИванов;Иван\r\n', 'MAPPING_INVALID', { mapping: { 'Нет такого': 'lastName' } });
    await refused('Фамилия;Имя\r\nИванов;Иван\r\n', 'MAPPING_INVALID', { mapping: { 'Фамилия': 'position' } });
    const bad = await t.app.inject({
      method: 'POST', url: `/api/v1/schools/${schoolA.id}/imports?kind=students`, payload: 'Фамилия;Имя\r\n',
      headers: { ...as(director, true), 'content-type': 'text/csv', 'x-import-mapping': '%E0%A4%A' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses broken XLSX, old XLS, binary garbage and a text in a wrong encoding', async () => {
    await refused(randomBytes(4096), 'BROKEN_XLSX', { fileName: 'Контингент.xlsx' });
    const xlsx = await xlsxFile(contingentHeader, contingentRows(3));
    await refused(xlsx.subarray(0, xlsx.length / 2), 'BROKEN_XLSX', { fileName: 'Контингент.xlsx' });
    await refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'XLS_NOT_SUPPORTED', { fileName: 'old.xls' });
    await refused(randomBytes(10_000), 'NOT_A_TABLE', { fileName: 'file.csv' });
    // UTF-16 without its BOM has NUL bytes; KOI8-R reads as nonsense Windows-1251 without a header.
    const utf16 = Buffer.from('Фамилия;Имя\r\nИванов;Иван\r\n', 'utf16le');
    await refused(utf16, 'NOT_A_TABLE');
    const koi8 = new Uint8Array([0xe6, 0xc1, 0xcd, 0xc9, 0xcc, 0xc9, 0xd1, 0x3b, 0xe9, 0xcd, 0xd1, 0x0d, 0x0a, 0xe9, 0x3b, 0xe9, 0x0d, 0x0a]);
    expect(await refused(koi8, 'NO_HEADER_ROW')).toMatch(/кодировке/);
    // With a UTF-16 BOM, it is read.
    const withBom = await upload(schoolA.id, 'students', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]));
    expect(withBom.statusCode).toBe(202);
    await analysed(schoolA.id, withBom.json().id);
    expect(encodeWindows1251('Ёж')).toEqual(new Uint8Array([0xa8, 0xe6]));
  });

  it('refuses 50 MB of garbage without a crash, and more than 50 MB as too large', async () => {
    const garbage = randomBytes(50 * 1024 * 1024);
    await refused(garbage, 'NOT_A_TABLE');
    // One line of millions of fields is refused at the thousandth, before it costs seconds.
    const started = performance.now();
    expect(await refused(Buffer.alloc(50 * 1024 * 1024, 'ж;'), 'NOT_A_TABLE')).toMatch(/1000 столбцов/);
    expect(performance.now() - started).toBeLessThan(10_000);
    await refused(Buffer.alloc(50 * 1024 * 1024, 'a;b\n'), 'NO_HEADER_ROW');
    await refused(Buffer.concat([garbage, Buffer.from('x')]), 'FILE_TOO_LARGE', {}, 413);
  }, 120_000);

  it('refuses JSON that is not an array of objects, and multipart forms', async () => {
    const res = await uploadJson(schoolA.id, 'students', { some: 'thing' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('JSON_ROWS_EXPECTED');
    const wide = await uploadJson(schoolA.id, 'students', Array.from({ length: 1500 }, (_, i) => ({ lastName: 'Иванов', firstName: 'Иван', [`k${i}`]: 1 })));
    expect(wide.json().error.code).toBe('NOT_A_TABLE');
    const multipart = await upload(schoolA.id, 'students', '--x\r\n\r\n--x--', { contentType: 'multipart/form-data; boundary=x' });
    expect(multipart.statusCode).toBe(415);
    const noKind = await t.app.inject({ method: 'POST', url: `/api/v1/schools/${schoolA.id}/imports`, payload: Buffer.from('x'), headers: { ...as(director, true), 'content-type': 'application/octet-stream' } });
    expect(noKind.statusCode).toBe(400);
  });
});

describe('access', () => {
  it('lets the director and the journal administrator upload and apply, the deputy only read, and refuses teachers', async () => {
    const file = csvFile(contingentHeader, contingentRows(1, { classes: classNames, seed: 31 }));
    const byAdmin = await upload(schoolA.id, 'students', file, { session: journalAdmin });
    expect(byAdmin.statusCode).toBe(202);
    const job = await analysed(schoolA.id, byAdmin.json().id);
    expect((await upload(schoolA.id, 'students', file, { session: deputy })).statusCode).toBe(403);
    expect((await apply(schoolA.id, job.id, deputy)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/imports`, headers: as(deputy) })).statusCode).toBe(200);
    expect((await getJob(schoolA.id, job.id, deputy)).id).toBe(job.id);
    const byTeacher = await upload(schoolA.id, 'students', file, { session: teacher });
    expect(byTeacher.statusCode).toBe(403);
    expect(byTeacher.json().error.code).toBe('FORBIDDEN');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/imports`, headers: as(teacher) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/imports/${job.id}/rows`, headers: as(teacher) })).statusCode).toBe(403);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/v1/schools/${schoolA.id}/imports/${job.id}/apply`, headers: as(director) });
    expect(noCsrf.statusCode).toBe(403);
    expect((await apply(schoolA.id, job.id, journalAdmin)).statusCode).toBe(200);
  });

  it("answers 404 for another school's jobs, whichever school the URL names", async () => {
    const file = csvFile(contingentHeader, contingentRows(1, { classes: classNames, seed: 32 }));
    const job = await analysed(schoolA.id, (await upload(schoolA.id, 'students', file)).json().id);
    const viaOwn = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolB.id}/imports/${job.id}`, headers: as(otherDirector) });
    expect(viaOwn.statusCode).toBe(404);
    expect(viaOwn.json().error.code).toBe('IMPORT_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolB.id}/imports/${job.id}/rows`, headers: as(otherDirector) })).statusCode).toBe(404);
    expect((await apply(schoolB.id, job.id, otherDirector)).statusCode).toBe(404);
    const viaTheirs = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/imports/${job.id}`, headers: as(otherDirector) });
    expect(viaTheirs.statusCode).toBe(404);
    expect(viaTheirs.json().error.code).toBe('SCHOOL_NOT_FOUND');
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolB.id}/imports`, headers: as(otherDirector) });
    expect(list.json().jobs).toEqual([]);
    const unauthenticated = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/imports` });
    expect(unauthenticated.statusCode).toBe(401);
  });
});
