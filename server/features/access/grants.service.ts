// The grant chain (SPEC A3): who may hand which role to whom, in one school. Region and
// municipality administrators appoint the director; the director grants deputies and journal
// administrators; they grant teacher roles (domain/access.ts `grantableBy`). Every grant and
// revoke is a security event. Access is read from the grants on every request, so a revoke
// takes effect on the grantee's very next request without ending their session.
import type {
  GrantableRolesDto, GrantRoleResultDto, IssuedCredentialDto, RoleGrantDto, RoleGrantListDto, StaffAccessListDto,
} from '../../../contracts/access';
import { grantableBy, grantableRoles, mayGrant, scopesOf, type Role } from '../../../domain/access';
import { roleTitles, type SchoolRole } from '../../../domain/roles';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import * as identityRepo from '../identity/identity.repo';
import type { AuthContext, RequestMeta } from '../identity/identity.service';
import type { AccessService, Actor } from './access.service';
import { createEmployeeAccount, preparePassword, type PreparedPassword } from './credentials.service';
import * as repo from './grants.repo';

const employeeNotFound = (): never => notFound('EMPLOYEE_NOT_FOUND', 'Сотрудник не найден');
const grantNotFound = (): never => notFound('GRANT_NOT_FOUND', 'Роль не найдена');

const lower = (role: Role): string => roleTitles[role].toLowerCase();
const orList = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} или ${items.at(-1)}`;

/** 403 ROLE_NOT_GRANTABLE naming who does grant the role. */
export function notGrantable(role: SchoolRole, verb: 'выдать' | 'отозвать'): never {
  const granters = (Object.keys(grantableBy) as Role[]).filter((r) => grantableBy[r].includes(role));
  const who = granters.length === 0
    ? 'эта роль появляется вместе с записью об ученике или родителе'
    : `это делает ${orList(granters.map(lower))}`;
  throw new AppError('ROLE_NOT_GRANTABLE', 403, `Вы не можете ${verb} роль «${roleTitles[role]}»: ${who}`);
}

export const assertMayGrant = (actor: Actor, role: SchoolRole, verb: 'выдать' | 'отозвать' = 'выдать'): void => {
  if (!mayGrant(actor.roles, role)) notGrantable(role, verb);
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const grantDto = (g: repo.GrantView): RoleGrantDto => ({
  id: g.id,
  role: g.role as SchoolRole,
  account: g.account,
  employeeId: g.employeeId,
  grantedAt: g.grantedAt.toISOString(),
  grantedBy: g.grantedBy,
  revokedAt: iso(g.revokedAt),
  revokedBy: g.revokedBy,
});

export type GrantsDeps = { db: Db; clock: Clock; access: AccessService };

/** What granting did: the grant's id, whether it is new, and credentials of an account made for it. */
type GrantOutcome = { grantId: string; created: boolean; credentials: IssuedCredentialDto | null };

export function createGrantsService({ db, clock, access }: GrantsDeps) {
  async function viewOf(schoolId: string, grantId: string): Promise<RoleGrantDto> {
    const [view] = await repo.listGrants(db, schoolId, { history: true, grantIds: [grantId] });
    return grantDto(view ?? grantNotFound());
  }

  async function list(auth: AuthContext, schoolId: string, history: boolean): Promise<RoleGrantListDto> {
    await access.authorize(auth, schoolId, 'roleGrant', 'read');
    return { grants: (await repo.listGrants(db, schoolId, { history })).map(grantDto) };
  }

  async function grantable(auth: AuthContext, schoolId: string): Promise<GrantableRolesDto> {
    const { actor } = await access.authorize(auth, schoolId, 'roleGrant', 'read');
    const canWrite = access.can(actor, 'roleGrant', 'write');
    // Issuing to the staff at large is the school's own administration's; an area administrator
    // only re-issues the directors it appoints.
    const issuesToStaff = scopesOf(actor.roles, 'credential', 'write').includes('school');
    return { roles: canWrite ? grantableRoles(actor.roles) : [], canIssueCredentials: issuesToStaff };
  }

  async function staff(auth: AuthContext, schoolId: string): Promise<StaffAccessListDto> {
    await access.authorize(auth, schoolId, 'roleGrant', 'read');
    const rows = await repo.listStaff(db, schoolId);
    return {
      employees: rows.map((e) => ({
        id: e.id,
        lastName: e.lastName,
        firstName: e.firstName,
        middleName: e.middleName,
        position: e.position,
        account: e.account,
        grants: e.grants.map((g) => ({ id: g.id, role: g.role, grantedAt: g.grantedAt.toISOString() })),
      })),
    };
  }

  /**
   * Grants a role to a (locked) employee's account inside the caller's transaction; makes the
   * account first when the employee has none. Granting a role already held changes nothing.
   */
  async function grantToEmployee(tx: Queryable, actor: Actor, employee: repo.EmployeeRow, role: SchoolRole, prepared: PreparedPassword | null, meta: RequestMeta, at: Date): Promise<GrantOutcome> {
    let accountId = employee.accountId;
    let credentials: IssuedCredentialDto | null = null;
    if (!accountId) {
      const secret = prepared ?? await preparePassword();
      const account = await createEmployeeAccount(tx, employee, secret, at);
      accountId = account.id;
      credentials = { login: account.login, password: secret.password };
      await identityRepo.insertSecurityEvent(tx, {
        kind: 'credentials.issued', accountId, actorAccountId: actor.accountId, schoolId: actor.schoolId, ip: meta.ip, at,
        details: { employeeId: employee.id },
      });
    }
    const held = await repo.findActiveGrant(tx, actor.schoolId, accountId, role);
    if (held) return { grantId: held.id, created: false, credentials };
    const row = await repo.insertGrant(tx, { schoolId: actor.schoolId, accountId, role, grantedByAccountId: actor.accountId, grantedAt: at });
    if (!row) {
      // A parallel request granted the same role a moment ago.
      const again = (await repo.findActiveGrant(tx, actor.schoolId, accountId, role)) ?? grantNotFound();
      return { grantId: again.id, created: false, credentials };
    }
    await identityRepo.insertSecurityEvent(tx, {
      kind: 'role.granted', accountId, actorAccountId: actor.accountId, schoolId: actor.schoolId, ip: meta.ip, at,
      details: { role, grantId: row.id, employeeId: employee.id },
    });
    return { grantId: row.id, created: true, credentials };
  }

  async function result(schoolId: string, outcome: GrantOutcome): Promise<GrantRoleResultDto> {
    return { grant: await viewOf(schoolId, outcome.grantId), created: outcome.created, credentials: outcome.credentials };
  }

  async function grant(auth: AuthContext, schoolId: string, input: { employeeId: string; role: SchoolRole }, meta: RequestMeta): Promise<GrantRoleResultDto> {
    const { actor } = await access.authorize(auth, schoolId, 'roleGrant', 'write');
    assertMayGrant(actor, input.role);
    const before = (await repo.findEmployee(db, schoolId, input.employeeId)) ?? employeeNotFound();
    const prepared = before.accountId ? null : await preparePassword();
    const at = clock.now();
    const outcome = await db.transaction(async (tx) => {
      const employee = (await repo.findEmployee(tx, schoolId, input.employeeId, true)) ?? employeeNotFound();
      return grantToEmployee(tx, actor, employee, input.role, prepared, meta, at);
    });
    return result(schoolId, outcome);
  }

  /** Adds a person to the staff and grants them a role, in one step (a new director appointed by the area). */
  async function grantToNewEmployee(auth: AuthContext, schoolId: string, person: { lastName: string; firstName: string; middleName: string | null; position: string }, role: SchoolRole, meta: RequestMeta): Promise<GrantRoleResultDto> {
    const { actor } = await access.authorize(auth, schoolId, 'roleGrant', 'write');
    assertMayGrant(actor, role);
    const prepared = await preparePassword();
    const at = clock.now();
    const outcome = await db.transaction(async (tx) => {
      const employee = await repo.insertEmployee(tx, { schoolId, accountId: null, ...person });
      return grantToEmployee(tx, actor, employee, role, prepared, meta, at);
    });
    return result(schoolId, outcome);
  }

  async function revoke(auth: AuthContext, schoolId: string, grantId: string, meta: RequestMeta): Promise<RoleGrantDto> {
    const { actor } = await access.authorize(auth, schoolId, 'roleGrant', 'write');
    const found = (await repo.findGrant(db, schoolId, grantId)) ?? grantNotFound();
    assertMayGrant(actor, found.role as SchoolRole, 'отозвать');
    const at = clock.now();
    await db.transaction(async (tx) => {
      const revoked = await repo.revokeGrant(tx, schoolId, grantId, actor.accountId, at);
      // Already revoked: the answer is the same, and nothing is written twice.
      if (!revoked) return;
      await identityRepo.insertSecurityEvent(tx, {
        kind: 'role.revoked', accountId: revoked.accountId, actorAccountId: actor.accountId, schoolId, ip: meta.ip, at,
        details: { role: revoked.role, grantId },
      });
    });
    return viewOf(schoolId, grantId);
  }

  return { list, grantable, staff, grant, grantToNewEmployee, revoke };
}

export type GrantsService = ReturnType<typeof createGrantsService>;
