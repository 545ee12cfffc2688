// Who the person is in the journal: an administrator corrects a teacher's journal with a reason.
import { navigationRolesOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';

const administration = new Set(['director', 'deputy', 'journalAdmin']);

export function useIsAdministrator(): boolean {
  return navigationRolesOf(useCurrentUser()).some((r) => administration.has(r));
}
