// Issuing logins and one-time passwords to staff (SPEC A4): generated unique logins, a password
// that works once and forces a change, resets and who may make them, the XLSX sheet, and logs
// that never see a password.
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxMediaType } from '../../../contracts/access';
import { createLogger } from '../../lib/logger';
import { as, createAccount, login, type Session, type TestApp, createTestApp } from '../../test/app';
import { createArea, createAreaAdmin, createEmployee, firstLogin, type Area } from './test-fixtures';

let t: TestApp;
let area: Area;
let school: string;
const people: Record<string, string> = {};
let journalAdmin: Session;
let director: Session;

const post = (s: Session, url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers: { ...as(s, true), ...headers } });
const credentialsUrl = (schoolId: string) => `/api/v1/schools/${schoolId}/credentials`;
const loginAttempt = (loginName: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password } });

/** An account with a role in the school and the employee record it stands for. */
async function staffMember(key: string, loginName: string, roles: { schoolId: string; role: 'director' | 'deputy' | 'journalAdmin' | 'subjectTeacher' | 'classTeacher' }[], lastName: string) {
  const account = await createAccount(t.database, { login: loginName, roles, lastName });
  people[key] = await createEmployee(t.database, school, { lastName, firstName: 'Анна', middleName: 'Петровна', accountId: account.id, position: 'Сотрудник' });
}

beforeAll(async () => {
  t = await createTestApp();
  area = await createArea(t.database);
  school = area.schools[0];
  await staffMember('director', 'cred-director', [{ schoolId: school, role: 'director' }], 'Директорова');
  await staffMember('admin', 'cred-admin', [{ schoolId: school, role: 'journalAdmin' }], 'Админова');
  await staffMember('admin2', 'cred-admin2', [{ schoolId: school, role: 'journalAdmin' }], 'Админова-Вторая');
  await staffMember('deputy', 'cred-deputy', [{ schoolId: school, role: 'deputy' }, { schoolId: school, role: 'subjectTeacher' }], 'Завучева');
  await staffMember('teacher', 'cred-teacher', [{ schoolId: school, role: 'subjectTeacher' }, { schoolId: school, role: 'classTeacher' }], 'Учителева');
  await staffMember('shared', 'cred-shared', [{ schoolId: school, role: 'subjectTeacher' }, { schoolId: area.schools[1], role: 'director' }], 'Совместителева');
  people.ivanov1 = await createEmployee(t.database, school, { lastName: 'Иванов', firstName: 'Иван', middleName: 'Ильич', position: 'Учитель истории' });
  people.ivanov2 = await createEmployee(t.database, school, { lastName: 'Иванов', firstName: 'Игорь', middleName: 'Иванович', position: 'Учитель музыки' });
  people.formula = await createEmployee(t.database, school, { lastName: 'Формулова', firstName: 'Вера', position: '=1+2' });
  people.foreign = await createEmployee(t.database, area.schools[1], { lastName: 'Чужая', firstName: 'Ольга' });
  journalAdmin = await login(t.app, 'cred-admin');
  director = await login(t.app, 'cred-director');
});
afterAll(async () => { await t.close(); });

describe('POST /schools/:id/credentials', () => {
  it('makes accounts with unique generated logins; each one-time password works once and forces a change', async () => {
    const res = await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.ivanov2, people.ivanov1, people.ivanov1] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const sheet = res.json();
    expect(sheet.school).toBe('МАОУ «СОШ № 1»');
    expect(sheet.issuedAt).toBe(t.clock.now().toISOString());
    expect(sheet.rows.map((r: { name: string; position: string; kind: string }) => [r.name, r.position, r.kind])).toEqual([
      ['Иванов Иван Ильич', 'Учитель истории', 'created'],
      ['Иванов Игорь Иванович', 'Учитель музыки', 'created'],
    ]);
    const logins = sheet.rows.map((r: { login: string }) => r.login);
    expect(logins.sort()).toEqual(['ivanov.ii', 'ivanov.ii2']);
    const [first, second] = sheet.rows as { login: string; password: string }[];
    expect(first!.password).not.toBe(second!.password);

    await firstLogin(t.app, first!, 'my very own 1');
    // The one-time password is gone once replaced.
    expect((await loginAttempt(first!.login, first!.password)).statusCode).toBe(401);
    expect((await loginAttempt(first!.login, 'my very own 1')).statusCode).toBe(200);
  });

  it('resets an existing account: the same login, a new one-time password, every session ended', async () => {
    const teacher = await login(t.app, 'cred-teacher');
    const res = await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.teacher] });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = res.json().rows;
    expect(row).toMatchObject({ login: 'cred-teacher', kind: 'reset', employeeId: people.teacher });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(teacher) })).statusCode).toBe(401);
    expect((await loginAttempt('cred-teacher', 'correct horse')).statusCode).toBe(401);
    await firstLogin(t.app, row);
  });

  it('lets a password be reset only by someone who may grant the account\'s broadest role here', async () => {
    const cases: [Session, string, number, string][] = [
      [journalAdmin, people.director!, 403, 'CREDENTIAL_NOT_ALLOWED'],
      [journalAdmin, people.admin2!, 403, 'CREDENTIAL_NOT_ALLOWED'],
      [journalAdmin, people.admin!, 403, 'CREDENTIAL_NOT_ALLOWED'],
      [journalAdmin, people.deputy!, 403, 'CREDENTIAL_NOT_ALLOWED'],
      [director, people.director!, 403, 'CREDENTIAL_NOT_ALLOWED'],
      [journalAdmin, people.shared!, 403, 'ACCOUNT_SHARED'],
      [director, people.shared!, 403, 'ACCOUNT_SHARED'],
    ];
    for (const [session, employeeId, status, code] of cases) {
      const res = await post(session, credentialsUrl(school), { employeeIds: [employeeId] });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const message = (await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.director!] })).json().error.message;
    expect(message).toBe('Директорова Анна Петровна: пароль сотрудника с ролью «Директор» может сбросить только тот, кто выдаёт эту роль');

    const deputy = await login(t.app, 'cred-deputy');
    const byDeputy = await post(deputy, credentialsUrl(school), { employeeIds: [people.teacher!] });
    expect(byDeputy.statusCode).toBe(403);
    expect(byDeputy.json().error.code).toBe('FORBIDDEN');

    const byDirector = await post(director, credentialsUrl(school), { employeeIds: [people.deputy!, people.admin2!] });
    expect(byDirector.statusCode).toBe(200);
    expect(byDirector.json().rows.map((r: { kind: string }) => r.kind)).toEqual(['reset', 'reset']);
  });

  it('the area administrator resets a director, and nobody else', async () => {
    await createAreaAdmin(t.database, 'cred-region', { regionId: area.regionId });
    const region = await login(t.app, 'cred-region');
    const ok = await post(region, credentialsUrl(school), { employeeIds: [people.director!] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rows[0]).toMatchObject({ login: 'cred-director', kind: 'reset' });
    const teacher = await post(region, credentialsUrl(school), { employeeIds: [people.teacher!] });
    expect(teacher.statusCode).toBe(403);
    const newcomer = await post(region, credentialsUrl(school), { employeeIds: [people.formula!] });
    expect(newcomer.statusCode).toBe(403);
    director = await firstLogin(t.app, ok.json().rows[0]);
  });

  it('changes nothing when one of the employees may not be reset', async () => {
    const res = await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.formula!, people.director!] });
    expect(res.statusCode).toBe(403);
    const staff = (await t.app.inject({ method: 'GET', url: `/api/v1/schools/${school}/role-grants/staff`, headers: as(journalAdmin) })).json();
    expect(staff.employees.find((e: { id: string }) => e.id === people.formula).account).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(director) })).statusCode).toBe(200);
  });

  it('answers 404 for an employee of another school or a missing one, 400 for an empty list', async () => {
    const foreign = await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.foreign!] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toMatchObject({ code: 'EMPLOYEE_NOT_FOUND', details: { missing: [people.foreign] } });
    const empty = await post(journalAdmin, credentialsUrl(school), { employeeIds: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/Выберите хотя бы одного сотрудника/);
    const other = await post(journalAdmin, credentialsUrl(area.schools[2]), { employeeIds: [people.formula!] });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('SCHOOL_NOT_FOUND');
  });
});

async function readSheet(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

const rowsOf = (ws: ExcelJS.Worksheet): string[][] => {
  const out: string[][] = [];
  ws.eachRow((row, n) => {
    if (n >= 4) out.push([1, 2, 3, 4].map((c) => String(row.getCell(c).value ?? '')));
  });
  return out;
};

describe('the XLSX credential sheet', () => {
  it('comes with the Accept header: a heading with school and date, then ФИО, Должность, Логин, Временный пароль as text', async () => {
    const res = await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.formula!, people.teacher!] }, { accept: xlsxMediaType });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(xlsxMediaType);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="credentials-${t.clock.now().toISOString().slice(0, 10)}.xlsx"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const ws = await readSheet(res.rawPayload);
    expect(String(ws.getCell('A1').value)).toBe('Учётные данные для входа в «Отметку» — МАОУ «СОШ № 1»');
    expect(String(ws.getCell('A2').value)).toMatch(/^Выданы 02\.11\.2026\. Пароль временный/);
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual(['ФИО', 'Должность', 'Логин', 'Временный пароль']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['Учителева Анна Петровна', 'Сотрудник', 'cred-teacher'],
      ['Формулова Вера', '=1+2', 'formulova.v'],
    ]);
    // Text cells, never a formula, even for "=1+2".
    const position = ws.getRow(6).getCell(2);
    expect(position.type).toBe(ExcelJS.ValueType.String);
    expect(position.numFmt).toBe('@');
    // The password read back from the file logs in.
    const formula = rows.find((r) => r[2] === 'formulova.v')!;
    expect((await loginAttempt('formulova.v', formula[3]!)).statusCode).toBe(200);
  });

  it('comes with format: "xlsx" too', async () => {
    const res = await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.teacher!], format: 'xlsx' });
    expect(res.headers['content-type']).toBe(xlsxMediaType);
    expect(rowsOf(await readSheet(res.rawPayload))).toHaveLength(2);
  });

  it('lays out a sheet already issued, without issuing anything, for those who may issue', async () => {
    const issued = (await post(journalAdmin, credentialsUrl(school), { employeeIds: [people.teacher!] })).json();
    const res = await post(journalAdmin, `${credentialsUrl(school)}/sheet`, issued);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(xlsxMediaType);
    expect(rowsOf(await readSheet(res.rawPayload))[1]).toEqual(['Учителева Анна Петровна', 'Сотрудник', 'cred-teacher', issued.rows[0].password]);
    // The password of the sheet still works: laying out did not reset it.
    expect((await loginAttempt('cred-teacher', issued.rows[0].password)).statusCode).toBe(200);
    const teacher = await createAccount(t.database, { login: 'cred-teacher-x', roles: [{ schoolId: school, role: 'subjectTeacher' }] });
    expect(teacher.id).toBeDefined();
    const denied = await post(await login(t.app, 'cred-teacher-x'), `${credentialsUrl(school)}/sheet`, issued);
    expect(denied.statusCode).toBe(403);
  });
});

describe('logs', () => {
  it('never carry an issued password or a generated login', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logged = await createTestApp({ config: { env: 'production', logLevel: 'trace' }, logger: createLogger('trace', sink) });
    try {
      const a = await createArea(logged.database);
      const admin = await createAccount(logged.database, { login: 'log-admin', roles: [{ schoolId: a.schools[0], role: 'journalAdmin' }] });
      await createEmployee(logged.database, a.schools[0], { lastName: 'Админова', firstName: 'Анна', accountId: admin.id });
      const newcomer = await createEmployee(logged.database, a.schools[0], { lastName: 'Новикова', firstName: 'Нина' });
      const other = await createEmployee(logged.database, a.schools[0], { lastName: 'Старикова', firstName: 'Ольга' });
      const s = await login(logged.app, 'log-admin');
      const headers = as(s, true);
      const granted = await logged.app.inject({ method: 'POST', url: `/api/v1/schools/${a.schools[0]}/role-grants`, payload: { employeeId: newcomer, role: 'subjectTeacher' }, headers });
      const issued = await logged.app.inject({ method: 'POST', url: credentialsUrl(a.schools[0]), payload: { employeeIds: [newcomer, other] }, headers });
      const xlsx = await logged.app.inject({ method: 'POST', url: credentialsUrl(a.schools[0]), payload: { employeeIds: [other], format: 'xlsx' }, headers });
      await logged.app.inject({ method: 'POST', url: `${credentialsUrl(a.schools[0])}/sheet`, payload: issued.json(), headers });
      expect(granted.statusCode).toBe(201);
      expect(xlsx.statusCode).toBe(200);
      const secrets = [granted.json().credentials.password, ...issued.json().rows.map((r: { password: string }) => r.password), 'novikova.n', 'starikova.o', 'Новикова'];
      const text = lines.join('');
      expect(text.length).toBeGreaterThan(0);
      for (const secret of secrets) expect(text).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});
