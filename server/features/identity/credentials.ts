// Issuing credentials from the command line: the first administrator of a school and password
// resets. Each password is one-time: the user must change it at the first login (SPEC A4).
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import { generatePassword, hashPassword } from '../../lib/passwords';
import { addEmployee, schoolExists } from '../org/org.service';
import { normalizeLogin } from './identity.service';
import * as repo from './identity.repo';

export const loginPattern = /^[a-z0-9][a-z0-9._-]{1,62}$/;
export const AdminRole = z.enum(['director', 'deputy', 'journalAdmin']);
export type AdminRole = z.infer<typeof AdminRole>;

const positions: Record<AdminRole, string> = {
  director: 'Директор',
  deputy: 'Заместитель директора',
  journalAdmin: 'Администратор электронного журнала',
};

export type NewAdmin = { schoolId: string; login: string; lastName: string; firstName: string; middleName: string | null; role: AdminRole };

export async function createAdmin(db: Db, clock: Clock, input: NewAdmin): Promise<{ accountId: string; login: string; password: string }> {
  const login = normalizeLogin(input.login);
  if (!loginPattern.test(login)) {
    throw new AppError('INVALID_LOGIN', 400, 'Логин: 2–63 символа, латинские буквы, цифры, точка, дефис, подчёркивание; начинается с буквы или цифры');
  }
  if (!(await schoolExists(db, input.schoolId))) throw new AppError('SCHOOL_NOT_FOUND', 404, 'Школа не найдена');
  if (await repo.findAccountByLogin(db, login)) throw new AppError('LOGIN_TAKEN', 409, `Логин ${login} уже занят`);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const at = clock.now();
  const accountId = await db.transaction(async (tx) => {
    const account = await repo.insertAccount(tx, {
      login, passwordHash, mustChangePassword: true, passwordChangedAt: at,
      lastName: input.lastName, firstName: input.firstName, middleName: input.middleName,
    });
    await addEmployee(tx, {
      schoolId: input.schoolId, accountId: account.id, lastName: input.lastName, firstName: input.firstName,
      middleName: input.middleName, position: positions[input.role],
    });
    await repo.insertSchoolRoleGrant(tx, { schoolId: input.schoolId, accountId: account.id, role: input.role, grantedAt: at });
    await repo.insertSecurityEvent(tx, { kind: 'role.granted', accountId: account.id, schoolId: input.schoolId, at, details: { role: input.role, via: 'cli' } });
    return account.id;
  });
  return { accountId, login, password };
}

export async function resetPassword(db: Db, clock: Clock, loginInput: string): Promise<{ login: string; password: string }> {
  const login = normalizeLogin(loginInput);
  const account = await repo.findAccountByLogin(db, login);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 404, `Учётная запись ${login} не найдена`);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const at = clock.now();
  await db.transaction(async (tx) => {
    await repo.setPassword(tx, account.id, passwordHash, true, at);
    await repo.endOtherSessions(tx, account.id, null, at, 'password-reset');
    await repo.insertSecurityEvent(tx, { kind: 'password.reset', accountId: account.id, at, details: { via: 'cli' } });
  });
  return { login, password };
}
