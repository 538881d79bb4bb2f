import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { getAuthConfig, type AuthConfig } from './config';

/**
 * The one token check. Route handlers, server components and proxy.ts all call
 * verifyRequest(); it reads the bearer token (or the session cookie a signed-in browser
 * holds) and checks signature, issuer, audience, exp/nbf, tenant and the required scope or
 * app role. Missing or bad token → 401; a good token without the right → 403.
 */

/** httpOnly cookie holding the user's access token so server-rendered pages can check it too. */
export const SESSION_COOKIE = 'fleetwatch_session';

/** Set by proxy.ts on the request it rewrites to /sign-in: why (401, 403, 500). Clients' copies are dropped. */
export const AUTH_STATUS_HEADER = 'x-fleetwatch-auth-status';

export interface AuthUser {
  /** `sub`: stable per user and application. */
  subject: string;
  /** `oid` in Entra tokens: the user's object id, the same for every application. */
  objectId: string | null;
  tenantId: string | null;
  name: string | null;
  username: string | null;
  scopes: string[];
  roles: string[];
  expiresAt: number;
  /** The raw access token, kept in memory for on-behalf-of; never logged or echoed. */
  token: string;
}

export type AuthOutcome =
  /** user is null when sign-in is not configured (open portal). */
  | { ok: true; user: AuthUser | null }
  | {
      ok: false;
      status: 401 | 403 | 503;
      code: 'missing_token' | 'invalid_token' | 'insufficient_scope' | 'issuer_unavailable';
      message: string;
    };

const claimsSchema = z.object({
  sub: z.string().min(1),
  oid: z.string().optional(),
  tid: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  scp: z.string().optional(),
  scope: z.string().optional(),
  roles: z.array(z.string()).optional(),
  exp: z.number(),
});

const discoverySchema = z.object({ jwks_uri: z.string().url() });

interface Verifier {
  config: AuthConfig;
  keys: JWTVerifyGetKey;
}

let verifier: Verifier | null = null;

/** A key set that reads jwks_uri from the issuer's discovery document on first use. */
function discoveredKeys(config: AuthConfig): JWTVerifyGetKey {
  let remote: Promise<JWTVerifyGetKey> | null = null;
  const load = async (): Promise<JWTVerifyGetKey> => {
    const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new errors.JWKSTimeout(`discovery document answered ${response.status}`);
    const doc = discoverySchema.parse(await response.json());
    return createRemoteJWKSet(new URL(doc.jwks_uri));
  };
  return async (header, token) => {
    remote ??= load().catch((error: unknown) => {
      remote = null; // try again on the next request
      throw error;
    });
    return (await remote)(header, token);
  };
}

function getVerifier(config: AuthConfig): Verifier {
  if (!verifier || verifier.config !== config) {
    verifier = { config, keys: config.jwksUri ? createRemoteJWKSet(new URL(config.jwksUri)) : discoveredKeys(config) };
  }
  return verifier;
}

/** The bearer token from `Authorization`, else the session cookie; never from the URL. */
export function readToken(headers: Headers): string | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i.exec(authorization.trim());
    return match?.[1] ?? '';
  }
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

function deny(
  status: 401 | 403 | 503,
  code: Extract<AuthOutcome, { ok: false }>['code'],
  message: string,
): AuthOutcome {
  return { ok: false, status, code, message };
}

/** Checks a raw token against the configuration. Exposed for the session route and tests. */
export async function verifyToken(
  token: string | null,
  config: AuthConfig,
  keys?: JWTVerifyGetKey,
): Promise<AuthOutcome> {
  if (token === null)
    return deny(401, 'missing_token', 'sign-in required: send an access token as "Authorization: Bearer <token>"');
  if (token === '') return deny(401, 'invalid_token', 'the Authorization header is not a bearer token');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys ?? getVerifier(config).keys, {
      issuer: config.issuer,
      audience: config.audiences,
      clockTolerance: config.clockSkewSeconds,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'],
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (error) {
    if (error instanceof errors.JWKSTimeout || (error instanceof Error && !(error instanceof errors.JOSEError))) {
      // The issuer's keys could not be read: not the caller's fault, and not a reason to let them in.
      return deny(503, 'issuer_unavailable', "the sign-in provider's keys cannot be read right now; try again shortly");
    }
    return deny(401, 'invalid_token', describeJoseError(error));
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) return deny(401, 'invalid_token', 'the token lacks the sub or exp claim');
  const c = claims.data;
  if (config.allowedTenants.length > 0 && (!c.tid || !config.allowedTenants.includes(c.tid))) {
    return deny(401, 'invalid_token', 'the token was issued for a tenant this portal does not accept');
  }
  const scopes = (c.scp ?? c.scope ?? '').split(' ').filter(Boolean);
  const roles = c.roles ?? [];
  if (config.requiredScope && !scopes.includes(config.requiredScope)) {
    return deny(403, 'insufficient_scope', `the token lacks the scope ${config.requiredScope}`);
  }
  if (config.requiredRole && !roles.includes(config.requiredRole)) {
    return deny(
      403,
      'insufficient_scope',
      `you are signed in but lack the app role ${config.requiredRole}; ask an administrator to assign it`,
    );
  }
  return {
    ok: true,
    user: {
      subject: c.sub,
      objectId: c.oid ?? null,
      tenantId: c.tid ?? null,
      name: c.name ?? null,
      username: c.preferred_username ?? null,
      scopes,
      roles,
      expiresAt: c.exp,
      token,
    },
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet';
    if (error.claim === 'iss') return 'the token was issued by another issuer';
    if (error.claim === 'aud') return 'the token is for another audience';
    return `the token's ${error.claim} claim is invalid`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was signed with a key the issuer does not publish';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token uses an algorithm this portal does not accept';
  return 'the token is malformed';
}

/** Checks one request. With sign-in off (no AUTH_CLIENT_ID) every request passes, as an anonymous user. */
export async function verifyRequest(
  request: { headers: Headers },
  config: AuthConfig | null = getAuthConfig(),
): Promise<AuthOutcome> {
  if (!config) return { ok: true, user: null };
  return verifyToken(readToken(request.headers), config);
}
