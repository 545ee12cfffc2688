// Russian titles of roles, in the order the project ranks them.
import { roleTitles, sortRoles, type SchoolRole } from '../../../../../domain/roles';

export const roleListText = (roles: readonly SchoolRole[]): string =>
  sortRoles(roles).map((role) => roleTitles[role]).join(', ');
