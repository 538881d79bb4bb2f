import { request as httpsRequest } from 'node:https';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';

/**
 * On-behalf-of: the portal trades the signed-in user's access token for downstream tokens
 * (Resource Graph, Log Analytics, managed Prometheus) that carry the user's own Azure
 * rights. https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow
 * msal-node caches each downstream token per user assertion, so one app serves all users.
 */

export interface OboAppOptions {
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com/<tenant>, or a sovereign/private authority. */
  authority: string;
  /** Hosts msal-node should trust without Entra instance discovery (private clouds, tests). */
  knownAuthorities?: string[];
  /** Extra CA (PEM) for the token endpoint; production uses NODE_EXTRA_CA_CERTS instead. */
  ca?: string;
}

/** msal-node's HTTP client, with an extra CA: its built-in client takes none. */
function networkWithCa(ca: string): INetworkModule {
  const send = <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, headers: options?.headers, ca, timeout: timeout ?? 15_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
          try {
            resolve({
              status: res.statusCode ?? 0,
              headers,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error('invalid JSON from the token endpoint'));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error('token endpoint timed out')));
      req.on('error', reject);
      if (options?.body) req.write(options.body);
      req.end();
    });
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

export function createOboApp(options: OboAppOptions): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: options.authority,
      ...(options.knownAuthorities ? { knownAuthorities: options.knownAuthorities } : {}),
    },
    system: options.ca ? { networkClient: networkWithCa(options.ca) } : {},
  });
}

/** Entra refused to trade the user's token; the message says what the user or an admin can do. */
export class OboExchangeError extends Error {
  override name = 'OboExchangeError';
  constructor(
    message: string,
    readonly entraCode: string | null,
  ) {
    super(message);
  }
}

const ADVICE: Record<string, string> = {
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes
  AADSTS65001:
    'an administrator has not consented to the portal asking Azure on your behalf: grant admin consent for its API permissions',
  AADSTS50013: 'Entra did not accept your sign-in token for the exchange: sign in again',
  AADSTS500133: 'your sign-in has expired: sign in again',
  AADSTS700024: 'your sign-in has expired: sign in again',
  AADSTS50076: 'Azure needs multi-factor authentication for this resource: sign in again with MFA',
  AADSTS50079: 'Azure needs multi-factor authentication for this resource: sign in again with MFA',
  AADSTS7000215: "the portal's client secret (AUTH_CLIENT_SECRET) is wrong or expired",
};

/** A short, actionable reading of an msal-node failure (its messages run to several lines of ids). */
export function describeOboFailure(error: unknown): OboExchangeError {
  const text = error instanceof Error ? error.message : String(error);
  const code = /AADSTS\d+/.exec(text)?.[0] ?? null;
  const advice = code ? ADVICE[code] : undefined;
  const summary = advice ?? (text.split(' - ')[0]?.split('\n')[0]?.slice(0, 200) || 'the token exchange failed');
  return new OboExchangeError(`on-behalf-of token exchange refused${code ? ` (${code})` : ''}: ${summary}`, code);
}

/**
 * A TokenCredential for the Azure SDKs that answers with the user's downstream token.
 * `userToken` is read on every call, so a renewed sign-in is picked up without a new client.
 */
export function createOboCredential(app: ConfidentialClientApplication, userToken: () => string): TokenCredential {
  return {
    async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
      let result: Awaited<ReturnType<ConfidentialClientApplication['acquireTokenOnBehalfOf']>>;
      try {
        result = await app.acquireTokenOnBehalfOf({
          oboAssertion: userToken(),
          scopes: Array.isArray(scopes) ? scopes : [scopes],
        });
      } catch (error) {
        throw describeOboFailure(error);
      }
      if (!result?.accessToken) return null;
      return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 300_000 };
    },
  };
}
