// Enforcing the access matrix of domain/access.ts on the server (SPEC A1, A5).
//
// A route names the school, the resource and the action:
//   const access = await accessService.authorize(authOf(req), schoolId, 'student', 'read');
// then narrows what it lists with `visible(access, 'student')` or checks one id with
// `ensureVisible(access, 'student', id)`. A school the caller has no role in, and a record
// outside the caller's scope, answer 404 exactly like a missing one; an action the matrix does
// not give the caller's roles answers 403.
import { reachesWholeSchool, scopesOf, type Action, type Resource, type Role, type Scope } from '../../../domain/access';
import type { AreaRole, SchoolRole } from '../../../domain/roles';
import { academicYearBounds, academicYearOfDate } from '../../../domain/school-year';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import { localDateOf } from '../../lib/local-date';
import type { AuthContext } from '../identity/identity.service';
import * as repo from './access.repo';

export type Actor = {
  accountId: string;
  schoolId: string;
  timeZone: string;
  schoolRoles: SchoolRole[];
  areaRoles: AreaRole[];
  roles: Role[];
  /** Today in the school's time zone, and the academic year it falls in. */
  today: string;
  academicYear: number;
  links: repo.PeopleLinks;
};

/** Records of one kind a caller may reach: all of the school, or these ids. */
export type Visible = { all: true } | { all: false; ids: ReadonlySet<string> };

/** Kinds of record whose visibility depends on the scope. */
export type VisibleKind = 'student' | 'class' | 'studyGroup' | 'guardian' | 'employee';

export type Access = {
  actor: Actor;
  resource: Resource;
  action: Action;
  scopes: Scope[];
  /** True when the scopes reach every record of the school. */
  wholeSchool: boolean;
};

export const schoolNotFound = (): never => notFound('SCHOOL_NOT_FOUND', 'Школа не найдена');
const recordNotFound = (): never => notFound('NOT_FOUND', 'Не найдено');
const denied = (): AppError => new AppError('FORBIDDEN', 403, 'Недостаточно прав для этого действия');

export function createAccessService({ db, clock }: { db: Db; clock: Clock }) {
  /** The caller as seen in one school. 404 when the school is missing or none of the caller's roles reach it. */
  async function actorFor(auth: AuthContext, schoolId: string): Promise<Actor> {
    const area = await repo.findSchoolArea(db, schoolId);
    if (!area) return schoolNotFound();
    const [schoolRoles, areaRoles, links] = await Promise.all([
      repo.activeSchoolRoles(db, auth.accountId, schoolId),
      repo.areaRolesOver(db, auth.accountId, area),
      repo.peopleOfAccount(db, auth.accountId, schoolId),
    ]);
    if (schoolRoles.length === 0 && areaRoles.length === 0) return schoolNotFound();
    const today = localDateOf(clock.now(), area.timeZone);
    return {
      accountId: auth.accountId,
      schoolId,
      timeZone: area.timeZone,
      schoolRoles,
      areaRoles,
      roles: [...schoolRoles, ...areaRoles],
      today,
      academicYear: academicYearOfDate(today),
      links,
    };
  }

  /** The caller's access to a resource of a school for an action; 404 for a foreign school, 403 when the matrix denies. */
  async function authorize(auth: AuthContext, schoolId: string, resource: Resource, action: Action): Promise<Access> {
    const actor = await actorFor(auth, schoolId);
    return accessOf(actor, resource, action);
  }

  function accessOf(actor: Actor, resource: Resource, action: Action): Access {
    const found = scopesOf(actor.roles, resource, action);
    if (found.length === 0) throw denied();
    return { actor, resource, action, scopes: found, wholeSchool: reachesWholeSchool(found) };
  }

  /** Whether the caller may do an action on a resource at all (for a UI to show or hide a button). */
  const can = (actor: Actor, resource: Resource, action: Action): boolean => scopesOf(actor.roles, resource, action).length > 0;

  const yearPeriod = (actor: Actor): repo.Period => {
    const { startsOn, endsOn } = academicYearBounds(actor.academicYear);
    return { from: startsOn, to: endsOn };
  };

  /** Ids of one kind that a list of scopes reaches. */
  async function visible(access: Access, kind: VisibleKind): Promise<Visible> {
    if (access.wholeSchool) return { all: true };
    const { actor } = access;
    const period = yearPeriod(actor);
    const ids = new Set<string>();
    for (const scope of access.scopes) {
      for (const id of await reach(actor, scope, kind, period)) ids.add(id);
    }
    return { all: false, ids };
  }

  async function reach(actor: Actor, scope: Scope, kind: VisibleKind, period: repo.Period): Promise<string[]> {
    const { schoolId, links } = actor;
    // Whose records the scope is about: taught units, led classes, children or oneself.
    let units: { classIds: string[]; groupIds: string[] };
    let studentIds: string[] | null = null;
    switch (scope) {
      case 'taught': {
        const taught = await repo.taughtUnits(db, schoolId, links.employeeIds, actor.academicYear);
        if (kind === 'class') return [...new Set([...taught.classIds, ...taught.groupClassIds])];
        units = taught;
        break;
      }
      case 'ownClass': {
        const classIds = await repo.classesLedBy(db, schoolId, links.employeeIds, actor.academicYear);
        units = { classIds, groupIds: await repo.groupsOfClasses(db, schoolId, classIds) };
        break;
      }
      case 'children':
        studentIds = await repo.childrenOf(db, schoolId, links.guardianIds);
        units = await repo.unitsOfStudents(db, schoolId, studentIds, period);
        break;
      case 'self':
        if (kind === 'guardian') return links.guardianIds;
        if (kind === 'employee') return links.employeeIds;
        studentIds = links.studentIds;
        units = await repo.unitsOfStudents(db, schoolId, studentIds, period);
        break;
      default:
        return [];
    }
    switch (kind) {
      case 'class': return units.classIds;
      case 'studyGroup': return units.groupIds;
      case 'student': return studentIds ?? repo.studentsOfUnits(db, schoolId, units, period);
      case 'guardian': return repo.guardiansOfStudents(db, schoolId, studentIds ?? await repo.studentsOfUnits(db, schoolId, units, period));
      case 'employee': return [];
    }
  }

  /** 404, exactly as for a missing record, unless the caller's scopes reach this id. */
  async function ensureVisible(access: Access, kind: VisibleKind, id: string): Promise<void> {
    const v = await visible(access, kind);
    if (!v.all && !v.ids.has(id)) recordNotFound();
  }

  return { actorFor, authorize, accessOf, can, visible, ensureVisible };
}

export type AccessService = ReturnType<typeof createAccessService>;

/** Whether a visibility reaches an id. */
export const reaches = (v: Visible, id: string): boolean => v.all || v.ids.has(id);
