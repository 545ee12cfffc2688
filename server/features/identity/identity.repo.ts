// SQL of the identity area: accounts, sessions, login attempts, grants, security events.
import { and, asc, count, desc, eq, gt, isNull, max, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { accounts, areaRoleGrants, installationSettings, loginAttempts, schoolRoleGrants, schools, securityEvents, sessions } from '../../db/schema';
import type { AreaRole, SchoolRole } from '../../../domain/roles';

export type AccountRow = typeof accounts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findAccountByLogin(db: Queryable, login: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.login, login)).limit(1);
  return row ?? null;
}

export async function findAccount(db: Queryable, accountId: string): Promise<AccountRow | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return row ?? null;
}

export async function insertAccount(db: Queryable, values: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [row] = await db.insert(accounts).values(values).returning();
  return row!;
}

export async function setPassword(db: Queryable, accountId: string, passwordHash: string, mustChange: boolean, at: Date): Promise<void> {
  await db.update(accounts).set({ passwordHash, mustChangePassword: mustChange, passwordChangedAt: at }).where(eq(accounts.id, accountId));
}

export async function insertSession(db: Queryable, values: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

export async function findSessionByTokenHash(db: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

export async function touchSession(db: Queryable, sessionId: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

export async function setActiveSchool(db: Queryable, sessionId: string, schoolId: string): Promise<void> {
  await db.update(sessions).set({ activeSchoolId: schoolId }).where(eq(sessions.id, sessionId));
}

export async function endSession(db: Queryable, sessionId: string, at: Date, reason: string): Promise<void> {
  await db.update(sessions).set({ endedAt: at, endReason: reason }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every open session of the account except `keepSessionId`; returns how many ended. */
export async function endOtherSessions(db: Queryable, accountId: string, keepSessionId: string | null, at: Date, reason: string): Promise<number> {
  const rows = await db.update(sessions).set({ endedAt: at, endReason: reason })
    .where(and(
      eq(sessions.accountId, accountId),
      isNull(sessions.endedAt),
      keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
    ))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Open sessions of an account, newest activity first. */
export async function listOpenSessions(db: Queryable, accountId: string): Promise<SessionRow[]> {
  return db.select().from(sessions)
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Ends one session of the account; false when it is not theirs or already ended. */
export async function endOwnSession(db: Queryable, accountId: string, sessionId: string, at: Date, reason: string): Promise<boolean> {
  const rows = await db.update(sessions).set({ endedAt: at, endReason: reason })
    .where(and(eq(sessions.id, sessionId), eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function insertLoginAttempt(db: Queryable, values: typeof loginAttempts.$inferInsert): Promise<void> {
  await db.insert(loginAttempts).values(values);
}

/** Failed attempts for a login since `since` and after its last success. */
export async function countRecentFailures(db: Queryable, loginKey: string, since: Date): Promise<{ failures: number; oldest: Date | null }> {
  const lastSuccess = db.select({ at: max(loginAttempts.at) }).from(loginAttempts)
    .where(and(eq(loginAttempts.loginKey, loginKey), eq(loginAttempts.succeeded, true)));
  const [row] = await db.select({ failures: count(), oldest: sql<string | null>`min(${loginAttempts.at})` }).from(loginAttempts)
    .where(and(
      eq(loginAttempts.loginKey, loginKey),
      eq(loginAttempts.succeeded, false),
      gt(loginAttempts.at, since),
      sql`${loginAttempts.at} > coalesce((${lastSuccess}), '-infinity'::timestamptz)`,
    ));
  return { failures: row?.failures ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function countRecentFailuresFromIp(db: Queryable, ip: string, since: Date): Promise<number> {
  const [row] = await db.select({ failures: count() }).from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return row?.failures ?? 0;
}

export type SchoolWithRoles = { id: string; name: string; shortName: string; timeZone: string; roles: SchoolRole[] };

/** Schools where the account holds at least one unrevoked role, ordered by name. */
export async function listSchoolsWithRoles(db: Queryable, accountId: string): Promise<SchoolWithRoles[]> {
  const rows = await db.select({
    id: schools.id, name: schools.name, shortName: schools.shortName, timeZone: schools.timeZone, role: schoolRoleGrants.role,
  }).from(schoolRoleGrants)
    .innerJoin(schools, eq(schools.id, schoolRoleGrants.schoolId))
    .where(and(eq(schoolRoleGrants.accountId, accountId), isNull(schoolRoleGrants.revokedAt)))
    .orderBy(asc(schools.shortName), asc(schools.id));
  const bySchool = new Map<string, SchoolWithRoles>();
  for (const r of rows) {
    const s = bySchool.get(r.id) ?? { id: r.id, name: r.name, shortName: r.shortName, timeZone: r.timeZone, roles: [] };
    s.roles.push(r.role as SchoolRole);
    bySchool.set(r.id, s);
  }
  return [...bySchool.values()];
}

export async function listRolesInSchool(db: Queryable, accountId: string, schoolId: string): Promise<SchoolRole[]> {
  const rows = await db.select({ role: schoolRoleGrants.role }).from(schoolRoleGrants)
    .where(and(eq(schoolRoleGrants.accountId, accountId), eq(schoolRoleGrants.schoolId, schoolId), isNull(schoolRoleGrants.revokedAt)));
  return rows.map((r) => r.role as SchoolRole);
}

export async function listAreaRoles(db: Queryable, accountId: string): Promise<{ role: AreaRole; regionId: string; municipalityId: string | null }[]> {
  const rows = await db.select({ role: areaRoleGrants.role, regionId: areaRoleGrants.regionId, municipalityId: areaRoleGrants.municipalityId })
    .from(areaRoleGrants).where(and(eq(areaRoleGrants.accountId, accountId), isNull(areaRoleGrants.revokedAt)));
  return rows.map((r) => ({ ...r, role: r.role as AreaRole }));
}

export async function insertSchoolRoleGrant(db: Queryable, values: typeof schoolRoleGrants.$inferInsert): Promise<void> {
  await db.insert(schoolRoleGrants).values(values).onConflictDoNothing();
}

export async function insertSecurityEvent(db: Queryable, values: typeof securityEvents.$inferInsert): Promise<void> {
  await db.insert(securityEvents).values(values);
}

export async function readSetting(db: Queryable, key: string): Promise<unknown> {
  const [row] = await db.select({ value: installationSettings.value }).from(installationSettings).where(eq(installationSettings.key, key)).limit(1);
  return row?.value;
}

export async function writeSetting(db: Queryable, key: string, value: unknown): Promise<void> {
  await db.insert(installationSettings).values({ key, value })
    .onConflictDoUpdate({ target: installationSettings.key, set: { value, updatedAt: sql`now()` } });
}
