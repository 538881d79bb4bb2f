'use client';

import {
  EventType,
  InteractionRequiredAuthError,
  InteractionStatus,
  ProtocolMode,
  PublicClientApplication,
  type AuthenticationResult,
  type EventMessage,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { MsalProvider, useMsal } from '@azure/msal-react';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PublicAuthConfig } from '@/lib/auth/config';

/**
 * MSAL in the browser: redirect sign-in, silent renewal, and a hand-over of each fresh
 * access token to the server (POST /api/auth/session → httpOnly cookie) so server-rendered
 * pages and plain same-origin fetches are authenticated too. Tokens travel only in
 * headers and that cookie — never in a URL.
 */

export interface SessionUser {
  name: string | null;
  username: string | null;
}

interface AuthContextValue {
  config: PublicAuthConfig;
  /** The user the server accepted for this page, or null. */
  session: SessionUser | null;
  /** The provider signed the user in, but the portal refused the token (no role or scope). */
  denied: boolean;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  /** An access token for the portal's API, renewed silently; null when interaction is needed. */
  getToken(): Promise<string | null>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** The sign-in context, or null when sign-in is off (demo without AUTH_*). */
export function useAuth(): AuthContextValue | null {
  return useContext(AuthContext);
}

function createMsal(config: PublicAuthConfig): IPublicClientApplication {
  return new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: `${window.location.origin}/`,
      postLogoutRedirectUri: `${window.location.origin}/`,
    },
    // sessionStorage: tokens die with the tab, and other tabs cannot read them.
    cache: { cacheLocation: 'sessionStorage' },
    system: { protocolMode: config.protocol === 'OIDC' ? ProtocolMode.OIDC : ProtocolMode.AAD },
  });
}

async function handOver(accessToken: string): Promise<number> {
  const response = await fetch('/api/auth/session', {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    cache: 'no-store',
  });
  return response.status;
}

export interface AuthProviderProps {
  config: PublicAuthConfig;
  session: SessionUser | null;
  children: ReactNode;
}

export function AuthProvider({ config, session, children }: AuthProviderProps): ReactNode {
  // MSAL needs window; the server renders the same tree without it.
  const [msal, setMsal] = useState<IPublicClientApplication | null>(null);
  const [value, setValue] = useState<AuthContextValue>(() => inertContext(config, session));
  // The one client-only object: made after hydration (the server has no window), once per config.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setMsal(createMsal(config)), [config]);
  // MSAL sits beside the page, not around it, so its arrival after hydration does not remount the page.
  return (
    <AuthContext.Provider value={value}>
      {msal ? (
        <MsalProvider instance={msal}>
          <SessionBridge config={config} session={session} onChange={setValue} />
        </MsalProvider>
      ) : null}
      {children}
    </AuthContext.Provider>
  );
}

function inertContext(config: PublicAuthConfig, session: SessionUser | null): AuthContextValue {
  const notReady = async (): Promise<never> => {
    throw new Error('sign-in is still loading');
  };
  return { config, session, denied: false, signIn: notReady, signOut: notReady, getToken: async () => null };
}

interface SessionBridgeProps {
  config: PublicAuthConfig;
  session: SessionUser | null;
  onChange: (value: AuthContextValue) => void;
}

function SessionBridge({ config, session, onChange }: SessionBridgeProps): null {
  const { instance, accounts, inProgress } = useMsal();
  const router = useRouter();
  const renewTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const triedSilent = useRef(false);
  const [denied, setDenied] = useState(false);
  const apiScopes = useMemo(
    () => config.scopes.filter((s) => !['openid', 'profile', 'offline_access'].includes(s)),
    [config],
  );

  const getToken = useCallback(async (): Promise<string | null> => {
    const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
    if (!account) return null;
    try {
      return (await instance.acquireTokenSilent({ account, scopes: apiScopes })).accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) return null;
      throw error;
    }
  }, [instance, apiScopes]);

  const sync = useCallback(
    async (result: AuthenticationResult): Promise<void> => {
      if (result.account) instance.setActiveAccount(result.account);
      if (!result.accessToken) return;
      const status = await handOver(result.accessToken);
      setDenied(status === 403);
      if (status !== 200) return;
      if (renewTimer.current) clearTimeout(renewTimer.current);
      // Renew shortly before expiry so the cookie never outlives nor trails the token.
      const ms = (result.expiresOn?.getTime() ?? Date.now() + 3_600_000) - Date.now() - 120_000;
      renewTimer.current = setTimeout(() => void getToken(), Math.max(30_000, ms));
      if (!session) router.refresh();
    },
    [instance, getToken, router, session],
  );

  useEffect(() => {
    const id = instance.addEventCallback((message: EventMessage) => {
      if (message.eventType === EventType.LOGIN_SUCCESS || message.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) {
        void sync(message.payload as AuthenticationResult);
      }
    });
    return () => {
      if (id) instance.removeEventCallback(id);
    };
  }, [instance, sync]);

  // Signed in to MSAL but the server has no (or an expired) session: renew silently.
  useEffect(() => {
    if (inProgress !== InteractionStatus.None || accounts.length === 0 || session || triedSilent.current) return;
    // Once per page: a refused token would otherwise be fetched again on every render.
    triedSilent.current = true;
    void getToken();
  }, [inProgress, accounts, session, getToken]);

  useEffect(
    () => () => {
      if (renewTimer.current) clearTimeout(renewTimer.current);
    },
    [],
  );

  useEffect(() => {
    onChange({
      config,
      session,
      denied,
      signIn: () => instance.loginRedirect({ scopes: apiScopes, redirectStartPage: window.location.href }),
      signOut: async () => {
        await fetch('/api/auth/session', { method: 'DELETE' });
        const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null;
        // client_id, not id_token_hint: OpenID RP-initiated logout accepts either, and a token has no business in a URL.
        await instance.logoutRedirect({ account, extraQueryParameters: { client_id: config.clientId } });
      },
      getToken,
    });
  }, [onChange, config, session, denied, instance, apiScopes, getToken]);
  return null;
}

/**
 * fetch() for client components: adds the bearer token from MSAL when sign-in is on.
 * Same-origin requests also carry the session cookie, so plain fetch works too; this is
 * for callers that outlive the cookie (long polling) or call from another origin.
 */
export function useAuthFetch(): (input: string, init?: RequestInit) => Promise<Response> {
  const auth = useAuth();
  return useCallback(
    async (input: string, init: RequestInit = {}) => {
      const token = auth ? await auth.getToken() : null;
      const headers = new Headers(init.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
    [auth],
  );
}
