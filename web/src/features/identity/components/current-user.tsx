// Hands the signed-in person down to every page inside the layout, which only renders once `me` is known.
import { createContext, use, type ReactNode } from 'react';
import type { MeDto } from '../../../../../contracts/identity';

const CurrentUserContext = createContext<MeDto | null>(null);

export function CurrentUserProvider({ me, children }: { me: MeDto; children: ReactNode }) {
  return <CurrentUserContext value={me}>{children}</CurrentUserContext>;
}

export function useCurrentUser(): MeDto {
  const me = use(CurrentUserContext);
  if (me === null) throw new Error('useCurrentUser is used outside the signed-in layout');
  return me;
}
