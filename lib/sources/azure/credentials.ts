import 'server-only';
import type { TokenCredential } from '@azure/identity';
import type { RunOptions } from '../backend';
import { raceAbort } from './abort';

/**
 * The Azure backends' credentials: the per-request credential, the OAuth scope of an endpoint,
 * and token reuse across clients and concurrent callers.
 */

/** Run options for Azure backends: the credential may change per request (the signed-in user). */
export interface AzureRunOptions extends RunOptions {
  credential?: TokenCredential;
}

/** The OAuth scope for an endpoint: sovereign clouds and local test servers have their own. */
export function scopeFor(endpoint: string): string {
  return `${new URL(endpoint).origin}/.default`;
}

/** A token with less than this left is renewed before use (Entra tokens live 60–90 minutes). */
export const TOKEN_REFRESH_BEFORE_MS = 5 * 60_000;

type GetTokenOptions = NonNullable<Parameters<TokenCredential['getToken']>[1]>;
type AccessToken = NonNullable<Awaited<ReturnType<TokenCredential['getToken']>>>;

const reusing = new WeakMap<TokenCredential, TokenCredential>();
const wrappers = new WeakSet<TokenCredential>();

/**
 * A credential that keeps each scope's token until it is near expiry and shares one
 * in-flight request among concurrent callers. The SDK clients cache per client pipeline
 * and the Prometheus client not at all, so without this a cold overview asked Entra once
 * per call. Until the first token arrives, requests are sent one at a time: msal resolves
 * the authority (OpenID configuration) on its first request and caches it, so concurrent
 * first requests would each fetch it. The same credential always gets the same wrapper;
 * the cache lives in the wrapper, so a per-user credential's tokens stay that user's.
 */
export function reuseTokens(
  inner: TokenCredential,
  options: { refreshBeforeMs?: number; now?: () => number } = {},
): TokenCredential {
  if (wrappers.has(inner)) return inner;
  const known = reusing.get(inner);
  if (known) return known;
  const refreshBeforeMs = options.refreshBeforeMs ?? TOKEN_REFRESH_BEFORE_MS;
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { token: AccessToken | null; pending: Promise<AccessToken | null> | null }>();
  let warmed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const ask = (scopes: string | string[], opts: GetTokenOptions | undefined): Promise<AccessToken | null> => {
    // The shared request is nobody's to cancel: each caller races its own signal instead.
    const shared = opts ? { ...opts, abortSignal: undefined } : undefined;
    if (warmed) return inner.getToken(scopes, shared);
    const run = queue.then(() => inner.getToken(scopes, shared));
    queue = run.then(
      (t) => {
        if (t) warmed = true;
      },
      () => undefined,
    );
    return run;
  };

  const fresh = (t: AccessToken | null): t is AccessToken =>
    t !== null && now() < Math.min(t.refreshAfterTimestamp ?? Infinity, t.expiresOnTimestamp - refreshBeforeMs);

  const wrapper: TokenCredential = {
    getToken(scopes, opts) {
      const key = `${[scopes].flat().slice().sort().join(' ')}|${opts?.tenantId ?? ''}|${opts?.enableCae ? 'cae' : ''}`;
      let entry = tokens.get(key);
      if (!entry) tokens.set(key, (entry = { token: null, pending: null }));
      // A claims challenge (CAE revoked the token, conditional access) needs a new one whatever is cached.
      if (opts?.claims) {
        const slot = entry;
        return raceAbort(
          ask(scopes, opts).then((t) => {
            if (t) slot.token = t;
            return t;
          }),
          opts.abortSignal,
        );
      }
      if (fresh(entry.token)) return Promise.resolve(entry.token);
      let pending = entry.pending;
      if (!pending) {
        const slot = entry;
        const stale = slot.token;
        pending = slot.pending = ask(scopes, opts)
          .then(
            (t) => {
              slot.token = t;
              return t;
            },
            (error: unknown) => {
              // Renewal failed but the old token still works: keep using it until it does not.
              if (stale && now() < stale.expiresOnTimestamp) return stale;
              throw error;
            },
          )
          .finally(() => {
            slot.pending = null;
          });
      }
      return raceAbort(pending, opts?.abortSignal);
    },
  };
  reusing.set(inner, wrapper);
  wrappers.add(wrapper);
  return wrapper;
}
