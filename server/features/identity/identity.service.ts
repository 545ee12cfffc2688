// Rules of the identity area: logging in (with throttling), sessions and their timeouts,
// the current user, the active school, password change.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChangePasswordInput, LoginInput, MeDto, SessionListDto } from '../../../contracts/identity';
import { sortRoles } from '../../../domain/roles';
import type { Config } from '../../config';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, notFound, unauthenticated } from '../../lib/errors';
import { hashPassword, verifyDecoy, verifyPassword } from '../../lib/passwords';
import { readDemoSetting } from './demo-info';
import * as repo from './identity.repo';

export type RequestMeta = { ip: string | null; userAgent: string | null };

/** What a request knows about its caller once the session cookie checked out. */
export type AuthContext = {
  sessionId: string;
  accountId: string;
  csrfToken: string;
  activeSchoolId: string | null;
  mustChangePassword: boolean;
};

export type IdentityDeps = { db: Db; config: Config; clock: Clock };

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');
export const normalizeLogin = (login: string): string => login.trim().toLowerCase();

const minutes = (n: number): number => n * 60_000;
// Writing last_seen_at on every request would turn each read into a write.
const touchEveryMs = 60_000;

export const invalidCredentials = (): AppError => new AppError('INVALID_CREDENTIALS', 401, 'Неверный логин или пароль');
const sessionExpired = (): AppError => new AppError('SESSION_EXPIRED', 401, 'Сеанс завершён. Войдите снова');

export const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const pluralMinutes = (n: number): string => {
  const d = n % 10;
  const h = n % 100;
  if (d === 1 && h !== 11) return `${n} минуту`;
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return `${n} минуты`;
  return `${n} минут`;
};

export function createIdentityService({ db, config, clock }: IdentityDeps) {
  const { maxFailures, windowMinutes } = config.loginThrottle;
  // One address may try many logins (a school behind one NAT), so its limit is wider.
  const maxFailuresFromIp = maxFailures * 20;

  /** Why a session is over by now, or null while it is open. */
  const timeoutOf = (session: repo.SessionRow, now: number): 'absolute-timeout' | 'idle-timeout' | null =>
    now >= session.expiresAt.getTime() ? 'absolute-timeout'
      : now >= session.lastSeenAt.getTime() + minutes(config.session.idleMinutes) ? 'idle-timeout' : null;

  async function assertNotThrottled(loginKey: string, ip: string | null): Promise<void> {
    const now = clock.now();
    const since = new Date(now.getTime() - minutes(windowMinutes));
    const { failures, oldest } = await repo.countRecentFailures(db, loginKey, since);
    const ipFailures = ip ? await repo.countRecentFailuresFromIp(db, ip, since) : 0;
    if (failures < maxFailures && ipFailures < maxFailuresFromIp) return;
    // Blocked by the address: the whole window; by the login: until its oldest failure leaves the window.
    const freeAt = ipFailures >= maxFailuresFromIp || !oldest ? now.getTime() + minutes(windowMinutes) : oldest.getTime() + minutes(windowMinutes);
    const wait = Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
    throw new AppError('LOGIN_THROTTLED', 429,
      `Слишком много неудачных попыток входа. Попробуйте снова через ${pluralMinutes(wait)}`,
      { retryAfterSeconds: wait * 60 });
  }

  async function recordFailure(loginKey: string, accountId: string | null, meta: RequestMeta, reason: string): Promise<void> {
    const at = clock.now();
    await db.transaction(async (tx) => {
      await repo.insertLoginAttempt(tx, { loginKey, ip: meta.ip, succeeded: false, at });
      await repo.insertSecurityEvent(tx, { kind: 'login.failed', accountId, ip: meta.ip, at, details: { reason } });
    });
  }

  async function login(input: LoginInput, meta: RequestMeta): Promise<{ token: string; me: MeDto }> {
    const loginKey = normalizeLogin(input.login);
    await assertNotThrottled(loginKey, meta.ip);
    const account = await repo.findAccountByLogin(db, loginKey);
    if (!account || !account.passwordHash || account.disabledAt) {
      // The same work and the same answer as a wrong password: nobody learns which logins exist.
      await verifyDecoy(input.password);
      await recordFailure(loginKey, account?.id ?? null, meta, account ? (account.disabledAt ? 'disabled' : 'no-password') : 'unknown-login');
      throw invalidCredentials();
    }
    if (!(await verifyPassword(account.passwordHash, input.password))) {
      await recordFailure(loginKey, account.id, meta, 'wrong-password');
      throw invalidCredentials();
    }
    const now = clock.now();
    const { token, session } = await db.transaction(async (tx) => {
      await repo.insertLoginAttempt(tx, { loginKey, ip: meta.ip, succeeded: true, at: now });
      await repo.insertSecurityEvent(tx, { kind: 'login.succeeded', accountId: account.id, ip: meta.ip, at: now });
      return openSession(tx, account.id, meta);
    });
    return { token, me: await buildMe(account, session.id, session.csrfToken, session.activeSchoolId) };
  }

  /**
   * Opens a session for an account that has just proved who it is — by password or through a
   * provider (oidc.service) — inside the caller's transaction. The token goes to the cookie only.
   */
  async function openSession(q: Queryable, accountId: string, meta: RequestMeta): Promise<{ token: string; session: repo.SessionRow }> {
    const now = clock.now();
    const schools = await repo.listSchoolsWithRoles(q, accountId);
    const token = newToken();
    const session = await repo.insertSession(q, {
      tokenHash: sha256(token),
      accountId,
      csrfToken: newToken(),
      activeSchoolId: schools[0]?.id ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.session.absoluteHours * 3_600_000),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    });
    return { token, session };
  }

  /** Resolves a session cookie; 401 when absent or unknown. Ends and refuses sessions past their timeouts. */
  async function authenticate(token: string | undefined): Promise<AuthContext> {
    if (!token) return unauthenticated();
    const session = await repo.findSessionByTokenHash(db, sha256(token));
    if (!session || session.endedAt) throw sessionExpired();
    const now = clock.now();
    const timeout = timeoutOf(session, now.getTime());
    if (timeout) {
      await repo.endSession(db, session.id, now, timeout);
      throw sessionExpired();
    }
    const account = await repo.findAccount(db, session.accountId);
    if (!account || account.disabledAt) {
      await repo.endSession(db, session.id, now, 'account-disabled');
      throw sessionExpired();
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) await repo.touchSession(db, session.id, now);
    return {
      sessionId: session.id,
      accountId: account.id,
      csrfToken: session.csrfToken,
      activeSchoolId: session.activeSchoolId,
      mustChangePassword: account.mustChangePassword,
    };
  }

  async function logout(auth: AuthContext, meta: RequestMeta): Promise<void> {
    const at = clock.now();
    await db.transaction(async (tx) => {
      await repo.endSession(tx, auth.sessionId, at, 'logout');
      await repo.insertSecurityEvent(tx, { kind: 'logout', accountId: auth.accountId, ip: meta.ip, at });
    });
  }

  async function buildMe(account: repo.AccountRow, sessionId: string, csrfToken: string, activeSchoolId: string | null): Promise<MeDto> {
    const schools = await repo.listSchoolsWithRoles(db, account.id);
    const active = activeSchoolId && schools.some((s) => s.id === activeSchoolId) ? activeSchoolId : (schools[0]?.id ?? null);
    // A revoked grant moves the session to a school the account still works in.
    if (active !== activeSchoolId && active) await repo.setActiveSchool(db, sessionId, active);
    return {
      account: {
        id: account.id,
        login: account.login,
        lastName: account.lastName,
        firstName: account.firstName,
        middleName: account.middleName,
        mustChangePassword: account.mustChangePassword,
      },
      schools: schools.map((s) => ({ ...s, roles: sortRoles(s.roles) })),
      areaRoles: await repo.listAreaRoles(db, account.id),
      activeSchoolId: active,
      csrfToken,
      demo: (await readDemoSetting(db)) !== null,
    };
  }

  async function getMe(auth: AuthContext): Promise<MeDto> {
    const account = (await repo.findAccount(db, auth.accountId)) ?? notFound();
    return buildMe(account, auth.sessionId, auth.csrfToken, auth.activeSchoolId);
  }

  async function setActiveSchool(auth: AuthContext, schoolId: string): Promise<MeDto> {
    const roles = await repo.listRolesInSchool(db, auth.accountId, schoolId);
    // Another school's id answers like a missing one.
    if (roles.length === 0) notFound('SCHOOL_NOT_FOUND', 'Школа не найдена');
    await repo.setActiveSchool(db, auth.sessionId, schoolId);
    return getMe({ ...auth, activeSchoolId: schoolId });
  }

  async function changePassword(auth: AuthContext, input: ChangePasswordInput, meta: RequestMeta): Promise<void> {
    const account = (await repo.findAccount(db, auth.accountId)) ?? notFound();
    if (!account.passwordHash || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
      throw new AppError('WRONG_PASSWORD', 400, 'Текущий пароль введён неверно');
    }
    if (input.newPassword === input.currentPassword) {
      throw new AppError('PASSWORD_UNCHANGED', 400, 'Новый пароль должен отличаться от текущего');
    }
    if (normalizeLogin(input.newPassword) === account.login) {
      throw new AppError('PASSWORD_TOO_WEAK', 400, 'Пароль не должен совпадать с логином');
    }
    const passwordHash = await hashPassword(input.newPassword);
    const at = clock.now();
    await db.transaction(async (tx) => {
      await repo.setPassword(tx, account.id, passwordHash, false, at);
      // Whoever knew the old password loses every other session at once.
      await repo.endOtherSessions(tx, account.id, auth.sessionId, at, 'password-changed');
      await repo.insertSecurityEvent(tx, { kind: 'password.changed', accountId: account.id, actorAccountId: account.id, ip: meta.ip, at });
    });
  }

  async function listSessions(auth: AuthContext): Promise<SessionListDto> {
    const now = clock.now().getTime();
    // Sessions past a timeout are ended lazily on their next use; they are not "open" any more.
    const open = (await repo.listOpenSessions(db, auth.accountId)).filter((s) => timeoutOf(s, now) === null);
    return {
      sessions: open.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        userAgent: s.userAgent,
        ip: s.ip,
        current: s.id === auth.sessionId,
      })),
    };
  }

  async function endSession(auth: AuthContext, sessionId: string, meta: RequestMeta): Promise<void> {
    const at = clock.now();
    await db.transaction(async (tx) => {
      // Someone else's session answers like a missing one.
      if (!(await repo.endOwnSession(tx, auth.accountId, sessionId, at, 'ended-by-owner'))) notFound('SESSION_NOT_FOUND', 'Сеанс не найден');
      await repo.insertSecurityEvent(tx, { kind: 'session.ended', accountId: auth.accountId, actorAccountId: auth.accountId, ip: meta.ip, at, details: { sessionId } });
    });
  }

  return { login, openSession, authenticate, logout, getMe, setActiveSchool, changePassword, listSessions, endSession };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
