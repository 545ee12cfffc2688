// SQL of a school's security events: what happened in the school (grants, revokes, resets,
// credentials, imports) and the account-wide events (logins, password changes) of people while
// they held a role in it.
import { and, count, desc, eq, gte, inArray, isNull, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias, union } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client';
import { accounts, schoolRoleGrants, securityEvents } from '../../db/schema';
import type { AccountBrief } from './grants.repo';

export type EventFilter = {
  /** Exact kind, or a prefix ending with a dot. */
  kind?: string | undefined;
  /** Local dates of the school, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
};

const e = securityEvents;

function conditions(f: EventFilter): SQL[] {
  const out: SQL[] = [];
  if (f.kind) out.push(f.kind.endsWith('.') ? like(e.kind, `${f.kind.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : eq(e.kind, f.kind));
  // Local midnight of the school's zone as an instant keeps the (school_id, at) index usable.
  if (f.from) out.push(gte(e.at, sql`(${f.from}::date)::timestamp at time zone ${f.timeZone}`));
  if (f.to) out.push(lt(e.at, sql`(${f.to}::date + 1)::timestamp at time zone ${f.timeZone}`));
  return out;
}

/** Ids of the school's events and of its people's account-wide events, as one set. */
function eventIds(db: Queryable, schoolId: string, f: EventFilter) {
  const own = db.select({ id: e.id, at: e.at }).from(e).where(and(eq(e.schoolId, schoolId), ...conditions(f)));
  const people = db.select({ id: e.id, at: e.at }).from(e)
    .innerJoin(schoolRoleGrants, and(
      eq(schoolRoleGrants.schoolId, schoolId),
      eq(schoolRoleGrants.accountId, e.accountId),
      gte(e.at, schoolRoleGrants.grantedAt),
      or(isNull(schoolRoleGrants.revokedAt), lte(e.at, schoolRoleGrants.revokedAt)),
    ))
    .where(and(isNull(e.schoolId), ...conditions(f)));
  // UNION, not UNION ALL: a person with two roles would otherwise bring each login twice.
  return union(own, people);
}

export type EventRow = typeof securityEvents.$inferSelect & { account: AccountBrief | null; actor: AccountBrief | null };

const subject = alias(accounts, 'subject');
const actor = alias(accounts, 'actor');

export async function listEvents(db: Queryable, schoolId: string, f: EventFilter, page: { limit: number; offset: number }): Promise<{ rows: EventRow[]; total: number }> {
  const ids = eventIds(db, schoolId, f);
  const [totalRow] = await db.select({ n: count() }).from(ids.as('ids'));
  const pageIds = await eventIds(db, schoolId, f).orderBy(desc(sql`at`), desc(sql`id`)).limit(page.limit).offset(page.offset);
  if (pageIds.length === 0) return { rows: [], total: totalRow?.n ?? 0 };
  const rows = await db.select({ event: e, account: { id: subject.id, login: subject.login, lastName: subject.lastName, firstName: subject.firstName, middleName: subject.middleName }, actor: { id: actor.id, login: actor.login, lastName: actor.lastName, firstName: actor.firstName, middleName: actor.middleName } }).from(e)
    .leftJoin(subject, eq(subject.id, e.accountId))
    .leftJoin(actor, eq(actor.id, e.actorAccountId))
    .where(inArray(e.id, pageIds.map((r) => r.id)))
    .orderBy(desc(e.at), desc(e.id));
  return {
    total: totalRow?.n ?? 0,
    rows: rows.map((r) => ({ ...r.event, account: r.account?.id ? r.account : null, actor: r.actor?.id ? r.actor : null })),
  };
}
