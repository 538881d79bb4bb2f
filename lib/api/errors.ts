import { SOURCE_NAMES } from '../catalog/sources';
import type { QueryFailure } from '../sources/runner';
import type { ParamError } from '../url-state/codec';

/**
 * The one error envelope of every /api route (the Prometheus-compatible explorer proxy
 * excepted: it answers in Prometheus's own envelope, which the PromQL editor reads).
 * `code` says what happened in a word a script can branch on; the status says the same
 * to HTTP: a 4xx is the caller's to fix, a 503 names a source that is not set up, a 502 or
 * 504 names the source that failed.
 */
export const API_ERROR_CODES = [
  'bad_request',
  'not_found',
  'not_collected',
  'missing_token',
  'invalid_token',
  'insufficient_scope',
  'issuer_unavailable',
  'rate_limited',
  'not_configured',
  'source_forbidden',
  'source_throttled',
  'source_timeout',
  'source_failed',
  'config_invalid',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  status: number;
  code: ApiErrorCode;
  message: string;
  /** bad_request: each wrong parameter, named. */
  params?: ParamError[];
  /** source_*, not_configured: which service, in the words panels use. */
  source?: string;
  /** source_*: the query that ran, so it can be tried elsewhere. */
  query?: string;
  /** rate_limited, source_throttled: when asking again can work (also the Retry-After header). */
  retryAfterSeconds?: number;
}

export interface ApiErrorBody {
  error: ApiError;
}

export function apiErrorBody(error: ApiError): ApiErrorBody {
  return { error };
}

export function badRequestBody(errors: readonly ParamError[]): ApiErrorBody {
  return apiErrorBody({
    status: 400,
    code: 'bad_request',
    message: errors.map((e) => e.message).join('; '),
    params: [...errors],
  });
}

/** A failed backend as the route's answer: the status says whose fault it is, the body which source. */
export function sourceFailureBody(failure: QueryFailure, query?: string): ApiErrorBody {
  const source = SOURCE_NAMES[failure.source];
  const common = { message: failure.message, source, ...(query ? { query } : {}) };
  switch (failure.failure) {
    case 'not-configured':
      return apiErrorBody({ status: 503, code: 'not_configured', ...common });
    case 'forbidden':
      return apiErrorBody({ status: 403, code: 'source_forbidden', ...common });
    case 'throttled':
      return apiErrorBody({
        status: 429,
        code: 'source_throttled',
        ...common,
        ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
      });
    case 'timeout':
      return apiErrorBody({ status: 504, code: 'source_timeout', ...common });
    default:
      return apiErrorBody({ status: 502, code: 'source_failed', ...common });
  }
}
