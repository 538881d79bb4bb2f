import 'server-only';
import { z } from 'zod';
import { SourceError, type SourceFailure } from '../errors';
import { authorizationHeader, type PrometheusAuth } from './auth';

/**
 * A small client for the Prometheus HTTP API: every read the portal makes, with a deadline,
 * bounded retries for reads that are safe to repeat, and failures as SourceErrors that name
 * the endpoint. https://prometheus.io/docs/prometheus/latest/querying/api/
 */

export interface PrometheusClientOptions {
  url: string;
  auth: PrometheusAuth;
  /** Deadline for one call, retries included. */
  timeoutMs: number;
  /** Extra attempts after a network error or a 502/503/504. */
  retries?: number;
  /** First backoff; doubles per retry. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
  /** An Azure Monitor workspace: refuse up front what its query API does not support. */
  managed?: boolean;
}

/** The envelope of every response. https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview */
const envelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});
type Envelope = z.infer<typeof envelopeSchema>;

export interface PromApiResult<T> {
  data: T;
  warnings: string[];
  infos: string[];
  /** Where it came from, without credentials or query string. */
  endpoint: string;
}

/** A query answer: the whole validated envelope, kept as the wire result parsers read. */
export interface PromQueryResult extends PromApiResult<unknown> {
  body: Envelope;
}

const seriesSchema = z.array(z.record(z.string(), z.string()));
const stringListSchema = z.array(z.string());
const alertSchema = z.object({
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  state: z.enum(['inactive', 'pending', 'firing']),
  activeAt: z.string().optional(),
  value: z.string().optional(),
});
export type PromAlert = z.infer<typeof alertSchema>;
const alertsSchema = z.object({ alerts: z.array(alertSchema) });
const ruleSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('alerting'),
    name: z.string(),
    query: z.string(),
    duration: z.number().default(0),
    labels: z.record(z.string(), z.string()).default({}),
    annotations: z.record(z.string(), z.string()).default({}),
    alerts: z.array(alertSchema).default([]),
    health: z.string().optional(),
    lastError: z.string().optional(),
    state: z.string().optional(),
  }),
  z.object({
    type: z.literal('recording'),
    name: z.string(),
    query: z.string(),
    labels: z.record(z.string(), z.string()).default({}),
    health: z.string().optional(),
    lastError: z.string().optional(),
  }),
]);
export type PromRule = z.infer<typeof ruleSchema>;
const rulesSchema = z.object({
  groups: z.array(
    z.object({ name: z.string(), file: z.string(), interval: z.number().optional(), rules: z.array(ruleSchema) }),
  ),
});
export type PromRuleGroup = z.infer<typeof rulesSchema>['groups'][number];

export interface TimeWindow {
  /** Unix seconds. */
  start?: number;
  end?: number;
}

export interface PrometheusClient {
  readonly url: string;
  query(text: string, at: number, signal?: AbortSignal): Promise<PromQueryResult>;
  queryRange(
    text: string,
    range: { start: number; end: number; step: number },
    signal?: AbortSignal,
  ): Promise<PromQueryResult>;
  series(
    match: readonly string[],
    window?: TimeWindow,
    signal?: AbortSignal,
  ): Promise<PromApiResult<Array<Record<string, string>>>>;
  labels(match?: readonly string[], window?: TimeWindow, signal?: AbortSignal): Promise<PromApiResult<string[]>>;
  labelValues(
    label: string,
    match?: readonly string[],
    window?: TimeWindow,
    signal?: AbortSignal,
  ): Promise<PromApiResult<string[]>>;
  alerts(signal?: AbortSignal): Promise<PromApiResult<PromAlert[]>>;
  rules(type?: 'alert' | 'record', signal?: AbortSignal): Promise<PromApiResult<PromRuleGroup[]>>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The URL without credentials, query or trailing slash: safe to show and log. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function failureForStatus(status: number, errorType: string | undefined): SourceFailure {
  if (status === 400 || status === 422) return 'bad-query';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'unsupported';
  if (status === 429) return 'throttled';
  if (status === 503 && (errorType === 'timeout' || errorType === 'canceled')) return 'timeout';
  return 'server-error';
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

function windowParams(window: TimeWindow | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (window?.start !== undefined) out.start = String(window.start);
  if (window?.end !== undefined) out.end = String(window.end);
  return out;
}

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const base = options.url.replace(/\/+$/, '');
  const shown = displayUrl(options.url);
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const doFetch = options.fetch ?? fetch;

  async function call(
    path: string,
    params: Array<[string, string]>,
    method: 'GET' | 'POST',
    callerSignal: AbortSignal | undefined,
  ): Promise<{ body: Envelope; endpoint: string }> {
    const endpoint = `${shown}${path}`;
    const fail = (
      message: string,
      failure: SourceFailure,
      status?: number,
      cause?: unknown,
      retryAfterSeconds?: number,
    ): SourceError =>
      new SourceError(`Prometheus ${endpoint}: ${message}`, {
        source: 'prom',
        failure,
        status,
        endpoint,
        scope: shown,
        cause,
        retryAfterSeconds,
      });
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline;
    const form = new URLSearchParams(params);
    let lastError: SourceError | null = null;

    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs * 2 ** (attempt - 1), signal);
      if (signal.aborted) break;
      const headers: Record<string, string> = { accept: 'application/json' };
      try {
        const authorization = await authorizationHeader(options.auth, signal);
        if (authorization) headers.authorization = authorization;
      } catch (error) {
        if (signal.aborted) break;
        throw fail(
          `no credentials for the request (${error instanceof Error ? error.message : String(error)})`,
          'unauthorized',
          undefined,
          error,
        );
      }
      let response: Response;
      let text: string;
      try {
        if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
        const target = method === 'GET' && params.length ? `${base}${path}?${form}` : `${base}${path}`;
        response = await doFetch(target, {
          method,
          headers,
          body: method === 'POST' ? form : undefined,
          signal,
          redirect: 'error',
        });
        text = await response.text();
      } catch (error) {
        if (signal.aborted) break;
        // fetch rejects with a TypeError for refused connections, DNS and TLS failures: worth another try.
        lastError = fail(
          `unable to reach the server (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`,
          'unreachable',
          undefined,
          error,
        );
        continue;
      }
      let body: Envelope | null = null;
      try {
        const parsed = envelopeSchema.safeParse(JSON.parse(text));
        body = parsed.success ? parsed.data : null;
      } catch {
        body = null;
      }
      if (response.ok && body?.status === 'success') return { body, endpoint };
      if (response.ok) {
        throw fail(
          body
            ? `error in a ${response.status} answer: ${body.error ?? 'unknown'}`
            : 'the answer is not valid JSON from the Prometheus API',
          'bad-response',
          response.status,
        );
      }
      const detail = body?.error
        ? `${body.errorType ? `${body.errorType}: ` : ''}${body.error}`
        : text.slice(0, 200).trim() || response.statusText;
      const failure = failureForStatus(response.status, body?.errorType);
      lastError = fail(
        `HTTP ${response.status}: ${detail}`,
        failure,
        response.status,
        undefined,
        failure === 'throttled' ? retryAfterSeconds(response.headers.get('retry-after')) : undefined,
      );
      if (!RETRYABLE_STATUS.has(response.status)) throw lastError;
    }
    if (signal.aborted && !(callerSignal?.aborted ?? false)) {
      throw fail(
        `no answer within ${options.timeoutMs} ms${lastError ? ` (last error: ${lastError.message})` : ''}`,
        'timeout',
      );
    }
    if (signal.aborted) throw fail('the request was cancelled', 'timeout');
    throw lastError ?? fail('no answer', 'unreachable');
  }

  async function typed<T>(
    schema: z.ZodType<T>,
    path: string,
    params: Array<[string, string]>,
    method: 'GET' | 'POST',
    signal?: AbortSignal,
  ): Promise<PromApiResult<T>> {
    const { body, endpoint } = await call(path, params, method, signal);
    const parsed = schema.safeParse(body.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SourceError(
        `Prometheus ${endpoint}: unexpected answer (${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'})`,
        {
          source: 'prom',
          failure: 'bad-response',
          endpoint,
          scope: shown,
        },
      );
    }
    return { data: parsed.data, warnings: body.warnings ?? [], infos: body.infos ?? [], endpoint };
  }

  const matchParams = (match: readonly string[] | undefined): Array<[string, string]> =>
    (match ?? []).map((m) => ['match[]', m]);

  return {
    url: shown,
    async query(text, at, signal) {
      const { body, endpoint } = await call(
        '/api/v1/query',
        [
          ['query', text],
          ['time', String(at)],
        ],
        'POST',
        signal,
      );
      return { body, data: body.data, warnings: body.warnings ?? [], infos: body.infos ?? [], endpoint };
    },
    async queryRange(text, range, signal) {
      const params: Array<[string, string]> = [
        ['query', text],
        ['start', String(range.start)],
        ['end', String(range.end)],
        ['step', String(range.step)],
      ];
      const { body, endpoint } = await call('/api/v1/query_range', params, 'POST', signal);
      return { body, data: body.data, warnings: body.warnings ?? [], infos: body.infos ?? [], endpoint };
    },
    series: async (match, window, signal) => {
      if (match.length === 0)
        throw new SourceError('Prometheus series needs at least one match[] selector', {
          source: 'prom',
          failure: 'bad-query',
        });
      if (options.managed && match.some((m) => /[=!]~/.test(m))) {
        throw new SourceError(
          'Azure Monitor managed Prometheus does not support regular-expression matchers in /api/v1/series',
          { source: 'prom', failure: 'unsupported', endpoint: `${shown}/api/v1/series`, scope: shown },
        );
      }
      return typed(
        seriesSchema,
        '/api/v1/series',
        [...matchParams(match), ...Object.entries(windowParams(window))],
        'POST',
        signal,
      );
    },
    labels: (match, window, signal) =>
      typed(
        stringListSchema,
        '/api/v1/labels',
        [...matchParams(match), ...Object.entries(windowParams(window))],
        'POST',
        signal,
      ),
    labelValues: async (label, match, window, signal) => {
      // Label names are identifiers; anything else would change the path.
      if (!LABEL_NAME.test(label))
        throw new SourceError(`"${label.slice(0, 40)}" is not a label name`, { source: 'prom', failure: 'bad-query' });
      if (options.managed && label !== '__name__') {
        throw new SourceError(
          'Azure Monitor managed Prometheus lists values of __name__ only; ask /api/v1/series or a query instead',
          { source: 'prom', failure: 'unsupported', endpoint: `${shown}/api/v1/label/${label}/values`, scope: shown },
        );
      }
      return typed(
        stringListSchema,
        `/api/v1/label/${label}/values`,
        [...matchParams(match), ...Object.entries(windowParams(window))],
        'GET',
        signal,
      );
    },
    alerts: async (signal) => {
      const r = await typed(alertsSchema, '/api/v1/alerts', [], 'GET', signal);
      return { ...r, data: r.data.alerts };
    },
    rules: async (type, signal) => {
      const r = await typed(rulesSchema, '/api/v1/rules', type ? [['type', type]] : [], 'GET', signal);
      return { ...r, data: r.data.groups };
    },
  };
}
