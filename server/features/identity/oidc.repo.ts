// SQL of login through OpenID Connect providers: started flows, provider identities of accounts,
// and the imported people (guardians, students) a provider's account is matched to.
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { accountIdentities, guardians, oidcLoginFlows, schools, students } from '../../db/schema';

export type LoginFlowRow = typeof oidcLoginFlows.$inferSelect;
export type IdentityRow = typeof accountIdentities.$inferSelect;

export async function insertLoginFlow(q: Queryable, values: typeof oidcLoginFlows.$inferInsert): Promise<void> {
  await q.insert(oidcLoginFlows).values(values);
}

export async function findLoginFlow(q: Queryable, stateHash: string): Promise<LoginFlowRow | null> {
  const [row] = await q.select().from(oidcLoginFlows).where(eq(oidcLoginFlows.stateHash, stateHash)).limit(1);
  return row ?? null;
}

/** Marks the flow used; false when another request used it first (a flow is good for one callback). */
export async function consumeLoginFlow(q: Queryable, id: string, at: Date): Promise<boolean> {
  const rows = await q.update(oidcLoginFlows).set({ consumedAt: at })
    .where(and(eq(oidcLoginFlows.id, id), isNull(oidcLoginFlows.consumedAt)))
    .returning({ id: oidcLoginFlows.id });
  return rows.length > 0;
}

/** Forgets flows started before `before`: they can no longer finish, and they hold PKCE verifiers. */
export async function deleteLoginFlowsBefore(q: Queryable, before: Date): Promise<void> {
  await q.delete(oidcLoginFlows).where(lt(oidcLoginFlows.createdAt, before));
}

export async function findIdentity(q: Queryable, provider: string, subject: string): Promise<IdentityRow | null> {
  const [row] = await q.select().from(accountIdentities)
    .where(and(eq(accountIdentities.provider, provider), eq(accountIdentities.subject, subject))).limit(1);
  return row ?? null;
}

export async function hasIdentityAt(q: Queryable, accountId: string, provider: string): Promise<boolean> {
  const [row] = await q.select({ id: accountIdentities.id }).from(accountIdentities)
    .where(and(eq(accountIdentities.accountId, accountId), eq(accountIdentities.provider, provider))).limit(1);
  return row !== undefined;
}

export async function insertIdentity(q: Queryable, values: typeof accountIdentities.$inferInsert): Promise<void> {
  await q.insert(accountIdentities).values(values);
}

export async function touchIdentity(q: Queryable, id: string, at: Date): Promise<void> {
  await q.update(accountIdentities).set({ lastUsedAt: at }).where(eq(accountIdentities.id, id));
}

export type PersonKind = 'guardian' | 'student';
export type MatchField = 'snils' | 'email' | 'phone';

/** An imported guardian or student a provider's account may stand for. */
export type PersonMatch = {
  kind: PersonKind;
  schoolId: string;
  id: string;
  accountId: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  snils: string | null;
  birthDate: string | null;
  schoolTimeZone: string;
};

const tables = { guardian: guardians, student: students } as const;

/** People of a kind, in every school, whose canonical СНИЛС, e-mail or phone equals `value`. */
export async function findPeople(q: Queryable, kind: PersonKind, field: MatchField, value: string): Promise<PersonMatch[]> {
  const t = tables[kind];
  const rows = await q.select({
    schoolId: t.schoolId, id: t.id, accountId: t.accountId,
    lastName: t.lastName, firstName: t.firstName, middleName: t.middleName,
    snils: t.snils, birthDate: t.birthDate, schoolTimeZone: schools.timeZone,
  }).from(t)
    .innerJoin(schools, eq(schools.id, t.schoolId))
    .where(eq(t[field], value))
    .orderBy(asc(t.schoolId), asc(t.id))
    // More than this for one СНИЛС or address is not one family; the caller refuses it anyway.
    .limit(50);
  return rows.map((r) => ({ kind, ...r }));
}

/** Links a person row to the account unless someone linked it meanwhile; true when this call linked it. */
export async function linkPerson(q: Queryable, kind: PersonKind, schoolId: string, id: string, accountId: string): Promise<boolean> {
  const t = tables[kind];
  const rows = await q.update(t).set({ accountId })
    .where(and(eq(t.schoolId, schoolId), eq(t.id, id), isNull(t.accountId)))
    .returning({ id: t.id });
  return rows.length > 0;
}
