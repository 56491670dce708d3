import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { request } from './api';
import { graphql } from './gql';
import type { MeQuery } from './gql/graphql';
import { beginSignIn, completeSignIn, type DashboardConfig, endProviderSession, loadConfig } from './oidc';

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

export interface Session {
  readonly token: string | undefined;
  readonly me: MeQuery['me'] | undefined;
  /** The token was refused (expired, wrong secret): the message to show. */
  readonly tokenError: string | undefined;
  /** The town a town operator works for: highlighted in every view. */
  readonly ownTown: { readonly code: string; readonly name: string } | undefined;
  setToken(token: string | undefined): void;
  /** The gateway's `/dashboard/config.json` (undefined while it loads). */
  readonly config: DashboardConfig | undefined;
  /** Signed in through the identity provider (not a pasted development token). */
  readonly signedIn: boolean;
  /** A sign-in with the identity provider failed: the message to show. */
  readonly signInError: string | undefined;
  /** Goes to the identity provider's sign-in page. */
  signIn(): void;
  /** Forgets the token, and ends the provider's session when it offers that. */
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  // Tokens are kept in memory only: never in localStorage or sessionStorage.
  const [token, setTokenState] = useState<string | undefined>();
  const [signedIn, setSignedIn] = useState(false);
  const [signInError, setSignInError] = useState<string | undefined>();
  const config = useQuery({ queryKey: ['config'], queryFn: loadConfig, staleTime: Number.POSITIVE_INFINITY });
  const oidc = config.data?.oidc;
  const setToken = useCallback((next: string | undefined) => {
    setTokenState(next?.trim() || undefined);
    setSignedIn(false);
  }, []);
  useEffect(() => {
    if (!oidc) return;
    completeSignIn(oidc).then(
      (done) => {
        if (!done) return;
        setTokenState(done.idToken);
        setSignedIn(true);
      },
      (e: unknown) => setSignInError(e instanceof Error ? e.message : String(e)),
    );
  }, [oidc]);
  const signIn = useCallback(() => {
    if (!oidc) return;
    setSignInError(undefined);
    beginSignIn(oidc).catch((e: unknown) => setSignInError(e instanceof Error ? e.message : String(e)));
  }, [oidc]);
  const signOut = useCallback(() => {
    const idToken = signedIn ? token : undefined;
    setTokenState(undefined);
    setSignedIn(false);
    if (oidc && idToken) {
      endProviderSession(oidc, idToken).catch((e: unknown) =>
        setSignInError(e instanceof Error ? e.message : String(e)),
      );
    }
  }, [oidc, signedIn, token]);
  const me = useQuery({ queryKey: ['me', token], queryFn: () => request(MeDocument, {}, token), retry: false });
  const value = useMemo<Session>(() => {
    const town = me.data?.me.role === 'TOWN_OPERATOR' ? (me.data.me.town ?? undefined) : undefined;
    return {
      token,
      me: me.data?.me,
      tokenError: me.error ? me.error.message : undefined,
      ownTown: town ? { code: town.code, name: town.name } : undefined,
      setToken,
      config: config.data,
      signedIn,
      signInError,
      signIn,
      signOut,
    };
  }, [token, me.data, me.error, setToken, config.data, signedIn, signInError, signIn, signOut]);
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
