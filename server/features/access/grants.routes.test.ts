// The grant chain (SPEC A3) through the HTTP API: area administrator → director → journal
// administrator → teacher, every step a role may not take, revoking, and the area's reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createAccount, createSchool, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { createAreaAdmin as createAreaAdminFromCli } from './area.service';
import { createArea, createAreaAdmin, createEmployee, firstLogin, type Area } from './test-fixtures';

let t: TestApp;
let area: Area;
let school: string;
let regionAdmin: Session;
const staff: Record<string, string> = {};

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: as(s) });
const post = (s: Session, url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: as(s, true) });
const del = (s: Session, url: string) => t.app.inject({ method: 'DELETE', url, headers: as(s, true) });
const grantsUrl = (schoolId: string) => `/api/v1/schools/${schoolId}/role-grants`;

beforeAll(async () => {
  t = await createTestApp();
  area = await createArea(t.database);
  school = area.schools[0];
  for (const [key, lastName, firstName, middleName, position] of [
    ['admin', 'Соколова', 'Елена', 'Викторовна', 'Администратор электронного журнала'],
    ['deputy', 'Морозов', 'Андрей', 'Петрович', 'Заместитель директора по УВР'],
    ['teacher', 'Лебедева', 'Юлия', 'Андреевна', 'Учитель математики'],
    ['teacher2', 'Щукин', 'Ёжен', null, 'Учитель физкультуры'],
  ] as const) {
    staff[key] = await createEmployee(t.database, school, { lastName, firstName, middleName, position });
  }
  // The chain starts where an installation starts it: the command line's area administrator.
  const regionCode = (await t.database.db.query.regions.findFirst({ where: (r, { eq }) => eq(r.id, area.regionId) }))!.code;
  const created = await createAreaAdminFromCli(t.database.db, t.clock, {
    regionCode, municipalityName: null, login: 'Region-Admin', lastName: 'Областная', firstName: 'Ольга', middleName: null,
  });
  expect(created).toMatchObject({ login: 'region-admin', role: 'regionAdmin' });
  regionAdmin = await firstLogin(t.app, created);
});
afterAll(async () => { await t.close(); });

describe('the grant chain', () => {
  let director: Session;
  let journalAdmin: Session;
  let directorGrantId: string;
  let journalAdminGrantId: string;

  it('a region administrator sees the region\'s schools and appoints a new person director, who gets one-time credentials', async () => {
    const list = await get(regionAdmin, '/api/v1/area/schools');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().schools.map((s: { id: string }) => s.id).sort()).toEqual([...area.schools].sort());
    expect(list.json().schools.every((s: { directors: unknown[] }) => s.directors.length === 0)).toBe(true);
    expect(list.json().areas).toEqual([expect.objectContaining({ role: 'regionAdmin', municipality: null })]);

    const appointed = await post(regionAdmin, `/api/v1/area/schools/${school}/director`, { lastName: 'Кузнецова', firstName: 'Мария', middleName: 'Ивановна' });
    expect(appointed.statusCode, appointed.body).toBe(201);
    expect(appointed.headers['cache-control']).toBe('no-store');
    const body = appointed.json();
    expect(body.created).toBe(true);
    expect(body.grant).toMatchObject({ role: 'director', account: { login: 'kuznetsova.mi', lastName: 'Кузнецова' }, grantedBy: { login: 'region-admin' }, revokedAt: null });
    expect(body.credentials.login).toBe('kuznetsova.mi');
    expect(body.credentials.password).toMatch(/^\S{10}$/);
    directorGrantId = body.grant.id;

    // The one-time password opens only the password change.
    const pending = await login(t.app, 'kuznetsova.mi', body.credentials.password);
    const blocked = await get(pending, grantsUrl(school));
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    director = await firstLogin(t.app, body.credentials);

    const after = (await get(regionAdmin, '/api/v1/area/schools')).json();
    const card = after.schools.find((s: { id: string }) => s.id === school);
    expect(card.directors).toEqual([expect.objectContaining({ grantId: directorGrantId, account: expect.objectContaining({ login: 'kuznetsova.mi' }) })]);
  });

  it('the director lists the grants and may grant deputy, journal admin and teacher roles, never director', async () => {
    const listed = await get(director, grantsUrl(school));
    expect(listed.statusCode).toBe(200);
    expect(listed.json().grants).toEqual([expect.objectContaining({ id: directorGrantId, role: 'director', grantedBy: expect.objectContaining({ login: 'region-admin' }) })]);
    const grantable = (await get(director, `${grantsUrl(school)}/grantable`)).json();
    expect(grantable).toEqual({ roles: ['deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher'], canIssueCredentials: true });

    const denied = await post(director, grantsUrl(school), { employeeId: staff.deputy, role: 'director' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toEqual({
      code: 'ROLE_NOT_GRANTABLE',
      message: 'Вы не можете выдать роль «Директор»: это делает администратор региона или администратор муниципалитета',
    });
  });

  it('the director grants journal admin to an employee without an account: an account with a generated login is made once', async () => {
    const granted = await post(director, grantsUrl(school), { employeeId: staff.admin, role: 'journalAdmin' });
    expect(granted.statusCode, granted.body).toBe(201);
    const body = granted.json();
    expect(body).toMatchObject({ created: true, grant: { role: 'journalAdmin', employeeId: staff.admin, grantedBy: { login: 'kuznetsova.mi' } } });
    expect(body.credentials.login).toBe('sokolova.ev');
    journalAdminGrantId = body.grant.id;

    const again = await post(director, grantsUrl(school), { employeeId: staff.admin, role: 'journalAdmin' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, credentials: null, grant: { id: journalAdminGrantId } });

    // A second role goes to the same account, with no new credentials.
    const second = await post(director, grantsUrl(school), { employeeId: staff.admin, role: 'subjectTeacher' });
    expect(second.statusCode).toBe(201);
    expect(second.json().credentials).toBeNull();
    expect(second.json().grant.account.login).toBe('sokolova.ev');
    const deputy = await post(director, grantsUrl(school), { employeeId: staff.deputy, role: 'deputy' });
    expect(deputy.statusCode).toBe(201);

    journalAdmin = await firstLogin(t.app, body.credentials);
  });

  it('the journal admin grants teacher roles but not deputy or journal admin', async () => {
    expect((await get(journalAdmin, `${grantsUrl(school)}/grantable`)).json().roles).toEqual(['subjectTeacher', 'classTeacher']);
    for (const role of ['deputy', 'journalAdmin', 'director']) {
      const denied = await post(journalAdmin, grantsUrl(school), { employeeId: staff.teacher, role });
      expect(denied.statusCode, role).toBe(403);
      expect(denied.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    }
    const teacher = await post(journalAdmin, grantsUrl(school), { employeeId: staff.teacher, role: 'subjectTeacher' });
    expect(teacher.statusCode).toBe(201);
    expect(teacher.json().credentials.login).toBe('lebedeva.ya');
    const classTeacher = await post(journalAdmin, grantsUrl(school), { employeeId: staff.teacher, role: 'classTeacher' });
    expect(classTeacher.statusCode).toBe(201);
    // Nobody grants the roles that come with a person's record.
    const student = await post(journalAdmin, grantsUrl(school), { employeeId: staff.teacher, role: 'student' });
    expect(student.statusCode).toBe(403);
    expect(student.json().error.message).toMatch(/появляется вместе с записью об ученике или родителе/);

    const denied = await del(journalAdmin, `${grantsUrl(school)}/${directorGrantId}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toMatch(/^Вы не можете отозвать роль «Директор»/);

    const teacherSession = await firstLogin(t.app, teacher.json().credentials);
    const list = await get(teacherSession, grantsUrl(school));
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('FORBIDDEN');
    const grant = await post(teacherSession, grantsUrl(school), { employeeId: staff.teacher2, role: 'subjectTeacher' });
    expect(grant.statusCode).toBe(403);
    expect((await get(teacherSession, `${grantsUrl(school)}/staff`)).statusCode).toBe(403);
  });

  it('the staff list shows each employee with their account and active roles', async () => {
    const res = await get(director, `${grantsUrl(school)}/staff`);
    expect(res.statusCode).toBe(200);
    const byId = new Map(res.json().employees.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(staff.teacher)).toMatchObject({
      lastName: 'Лебедева', position: 'Учитель математики',
      account: { login: 'lebedeva.ya', mustChangePassword: false, hasPassword: true },
    });
    expect((byId.get(staff.teacher) as { grants: { role: string }[] }).grants.map((g) => g.role).sort()).toEqual(['classTeacher', 'subjectTeacher']);
    expect(byId.get(staff.teacher2)).toMatchObject({ account: null, grants: [] });
    const names = res.json().employees.map((e: { lastName: string }) => e.lastName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
  });

  it('a revoke takes effect on the grantee\'s very next request while their session goes on', async () => {
    expect((await get(journalAdmin, grantsUrl(school))).statusCode).toBe(200);
    const revoked = await del(director, `${grantsUrl(school)}/${journalAdminGrantId}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().grant).toMatchObject({ id: journalAdminGrantId, revokedBy: { login: 'kuznetsova.mi' } });
    expect(revoked.json().grant.revokedAt).not.toBeNull();

    // Still a subject teacher here: the session works, the administration is gone.
    expect((await get(journalAdmin, '/api/v1/me')).statusCode).toBe(200);
    const now = await get(journalAdmin, grantsUrl(school));
    expect(now.statusCode).toBe(403);
    const write = await post(journalAdmin, grantsUrl(school), { employeeId: staff.teacher2, role: 'subjectTeacher' });
    expect(write.statusCode).toBe(403);

    // Revoking again answers the same and changes nothing.
    const twice = await del(director, `${grantsUrl(school)}/${journalAdminGrantId}`);
    expect(twice.statusCode).toBe(200);
    expect(twice.json().grant.revokedAt).toBe(revoked.json().grant.revokedAt);

    const active = (await get(director, grantsUrl(school))).json().grants.map((g: { id: string }) => g.id);
    expect(active).not.toContain(journalAdminGrantId);
    const history = (await get(director, `${grantsUrl(school)}?history=1`)).json().grants;
    expect(history).toContainEqual(expect.objectContaining({ id: journalAdminGrantId, revokedBy: expect.objectContaining({ login: 'kuznetsova.mi' }) }));
  });

  it('the director cannot revoke their own director role; the area administrator can, effective at once', async () => {
    const self = await del(director, `${grantsUrl(school)}/${directorGrantId}`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    const removed = await del(regionAdmin, `${grantsUrl(school)}/${directorGrantId}`);
    expect(removed.statusCode).toBe(200);
    // The former director holds no role in the school any more: it is as if it did not exist.
    const gone = await get(director, grantsUrl(school));
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('SCHOOL_NOT_FOUND');
    expect((await get(director, '/api/v1/me')).statusCode).toBe(200);
    // Re-appointing the same employee reuses the account: no new credentials.
    const employeeId = (await get(regionAdmin, `${grantsUrl(school)}/staff`)).json().employees.find((e: { lastName: string }) => e.lastName === 'Кузнецова').id;
    const back = await post(regionAdmin, `/api/v1/area/schools/${school}/director`, { employeeId });
    expect(back.statusCode).toBe(201);
    expect(back.json().credentials).toBeNull();
    expect((await get(director, grantsUrl(school))).statusCode).toBe(200);
  });
});

describe('bad requests', () => {
  let director: Session;
  beforeAll(async () => {
    await createAccount(t.database, { login: 'director-b', roles: [{ schoolId: area.schools[1], role: 'director' }] });
    director = await login(t.app, 'director-b');
  });

  it('answers 400 to an unknown role or a malformed id, 404 to an employee of another school', async () => {
    const url = grantsUrl(area.schools[1]);
    const role = await post(director, url, { employeeId: staff.teacher, role: 'king' });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.code).toBe('VALIDATION_FAILED');
    expect((await post(director, url, { employeeId: 'nope', role: 'deputy' })).statusCode).toBe(400);
    const foreign = await post(director, url, { employeeId: staff.teacher, role: 'deputy' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toEqual({ code: 'EMPLOYEE_NOT_FOUND', message: 'Сотрудник не найден' });
    const missingGrant = await del(director, `${url}/019ad2c4-0000-7000-8000-000000000000`);
    expect(missingGrant.statusCode).toBe(404);
    expect(missingGrant.json().error.code).toBe('GRANT_NOT_FOUND');
  });

  it('another school\'s grants and grant ids answer 404', async () => {
    expect((await get(director, grantsUrl(school))).statusCode).toBe(404);
    const foreignGrant = (await get(regionAdmin, grantsUrl(school))).json().grants[0].id;
    const res = await del(director, `${grantsUrl(area.schools[1])}/${foreignGrant}`);
    expect(res.statusCode).toBe(404);
  });

  it('needs the CSRF token to grant', async () => {
    const res = await t.app.inject({ method: 'POST', url: grantsUrl(area.schools[1]), payload: { employeeId: staff.teacher, role: 'deputy' }, headers: as(director) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });
});

describe('the area', () => {
  it('a municipality administrator reaches only the schools of its municipality', async () => {
    await createAreaAdmin(t.database, 'town-admin', { regionId: area.regionId, municipalityId: area.municipalities[1] });
    const s = await login(t.app, 'town-admin');
    const list = await get(s, '/api/v1/area/schools');
    expect(list.json().schools.map((x: { id: string }) => x.id)).toEqual([area.schools[2]]);
    expect(list.json().areas).toEqual([expect.objectContaining({ role: 'municipalityAdmin', municipality: expect.stringMatching(/^Район/) })]);

    const other = await post(s, `/api/v1/area/schools/${school}/director`, { lastName: 'Чужой', firstName: 'Директор' });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('SCHOOL_NOT_FOUND');
    expect((await get(s, grantsUrl(school))).statusCode).toBe(404);
    expect((await get(s, `/api/v1/schools/${school}/security-events`)).statusCode).toBe(404);

    const own = await post(s, `/api/v1/area/schools/${area.schools[2]}/director`, { lastName: 'Сельская', firstName: 'Анна', position: 'Директор школы' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().credentials.login).toBe('selskaya.a');
    expect((await get(s, grantsUrl(area.schools[2]))).json().grants).toHaveLength(1);
  });

  it('an administrator of another region reaches none of these schools', async () => {
    const elsewhere = await createSchool(t.database);
    await createAreaAdmin(t.database, 'far-admin', { regionId: await regionOf(elsewhere.id) });
    const s = await login(t.app, 'far-admin');
    const list = (await get(s, '/api/v1/area/schools')).json();
    expect(list.schools.map((x: { id: string }) => x.id)).toEqual([elsewhere.id]);
    expect((await post(s, `/api/v1/area/schools/${school}/director`, { employeeId: staff.teacher2 })).statusCode).toBe(404);
  });

  it('the command line\'s area administrator needs a known region, municipality and a free login', async () => {
    const code = (await t.database.db.query.regions.findFirst({ where: (r, { eq }) => eq(r.id, area.regionId) }))!.code;
    const person = { lastName: 'Краева', firstName: 'Ксения', middleName: null };
    const make = (input: { regionCode: string; municipalityName: string | null; login: string }) =>
      createAreaAdminFromCli(t.database.db, t.clock, { ...person, ...input });
    await expect(make({ regionCode: 'nowhere', municipalityName: null, login: 'x-admin' })).rejects.toMatchObject({ code: 'REGION_NOT_FOUND' });
    await expect(make({ regionCode: code, municipalityName: 'Атлантида', login: 'x-admin' })).rejects.toMatchObject({ code: 'MUNICIPALITY_NOT_FOUND' });
    await expect(make({ regionCode: code, municipalityName: null, login: 'REGION-ADMIN' })).rejects.toMatchObject({ code: 'LOGIN_TAKEN' });
    await expect(make({ regionCode: code, municipalityName: null, login: 'Ксения' })).rejects.toMatchObject({ code: 'INVALID_LOGIN' });
    const town = await make({ regionCode: code, municipalityName: (await t.database.db.query.municipalities.findFirst({ where: (m, { eq }) => eq(m.id, area.municipalities[1]) }))!.name, login: 'x-town' });
    expect(town.role).toBe('municipalityAdmin');
    const s = await firstLogin(t.app, town);
    expect((await get(s, '/api/v1/area/schools')).json().schools.map((x: { id: string }) => x.id)).toEqual([area.schools[2]]);
  });

  it('area roles are read-only beyond appointing directors', async () => {
    const credentials = await post(regionAdmin, `/api/v1/schools/${school}/credentials`, { employeeIds: [staff.teacher2] });
    expect(credentials.statusCode).toBe(403);
    const teacher = await post(regionAdmin, grantsUrl(school), { employeeId: staff.teacher2, role: 'subjectTeacher' });
    expect(teacher.statusCode).toBe(403);
    expect(teacher.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    expect((await get(regionAdmin, `${grantsUrl(school)}/grantable`)).json()).toEqual({ roles: ['director'], canIssueCredentials: false });
  });

  it('the area page is closed to school staff, and a new director needs a surname and a first name', async () => {
    await createAccount(t.database, { login: 'plain-teacher', roles: [{ schoolId: school, role: 'subjectTeacher' }] });
    const s = await login(t.app, 'plain-teacher');
    const res = await get(s, '/api/v1/area/schools');
    expect(res.statusCode).toBe(403);
    const missing = await post(regionAdmin, `/api/v1/area/schools/${school}/director`, { lastName: 'Безымянный' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/Имя: обязательное поле/);
    const both = await post(regionAdmin, `/api/v1/area/schools/${school}/director`, { employeeId: staff.teacher2, lastName: 'Двойной', firstName: 'Ввод' });
    expect(both.statusCode).toBe(400);
    const badName = await post(regionAdmin, `/api/v1/area/schools/${school}/director`, { lastName: '=HYPERLINK(1)', firstName: 'Анна' });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.code).toBe('NAME_INVALID');
  });
});

async function regionOf(schoolId: string): Promise<string> {
  const s = await t.database.db.query.schools.findFirst({ where: (x, { eq }) => eq(x.id, schoolId) });
  const m = await t.database.db.query.municipalities.findFirst({ where: (x, { eq }) => eq(x.id, s!.municipalityId) });
  return m!.regionId;
}
