import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { AuthConfigError, getAuthConfig, toPublicAuthConfig, type AuthConfig, type PublicAuthConfig } from './config';
import { verifyRequest, type AuthOutcome } from './verify';

/**
 * For server components: the same check as the API, on the session cookie the browser sends
 * with a page request. proxy.ts already refused the page without it; checking again here
 * keeps a page safe if the proxy's matcher ever changes. Checked once per render (React cache).
 */
export const getServerAuth = cache(async (): Promise<AuthOutcome> => verifyRequest({ headers: await headers() }));

export interface LayoutAuth {
  signIn: 'on' | 'off';
  /** What MSAL in the browser needs; null when sign-in is off or misconfigured. */
  publicConfig: PublicAuthConfig | null;
  /** The user whose session cookie the server accepted for this request. */
  session: { name: string | null; username: string | null } | null;
}

/**
 * What the root layout needs. Reading the request headers also makes every page dynamic,
 * which the CSP nonce requires (a prerendered page would carry scripts without it).
 */
export async function getLayoutAuth(): Promise<LayoutAuth> {
  const requestHeaders = await headers();
  let config: AuthConfig | null;
  try {
    config = getAuthConfig();
  } catch (error) {
    if (error instanceof AuthConfigError) return { signIn: 'on', publicConfig: null, session: null };
    throw error;
  }
  if (!config) return { signIn: 'off', publicConfig: null, session: null };
  const outcome = await verifyRequest({ headers: requestHeaders }, config);
  return {
    signIn: 'on',
    publicConfig: toPublicAuthConfig(config),
    session: outcome.ok && outcome.user ? { name: outcome.user.name, username: outcome.user.username } : null,
  };
}
