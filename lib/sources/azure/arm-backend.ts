import 'server-only';
import type { TokenCredential } from '@azure/identity';
import type { QueryRequest } from '../../catalog/types';
import type { Backend, BackendResult } from '../backend';
import { limiter } from '../limiter';
import { SourceError, type SourceFailure } from '../errors';
import { httpsGet, type HttpAnswer } from './https-get';
import { sleep } from './abort';
import { reuseTokens, scopeFor, type AzureRunOptions } from './credentials';
import { retryAfterMs } from './retry';

/**
 * Azure Resource Manager reads no query language covers (diagnostic settings, which Resource
 * Graph does not index): a catalog query's text is the path after the endpoint, sent as a GET
 * with an Entra token. A few requests in flight at once, 429 and 5xx retried after Retry-After;
 * every failure is a SourceError from "arm", so one resource's failure is that resource's.
 */

export interface ArmBackendOptions {
  /** ARM endpoint, e.g. https://management.azure.com (sovereign clouds and tests set their own). */
  endpoint: string;
  credential: TokenCredential;
  /** Requests in flight at once. */
  concurrency?: number;
  timeoutMs?: number;
  /** Retries after a 429 or 5xx, honouring Retry-After up to maxRetryAfterMs. */
  maxRetries?: number;
  maxRetryAfterMs?: number;
  /** Extra CA for a private endpoint (tests). */
  ca?: string;
}

const FAILURE: Record<number, SourceFailure> = {
  400: 'bad-query',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'bad-query',
  408: 'timeout',
  429: 'throttled',
  504: 'timeout',
};

function errorMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const e =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as { error?: { code?: unknown; message?: unknown } }).error
        : undefined;
    return e && typeof e.message === 'string' ? `${typeof e.code === 'string' ? `${e.code}: ` : ''}${e.message}` : null;
  } catch {
    return null;
  }
}

export function createArmBackend(o: ArmBackendOptions): Backend {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const maxRetries = o.maxRetries ?? 2;
  const maxRetryAfterMs = o.maxRetryAfterMs ?? 10_000;
  const endpoint = o.endpoint.replace(/\/+$/, '');
  const slot = limiter(Math.max(1, o.concurrency ?? 8));

  async function token(credential: TokenCredential, signal: AbortSignal | undefined): Promise<string> {
    try {
      // enableCae as the SDK clients ask: the same msal app, so no second OpenID configuration fetch.
      const t = await credential.getToken(scopeFor(endpoint), { enableCae: true, abortSignal: signal });
      if (!t) throw new Error('the credential returned no token');
      return t.token;
    } catch (error) {
      const message = `could not get an Entra ID token for Azure Resource Manager: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
      throw new SourceError(message, { source: 'arm', failure: 'unauthorized', endpoint, cause: error });
    }
  }

  async function get(path: string, bearer: string, signal: AbortSignal | undefined): Promise<unknown> {
    const url = new URL(`${endpoint}${path}`);
    const resource = path.split('/providers/Microsoft.Insights/')[0] ?? path;
    for (let attempt = 0; ; attempt++) {
      let answer: HttpAnswer;
      try {
        answer = await httpsGet(url, {
          headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
          timeoutMs,
          ca: o.ca,
          signal,
          timeoutError: () =>
            new SourceError(`Azure Resource Manager did not answer within ${Math.round(timeoutMs / 1000)} s`, {
              source: 'arm',
              failure: 'timeout',
              endpoint,
              scope: resource,
            }),
        });
      } catch (error) {
        if (error instanceof SourceError) throw error;
        if (signal?.aborted)
          throw new SourceError('the request was cancelled', {
            source: 'arm',
            failure: 'timeout',
            endpoint,
            scope: resource,
            cause: error,
          });
        const message = error instanceof Error ? error.message : String(error);
        throw new SourceError(`unable to reach Azure Resource Manager at ${endpoint}: ${message}`, {
          source: 'arm',
          failure: 'unreachable',
          endpoint,
          scope: resource,
          cause: error,
        });
      }
      if (answer.status === 200) {
        try {
          return JSON.parse(answer.body) as unknown;
        } catch {
          throw new SourceError('Azure Resource Manager sent a response that is not valid JSON', {
            source: 'arm',
            failure: 'bad-response',
            endpoint,
            scope: resource,
            status: 200,
          });
        }
      }
      const wait = retryAfterMs(answer.headers);
      if ((answer.status === 429 || answer.status >= 500) && attempt < maxRetries && (wait ?? 0) <= maxRetryAfterMs) {
        await sleep(wait ?? 500 * 2 ** attempt, signal);
        continue;
      }
      const failure = FAILURE[answer.status] ?? (answer.status >= 500 ? 'server-error' : 'bad-query');
      const detail = errorMessage(answer.body) ?? `HTTP ${answer.status}`;
      const retryAfterSeconds = failure === 'throttled' && wait !== null ? Math.ceil(wait / 1000) : undefined;
      throw new SourceError(`Azure Resource Manager answered ${answer.status} for ${resource}: ${detail}`, {
        source: 'arm',
        failure,
        status: answer.status,
        scope: resource,
        endpoint,
        retryAfterSeconds,
      });
    }
  }

  return {
    label: `Azure Resource Manager ${endpoint}`,
    kinds: ['arm'],
    async run(request: QueryRequest, runOptions?: AzureRunOptions): Promise<BackendResult> {
      // Tokens reused until near expiry, one request in flight (a credential already wrapped stays as it is).
      const credential = reuseTokens(runOptions?.credential ?? o.credential);
      const signal = runOptions?.signal;
      const wire = await slot(async () => get(request.text, await token(credential, signal), signal));
      return { wire, notices: [], executedText: request.text };
    },
  };
}
