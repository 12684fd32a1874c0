import type { WhoAmI } from '@firebreak/contract';
import { FirebreakClient } from '@firebreak/sdk';
import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { clearToken, readToken, writeToken } from '../lib/token-store';
import { keys } from './keys';

export interface Session {
  client: FirebreakClient;
  /** For the one call the SDK has no method for yet (evidence content, which is not JSON). */
  token: string;
  me: WhoAmI;
  /** Responders and admins change things; viewers read. */
  canWrite: boolean;
  signOut(reason?: string): void;
}

/** Provided once signed in (app.tsx); read with useSession. */
export const SessionContext = createContext<Session | null>(null);

/** The signed-in session: the API client with the token, who holds it, and what they may do. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

/** The UI talks to the server it was served from (the dev server proxies /api). */
export function clientFor(token: string): FirebreakClient {
  return new FirebreakClient({ baseUrl: window.location.origin, token });
}

/** Who the token belongs to; `checked` is the answer signing in just got, so it is not asked twice. */
export function useWhoAmI(client: FirebreakClient, token: string, checked: WhoAmI | undefined) {
  return useQuery({
    queryKey: keys.whoami(token),
    queryFn: () => client.whoami(),
    ...(checked ? { initialData: checked } : {}),
    staleTime: 60_000,
  });
}

export interface TokenState {
  token: string | undefined;
  /** Why the last session ended, shown on the sign-in page. */
  notice: string | undefined;
  signIn(token: string, me: WhoAmI): void;
  signOut(reason?: string): void;
  /** Who the token belongs to, when signing in just checked it. */
  checked: WhoAmI | undefined;
}

/** The token in localStorage, and signing in and out. */
export function useTokenState(): TokenState {
  const [token, setToken] = useState(readToken);
  const [notice, setNotice] = useState<string>();
  const [checked, setChecked] = useState<WhoAmI>();
  const signIn = useCallback((next: string, me: WhoAmI) => {
    writeToken(next);
    setChecked(me);
    setNotice(undefined);
    setToken(next);
  }, []);
  const signOut = useCallback((reason?: string) => {
    clearToken();
    setChecked(undefined);
    setNotice(reason);
    setToken(undefined);
  }, []);
  return useMemo(() => ({ token, notice, signIn, signOut, checked }), [token, notice, signIn, signOut, checked]);
}
