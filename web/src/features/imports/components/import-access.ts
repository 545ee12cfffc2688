// The active school and whether the person's roles there may read or start imports (the server checks again).
import { scopesOf } from '../../../../../domain/access';
import { activeSchoolOf, navigationRolesOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';

export function useImportAccess(): { schoolId: string | null; canRead: boolean; canWrite: boolean } {
  const me = useCurrentUser();
  const roles = navigationRolesOf(me);
  return {
    schoolId: activeSchoolOf(me)?.id ?? null,
    canRead: scopesOf(roles, 'importJob', 'read').length > 0,
    canWrite: scopesOf(roles, 'importJob', 'write').length > 0,
  };
}
