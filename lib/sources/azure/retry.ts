import 'server-only';
import type { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { sleep } from './abort';

/** A bounded retry policy for the Azure SDK pipelines, in place of the SDK's own. */

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
    async sendRequest(
      request: PipelineRequest,
      next: (req: PipelineRequest) => Promise<PipelineResponse>,
    ): Promise<PipelineResponse> {
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
