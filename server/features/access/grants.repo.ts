// SQL of role grants and the staff they go to: who holds which role in a school, granted and
// revoked by whom, and the employee ↔ account link that grants and credentials need.
import { and, asc, desc, eq, inArray, isNull, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { schoolRoles, type SchoolRole } from '../../../domain/roles';
import type { Queryable } from '../../db/client';
import { accounts, areaRoleGrants, employees, schoolRoleGrants, schools } from '../../db/schema';

export type EmployeeRow = typeof employees.$inferSelect;
export type GrantRow = typeof schoolRoleGrants.$inferSelect;
export type AccountBrief = { id: string; login: string; lastName: string; firstName: string; middleName: string | null };

export const staffRoles: readonly SchoolRole[] = schoolRoles.filter((r) => r !== 'student' && r !== 'guardian');

export async function findSchool(db: Queryable, schoolId: string): Promise<{ id: string; name: string; shortName: string } | null> {
  const [row] = await db.select({ id: schools.id, name: schools.name, shortName: schools.shortName }).from(schools).where(eq(schools.id, schoolId)).limit(1);
  return row ?? null;
}

export async function findEmployee(db: Queryable, schoolId: string, employeeId: string, lock = false): Promise<EmployeeRow | null> {
  const query = db.select().from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.id, employeeId))).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Employees of the school with these ids, locked for the rest of the transaction. */
export async function lockEmployees(db: Queryable, schoolId: string, employeeIds: string[]): Promise<EmployeeRow[]> {
  if (employeeIds.length === 0) return [];
  return db.select().from(employees)
    .where(and(eq(employees.schoolId, schoolId), inArray(employees.id, employeeIds)))
    .orderBy(asc(employees.id))
    .for('update');
}

export async function insertEmployee(db: Queryable, values: typeof employees.$inferInsert): Promise<EmployeeRow> {
  const [row] = await db.insert(employees).values(values).returning();
  return row!;
}

export async function linkEmployeeAccount(db: Queryable, schoolId: string, employeeId: string, accountId: string): Promise<void> {
  await db.update(employees).set({ accountId }).where(and(eq(employees.schoolId, schoolId), eq(employees.id, employeeId)));
}

/** Logins equal to `base` or starting with it, to pick the next free number. */
export async function loginsLike(db: Queryable, base: string): Promise<Set<string>> {
  const escaped = base.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db.select({ login: accounts.login }).from(accounts).where(like(accounts.login, `${escaped}%`));
  return new Set(rows.map((r) => r.login));
}

/** Inserts the account unless its login is taken meanwhile (then null: try the next login). */
export async function insertAccountIfLoginFree(db: Queryable, values: typeof accounts.$inferInsert): Promise<typeof accounts.$inferSelect | null> {
  const [row] = await db.insert(accounts).values(values).onConflictDoNothing({ target: accounts.login }).returning();
  return row ?? null;
}

export async function findActiveGrant(db: Queryable, schoolId: string, accountId: string, role: SchoolRole): Promise<GrantRow | null> {
  const [row] = await db.select().from(schoolRoleGrants).where(and(
    eq(schoolRoleGrants.schoolId, schoolId), eq(schoolRoleGrants.accountId, accountId),
    eq(schoolRoleGrants.role, role), isNull(schoolRoleGrants.revokedAt),
  )).limit(1);
  return row ?? null;
}

/** Inserts an active grant; null when the same active grant appeared meanwhile (the partial unique index). */
export async function insertGrant(db: Queryable, values: typeof schoolRoleGrants.$inferInsert): Promise<GrantRow | null> {
  const [row] = await db.insert(schoolRoleGrants).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findGrant(db: Queryable, schoolId: string, grantId: string): Promise<GrantRow | null> {
  const [row] = await db.select().from(schoolRoleGrants)
    .where(and(eq(schoolRoleGrants.schoolId, schoolId), eq(schoolRoleGrants.id, grantId))).limit(1);
  return row ?? null;
}

/** Marks an active grant revoked; null when it was already revoked. */
export async function revokeGrant(db: Queryable, schoolId: string, grantId: string, by: string, at: Date): Promise<GrantRow | null> {
  const [row] = await db.update(schoolRoleGrants).set({ revokedAt: at, revokedByAccountId: by })
    .where(and(eq(schoolRoleGrants.schoolId, schoolId), eq(schoolRoleGrants.id, grantId), isNull(schoolRoleGrants.revokedAt)))
    .returning();
  return row ?? null;
}

export type GrantView = GrantRow & { account: AccountBrief; grantedBy: AccountBrief | null; revokedBy: AccountBrief | null; employeeId: string | null };

const grantee = alias(accounts, 'grantee');
const granter = alias(accounts, 'granter');
const revoker = alias(accounts, 'revoker');

/** Grants of staff roles in a school with the people on both sides; `history` adds revoked ones. */
export async function listGrants(db: Queryable, schoolId: string, options: { history: boolean; grantIds?: string[] }): Promise<GrantView[]> {
  const rows = await db.select({
    grant: schoolRoleGrants,
    account: { id: grantee.id, login: grantee.login, lastName: grantee.lastName, firstName: grantee.firstName, middleName: grantee.middleName },
    grantedBy: { id: granter.id, login: granter.login, lastName: granter.lastName, firstName: granter.firstName, middleName: granter.middleName },
    revokedBy: { id: revoker.id, login: revoker.login, lastName: revoker.lastName, firstName: revoker.firstName, middleName: revoker.middleName },
    employeeId: employees.id,
  }).from(schoolRoleGrants)
    .innerJoin(grantee, eq(grantee.id, schoolRoleGrants.accountId))
    .leftJoin(granter, eq(granter.id, schoolRoleGrants.grantedByAccountId))
    .leftJoin(revoker, eq(revoker.id, schoolRoleGrants.revokedByAccountId))
    .leftJoin(employees, and(eq(employees.schoolId, schoolRoleGrants.schoolId), eq(employees.accountId, schoolRoleGrants.accountId)))
    .where(and(
      eq(schoolRoleGrants.schoolId, schoolId),
      inArray(schoolRoleGrants.role, [...staffRoles]),
      options.history ? undefined : isNull(schoolRoleGrants.revokedAt),
      options.grantIds ? inArray(schoolRoleGrants.id, options.grantIds) : undefined,
    ))
    .orderBy(asc(grantee.lastName), asc(grantee.firstName), asc(schoolRoleGrants.role), desc(schoolRoleGrants.grantedAt));
  // An account linked to two employee records of one school would repeat its grants; keep the first.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.grant.id) && seen.add(r.grant.id)).map((r) => ({
    ...r.grant,
    account: r.account,
    grantedBy: r.grantedBy?.id ? r.grantedBy : null,
    revokedBy: r.revokedBy?.id ? r.revokedBy : null,
    employeeId: r.employeeId,
  }));
}

export type StaffRow = EmployeeRow & {
  account: { id: string; login: string; mustChangePassword: boolean; hasPassword: boolean } | null;
  grants: { id: string; role: SchoolRole; grantedAt: Date }[];
};

/** Every employee of the school with their account and active staff roles, by name. */
export async function listStaff(db: Queryable, schoolId: string): Promise<StaffRow[]> {
  const people = await db.select({
    employee: employees,
    account: { id: accounts.id, login: accounts.login, mustChangePassword: accounts.mustChangePassword, passwordHash: accounts.passwordHash },
  }).from(employees)
    .leftJoin(accounts, eq(accounts.id, employees.accountId))
    .where(eq(employees.schoolId, schoolId))
    .orderBy(asc(employees.lastName), asc(employees.firstName), asc(employees.middleName), asc(employees.id));
  const grants = await db.select({ id: schoolRoleGrants.id, accountId: schoolRoleGrants.accountId, role: schoolRoleGrants.role, grantedAt: schoolRoleGrants.grantedAt })
    .from(schoolRoleGrants)
    .where(and(eq(schoolRoleGrants.schoolId, schoolId), isNull(schoolRoleGrants.revokedAt), inArray(schoolRoleGrants.role, [...staffRoles])));
  const byAccount = new Map<string, StaffRow['grants']>();
  for (const g of grants) {
    const list = byAccount.get(g.accountId) ?? [];
    list.push({ id: g.id, role: g.role as SchoolRole, grantedAt: g.grantedAt });
    byAccount.set(g.accountId, list);
  }
  return people.map(({ employee, account }) => ({
    ...employee,
    account: account?.id
      ? { id: account.id, login: account.login, mustChangePassword: account.mustChangePassword, hasPassword: account.passwordHash !== null }
      : null,
    grants: (employee.accountId ? byAccount.get(employee.accountId) : undefined) ?? [],
  }));
}

export type AccountRoles = { here: SchoolRole[]; elsewhere: number; area: number };

/** What an account holds: its active roles in this school, and how many roles anywhere else. */
export async function rolesOfAccount(db: Queryable, accountId: string, schoolId: string): Promise<AccountRoles> {
  const [school, area] = await Promise.all([
    db.select({ schoolId: schoolRoleGrants.schoolId, role: schoolRoleGrants.role }).from(schoolRoleGrants)
      .where(and(eq(schoolRoleGrants.accountId, accountId), isNull(schoolRoleGrants.revokedAt))),
    db.select({ id: areaRoleGrants.id }).from(areaRoleGrants)
      .where(and(eq(areaRoleGrants.accountId, accountId), isNull(areaRoleGrants.revokedAt))),
  ]);
  return {
    here: school.filter((g) => g.schoolId === schoolId).map((g) => g.role as SchoolRole),
    elsewhere: school.filter((g) => g.schoolId !== schoolId).length,
    area: area.length,
  };
}
