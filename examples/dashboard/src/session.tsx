import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { request } from './api';
import { graphql } from './gql';
import type { MeQuery } from './gql/graphql';

const MeDocument = graphql(`
  query Me {
    me {
      role
      subject
      city
      town {
        code
        name
      }
    }
  }
`);

/** Where a pasted token is kept: this browser tab only (a shared office PC forgets it on close). */
const STORAGE_KEY = 'mujun.dashboard.token';

export interface Session {
  readonly token: string | undefined;
  readonly me: MeQuery['me'] | undefined;
  /** The token was refused (expired, wrong secret): the message to show. */
  readonly tokenError: string | undefined;
  /** The town a town operator works for: highlighted in every view. */
  readonly ownTown: { readonly code: string; readonly name: string } | undefined;
  setToken(token: string | undefined): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [token, setTokenState] = useState<string | undefined>(() => sessionStorage.getItem(STORAGE_KEY) ?? undefined);
  const setToken = useCallback((next: string | undefined) => {
    const clean = next?.trim() || undefined;
    if (clean) sessionStorage.setItem(STORAGE_KEY, clean);
    else sessionStorage.removeItem(STORAGE_KEY);
    setTokenState(clean);
  }, []);
  const me = useQuery({ queryKey: ['me', token], queryFn: () => request(MeDocument, {}, token), retry: false });
  const value = useMemo<Session>(() => {
    const town = me.data?.me.role === 'TOWN_OPERATOR' ? (me.data.me.town ?? undefined) : undefined;
    return {
      token,
      me: me.data?.me,
      tokenError: me.error ? me.error.message : undefined,
      ownTown: town ? { code: town.code, name: town.name } : undefined,
      setToken,
    };
  }, [token, me.data, me.error, setToken]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/**
 * A query through the gateway with the session's token; the token is part of
 * the cache key, so switching role refetches every view.
 */
export function useGateway<TResult, TVariables>(
  key: string,
  document: Parameters<typeof request<TResult, TVariables>>[0],
  variables: TVariables,
) {
  const { token } = useSession();
  return useQuery({
    queryKey: [key, variables, token],
    queryFn: () => request(document, variables, token),
  });
}
