import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger';
import { as, createAccount, createSchool, createTestApp, login, sessionCookieOf, type TestApp } from '../../test/app';

let t: TestApp;
let schoolA: { id: string };
let schoolB: { id: string };

beforeAll(async () => {
  t = await createTestApp({ config: { loginThrottle: { maxFailures: 5, windowMinutes: 15 } } });
  schoolA = await createSchool(t.database, 'СОШ № 1');
  schoolB = await createSchool(t.database, 'СОШ № 2');
  await createAccount(t.database, { login: 'ivanova', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }, { schoolId: schoolA.id, role: 'classTeacher' }] });
  await createAccount(t.database, { login: 'two-schools', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }, { schoolId: schoolB.id, role: 'director' }] });
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('POST /api/v1/auth/login', () => {
  it('sets an HttpOnly SameSite session cookie and returns the user with roles', async () => {
    const res = await post('/api/v1/auth/login', { login: 'Ivanova ', password: 'correct horse' });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/otmetka_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = res.json();
    expect(me.account).toMatchObject({ login: 'ivanova', lastName: 'Петрова', firstName: 'Анна', mustChangePassword: false });
    expect(me.schools).toEqual([expect.objectContaining({ id: schoolA.id, roles: ['subjectTeacher', 'classTeacher'] })]);
    expect(me.activeSchoolId).toBe(schoolA.id);
    expect(me.account).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown login identically', async () => {
    const wrong = await post('/api/v1/auth/login', { login: 'two-schools', password: 'nope' });
    const unknown = await post('/api/v1/auth/login', { login: 'nobody-here', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Неверный логин или пароль' } });
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rejects missing fields and malformed JSON with a Russian 400', async () => {
    const missing = await post('/api/v1/auth/login', { login: 'ivanova' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    expect(missing.json().error.message).toMatch(/Неверные данные/);
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"login":', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('MALFORMED_BODY');
    const form = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: 'login=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
  });

  it('refuses a login posted from another site', async () => {
    const res = await post('/api/v1/auth/login', { login: 'ivanova', password: 'correct horse' }, { 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CROSS_SITE_REQUEST');
  });
});

describe('sessions', () => {
  it('GET /me without a cookie or with a forged one is 401', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHENTICATED');
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'otmetka_session=forged' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.message).toMatch(/Войдите снова/);
  });

  it('logout needs the CSRF token, ends the session, and its cookie is then refused', async () => {
    const s = await login(t.app, 'ivanova');
    const noToken = await post('/api/v1/auth/logout', {}, { cookie: s.cookie });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const badToken = await post('/api/v1/auth/logout', {}, { cookie: s.cookie, 'x-csrf-token': `${s.csrfToken}x` });
    expect(badToken.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(s) })).statusCode).toBe(200);
    const out = await post('/api/v1/auth/logout', {}, as(s, true));
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/otmetka_session=;/);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(s) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session after the idle timeout, but activity keeps it alive', async () => {
    const s = await login(t.app, 'ivanova');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(s) });
    t.clock.advance(100 * 60_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(100 * 60_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(121 * 60_000);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
    t.clock.advance(-121 * 60_000);
    expect((await me()).statusCode).toBe(401); // ended for good, not just late
  });

  it('ends a session at the absolute timeout even when active', async () => {
    const s = await login(t.app, 'ivanova');
    let status = 200;
    let hours = 0;
    while (status === 200 && hours < 20) {
      t.clock.advance(60 * 60_000);
      hours += 1;
      status = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(s) })).statusCode;
    }
    expect(status).toBe(401);
    expect(hours).toBe(t.config.session.absoluteHours);
  });
});

describe('login throttling', () => {
  it('after repeated failures answers 429 in Russian, even to the right password, until the window passes', async () => {
    await createAccount(t.database, { login: 'target' });
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/v1/auth/login', { login: 'target', password: `guess-${i}` })).statusCode).toBe(401);
    }
    const blocked = await post('/api/v1/auth/login', { login: 'target', password: 'correct horse' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('LOGIN_THROTTLED');
    expect(blocked.json().error.message).toMatch(/Слишком много неудачных попыток входа\. Попробуйте снова через \d+ минут/);
    // Another login from the same address is not blocked by this one.
    expect((await post('/api/v1/auth/login', { login: 'ivanova', password: 'correct horse' })).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await post('/api/v1/auth/login', { login: 'target', password: 'correct horse' })).statusCode).toBe(200);
  });

  it('throttles unknown logins the same way as known ones', async () => {
    for (let i = 0; i < 5; i++) await post('/api/v1/auth/login', { login: 'ghost', password: 'x' });
    expect((await post('/api/v1/auth/login', { login: 'ghost', password: 'x' })).statusCode).toBe(429);
  });
});

describe('the current user', () => {
  it('switches the active school only to a school of the user', async () => {
    const s = await login(t.app, 'two-schools');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(s) })).json();
    expect(me.schools.map((x: { id: string }) => x.id).sort()).toEqual([schoolA.id, schoolB.id].sort());
    const other = me.schools.find((x: { id: string }) => x.id !== me.activeSchoolId);
    const switched = await t.app.inject({ method: 'PUT', url: '/api/v1/me/active-school', payload: { schoolId: other.id }, headers: as(s, true) });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().activeSchoolId).toBe(other.id);
    const again = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(s) })).json();
    expect(again.activeSchoolId).toBe(other.id);

    const ivanova = await login(t.app, 'ivanova');
    const foreign = await t.app.inject({ method: 'PUT', url: '/api/v1/me/active-school', payload: { schoolId: schoolB.id }, headers: as(ivanova, true) });
    expect(foreign.statusCode).toBe(404);
    const missing = await t.app.inject({ method: 'PUT', url: '/api/v1/me/active-school', payload: { schoolId: '019ad2c4-0000-7000-8000-000000000000' }, headers: as(ivanova, true) });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe(foreign.body);
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    await createAccount(t.database, { login: 'changer', roles: [{ schoolId: schoolA.id, role: 'deputy' }] });
    const here = await login(t.app, 'changer');
    const elsewhere = await login(t.app, 'changer');
    const url = '/api/v1/me/password';
    const wrong = await t.app.inject({ method: 'POST', url, payload: { currentPassword: 'nope', newPassword: 'new secret 1' }, headers: as(here, true) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toEqual({ code: 'WRONG_PASSWORD', message: 'Текущий пароль введён неверно' });
    const short = await t.app.inject({ method: 'POST', url, payload: { currentPassword: 'correct horse', newPassword: 'short' }, headers: as(here, true) });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('VALIDATION_FAILED');
    expect(short.json().error.message).toMatch(/не короче 8 символов/);
    const ok = await t.app.inject({ method: 'POST', url, payload: { currentPassword: 'correct horse', newPassword: 'new secret 1' }, headers: as(here, true) });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(here) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(elsewhere) })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: 'changer', password: 'correct horse' })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: 'changer', password: 'new secret 1' })).statusCode).toBe(200);
  });

  it('lets a user with a one-time password only see themself and change it', async () => {
    await createAccount(t.database, { login: 'newbie', mustChangePassword: true, roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
    const s = await login(t.app, 'newbie');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(s) });
    expect(me.json().account.mustChangePassword).toBe(true);
    const blocked = await t.app.inject({ method: 'PUT', url: '/api/v1/me/active-school', payload: { schoolId: schoolA.id }, headers: as(s, true) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'correct horse', newPassword: 'my own secret' }, headers: as(s, true) });
    expect(changed.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'PUT', url: '/api/v1/me/active-school', payload: { schoolId: schoolA.id }, headers: as(s, true) });
    expect(after.statusCode).toBe(200);
    expect(after.json().account.mustChangePassword).toBe(false);
  });
});

describe('own sessions', () => {
  it('lists the open sessions with the current one marked, and ends another one', async () => {
    await createAccount(t.database, { login: 'traveller', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
    const laptop = await login(t.app, 'traveller');
    const library = await login(t.app, 'traveller');
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: as(laptop) });
    expect(listed.statusCode).toBe(200);
    const sessions = listed.json().sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;

    const ivanova = await login(t.app, 'ivanova');
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${other.id}`, headers: as(ivanova, true) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('SESSION_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(library) })).statusCode).toBe(200);

    const noCsrf = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${other.id}`, headers: as(laptop) });
    expect(noCsrf.statusCode).toBe(403);
    const ended = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${other.id}`, headers: as(laptop, true) });
    expect(ended.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as(library) })).statusCode).toBe(401);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: as(laptop) })).json();
    expect(after.sessions.map((s: { id: string }) => s.id)).not.toContain(other.id);
    const bad = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions/not-an-id', headers: as(laptop, true) });
    expect(bad.statusCode).toBe(400);
  });
});

describe('logs', () => {
  it('carry no passwords, logins, cookies or names', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logged = await createTestApp({ config: { env: 'production', logLevel: 'trace' }, logger: createLogger('trace', sink) });
    try {
      await createAccount(logged.database, { login: 'secretive', password: 'hunter22 secret', lastName: 'Засекреченный' });
      const res = await logged.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'secretive', password: 'hunter22 secret' } });
      const cookie = sessionCookieOf(res);
      await logged.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
      await logged.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'secretive', password: 'wrong one' } });
      const text = lines.join('');
      expect(text.length).toBeGreaterThan(0);
      for (const secret of ['hunter22', 'secretive', 'Засекреченный', cookie.split('=')[1]!]) expect(text).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});

describe('API description and health', () => {
  it('serves the OpenAPI 3.1 document with the identity routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/me', '/api/v1/me/password', '/api/v1/me/active-school']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('answers /healthz and /readyz, and unknown API paths with a Russian 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Адрес не найден' } });
  });
});
