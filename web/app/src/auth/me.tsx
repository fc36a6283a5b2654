// The signed-in user (GET /api/v1/auth/me: roles and effective permissions), loaded once per
// session; the navigation and the actions on each screen show only what these permissions allow.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api, type Schemas } from '../api/client';
import { session } from './session';

export type Me = Schemas['Me'];

interface MeState {
  me: Me | null;
  can: (permission: string) => boolean;
}

const MeContext = createContext<MeState>({ me: null, can: () => false });

export function useSignedIn(): boolean {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.signedIn,
  );
}

export function MeProvider({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    if (!signedIn) {
      setMe(null);
      return;
    }
    let live = true;
    void api.GET('/api/v1/auth/me').then(({ data }) => {
      if (live && data) setMe(data);
    });
    return () => {
      live = false;
    };
  }, [signedIn]);
  const can = (permission: string) => !!me && (me.is_superuser || me.permissions.includes(permission));
  return <MeContext.Provider value={{ me, can }}>{children}</MeContext.Provider>;
}

export function useMe(): MeState {
  return useContext(MeContext);
}
