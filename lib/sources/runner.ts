import type { BackendKind, CatalogQuery, Notice, QueryRequest, QueryTime } from '../catalog/types';
import { UnsafeQueryValueError } from '../catalog/escape';
import { WireFormatError } from '../catalog/wire';
import { SOURCE_NAMES } from '../catalog/sources';
import type { BackendRegistry } from './backend';
import { SourceError, type SourceFailure, type SourceName } from './errors';

/** What ran, for "show query": enough to paste it elsewhere and get the same answer. */
export interface ExecutedQuery {
  id: string;
  title: string;
  kind: BackendKind;
  text: string;
  backend: string;
  durationMs: number;
  /** The time it ran for, so "open in explorer" can ask the same question. */
  time: QueryTime;
  /** The validated parameters, when small: "open in explorer" sends them with the catalog id. */
  params?: Record<string, unknown>;
}

/** Parameters bigger than this (fleet-wide name lists) stay out of answers and links. */
const MAX_SHOWN_PARAMS = 1000;

function shownParams(params: unknown): Record<string, unknown> | undefined {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  return JSON.stringify(params).length <= MAX_SHOWN_PARAMS ? (params as Record<string, unknown>) : undefined;
}

export interface QueryFailure {
  source: SourceName;
  failure: SourceFailure;
  message: string;
  status?: number;
  scope?: string;
  /** Throttled: seconds until asking again can work, when the service said. */
  retryAfterSeconds?: number;
}

export type QueryOutcome<R> =
  | { ok: true; rows: R[]; notices: Notice[]; executed: ExecutedQuery }
  | { ok: false; error: QueryFailure; notices: Notice[]; executed: ExecutedQuery };

export interface RunQueryOptions {
  /** The request's: a client that went away cancels the HTTP calls it started. */
  signal?: AbortSignal;
}

export interface QueryRunner {
  run<P, R>(
    query: CatalogQuery<P, R>,
    params: P,
    time: QueryTime,
    timespan?: string,
    options?: RunQueryOptions,
  ): Promise<QueryOutcome<R>>;
}

function toFailure(error: unknown, kind: BackendKind): QueryFailure {
  if (error instanceof SourceError) {
    const failure: QueryFailure = {
      source: error.source,
      failure: error.failure,
      message: error.message,
      status: error.status,
      scope: error.scope,
    };
    if (error.retryAfterSeconds !== undefined) failure.retryAfterSeconds = error.retryAfterSeconds;
    return failure;
  }
  if (error instanceof WireFormatError) {
    return { source: kind, failure: 'bad-response', message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { source: kind, failure: 'server-error', message };
}

/**
 * Runs catalog queries on whichever backend serves their kind. It never throws: a failure
 * is an outcome the domain turns into one panel's error, so the rest of the page renders.
 */
export function createQueryRunner(backends: BackendRegistry): QueryRunner {
  return {
    async run<P, R>(
      query: CatalogQuery<P, R>,
      rawParams: P,
      time: QueryTime,
      timespan?: string,
      options: RunQueryOptions = {},
    ): Promise<QueryOutcome<R>> {
      const started = performance.now();
      const backend = backends[query.kind] ?? null;
      const parsedParams = query.params.safeParse(rawParams);
      const params = parsedParams.success ? parsedParams.data : rawParams;
      let text = '';
      let unsafe: string | null = null;
      try {
        if (parsedParams.success) text = query.build(params);
      } catch (error) {
        // A value the query language cannot express (e.g. a control character in KQL) is bad input, not a crash.
        if (!(error instanceof UnsafeQueryValueError)) throw error;
        unsafe = error.message;
      }
      // Only what an explorer can reopen as a catalog query carries its parameters (ad hoc text is its own parameter).
      const explorable = (query.kind === 'prom' || query.kind === 'logs') && !query.id.startsWith('explore.');
      const shown = explorable && parsedParams.success ? shownParams(params) : undefined;
      const executed = (backendLabel: string, executedText = text): ExecutedQuery => ({
        id: query.id,
        title: query.title,
        kind: query.kind,
        text: executedText,
        backend: backendLabel,
        durationMs: Math.round(performance.now() - started),
        time,
        ...(shown ? { params: shown } : {}),
      });
      if (!parsedParams.success) {
        const issue = parsedParams.error.issues[0];
        return {
          ok: false,
          error: {
            source: query.kind,
            failure: 'bad-query',
            message: `invalid parameter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
          },
          notices: [],
          executed: executed('none'),
        };
      }
      if (unsafe !== null) {
        return {
          ok: false,
          error: { source: query.kind, failure: 'bad-query', message: `invalid parameter: ${unsafe}` },
          notices: [],
          executed: executed('none'),
        };
      }
      if (!backend) {
        return {
          ok: false,
          error: {
            source: query.kind,
            failure: 'not-configured',
            message: `${SOURCE_NAMES[query.kind]} is not configured`,
          },
          notices: [],
          executed: executed('none'),
        };
      }
      const request: QueryRequest<P, R> = {
        query,
        params,
        text,
        time,
        timespan: query.kind === 'logs' ? (timespan ?? query.defaultTimespan) : undefined,
      };
      try {
        const result = await backend.run(request as QueryRequest, { signal: options.signal });
        const rows = query.parse(result.wire, params);
        return {
          ok: true,
          rows,
          notices: result.notices,
          executed: executed(result.label ?? backend.label, result.executedText),
        };
      } catch (error) {
        return { ok: false, error: toFailure(error, query.kind), notices: [], executed: executed(backend.label) };
      }
    },
  };
}
