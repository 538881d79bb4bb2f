import 'server-only';
import type { TokenCredential } from '@azure/identity';
import type { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { RunOptions } from '../backend';
import { SourceError, type SourceFailure } from '../errors';

/**
 * What the two Azure backends share: the per-request credential, a bounded retry policy
 * for the SDK pipelines, and the mapping of SDK errors to SourceError.
 */

/** Run options for Azure backends: the credential may change per request (the signed-in user). */
export interface AzureRunOptions extends RunOptions {
  credential?: TokenCredential;
}

// Pipeline types come from the client so no transitive package is imported directly.
type Pipeline = ResourceGraphClient['pipeline'];
export type PipelinePolicy = Parameters<Pipeline['addPolicy']>[0];
type PipelineRequest = Parameters<PipelinePolicy['sendRequest']>[0];
type PipelineResponse = Awaited<ReturnType<PipelinePolicy['sendRequest']>>;

export interface RetryLimits {
  /** Retries after a 429 or a 5xx, per HTTP request. */
  maxRetries: number;
  /** The longest Retry-After the portal waits for; longer ones fail the panel at once. */
  maxRetryAfterMs: number;
  /** Backoff after a 5xx or a dropped connection, doubled per attempt. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = { maxRetries: 2, maxRetryAfterMs: 10_000, baseDelayMs: 500 };

/** The part of an abort signal sleep needs (the SDK's AbortSignalLike has no `reason`). */
interface SignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

function abortReason(signal: SignalLike | undefined): Error {
  const reason = signal && 'reason' in signal ? (signal as { reason?: unknown }).reason : undefined;
  return reason instanceof Error ? reason : new DOMException('the operation was aborted', 'AbortError');
}

/** Waits, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: SignalLike): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After in seconds or as an HTTP date; also the millisecond variants Azure sends. */
export function retryAfterMs(headers: { get(name: string): string | undefined }, now = Date.now()): number | null {
  const ms = headers.get('retry-after-ms') ?? headers.get('x-ms-retry-after-ms');
  if (ms !== undefined && /^\d+$/.test(ms.trim())) return Number(ms);
  const value = headers.get('retry-after');
  if (value === undefined) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504]);

/**
 * Replaces the SDK's retry: the default honours any Retry-After however long (a 429 asking
 * for five minutes would hang the page) and retries unboundedly per strategy. This one
 * waits for Retry-After only up to a limit, backs off on 5xx, and never retries an abort.
 */
export function boundedRetryPolicy(limits: RetryLimits): PipelinePolicy {
  return {
    name: 'fleetwatchBoundedRetry',
    async sendRequest(request: PipelineRequest, next: (req: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse> {
      for (let attempt = 0; ; attempt++) {
        let response: PipelineResponse;
        try {
          response = await next(request);
        } catch (error) {
          const aborted = request.abortSignal?.aborted || (error instanceof Error && error.name === 'AbortError');
          if (aborted || attempt >= limits.maxRetries || !isConnectionError(error)) throw error;
          await sleep(limits.baseDelayMs * 2 ** attempt, request.abortSignal);
          continue;
        }
        if (attempt >= limits.maxRetries) return response;
        if (response.status === 429) {
          const wait = retryAfterMs(response.headers);
          if (wait === null || wait > limits.maxRetryAfterMs) return response;
          await sleep(wait, request.abortSignal);
          continue;
        }
        if (RETRYABLE_STATUS.has(response.status)) {
          const wait = retryAfterMs(response.headers) ?? limits.baseDelayMs * 2 ** attempt;
          if (wait > limits.maxRetryAfterMs) return response;
          await sleep(wait, request.abortSignal);
          continue;
        }
        return response;
      }
    },
  };
}

function isConnectionError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return ['REQUEST_SEND_ERROR', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes(code);
}

/** Installs the bounded retry in place of the SDK default on a client's pipeline. */
export function useBoundedRetry(pipeline: Pipeline, limits: RetryLimits): void {
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(boundedRetryPolicy(limits), { phase: 'Retry' });
}

/**
 * One signal for "the caller gave up or our deadline passed", so the SDK request is
 * cancelled either way, plus a way to tell the two apart afterwards.
 */
export function deadline(timeoutMs: number, outer?: AbortSignal): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  const onOuter = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

interface ErrorShape {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  details?: unknown;
  response?: { headers: { get(name: string): string | undefined } };
}

function shapeOf(error: unknown): ErrorShape {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as Record<string, unknown>;
  const response = e.response as ErrorShape['response'] | undefined;
  return {
    name: typeof e.name === 'string' ? e.name : undefined,
    message: typeof e.message === 'string' ? e.message : undefined,
    code: typeof e.code === 'string' ? e.code : undefined,
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    details: e.details,
    response: response && typeof response.headers?.get === 'function' ? response : undefined,
  };
}

/** The service's own error message, from the ARM / Log Analytics error envelope. */
function serviceMessage(details: unknown): { code?: string; message?: string } {
  if (typeof details !== 'object' || details === null) return {};
  const error = (details as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { code?: unknown; message?: unknown; innererror?: unknown; details?: unknown };
  const inner = Array.isArray(e.details) ? (e.details[0] as { message?: unknown } | undefined) : undefined;
  const message = typeof e.message === 'string' ? e.message : undefined;
  const innerMessage = inner && typeof inner.message === 'string' ? inner.message : undefined;
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    message: innerMessage && message ? `${message} ${innerMessage}` : (message ?? innerMessage),
  };
}

// @azure/identity's errors: the credential could not get a token, so the service was never asked.
const CREDENTIAL_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError', 'AuthenticationRequiredError', 'OboExchangeError']);

const FAILURE_BY_STATUS: Record<number, SourceFailure> = {
  400: 'bad-query',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'bad-query',
  408: 'timeout',
  429: 'throttled',
  504: 'timeout',
};

/** Turns whatever the SDK or the credential threw into a SourceError a panel can show. */
export function toSourceError(
  error: unknown,
  context: { source: 'arg' | 'logs'; service: string; scope?: string; endpoint: string; timedOut: boolean; timeoutMs: number },
): SourceError {
  if (error instanceof SourceError) return error;
  const e = shapeOf(error);
  const base = { source: context.source, scope: context.scope, endpoint: context.endpoint, cause: error };
  if (context.timedOut) {
    return new SourceError(`${context.service} did not answer within ${Math.round(context.timeoutMs / 1000)} s`, { ...base, failure: 'timeout' });
  }
  if (e.name === 'AbortError') return new SourceError(`${context.service} request was cancelled`, { ...base, failure: 'timeout' });
  if (e.code === 'PARSE_ERROR' || error instanceof SyntaxError) {
    return new SourceError(`${context.service} sent a response that is not valid JSON`, { ...base, failure: 'bad-response', status: e.statusCode });
  }
  if (e.name !== undefined && CREDENTIAL_ERRORS.has(e.name)) {
    return new SourceError(`could not get an Entra ID token for ${context.service}: ${firstLine(e.message)}`, { ...base, failure: 'unauthorized' });
  }
  if (e.statusCode !== undefined) {
    const status = e.statusCode;
    const failure = FAILURE_BY_STATUS[status] ?? (status >= 500 ? 'server-error' : 'bad-query');
    const service = serviceMessage(e.details);
    const detail = service.message ?? firstLine(e.message) ?? `HTTP ${status}`;
    let message = `${context.service} answered ${status}${service.code ? ` ${service.code}` : ''}: ${detail}`;
    let retryAfterSeconds: number | undefined;
    if (failure === 'throttled') {
      const wait = e.response ? retryAfterMs(e.response.headers) : null;
      if (wait !== null) retryAfterSeconds = Math.ceil(wait / 1000);
      message = `${context.service} is throttling requests${wait !== null ? `; retry in ${Math.ceil(wait / 1000)} s` : ''} (${detail})`;
    }
    return new SourceError(message, { ...base, failure, status, retryAfterSeconds });
  }
  if (e.code === 'REQUEST_SEND_ERROR' || e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND') {
    return new SourceError(`unable to reach ${context.service} at ${context.endpoint}: ${firstLine(e.message)}`, { ...base, failure: 'unreachable' });
  }
  return new SourceError(`${context.service} failed: ${firstLine(e.message) ?? 'unknown error'}`, { ...base, failure: 'server-error' });
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split('\n')[0]?.slice(0, 300);
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

/** The work's result, or the signal's abort if that comes first (the work goes on for others). */
function raceAbort<T>(work: Promise<T>, signal: SignalLike | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A credential that keeps each scope's token until it is near expiry and shares one
 * in-flight request among concurrent callers. The SDK clients cache per client pipeline
 * and the Prometheus client not at all, so without this a cold overview asked Entra once
 * per call. Until the first token arrives, requests are sent one at a time: msal resolves
 * the authority (OpenID configuration) on its first request and caches it, so concurrent
 * first requests would each fetch it. The same credential always gets the same wrapper;
 * the cache lives in the wrapper, so a per-user credential's tokens stay that user's.
 */
export function reuseTokens(inner: TokenCredential, options: { refreshBeforeMs?: number; now?: () => number } = {}): TokenCredential {
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
