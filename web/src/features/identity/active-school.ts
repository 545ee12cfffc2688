// The school a person is working in now, and their roles there.
import type { MeDto, MeSchool } from '../../../../contracts/identity';
import { sortRoles, type SchoolRole } from '../../../../domain/roles';

export const activeSchoolOf = (me: MeDto): MeSchool | null =>
  me.schools.find((school) => school.id === me.activeSchoolId) ?? me.schools[0] ?? null;

export const activeRolesOf = (me: MeDto): SchoolRole[] => sortRoles(activeSchoolOf(me)?.roles ?? []);
