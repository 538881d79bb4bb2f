import { z } from 'zod';

/**
 * Sign-in configuration (AUTH_* variables, documented in the README). AUTH_CLIENT_ID turns
 * sign-in on; without it the portal is open, which the header says. Any OpenID Connect
 * provider can stand in for Entra ID: set AUTH_AUTHORITY and AUTH_ISSUER instead of the tenant.
 */

const list = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );

const httpsOrLoopbackUrl = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    );
  }, 'must be an https URL (http only on loopback)');

export const AUTH_ENV = {
  AUTH_CLIENT_ID: z.string().min(1).max(200).optional(),
  AUTH_TENANT_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a tenant id or domain')
    .optional(),
  AUTH_AUTHORITY: httpsOrLoopbackUrl.optional(),
  AUTH_ISSUER: httpsOrLoopbackUrl.optional(),
  AUTH_AUDIENCE: list.optional(),
  AUTH_JWKS_URI: httpsOrLoopbackUrl.optional(),
  AUTH_API_SCOPE: z.string().min(1).max(500).optional(),
  AUTH_REQUIRED_SCOPE: z
    .string()
    .regex(/^[!-~]{1,200}$/, 'must be one scope name')
    .optional(),
  AUTH_REQUIRED_ROLE: z
    .string()
    .regex(/^[!-~]{1,200}$/, 'must be one app role')
    .optional(),
  AUTH_ALLOWED_TENANTS: list.optional(),
  AUTH_AZURE_ACCESS: z.enum(['server', 'obo']).default('server'),
  AUTH_API_CLIENT_ID: z.string().min(1).max(200).optional(),
  AUTH_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
};

const authEnvSchema = z.object(AUTH_ENV);

export interface AuthConfig {
  clientId: string;
  /** What MSAL signs in against (Entra: https://login.microsoftonline.com/<tenant>). */
  authority: string;
  /** The `iss` every token must carry. */
  issuer: string;
  /** Accepted `aud` values. */
  audiences: string[];
  /** Where the signing keys are; null means "read jwks_uri from the issuer's discovery document". */
  jwksUri: string | null;
  /** The scope the browser asks for when it calls the portal's API. */
  apiScope: string;
  requiredScope: string | null;
  requiredRole: string | null;
  /** Accepted `tid` values; empty means any tenant the issuer signs for. */
  allowedTenants: string[];
  /** `obo`: ask Azure with the user's rights; `server`: the portal's identity, app roles decide who may look. */
  azureAccess: 'server' | 'obo';
  /** The app registration that owns AUTH_CLIENT_SECRET and trades tokens on-behalf-of (default: clientId). */
  apiClientId: string;
  clientSecret: string | null;
  clockSkewSeconds: number;
}

export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

const ENTRA = 'https://login.microsoftonline.com';

/** The sign-in configuration, or null when AUTH_CLIENT_ID is not set (open portal). */
export function readAuthConfig(env: Readonly<Record<string, string | undefined>> = process.env): AuthConfig | null {
  const parsed = authEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthConfigError(`invalid configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const e = parsed.data;
  if (!e.AUTH_CLIENT_ID) {
    const stray = Object.keys(AUTH_ENV).filter(
      (k) => k !== 'AUTH_AZURE_ACCESS' && k !== 'AUTH_CLOCK_SKEW_SECONDS' && env[k],
    );
    // A half-configured sign-in must not silently leave the portal open.
    if (stray.length > 0)
      throw new AuthConfigError(`invalid configuration: ${stray.join(', ')} set without AUTH_CLIENT_ID`);
    return null;
  }
  const tenant = e.AUTH_TENANT_ID;
  const authority = e.AUTH_AUTHORITY ?? (tenant ? `${ENTRA}/${tenant}` : undefined);
  const issuer = e.AUTH_ISSUER ?? (tenant ? `${ENTRA}/${tenant}/v2.0` : undefined);
  if (!authority || !issuer)
    throw new AuthConfigError(
      'invalid configuration: AUTH_CLIENT_ID needs AUTH_TENANT_ID, or AUTH_AUTHORITY and AUTH_ISSUER',
    );
  if (e.AUTH_AZURE_ACCESS === 'obo' && !e.AUTH_CLIENT_SECRET) {
    throw new AuthConfigError('invalid configuration: AUTH_AZURE_ACCESS=obo needs AUTH_CLIENT_SECRET');
  }
  if (e.AUTH_AZURE_ACCESS === 'obo' && !env.AZURE_TENANT_ID) {
    // The downstream tokens come from the Azure tenant's token endpoint.
    throw new AuthConfigError(
      "invalid configuration: AUTH_AZURE_ACCESS=obo needs AZURE_TENANT_ID (on-behalf-of asks Azure with each user's rights)",
    );
  }
  if (e.AUTH_AZURE_ACCESS === 'server' && !e.AUTH_REQUIRED_ROLE && !e.AUTH_REQUIRED_SCOPE) {
    // With the server's identity every signed-in user would see everything the portal can read.
    throw new AuthConfigError(
      'invalid configuration: AUTH_AZURE_ACCESS=server needs AUTH_REQUIRED_ROLE (or AUTH_REQUIRED_SCOPE)',
    );
  }
  const audiences =
    e.AUTH_AUDIENCE && e.AUTH_AUDIENCE.length > 0 ? e.AUTH_AUDIENCE : [e.AUTH_CLIENT_ID, `api://${e.AUTH_CLIENT_ID}`];
  const allowedTenants =
    e.AUTH_ALLOWED_TENANTS && e.AUTH_ALLOWED_TENANTS.length > 0
      ? e.AUTH_ALLOWED_TENANTS
      : tenant && !['common', 'organizations'].includes(tenant)
        ? [tenant]
        : [];
  return {
    clientId: e.AUTH_CLIENT_ID,
    authority,
    issuer,
    audiences,
    jwksUri: e.AUTH_JWKS_URI ?? null,
    apiScope: e.AUTH_API_SCOPE ?? `api://${e.AUTH_CLIENT_ID}/${e.AUTH_REQUIRED_SCOPE ?? 'Fleet.Read'}`,
    requiredScope: e.AUTH_REQUIRED_SCOPE ?? null,
    requiredRole: e.AUTH_REQUIRED_ROLE ?? null,
    allowedTenants,
    azureAccess: e.AUTH_AZURE_ACCESS,
    apiClientId: e.AUTH_API_CLIENT_ID ?? e.AUTH_CLIENT_ID,
    clientSecret: e.AUTH_CLIENT_SECRET ?? null,
    clockSkewSeconds: e.AUTH_CLOCK_SKEW_SECONDS,
  };
}

let cached: { source: NodeJS.ProcessEnv; config: AuthConfig | null } | null = null;

/** The process's sign-in configuration, read once per environment object. */
export function getAuthConfig(): AuthConfig | null {
  if (!cached || cached.source !== process.env) cached = { source: process.env, config: readAuthConfig() };
  return cached.config;
}

/** What the browser needs to run MSAL; nothing secret. */
export interface PublicAuthConfig {
  clientId: string;
  authority: string;
  /** Entra authorities are known to MSAL; any other host must be listed and spoken to in OIDC mode. */
  protocol: 'AAD' | 'OIDC';
  knownAuthorities: string[];
  scopes: string[];
}

export function toPublicAuthConfig(config: AuthConfig): PublicAuthConfig {
  const host = new URL(config.authority).host;
  const entra = host === new URL(ENTRA).host;
  return {
    clientId: config.clientId,
    authority: config.authority,
    protocol: entra ? 'AAD' : 'OIDC',
    knownAuthorities: [host],
    scopes: ['openid', 'profile', 'offline_access', config.apiScope],
  };
}
