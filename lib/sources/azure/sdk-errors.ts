import 'server-only';
import { SourceError, type SourceFailure } from '../errors';
import { retryAfterMs } from './retry';

/** The mapping of what the Azure SDKs and @azure/identity throw to the SourceError a panel shows. */

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
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
  'AuthenticationRequiredError',
  'OboExchangeError',
]);

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
  context: {
    source: 'arg' | 'logs';
    service: string;
    scope?: string;
    endpoint: string;
    timedOut: boolean;
    timeoutMs: number;
  },
): SourceError {
  if (error instanceof SourceError) return error;
  const e = shapeOf(error);
  const base = { source: context.source, scope: context.scope, endpoint: context.endpoint, cause: error };
  if (context.timedOut) {
    return new SourceError(`${context.service} did not answer within ${Math.round(context.timeoutMs / 1000)} s`, {
      ...base,
      failure: 'timeout',
    });
  }
  if (e.name === 'AbortError')
    return new SourceError(`${context.service} request was cancelled`, { ...base, failure: 'timeout' });
  if (e.code === 'PARSE_ERROR' || error instanceof SyntaxError) {
    return new SourceError(`${context.service} sent a response that is not valid JSON`, {
      ...base,
      failure: 'bad-response',
      status: e.statusCode,
    });
  }
  if (e.name !== undefined && CREDENTIAL_ERRORS.has(e.name)) {
    return new SourceError(`could not get an Entra ID token for ${context.service}: ${firstLine(e.message)}`, {
      ...base,
      failure: 'unauthorized',
    });
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
    return new SourceError(`unable to reach ${context.service} at ${context.endpoint}: ${firstLine(e.message)}`, {
      ...base,
      failure: 'unreachable',
    });
  }
  return new SourceError(`${context.service} failed: ${firstLine(e.message) ?? 'unknown error'}`, {
    ...base,
    failure: 'server-error',
  });
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split('\n')[0]?.slice(0, 300);
}
