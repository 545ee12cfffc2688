// Starts the real server once for all journeys: its own PGlite folder with two demo schools
// (the demo teacher works in both, so the school switcher shows), and a local OpenID Connect
// provider standing in for Госуслуги, which knows the demo parent and one stranger.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../server/db/client';
import { accounts, guardians } from '../server/db/schema';
import { childEnv, freePort, newDataDir, runCli, startServer, type RunningServer } from '../server/test/process';
import { startLocalIdp, type IdpClaims, type LocalIdp } from './oidc-idp';

let server: RunningServer | null = null;
let idp: LocalIdp | null = null;
let dir = '';

/** Logins at the local IdP the journeys type into its form. */
const idpLogins = { parent: 'demo-parent', stranger: 'stranger' };

/**
 * What Госуслуги would say about the demo parent, read from their guardian record so that no
 * generated data is written here: the СНИЛС when the record has one, else the e-mail or phone,
 * confirmed. Read before the server starts: a PGlite folder serves one process at a time.
 */
async function demoParentClaims(dataDir: string): Promise<IdpClaims> {
  const database = await openDatabase({ dataDir });
  try {
    const [row] = await database.db.select({ snils: guardians.snils, email: guardians.email, phone: guardians.phone })
      .from(guardians).innerJoin(accounts, eq(accounts.id, guardians.accountId))
      .where(eq(accounts.login, 'parent')).limit(1);
    if (!row) throw new Error('the demo parent has no guardian record');
    if (row.snils) return { snils: row.snils.replace(/\D/g, '') };
    if (row.email) return { email: row.email, email_verified: true };
    if (row.phone) return { phone_number: row.phone, phone_number_verified: true };
    throw new Error('the demo parent\'s record has neither СНИЛС nor e-mail nor phone');
  } finally {
    await database.close();
  }
}

export async function setup(project: TestProject) {
  dir = newDataDir();
  const demo = await runCli(['demo', '--schools', '2'], childEnv(dir));
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  const parentClaims = await demoParentClaims(dir);
  const blankSchool = await createBlankSchool(dir);

  // The server needs the IdP's address at start and the IdP needs the server's callback: reserve
  // the IdP's port first, start the server (it discovers the IdP on first use), then the IdP.
  const idpPort = await freePort();
  const clientId = 'otmetka-e2e';
  const clientSecret = randomBytes(24).toString('base64url');
  server = await startServer(dir, {
    OIDC_ESIA_ISSUER: `http://localhost:${idpPort}`,
    OIDC_ESIA_CLIENT_ID: clientId,
    OIDC_ESIA_CLIENT_SECRET: clientSecret,
  });
  // localhost, not 127.0.0.1: another site for the browser, as Госуслуги is.
  idp = await startLocalIdp({ port: idpPort, host: 'localhost', clientId, clientSecret, redirectUris: [`${server.url}/api/v1/auth/sso/esia/callback`] });
  idp.setAccount(idpLogins.parent, parentClaims);
  // A valid СНИЛС nobody in the demo has, and an e-mail that is not confirmed.
  idp.setAccount(idpLogins.stranger, { snils: '11223344595', email: 'stranger@example.ru', email_verified: false });
  project.provide('baseUrl', server.url);
  project.provide('idpLogins', idpLogins);
  project.provide('blankSchool', blankSchool);
}

/**
 * A school with nothing in it but its journal administrator, made the way an installation makes
 * one (the command line), for the journey that prepares a school year from scratch.
 */
async function createBlankSchool(dataDir: string): Promise<{ id: string; login: string; password: string }> {
  const env = childEnv(dataDir);
  const school = await runCli(['create-school', '--name', 'МАОУ «Средняя школа № 100»', '--short-name', 'Школа № 100'], env);
  if (school.code !== 0) throw new Error(`create-school failed: ${school.stderr}`);
  const id = school.stdout.trim().split('\n').at(-1)!.trim();
  const login = 'yearadmin';
  const admin = await runCli(['create-admin', '--school', id, '--login', login, '--last-name', 'Белова', '--first-name', 'Анна', '--role', 'journalAdmin'], env);
  if (admin.code !== 0) throw new Error(`create-admin failed: ${admin.stderr}`);
  const password = /Одноразовый пароль: (\S+)/.exec(admin.stdout)?.[1];
  if (!password) throw new Error(`create-admin printed no password: ${admin.stdout}`);
  return { id, login, password };
}

export async function teardown() {
  await server?.stop();
  await idp?.close();
  rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    idpLogins: { parent: string; stranger: string };
    blankSchool: { id: string; login: string; password: string };
  }
}
