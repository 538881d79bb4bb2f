import 'server-only';
import { createHash } from 'node:crypto';
import { cache } from 'react';
import { getAuthConfig, type AuthConfig } from '../auth/config';
import { createOboApp, createOboCredential } from '../auth/obo';
import { getServerAuth } from '../auth/server';
import type { AuthUser } from '../auth/verify';
import type { BackendRegistry } from '../sources/backend';
import { createQueryRunner, type QueryRunner } from '../sources/runner';
import { createBackendSet, getSharedBackendSet } from './backends';
import { processShared } from './cache';
import { ConfigError, getConfig, type AppConfig } from './config';

/**
 * Whose rights a question is asked with. With the server's identity (or the demo) everyone
 * shares one set of backends and one cache; with on-behalf-of (AUTH_AZURE_ACCESS=obo) each
 * signed-in user gets backends that carry their own downstream tokens, and their own
 * `scope` in every cache key, so one user's answers never reach another.
 */
export interface DataAccess {
  readonly config: AppConfig;
  /** Part of every cache key: "shared", or the user's tenant and object id. */
  readonly scope: string;
  readonly backends: BackendRegistry;
  readonly runner: QueryRunner;
}

export const SHARED_SCOPE = 'shared';

interface UserEntry {
  access: DataAccess;
  /** The user's latest access token; the on-behalf-of credential reads it on every exchange. */
  latest: { token: string };
  lastUsed: number;
}

/** Stable per user across applications and token renewals: Entra's tid + oid, else the issuer's sub. */
export function userScope(user: AuthUser): string {
  return `user:${user.tenantId ?? '-'}:${user.objectId ?? user.subject}`;
}

function oboAuthority(config: AppConfig): { authority: string; knownAuthorities?: string[] } {
  const azure = config.azure;
  if (!azure)
    throw new ConfigError(
      "invalid configuration: AUTH_AZURE_ACCESS=obo needs AZURE_TENANT_ID (on-behalf-of asks Azure with the user's rights)",
    );
  const host = (azure.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  return {
    authority: `${host}/${azure.tenantId}`,
    ...(azure.disableInstanceDiscovery ? { knownAuthorities: [new URL(host).host] } : {}),
  };
}

export interface AccessRegistryOptions {
  /** Users whose backends are kept; the least recently seen goes first and rebuilds on their next request. */
  maxUsers?: number;
  /** A user unseen this long loses their backends (and the downstream tokens they cache). */
  idleMs?: number;
  /** PEM of an extra CA for the token endpoint and Azure endpoints; production uses NODE_EXTRA_CA_CERTS. */
  ca?: string;
}

export interface AccessRegistry {
  /** The access for a user whose token was already checked; `user` is null only when sign-in is off. */
  forUser(user: AuthUser | null, config: AppConfig, auth: AuthConfig | null, now?: number): DataAccess;
  /** Users with backends right now. */
  userCount(): number;
}

/**
 * Equal configurations are the same configuration: pages and route handlers each read their
 * own copy (separate module graphs), and must still share one set of backends.
 */
const fingerprints = new WeakMap<object, string>();
function fingerprint(config: object): string {
  let f = fingerprints.get(config);
  if (f === undefined)
    fingerprints.set(config, (f = createHash('sha256').update(JSON.stringify(config)).digest('base64url')));
  return f;
}

export function createAccessRegistry(options: AccessRegistryOptions = {}): AccessRegistry {
  const maxUsers = options.maxUsers ?? 500;
  const idleMs = options.idleMs ?? 60 * 60 * 1000;
  let shared: { key: string; access: DataAccess } | null = null;
  // Map order is least recently used first.
  const users = new Map<string, UserEntry>();
  let usersFor: string | null = null;

  function serverAccess(config: AppConfig): DataAccess {
    const key = fingerprint(config);
    if (shared?.key !== key) {
      const set = options.ca ? createBackendSet(config, { ca: options.ca }) : getSharedBackendSet(config);
      shared = {
        key,
        access: { config, scope: SHARED_SCOPE, backends: set.backends, runner: createQueryRunner(set.backends) },
      };
    }
    return shared.access;
  }

  function userAccess(config: AppConfig, auth: AuthConfig, user: AuthUser, now: number): DataAccess {
    const key = `${fingerprint(config)}|${fingerprint(auth)}`;
    if (usersFor !== key) {
      users.clear();
      usersFor = key;
    }
    const scope = userScope(user);
    const hit = users.get(scope);
    if (hit) {
      hit.latest.token = user.token;
      hit.lastUsed = now;
      users.delete(scope);
      users.set(scope, hit);
      return hit.access;
    }
    if (!auth.clientSecret)
      throw new ConfigError('invalid configuration: AUTH_AZURE_ACCESS=obo needs AUTH_CLIENT_SECRET');
    // One msal-node app per user: its token cache then leaves with the user instead of growing forever.
    const app = createOboApp({
      clientId: auth.apiClientId,
      clientSecret: auth.clientSecret,
      ca: options.ca,
      ...oboAuthority(config),
    });
    const latest = { token: user.token };
    const set = createBackendSet(config, {
      credential: createOboCredential(app, () => latest.token),
      // Only a Prometheus without per-user rights is shared; built lazily, the server's identity may have no secret.
      sharedProm:
        config.prometheus.urls.length > 0 && config.prometheus.auth.kind !== 'azure'
          ? serverAccess(config).backends.prom
          : undefined,
      ca: options.ca,
    });
    const access: DataAccess = { config, scope, backends: set.backends, runner: createQueryRunner(set.backends) };
    users.set(scope, { access, latest, lastUsed: now });
    for (const [key, e] of users) {
      if (users.size <= maxUsers && now - e.lastUsed < idleMs) break;
      users.delete(key);
    }
    return access;
  }

  return {
    forUser(user, config, auth, now = Date.now()) {
      if (!auth || auth.azureAccess !== 'obo' || config.mode === 'demo') return serverAccess(config);
      if (!user) throw new Error('on-behalf-of needs a signed-in user; the request was not checked');
      return userAccess(config, auth, user, now);
    },
    userCount: () => users.size,
  };
}

/** One registry per process: pages and route handlers share its backends, discovery and users. */
const processRegistry = (): AccessRegistry => processShared('server.access', () => createAccessRegistry());

/**
 * The access for a request whose token was already checked (`requireAuth`, `getServerAuth`).
 * `user` is null only when sign-in is off, which on-behalf-of cannot be.
 */
export function dataAccess(user: AuthUser | null): DataAccess {
  return processRegistry().forUser(user, getConfig(), getAuthConfig());
}

export class AccessDeniedError extends Error {
  override name = 'AccessDeniedError';
}

/**
 * For server components deep in a page (cluster panels): the request's access, checked once
 * per render. Pages check the session first and show the sign-in page; this throws if one
 * did not, so no panel can run a query for an unchecked request.
 */
export const requestAccess = cache(async (): Promise<DataAccess> => {
  const auth = await getServerAuth();
  if (!auth.ok) throw new AccessDeniedError(auth.message);
  return dataAccess(auth.user);
});
