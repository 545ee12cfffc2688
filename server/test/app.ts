// Test harness: an application on a fresh real database, plus a factory of schools and accounts.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Logger } from 'pino';
import { testConfig, type Config } from '../config';
import { buildApp } from '../app';
import type { Database } from '../db/client';
import { accounts, municipalities, regions, schoolRoleGrants, schools } from '../db/schema';
import { ManualClock } from '../lib/clock';
import { hashPassword } from '../lib/passwords';
import type { SchoolRole } from '../../domain/roles';
import { createTestDatabase } from './database';

export type TestApp = { app: FastifyInstance; database: Database; clock: ManualClock; config: Config; close(): Promise<void> };

export async function createTestApp(options: { config?: Partial<Config>; logger?: Logger } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new ManualClock();
  const config = testConfig(options.config);
  const app = await buildApp({ database, config, clock, serveWeb: false, ...(options.logger ? { logger: options.logger } : {}) });
  await app.ready();
  return {
    app, database, clock, config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let schoolCounter = 0;

export async function createSchool(database: Database, name?: string): Promise<{ id: string; name: string }> {
  schoolCounter += 1;
  const [region] = await database.db.insert(regions).values({ code: `t${schoolCounter}-${Math.random().toString(36).slice(2, 8)}`, name: 'Пермский край' }).returning();
  const [municipality] = await database.db.insert(municipalities).values({ regionId: region!.id, name: 'г. Пермь' }).returning();
  const schoolName = name ?? `Школа № ${schoolCounter}`;
  const [school] = await database.db.insert(schools).values({
    municipalityId: municipality!.id, name: `МАОУ «${schoolName}»`, shortName: schoolName, timeZone: 'Asia/Yekaterinburg',
  }).returning();
  return { id: school!.id, name: schoolName };
}

const hashes = new Map<string, Promise<string>>();

export async function createAccount(database: Database, input: {
  login: string; password?: string; roles?: { schoolId: string; role: SchoolRole }[]; mustChangePassword?: boolean;
  lastName?: string; firstName?: string; middleName?: string;
}): Promise<{ id: string }> {
  const password = input.password ?? 'correct horse';
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const [account] = await database.db.insert(accounts).values({
    login: input.login.toLowerCase(),
    passwordHash: await hashes.get(password)!,
    mustChangePassword: input.mustChangePassword ?? false,
    lastName: input.lastName ?? 'Петрова',
    firstName: input.firstName ?? 'Анна',
    middleName: input.middleName ?? 'Сергеевна',
  }).returning();
  for (const r of input.roles ?? []) {
    await database.db.insert(schoolRoleGrants).values({ schoolId: r.schoolId, accountId: account!.id, role: r.role });
  }
  return { id: account!.id };
}

/** The session cookie's "name=value" from a login answer, to send back as a Cookie header. */
export const sessionCookieOf = (res: LightMyRequestResponse): string => {
  const header = res.headers['set-cookie'];
  const line = (Array.isArray(header) ? header : [header ?? '']).find((c) => c.startsWith('otmetka_session='));
  if (!line) throw new Error(`no session cookie in answer ${res.statusCode}: ${res.body}`);
  return line.split(';')[0]!;
};

export type Session = { cookie: string; csrfToken: string };

export async function login(app: FastifyInstance, loginName: string, password = 'correct horse'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password } });
  if (res.statusCode !== 200) throw new Error(`login ${loginName} failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookieOf(res), csrfToken: res.json().csrfToken };
}

/** Headers of a request made within a session; writes carry the CSRF token. */
export const as = (s: Session, write = false): Record<string, string> =>
  write ? { cookie: s.cookie, 'x-csrf-token': s.csrfToken } : { cookie: s.cookie };
