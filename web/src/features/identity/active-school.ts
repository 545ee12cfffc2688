// The school a person is working in now, and their roles there.
import type { MeDto, MeSchool } from '../../../../contracts/identity';
import type { Role } from '../../../../domain/access';
import { sortRoles, type SchoolRole } from '../../../../domain/roles';

export const activeSchoolOf = (me: MeDto): MeSchool | null =>
  me.schools.find((school) => school.id === me.activeSchoolId) ?? me.schools[0] ?? null;

export const activeRolesOf = (me: MeDto): SchoolRole[] => sortRoles(activeSchoolOf(me)?.roles ?? []);

/** Roles that open sections: those in the active school, then any region or municipality roles. */
export const navigationRolesOf = (me: MeDto): Role[] => [...activeRolesOf(me), ...new Set(me.areaRoles.map((r) => r.role))];
