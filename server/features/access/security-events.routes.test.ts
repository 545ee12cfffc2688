// The school's security-events view (SPEC A7): grants, revokes, credentials and the logins of
// the school's people, newest first, filtered and paged, and never another school's events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolRoleGrants } from '../../db/schema';
import { as, createAccount, login, type Session, type TestApp, createTestApp } from '../../test/app';
import { createArea, createAreaAdmin, createEmployee, firstLogin, type Area } from './test-fixtures';

let t: TestApp;
let area: Area;
let schoolA: string;
let schoolB: string;
let director: Session;
let teacherEmployee: string;
let teacherLogin: string;
let travellerEmployee: string;

type Event = { kind: string; at: string; account: { login: string } | null; actor: { login: string } | null; ip: string | null; details: Record<string, unknown> };

const events = async (s: Session, query = '', schoolId = schoolA): Promise<{ events: Event[]; total: number; page: number; pageSize: number }> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolId}/security-events${query}`, headers: as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const post = (s: Session, url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: as(s, true) });
const hours = (n: number) => n * 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  area = await createArea(t.database);
  [schoolA, schoolB] = [area.schools[0], area.schools[1]];
  const directorAccount = await createAccount(t.database, { login: 'ev-director', roles: [{ schoolId: schoolA, role: 'director' }], lastName: 'Директорова' });
  await createEmployee(t.database, schoolA, { lastName: 'Директорова', firstName: 'Анна', accountId: directorAccount.id, position: 'Директор' });
  teacherEmployee = await createEmployee(t.database, schoolA, { lastName: 'Гусева', firstName: 'Галина', middleName: 'Ивановна' });
  // Someone who works in school B first and joins school A later.
  const traveller = await createAccount(t.database, { login: 'ev-traveller', roles: [{ schoolId: schoolB, role: 'subjectTeacher' }] });
  travellerEmployee = await createEmployee(t.database, schoolA, { lastName: 'Путникова', firstName: 'Вера', accountId: traveller.id });
  const directorB = await createAccount(t.database, { login: 'ev-director-b', roles: [{ schoolId: schoolB, role: 'director' }] });
  const bEmployee = await createEmployee(t.database, schoolB, { lastName: 'Бэшкина', firstName: 'Белла' });
  expect(directorB.id).toBeDefined();
  // The test clock runs in November 2026; the grants made above must be older than its events.
  await t.database.db.update(schoolRoleGrants).set({ grantedAt: new Date('2026-09-01T00:00:00Z') });

  // 2026-11-02, 14:00 in the school (UTC+5).
  director = await login(t.app, 'ev-director');
  await login(t.app, 'ev-traveller'); // before joining school A: not A's business
  const sb = await login(t.app, 'ev-director-b');
  expect((await post(sb, `/api/v1/schools/${schoolB}/role-grants`, { employeeId: bEmployee, role: 'subjectTeacher' })).statusCode).toBe(201);

  t.clock.advance(hours(1));
  const granted = await post(director, `/api/v1/schools/${schoolA}/role-grants`, { employeeId: teacherEmployee, role: 'subjectTeacher' });
  expect(granted.statusCode).toBe(201);
  teacherLogin = granted.json().credentials.login;
  await firstLogin(t.app, granted.json().credentials);
  expect((await post(director, `/api/v1/schools/${schoolA}/role-grants`, { employeeId: travellerEmployee, role: 'classTeacher' })).statusCode).toBe(201);

  // 2026-11-03, 01:00 in the school — still 2 November in UTC.
  t.clock.advance(hours(10));
  director = await login(t.app, 'ev-director');
  await login(t.app, 'ev-traveller');
  const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: teacherLogin, password: 'not it' } });
  expect(wrong.statusCode).toBe(401);
  const reset = await post(director, `/api/v1/schools/${schoolA}/credentials`, { employeeIds: [teacherEmployee] });
  expect(reset.statusCode).toBe(200);
  const grants = (await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/role-grants`, headers: as(director) })).json().grants;
  const travellerGrant = grants.find((g: { account: { login: string } }) => g.account.login === 'ev-traveller');
  expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/schools/${schoolA}/role-grants/${travellerGrant.id}`, headers: as(director, true) })).statusCode).toBe(200);

  // After leaving school A, the traveller's logins are not A's business again.
  t.clock.advance(hours(1));
  await login(t.app, 'ev-traveller');
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:id/security-events', () => {
  it('lists the school\'s events and its people\'s logins, newest first, with who, actor, ip and details', async () => {
    const list = await events(director);
    const kinds = list.events.map((e) => `${e.kind} ${e.account?.login ?? '-'}`);
    expect(kinds).toEqual([
      'role.revoked ev-traveller',
      'password.reset guseva.gi',
      'login.failed guseva.gi',
      'login.succeeded ev-traveller',
      'login.succeeded ev-director',
      'role.granted ev-traveller',
      'password.changed guseva.gi',
      'login.succeeded guseva.gi',
      'role.granted guseva.gi',
      'credentials.issued guseva.gi',
      'login.succeeded ev-director',
    ]);
    expect(list.total).toBe(11);
    const granted = list.events.find((e) => e.kind === 'role.granted' && e.account?.login === 'guseva.gi')!;
    expect(granted).toMatchObject({ actor: { login: 'ev-director' }, ip: '127.0.0.1', details: { role: 'subjectTeacher', employeeId: teacherEmployee } });
    expect(list.events.find((e) => e.kind === 'login.failed')!.details).toEqual({ reason: 'wrong-password' });
    const times = list.events.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('never shows another school\'s events', async () => {
    const list = await events(director);
    expect(list.events.some((e) => e.account?.login === 'ev-director-b' || e.actor?.login === 'ev-director-b')).toBe(false);
    const b = await events(await login(t.app, 'ev-director-b'), '', schoolB);
    expect(b.events.map((e) => e.kind)).not.toContain('role.revoked');
    expect(b.events.every((e) => e.account?.login !== 'guseva.gi')).toBe(true);
    // The traveller's logins are B's all the time they teach there.
    expect(b.events.filter((e) => e.kind === 'login.succeeded' && e.account?.login === 'ev-traveller')).toHaveLength(3);
  });

  it('filters by kind, by a kind prefix and by local dates of the school', async () => {
    expect((await events(director, '?kind=role.granted')).events.map((e) => e.account?.login)).toEqual(['ev-traveller', 'guseva.gi']);
    expect((await events(director, '?kind=login.')).events.map((e) => e.kind)).toEqual(['login.failed', 'login.succeeded', 'login.succeeded', 'login.succeeded', 'login.succeeded']);
    const thirdNovember = await events(director, '?from=2026-11-03&to=2026-11-03');
    expect(thirdNovember.events.map((e) => e.kind)).toEqual(['role.revoked', 'password.reset', 'login.failed', 'login.succeeded', 'login.succeeded']);
    expect((await events(director, '?to=2026-11-02')).total).toBe(6);
    expect((await events(director, '?from=2026-11-04')).total).toBe(0);
    expect((await events(director, '?kind=login.sso_failed')).total).toBe(0);
  });

  it('pages newest first', async () => {
    const first = await events(director, '?pageSize=4');
    const second = await events(director, '?pageSize=4&page=2');
    const third = await events(director, '?pageSize=4&page=3');
    expect([first.total, second.total]).toEqual([11, 11]);
    expect([first.events.length, second.events.length, third.events.length]).toEqual([4, 4, 3]);
    const all = (await events(director)).events.map((e) => e.kind);
    expect([...first.events, ...second.events, ...third.events].map((e) => e.kind)).toEqual(all);
  });

  it('rejects bad filters with a Russian 400', async () => {
    for (const query of ['?from=2026-11-05&to=2026-11-01', '?from=2026-02-30', '?kind=DROP%20TABLE', '?page=0', '?pageSize=1000']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/security-events${query}`, headers: as(director) });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toMatch(/[а-я]/);
    }
  });

  it('is open to the administration and the area above, closed to teachers and to other areas', async () => {
    await createAccount(t.database, { login: 'ev-deputy', roles: [{ schoolId: schoolA, role: 'deputy' }] });
    await createAccount(t.database, { login: 'ev-admin', roles: [{ schoolId: schoolA, role: 'journalAdmin' }] });
    await createAccount(t.database, { login: 'ev-teacher', roles: [{ schoolId: schoolA, role: 'subjectTeacher' }] });
    await createAreaAdmin(t.database, 'ev-town', { regionId: area.regionId, municipalityId: area.municipalities[0] });
    await createAreaAdmin(t.database, 'ev-village', { regionId: area.regionId, municipalityId: area.municipalities[1] });
    for (const who of ['ev-deputy', 'ev-admin', 'ev-town']) {
      expect((await events(await login(t.app, who), '?kind=role.revoked')).total, who).toBe(1);
    }
    const teacher = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/security-events`, headers: as(await login(t.app, 'ev-teacher')) });
    expect(teacher.statusCode).toBe(403);
    const village = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/security-events`, headers: as(await login(t.app, 'ev-village')) });
    expect(village.statusCode).toBe(404);
  });
});
