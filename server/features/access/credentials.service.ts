// Issuing logins and one-time passwords to staff (SPEC A4). A password is generated here, shown
// once in the answer and kept only as an argon2id hash; the account must change it at the first
// login. Who may reset whose password: docs/decisions/007-grant-chain-and-credentials.md.
import type { CredentialRowDto, CredentialSheetDto, IssueCredentialsInput } from '../../../contracts/access';
import { mayGrant } from '../../../domain/access';
import { roleTitles, schoolRoles, type SchoolRole } from '../../../domain/roles';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import { generatePassword, hashPassword } from '../../lib/passwords';
import type { AccessService, Actor } from './access.service';
import { loginPattern } from '../identity/credentials';
import * as identityRepo from '../identity/identity.repo';
import type { AuthContext, RequestMeta } from '../identity/identity.service';
import * as repo from './grants.repo';
import { firstFreeLogin, loginBase } from './login-names';

export type PreparedPassword = { password: string; passwordHash: string };

export const preparePassword = async (): Promise<PreparedPassword> => {
  const password = generatePassword();
  return { password, passwordHash: await hashPassword(password) };
};

/**
 * Makes an account for an employee with a generated login and a one-time password, and links
 * the employee record to it. The login is unique: a taken one, even taken by a parallel
 * request a moment ago, moves on to the next number.
 */
export async function createEmployeeAccount(tx: Queryable, employee: repo.EmployeeRow, prepared: PreparedPassword, at: Date): Promise<{ id: string; login: string }> {
  const base = loginBase(employee);
  if (!loginPattern.test(base)) throw new Error('generated login does not match the login pattern');
  for (let attempt = 0; attempt < 5; attempt++) {
    const login = firstFreeLogin(base, await repo.loginsLike(tx, base));
    const account = await repo.insertAccountIfLoginFree(tx, {
      login, passwordHash: prepared.passwordHash, mustChangePassword: true, passwordChangedAt: at,
      lastName: employee.lastName, firstName: employee.firstName, middleName: employee.middleName,
    });
    if (account) {
      await repo.linkEmployeeAccount(tx, employee.schoolId, employee.id, account.id);
      return { id: account.id, login };
    }
  }
  throw new AppError('LOGIN_BUSY', 409, 'Не удалось подобрать свободный логин. Повторите попытку');
}

export const fullNameOf = (p: { lastName: string; firstName: string; middleName: string | null }): string =>
  [p.lastName, p.firstName, p.middleName].filter((x): x is string => !!x).join(' ');

/** The broadest staff role in the list, or null. */
const topStaffRole = (roles: readonly SchoolRole[]): SchoolRole | null =>
  schoolRoles.find((r) => repo.staffRoles.includes(r) && roles.includes(r)) ?? null;

/**
 * Whether the caller may set a new password on this employee's account: someone who could
 * grant the account's broadest role here, and never for an account that works elsewhere too
 * (another school's or an area's access is not this school's to hand out).
 */
export function assertMayIssueFor(actor: Actor, writer: boolean, employee: repo.EmployeeRow, roles: repo.AccountRoles | null): void {
  const name = fullNameOf(employee);
  if (roles && (roles.elsewhere > 0 || roles.area > 0)) {
    throw new AppError('ACCOUNT_SHARED', 403,
      `${name}: учётная запись работает и в другой школе или в органе управления образованием. Пароль сменит сам пользователь в профиле или администратор установки командой reset-password`);
  }
  const top = roles ? topStaffRole(roles.here) : null;
  if (top) {
    if (!mayGrant(actor.roles, top)) {
      throw new AppError('CREDENTIAL_NOT_ALLOWED', 403,
        `${name}: пароль сотрудника с ролью «${roleTitles[top]}» может сбросить только тот, кто выдаёт эту роль`);
    }
    return;
  }
  if (!writer) throw new AppError('FORBIDDEN', 403, 'Недостаточно прав для этого действия');
}

export type CredentialsDeps = { db: Db; clock: Clock; access: AccessService };

export function createCredentialsService({ db, clock, access }: CredentialsDeps) {
  /**
   * The caller in the school, if the matrix lets them issue credentials at all. `writer` is the
   * school's own administration; an area administrator (scope `area`) only resets the directors
   * it appoints, which `assertMayIssueFor` checks through the grant chain.
   */
  async function issuer(auth: AuthContext, schoolId: string): Promise<{ actor: Actor; writer: boolean }> {
    const { actor, scopes } = await access.authorize(auth, schoolId, 'credential', 'write');
    return { actor, writer: scopes.includes('school') };
  }

  async function issue(auth: AuthContext, schoolId: string, input: IssueCredentialsInput, meta: RequestMeta): Promise<CredentialSheetDto & { timeZone: string }> {
    const { actor, writer } = await issuer(auth, schoolId);
    const ids = [...new Set(input.employeeIds)];
    // argon2 is slow on purpose: hash before the transaction so that its locks stay short.
    const prepared = await Promise.all(ids.map(() => preparePassword()));
    const school = (await repo.findSchool(db, schoolId))!.name;
    const at = clock.now();
    const rows = await db.transaction(async (tx) => {
      const found = await repo.lockEmployees(tx, schoolId, ids);
      if (found.length !== ids.length) {
        const known = new Set(found.map((e) => e.id));
        throw new AppError('EMPLOYEE_NOT_FOUND', 404, 'Сотрудник не найден', { missing: ids.filter((id) => !known.has(id)) });
      }
      const byName = [...found].sort((a, b) => fullNameOf(a).localeCompare(fullNameOf(b), 'ru') || a.id.localeCompare(b.id));
      const out: CredentialRowDto[] = [];
      for (const [i, employee] of byName.entries()) {
        const secret = prepared[i]!;
        const base = { employeeId: employee.id, name: fullNameOf(employee), position: employee.position, password: secret.password };
        if (employee.accountId) {
          const account = (await identityRepo.findAccount(tx, employee.accountId))!;
          assertMayIssueFor(actor, writer, employee, await repo.rolesOfAccount(tx, account.id, schoolId));
          if (account.disabledAt) throw new AppError('ACCOUNT_DISABLED', 409, `${base.name}: учётная запись заблокирована`);
          await identityRepo.setPassword(tx, account.id, secret.passwordHash, true, at);
          // Whoever knew the old password is logged out everywhere.
          await identityRepo.endOtherSessions(tx, account.id, null, at, 'password-reset');
          await identityRepo.insertSecurityEvent(tx, {
            kind: 'password.reset', accountId: account.id, actorAccountId: actor.accountId, schoolId, ip: meta.ip, at,
            details: { employeeId: employee.id },
          });
          out.push({ ...base, login: account.login, kind: 'reset' });
        } else {
          assertMayIssueFor(actor, writer, employee, null);
          const account = await createEmployeeAccount(tx, employee, secret, at);
          await identityRepo.insertSecurityEvent(tx, {
            kind: 'credentials.issued', accountId: account.id, actorAccountId: actor.accountId, schoolId, ip: meta.ip, at,
            details: { employeeId: employee.id },
          });
          out.push({ ...base, login: account.login, kind: 'created' });
        }
      }
      return out;
    });
    return { school, issuedAt: at.toISOString(), rows, timeZone: actor.timeZone };
  }

  /** Checks that the caller may lay out a sheet they were given (XLSX of the sheet on screen); the time zone to date it in. */
  async function sheetTimeZone(auth: AuthContext, schoolId: string): Promise<string> {
    const { actor } = await issuer(auth, schoolId);
    return actor.timeZone;
  }

  return { issue, sheetTimeZone };
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;
