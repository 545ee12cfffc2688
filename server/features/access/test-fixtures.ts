// Test fixtures of the access area: a region with two municipalities and their schools, staff
// records, area administrators, and a first login that replaces the one-time password.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../db/client';
import { areaRoleGrants, employees, municipalities, regions, schools } from '../../db/schema';
import { as, createAccount, login, type Session } from '../../test/app';

let counter = 0;

export type Area = {
  regionId: string;
  municipalities: [string, string];
  /** Two schools in the first municipality, one in the second. */
  schools: [string, string, string];
};

export async function createArea(database: Database): Promise<Area> {
  counter += 1;
  const suffix = `${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const [region] = await database.db.insert(regions).values({ code: `r${suffix}`, name: `Край ${suffix}` }).returning();
  const [m1, m2] = await database.db.insert(municipalities).values([
    { regionId: region!.id, name: `Город ${suffix}` },
    { regionId: region!.id, name: `Район ${suffix}` },
  ]).returning();
  const made = await database.db.insert(schools).values([
    { municipalityId: m1!.id, name: 'МАОУ «СОШ № 1»', shortName: 'СОШ № 1', timeZone: 'Asia/Yekaterinburg' },
    { municipalityId: m1!.id, name: 'МАОУ «СОШ № 2»', shortName: 'СОШ № 2', timeZone: 'Asia/Yekaterinburg' },
    { municipalityId: m2!.id, name: 'МБОУ «Сельская СОШ»', shortName: 'Сельская СОШ', timeZone: 'Asia/Yekaterinburg' },
  ]).returning();
  return { regionId: region!.id, municipalities: [m1!.id, m2!.id], schools: [made[0]!.id, made[1]!.id, made[2]!.id] };
}

export async function createEmployee(database: Database, schoolId: string, person: { lastName: string; firstName: string; middleName?: string | null; position?: string; accountId?: string }): Promise<string> {
  const [row] = await database.db.insert(employees).values({
    schoolId, lastName: person.lastName, firstName: person.firstName, middleName: person.middleName ?? null,
    position: person.position ?? 'Учитель', accountId: person.accountId ?? null,
  }).returning();
  return row!.id;
}

export async function createAreaAdmin(database: Database, loginName: string, area: { regionId: string; municipalityId?: string }): Promise<{ id: string }> {
  const account = await createAccount(database, { login: loginName, lastName: 'Областная', firstName: 'Ольга', middleName: 'Олеговна' });
  await database.db.insert(areaRoleGrants).values({
    accountId: account.id, role: area.municipalityId ? 'municipalityAdmin' : 'regionAdmin',
    regionId: area.regionId, municipalityId: area.municipalityId ?? null,
  });
  return account;
}

/** Logs in with a one-time password, checks that it must be changed, and changes it. */
export async function firstLogin(app: FastifyInstance, credentials: { login: string; password: string }, newPassword = 'a new secret 1'): Promise<Session> {
  const session = await login(app, credentials.login, credentials.password);
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: as(session) });
  expect(me.json().account.mustChangePassword).toBe(true);
  const changed = await app.inject({
    method: 'POST', url: '/api/v1/me/password', headers: as(session, true),
    payload: { currentPassword: credentials.password, newPassword },
  });
  expect(changed.statusCode, changed.body).toBe(200);
  return session;
}
