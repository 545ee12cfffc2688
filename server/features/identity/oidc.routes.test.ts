// Login through OpenID Connect providers (SPEC A4), driven like a browser would: our start route,
// a real oidc-provider's login form, our callback. An IdP double signs tokens wrongly on purpose.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAtIdp, startLocalIdp, type IdpClaims, type LocalIdp } from '../../../e2e/oidc-idp';
import { snilsCheck } from '../../../domain/person';
import type { SsoProviderConfig } from '../../config';
import { accountIdentities, accounts, guardians, oidcLoginFlows, securityEvents, studentGuardians, students } from '../../db/schema';
import { freePort } from '../../test/process';
import { createAccessService } from '../access/access.service';
import { createAccount, createSchool, createTestApp, sessionCookieOf, type TestApp } from '../../test/app';
import { createIdentityService } from './identity.service';

const publicUrl = 'http://otmetka.test';
const callbackOf = (key: string) => `${publicUrl}/api/v1/auth/sso/${key}/callback`;

const providerConfig = (key: SsoProviderConfig['key'], issuer: string, clientId: string, clientSecret: string): SsoProviderConfig => ({
  key, title: key === 'esia' ? 'Госуслуги' : 'Региональный сервис авторизации', issuer, clientId, clientSecret,
  scopes: ['openid', 'snils', 'email', 'phone'], snilsClaim: 'snils',
});

/** A valid СНИЛС from a number, canonical ("123-456-789 01"), and the same digits as a provider may send them. */
let snilsCounter = 0;
function newSnils(): { canonical: string; raw: string } {
  snilsCounter += 1;
  const body = String(200_000_000 + snilsCounter * 7919 + Math.floor(Math.random() * 1000) * 100_000);
  const check = String(snilsCheck(body)).padStart(2, '0');
  return { canonical: `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6, 9)} ${check}`, raw: `${body}${check}` };
}
const uniq = () => randomBytes(4).toString('hex');

type Person = { schoolId: string; id: string };

async function addStudent(t: TestApp, schoolId: string, values: { lastName?: string; firstName?: string; snils?: string | null; email?: string | null; phone?: string | null; birthDate?: string | null; accountId?: string | null } = {}): Promise<Person> {
  const [row] = await t.database.db.insert(students).values({
    schoolId, lastName: values.lastName ?? 'Соколов', firstName: values.firstName ?? 'Миша', middleName: 'Андреевич',
    snils: values.snils ?? null, email: values.email ?? null, phone: values.phone ?? null, birthDate: values.birthDate ?? '2015-03-04', accountId: values.accountId ?? null,
  }).returning();
  return { schoolId, id: row!.id };
}

async function addGuardian(t: TestApp, schoolId: string, children: Person[], values: { lastName?: string; firstName?: string; middleName?: string; snils?: string | null; email?: string | null; phone?: string | null; accountId?: string | null } = {}): Promise<Person> {
  const [row] = await t.database.db.insert(guardians).values({
    schoolId, lastName: values.lastName ?? 'Соколова', firstName: values.firstName ?? 'Ольга', middleName: values.middleName ?? 'Петровна',
    snils: values.snils ?? null, email: values.email ?? null, phone: values.phone ?? null, accountId: values.accountId ?? null,
  }).returning();
  for (const child of children) await t.database.db.insert(studentGuardians).values({ schoolId, studentId: child.id, guardianId: row!.id, relation: 'mother' });
  return { schoolId, id: row!.id };
}

const setCookies = (res: { headers: Record<string, unknown> }): string[] => {
  const header = res.headers['set-cookie'];
  return Array.isArray(header) ? header.map(String) : header ? [String(header)] : [];
};
const cookieNamed = (res: { headers: Record<string, unknown> }, name: string): string | null =>
  setCookies(res).find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`)) ?? null;

async function countRows(t: TestApp, table: typeof accounts | typeof accountIdentities): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(table);
  return row!.n;
}

async function lastEvent(t: TestApp, kind: string) {
  const rows = await t.database.db.select().from(securityEvents).where(eq(securityEvents.kind, kind));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id)).at(-1);
}

/** A browser: our start route → the IdP's login form as `idpLogin` (null: decline) → the callback URL it is sent back to. */
async function startAndSignIn(t: TestApp, provider: string, idpLogin: string | null, returnTo?: string) {
  const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${provider}/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}` });
  expect(start.statusCode).toBe(302);
  const flowCookieLine = cookieNamed(start, 'otmetka_sso');
  expect(flowCookieLine).not.toBeNull();
  const flowCookie = flowCookieLine!.split(';')[0]!;
  const callback = await signInAtIdp(String(start.headers.location), idpLogin);
  expect(callback.origin).toBe(publicUrl);
  return { start, flowCookie, flowCookieLine: flowCookieLine!, callback };
}

const callbackRequest = (t: TestApp, callback: URL, cookie: string | null) =>
  t.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: cookie ? { cookie } : {} });

async function signInThrough(t: TestApp, provider: string, idpLogin: string, returnTo?: string) {
  const { callback, flowCookie } = await startAndSignIn(t, provider, idpLogin, returnTo);
  return callbackRequest(t, callback, flowCookie);
}

const meOf = async (t: TestApp, res: { headers: Record<string, unknown> }) => {
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: sessionCookieOf(res as never) } });
  expect(me.statusCode).toBe(200);
  return me.json() as { account: { id: string; login: string; lastName: string; firstName: string }; schools: { id: string; roles: string[] }[] };
};

describe('login through a real OpenID Connect provider', () => {
  let t: TestApp;
  let idp: LocalIdp;
  let schoolA: { id: string };
  let schoolB: { id: string };
  const account = (claims: IdpClaims): string => {
    const sub = `idp-${uniq()}`;
    idp.setAccount(sub, claims);
    return sub;
  };

  beforeAll(async () => {
    idp = await startLocalIdp({ redirectUris: [callbackOf('esia'), callbackOf('regionalSso')] });
    t = await createTestApp({
      config: {
        publicUrl,
        sso: [providerConfig('esia', idp.issuer, idp.clientId, idp.clientSecret), providerConfig('regionalSso', idp.issuer, idp.clientId, idp.clientSecret)],
      },
    });
    schoolA = await createSchool(t.database, 'СОШ № 7');
    schoolB = await createSchool(t.database, 'Гимназия № 2');
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('lists the enabled providers on the public info for the login page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public-info' });
    expect(res.json().ssoProviders).toEqual([
      { key: 'esia', title: 'Госуслуги' },
      { key: 'regionalSso', title: 'Региональный сервис авторизации' },
    ]);
  });

  it('starts with PKCE S256, state and nonce, remembers the flow hashed, and sets a Lax HttpOnly flow cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/esia/start?returnTo=%2Fdiary' });
    expect(res.statusCode).toBe(302);
    const url = new URL(String(res.headers.location));
    expect(url.origin).toBe(new URL(idp.issuer).origin);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(idp.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(callbackOf('esia'));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('scope')).toBe('openid snils email phone');
    const state = url.searchParams.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    const cookie = cookieNamed(res, 'otmetka_sso')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/sso\//);
    const [flow] = await t.database.db.select().from(oidcLoginFlows)
      .where(eq(oidcLoginFlows.stateHash, createHash('sha256').update(state).digest('hex')));
    expect(flow).toMatchObject({ provider: 'esia', returnTo: '/diary', consumedAt: null });
    expect(flow!.codeVerifier).not.toBe(url.searchParams.get('code_challenge'));
  });

  it('answers 404 for a provider that is not configured', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/vk/start' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SSO_PROVIDER_NOT_FOUND');
  });

  it('links a parent to the imported guardian by СНИЛС in every school, and the session sees only their child', async () => {
    const snils = newSnils();
    const child = await addStudent(t, schoolA.id, { firstName: 'Миша' });
    const otherChild = await addStudent(t, schoolA.id, { firstName: 'Петя', lastName: 'Чужой' });
    await addGuardian(t, schoolA.id, [otherChild], { lastName: 'Чужая', snils: newSnils().canonical });
    const childInB = await addStudent(t, schoolB.id, { firstName: 'Аня' });
    const inA = await addGuardian(t, schoolA.id, [child], { snils: snils.canonical, lastName: 'Ёлкина', firstName: 'Ольга', middleName: 'Петровна' });
    const inB = await addGuardian(t, schoolB.id, [childInB], { snils: snils.canonical });
    const accountsBefore = await countRows(t, accounts);
    const sub = account({ snils: snils.raw, email: `olga-${uniq()}@example.ru`, email_verified: false });

    const res = await signInThrough(t, 'esia', sub, '/diary');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/diary');
    const session = cookieNamed(res, 'otmetka_session')!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    // The flow cookie is cleared: its one login is over.
    expect(setCookies(res).some((c) => /^otmetka_sso=;/.test(c))).toBe(true);

    const me = await meOf(t, res);
    expect(me.account).toMatchObject({ lastName: 'Ёлкина', firstName: 'Ольга', login: expect.stringMatching(/^elkina\.op\d*$/) });
    expect(me.schools.map((s) => [s.id, s.roles]).sort()).toEqual([[schoolA.id, ['guardian']], [schoolB.id, ['guardian']]].sort());
    expect(await countRows(t, accounts)).toBe(accountsBefore + 1);
    const [created] = await t.database.db.select().from(accounts).where(eq(accounts.id, me.account.id));
    expect(created!.passwordHash).toBeNull();
    const linked = await t.database.db.select({ id: guardians.id }).from(guardians).where(eq(guardians.accountId, me.account.id));
    expect(linked.map((g) => g.id).sort()).toEqual([inA.id, inB.id].sort());
    const identities = await t.database.db.select().from(accountIdentities).where(eq(accountIdentities.accountId, me.account.id));
    expect(identities).toEqual([expect.objectContaining({ provider: 'esia', subject: sub })]);

    // What the session may see: only the child, through the access service the routes use.
    const identity = createIdentityService({ db: t.database.db, config: t.config, clock: t.clock });
    const auth = await identity.authenticate(decodeURIComponent(sessionCookieOf(res as never).split('=')[1]!));
    const access = createAccessService({ db: t.database.db, clock: t.clock });
    const visible = await access.visible(await access.authorize(auth, schoolA.id, 'student', 'read'), 'student');
    expect(visible).toEqual({ all: false, ids: new Set([child.id]) });

    const event = await lastEvent(t, 'login.sso');
    expect(event).toMatchObject({ accountId: me.account.id, details: { provider: 'esia', matchedBy: 'snils', linkedPeople: 2, accountCreated: true } });
    expect(JSON.stringify(event!.details)).not.toMatch(new RegExp(`${snils.raw}|${sub}|Ёлкина`));
  });

  it('reuses the account_identities link on the second login, even when the claims no longer match', async () => {
    const snils = newSnils();
    const child = await addStudent(t, schoolA.id);
    await addGuardian(t, schoolA.id, [child], { snils: snils.canonical });
    const sub = account({ snils: snils.raw });
    const first = await meOf(t, await signInThrough(t, 'esia', sub));
    const accountsAfterFirst = await countRows(t, accounts);
    const identitiesAfterFirst = await countRows(t, accountIdentities);

    idp.setAccount(sub, {});
    const again = await signInThrough(t, 'esia', sub);
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe('/');
    expect((await meOf(t, again)).account.id).toBe(first.account.id);
    expect(await countRows(t, accounts)).toBe(accountsAfterFirst);
    expect(await countRows(t, accountIdentities)).toBe(identitiesAfterFirst);
    expect((await lastEvent(t, 'login.sso'))!.details).toMatchObject({ matchedBy: 'identity', accountCreated: false });
    const [identityRow] = await t.database.db.select().from(accountIdentities).where(and(eq(accountIdentities.provider, 'esia'), eq(accountIdentities.subject, sub)));
    expect(identityRow!.lastUsedAt).not.toBeNull();
  });

  it('links by a verified e-mail when there is no СНИЛС', async () => {
    const email = `mama-${uniq()}@example.ru`;
    const child = await addStudent(t, schoolB.id);
    const guardian = await addGuardian(t, schoolB.id, [child], { email });
    const res = await signInThrough(t, 'esia', account({ email: email.toUpperCase(), email_verified: true }));
    expect(res.statusCode).toBe(302);
    const me = await meOf(t, res);
    expect(me.schools).toEqual([expect.objectContaining({ id: schoolB.id, roles: ['guardian'] })]);
    const [row] = await t.database.db.select().from(guardians).where(eq(guardians.id, guardian.id));
    expect(row!.accountId).toBe(me.account.id);
    expect((await lastEvent(t, 'login.sso'))!.details).toMatchObject({ matchedBy: 'email' });
  });

  it('links by a verified phone, normalised', async () => {
    const digits = `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const phone = `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8, 10)}`;
    const child = await addStudent(t, schoolA.id);
    await addGuardian(t, schoolA.id, [child], { phone });
    const res = await signInThrough(t, 'esia', account({ phone_number: `8${digits}`, phone_number_verified: true }));
    expect(res.statusCode).toBe(302);
    expect((await meOf(t, res)).schools).toEqual([expect.objectContaining({ id: schoolA.id, roles: ['guardian'] })]);
    expect((await lastEvent(t, 'login.sso'))!.details).toMatchObject({ matchedBy: 'phone' });
  });

  it('does not use an unverified e-mail or phone: no match, no account', async () => {
    const email = `papa-${uniq()}@example.ru`;
    const child = await addStudent(t, schoolA.id);
    const guardian = await addGuardian(t, schoolA.id, [child], { email, phone: '+7 912 000-11-22' });
    const accountsBefore = await countRows(t, accounts);
    const res = await signInThrough(t, 'esia', account({ email, email_verified: false, phone_number: '+79120001122' }));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login/sso-no-match?reason=no-match');
    expect(cookieNamed(res, 'otmetka_session')).toBeNull();
    expect(await countRows(t, accounts)).toBe(accountsBefore);
    const [row] = await t.database.db.select().from(guardians).where(eq(guardians.id, guardian.id));
    expect(row!.accountId).toBeNull();
  });

  it('sends an unknown person to the no-match page without personal data, creating nothing', async () => {
    const accountsBefore = await countRows(t, accounts);
    const identitiesBefore = await countRows(t, accountIdentities);
    const snils = newSnils();
    const res = await signInThrough(t, 'esia', account({ snils: snils.raw, email: 'stranger@example.ru', email_verified: true }));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login/sso-no-match?reason=no-match');
    expect(cookieNamed(res, 'otmetka_session')).toBeNull();
    expect(await countRows(t, accounts)).toBe(accountsBefore);
    expect(await countRows(t, accountIdentities)).toBe(identitiesBefore);
    const event = await lastEvent(t, 'login.sso_failed');
    expect(event).toMatchObject({ accountId: null, details: { provider: 'esia', reason: 'no-match' } });
    expect(JSON.stringify(event!.details)).not.toMatch(/stranger|\d{9}/);
  });

  it('refuses an e-mail two guardians of one school share: it cannot tell which one', async () => {
    const email = `family-${uniq()}@example.ru`;
    const child = await addStudent(t, schoolA.id);
    await addGuardian(t, schoolA.id, [child], { email, firstName: 'Ольга' });
    await addGuardian(t, schoolA.id, [child], { email, firstName: 'Андрей', lastName: 'Соколов' });
    const res = await signInThrough(t, 'esia', account({ email, email_verified: true }));
    expect(res.headers.location).toBe('/login/sso-no-match?reason=ambiguous');
    expect(cookieNamed(res, 'otmetka_session')).toBeNull();
  });

  it('links to the account a guardian record already has, without a new account', async () => {
    const snils = newSnils();
    const existing = await createAccount(t.database, { login: `parent-${uniq()}`, roles: [{ schoolId: schoolA.id, role: 'guardian' }] });
    const child = await addStudent(t, schoolA.id);
    await addGuardian(t, schoolA.id, [child], { snils: snils.canonical, accountId: existing.id });
    const accountsBefore = await countRows(t, accounts);
    const res = await signInThrough(t, 'esia', account({ snils: snils.canonical }));
    expect((await meOf(t, res)).account.id).toBe(existing.id);
    expect(await countRows(t, accounts)).toBe(accountsBefore);
    expect((await lastEvent(t, 'login.sso'))!.details).toMatchObject({ linkedPeople: 0, accountCreated: false });
  });

  it('refuses a blocked account', async () => {
    const snils = newSnils();
    const existing = await createAccount(t.database, { login: `blocked-${uniq()}`, roles: [{ schoolId: schoolA.id, role: 'guardian' }] });
    await t.database.db.update(accounts).set({ disabledAt: new Date() }).where(eq(accounts.id, existing.id));
    await addGuardian(t, schoolA.id, [], { snils: snils.canonical, accountId: existing.id });
    const res = await signInThrough(t, 'esia', account({ snils: snils.canonical }));
    expect(res.headers.location).toBe('/login?ssoError=disabled');
    expect(cookieNamed(res, 'otmetka_session')).toBeNull();
    expect(await lastEvent(t, 'login.sso_failed')).toMatchObject({ accountId: existing.id, details: { reason: 'account-disabled' } });
  });

  it('links a student through the regional service, and through Госуслуги only from 14 and only by СНИЛС', async () => {
    const young = newSnils();
    const teen = newSnils();
    const youngStudent = await addStudent(t, schoolA.id, { snils: young.canonical, birthDate: '2015-01-10' });
    await addStudent(t, schoolA.id, { snils: teen.canonical, birthDate: '2011-06-01', email: `teen-${uniq()}@example.ru` });

    const viaEsia = await signInThrough(t, 'esia', account({ snils: young.raw }));
    expect(viaEsia.headers.location).toBe('/login/sso-no-match?reason=no-match');

    const viaRegional = await signInThrough(t, 'regionalSso', account({ snils: young.raw }));
    expect(viaRegional.headers.location).toBe('/');
    expect((await meOf(t, viaRegional)).schools).toEqual([expect.objectContaining({ id: schoolA.id, roles: ['student'] })]);
    const [row] = await t.database.db.select().from(students).where(eq(students.id, youngStudent.id));
    expect(row!.accountId).not.toBeNull();

    const teenViaEsia = await signInThrough(t, 'esia', account({ snils: teen.raw }));
    expect(teenViaEsia.headers.location).toBe('/');
    expect((await meOf(t, teenViaEsia)).schools).toEqual([expect.objectContaining({ id: schoolA.id, roles: ['student'] })]);
  });

  it('refuses a replayed code: the same callback again, and the old code with a new flow', async () => {
    const snils = newSnils();
    await addGuardian(t, schoolA.id, [], { snils: snils.canonical });
    const sub = account({ snils: snils.raw });
    const { callback, flowCookie } = await startAndSignIn(t, 'esia', sub);
    const first = await callbackRequest(t, callback, flowCookie);
    expect(first.headers.location).toBe('/');

    const replay = await callbackRequest(t, callback, flowCookie);
    expect(replay.headers.location).toBe('/login?ssoError=state');
    expect(cookieNamed(replay, 'otmetka_session')).toBeNull();
    expect((await lastEvent(t, 'login.sso_failed'))!.details).toMatchObject({ reason: 'state-reused' });

    // A fresh flow of this browser, but the code of the finished one: the provider refuses it.
    const fresh = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/esia/start' });
    const freshState = new URL(String(fresh.headers.location)).searchParams.get('state')!;
    const forged = new URL(callback);
    forged.searchParams.set('state', freshState);
    const res = await callbackRequest(t, forged, cookieNamed(fresh, 'otmetka_sso')!.split(';')[0]!);
    expect(res.headers.location).toBe('/login?ssoError=failed');
    expect(cookieNamed(res, 'otmetka_session')).toBeNull();
    expect((await lastEvent(t, 'login.sso_failed'))!.details).toMatchObject({ reason: 'token-rejected', error: 'invalid_grant' });
  });

  it('refuses an authorization response whose iss is not the provider', async () => {
    const snils = newSnils();
    await addGuardian(t, schoolA.id, [], { snils: snils.canonical });
    const { callback, flowCookie } = await startAndSignIn(t, 'esia', account({ snils: snils.raw }));
    callback.searchParams.set('iss', 'https://evil.example');
    const res = await callbackRequest(t, callback, flowCookie);
    expect(res.headers.location).toBe('/login?ssoError=failed');
    expect(cookieNamed(res, 'otmetka_session')).toBeNull();
  });

  it('refuses a state that is not this browser\'s, a missing flow cookie, and an expired flow', async () => {
    const snils = newSnils();
    await addGuardian(t, schoolA.id, [], { snils: snils.canonical });
    const sub = account({ snils: snils.raw });

    // Someone else's finished login sent to this browser (login CSRF): this browser's cookie holds another state.
    const victim = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/esia/start' });
    const attacker = await startAndSignIn(t, 'esia', sub);
    const mismatch = await callbackRequest(t, attacker.callback, cookieNamed(victim, 'otmetka_sso')!.split(';')[0]!);
    expect(mismatch.headers.location).toBe('/login?ssoError=state');
    expect((await lastEvent(t, 'login.sso_failed'))!.details).toMatchObject({ reason: 'state-mismatch' });

    const noCookie = await startAndSignIn(t, 'esia', sub);
    expect((await callbackRequest(t, noCookie.callback, null)).headers.location).toBe('/login?ssoError=state');

    const slow = await startAndSignIn(t, 'esia', sub);
    t.clock.advance(11 * 60_000);
    const expired = await callbackRequest(t, slow.callback, slow.flowCookie);
    expect(expired.headers.location).toBe('/login?ssoError=state');
    expect(cookieNamed(expired, 'otmetka_session')).toBeNull();
    expect((await lastEvent(t, 'login.sso_failed'))!.details).toMatchObject({ reason: 'state-expired' });

    // A state nobody started.
    const unknown = new URL(slow.callback);
    unknown.searchParams.set('state', 'made-up-state');
    expect((await callbackRequest(t, unknown, 'otmetka_sso=made-up-state')).headers.location).toBe('/login?ssoError=state');
  });

  it('tells the login page when the person declined at the provider', async () => {
    const { callback, flowCookie } = await startAndSignIn(t, 'esia', null);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const res = await callbackRequest(t, callback, flowCookie);
    expect(res.headers.location).toBe('/login?ssoError=denied');
    expect((await lastEvent(t, 'login.sso_failed'))!.details).toMatchObject({ provider: 'esia', reason: 'provider-error', error: 'access_denied' });
  });

  it('returns only to a path of this site', async () => {
    const snils = newSnils();
    await addGuardian(t, schoolB.id, [], { snils: snils.canonical });
    const sub = account({ snils: snils.raw });
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/login']) {
      const res = await signInThrough(t, 'esia', sub, returnTo);
      expect(res.headers.location).toBe('/');
    }
  });
});

describe('a provider that does not answer, and no providers at all', () => {
  it('sends the browser back to the login page with "unavailable"', async () => {
    const port = await freePort();
    const t = await createTestApp({ config: { publicUrl, sso: [providerConfig('esia', `http://127.0.0.1:${port}`, 'otmetka', 'secret')] } });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/esia/start' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?ssoError=unavailable');
      expect(cookieNamed(res, 'otmetka_sso')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('lists no providers and has no start route for them when none is configured', async () => {
    const t = await createTestApp();
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/public-info' })).json().ssoProviders).toEqual([]);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/esia/start' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});

type DoubleMode = 'ok' | 'wrong-iss' | 'wrong-aud' | 'bad-signature' | 'wrong-nonce';

/** An IdP double: honest discovery, JWKS and PKCE, but ID tokens spoiled the way `mode` says. */
async function startIdpDouble(clientId: string, clientSecret: string) {
  const good = await generateKeyPair('RS256');
  const rogue = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string }>();
  const state = { mode: 'ok' as DoubleMode, claims: {} as Record<string, unknown> };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString());
  };
  const json = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const sign = async (claims: Record<string, unknown>, key: CryptoKey) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuedAt().setExpirationTime('5m').sign(key);

  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [publicJwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', redirectUri: p.get('redirect_uri') ?? '' });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const p = await body(req);
      // client_secret_basic: both parts form-urlencoded, then base64 (RFC 6749 §2.3.1).
      const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':')
        .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      const issued = codes.get(p.get('code') ?? '');
      codes.delete(p.get('code') ?? '');
      const verifier = p.get('code_verifier') ?? '';
      if (id !== clientId || secret !== clientSecret || !issued || issued.redirectUri !== p.get('redirect_uri')
        || createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      const m = state.mode;
      const idToken = await sign({
        ...state.claims,
        sub: 'double-1',
        iss: m === 'wrong-iss' ? 'https://other-idp.example' : issuer,
        aud: m === 'wrong-aud' ? 'someone-else' : clientId,
        nonce: m === 'wrong-nonce' ? 'not-the-nonce' : issued.nonce,
      }, m === 'bad-signature' ? rogue.privateKey : good.privateKey);
      return json(res, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    res.writeHead(404).end();
  });

  return {
    issuer,
    state,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('ID tokens the client must refuse (an IdP double)', () => {
  let t: TestApp;
  let double: Awaited<ReturnType<typeof startIdpDouble>>;
  const snils = newSnils();

  beforeAll(async () => {
    double = await startIdpDouble('otmetka-double', 'double-secret');
    t = await createTestApp({ config: { publicUrl, sso: [providerConfig('esia', double.issuer, 'otmetka-double', 'double-secret')] } });
    const school = await createSchool(t.database);
    await addGuardian(t, school.id, [], { snils: snils.canonical });
    double.state.claims = { snils: snils.raw };
  });
  afterAll(async () => {
    await t?.close();
    await double?.close();
  });

  const attempt = async (mode: DoubleMode) => {
    double.state.mode = mode;
    return signInThrough(t, 'esia', 'unused');
  };

  it('signs in when the double behaves (so the refusals below are about the spoiled token)', async () => {
    const res = await attempt('ok');
    expect(res.headers.location).toBe('/');
    expect(cookieNamed(res, 'otmetka_session')).not.toBeNull();
  });

  it.each([
    ['wrong-iss', 'iss'],
    ['wrong-aud', 'aud'],
    ['wrong-nonce', 'nonce'],
    ['bad-signature', null],
  ] as const)('refuses an ID token with %s', async (mode, claim) => {
    const res = await attempt(mode);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?ssoError=failed');
    expect(cookieNamed(res, 'otmetka_session')).toBeNull();
    const event = await lastEvent(t, 'login.sso_failed');
    expect(event!.details).toMatchObject({ provider: 'esia', reason: 'token-rejected' });
    if (claim) expect(event!.details).toMatchObject({ claim });
    else expect(event!.details).toMatchObject({ check: 'signature' });
  });
});
