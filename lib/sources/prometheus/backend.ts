import 'server-only';
import type { Notice, QueryRequest } from '../../catalog/types';
import type { Backend, BackendResult, RunOptions } from '../backend';
import { SourceError } from '../errors';
import type { PrometheusAuth } from './auth';
import { createPrometheusClient, type PrometheusClient, type PromQueryResult } from './client';
import { checkManagedLimits, isAzureMonitorEndpoint, ManagedLimitError } from './limits';
import { mergePromData } from './merge';

export interface PrometheusBackendOptions {
  /** One or more Prometheus-compatible query endpoints; each may hold many clusters. */
  urls: readonly string[];
  auth: PrometheusAuth;
  timeoutMs: number;
  retries?: number;
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

export interface PrometheusBackend extends Backend {
  readonly clients: readonly PrometheusClient[];
}

/**
 * Answers `prom` catalog queries over the Prometheus HTTP API. With several URLs the query
 * runs on each and the answers are merged: a URL that fails costs a notice while the others
 * answer, and only when all fail does the query fail.
 */
export function createPrometheusBackend(options: PrometheusBackendOptions): PrometheusBackend {
  if (options.urls.length === 0) throw new Error('createPrometheusBackend needs at least one URL');
  const managed = options.urls.map((url) => options.auth.kind === 'azure' || isAzureMonitorEndpoint(url));
  const clients = options.urls.map((url, i) =>
    createPrometheusClient({ url, auth: options.auth, timeoutMs: options.timeoutMs, retries: options.retries, retryDelayMs: options.retryDelayMs, fetch: options.fetch, managed: managed[i] }),
  );
  const label = clients.length === 1 ? `Prometheus ${clients[0]?.url}` : `Prometheus (${clients.length} endpoints)`;

  async function runOne(client: PrometheusClient, index: number, request: QueryRequest, signal?: AbortSignal): Promise<PromQueryResult> {
    if (managed[index]) {
      try {
        checkManagedLimits(request.text, request.time);
      } catch (error) {
        if (error instanceof ManagedLimitError) {
          throw new SourceError(error.message, { source: 'prom', failure: 'bad-query', endpoint: client.url, scope: client.url, cause: error });
        }
        throw error;
      }
    }
    const time = request.time;
    return time.kind === 'instant'
      ? client.query(request.text, time.at, signal)
      : client.queryRange(request.text, { start: time.start, end: time.end, step: time.step }, signal);
  }

  return {
    label,
    kinds: ['prom'],
    clients,
    async run(request: QueryRequest, runOptions?: RunOptions): Promise<BackendResult> {
      const settled = await Promise.allSettled(clients.map((c, i) => runOne(c, i, request, runOptions?.signal)));
      const answers: PromQueryResult[] = [];
      const failures: SourceError[] = [];
      for (const s of settled) {
        if (s.status === 'fulfilled') answers.push(s.value);
        else failures.push(s.reason instanceof SourceError ? s.reason : new SourceError(String(s.reason), { source: 'prom', failure: 'server-error', cause: s.reason }));
      }
      const notices: Notice[] = [];
      const prefix = (endpoint: string): string => (clients.length > 1 ? `${endpoint}: ` : '');
      for (const a of answers) {
        for (const w of a.warnings) notices.push({ severity: 'warning', source: 'prom', message: `${prefix(a.endpoint)}${w}` });
        for (const i of a.infos) notices.push({ severity: 'info', source: 'prom', message: `${prefix(a.endpoint)}${i}` });
      }
      const first = answers[0];
      if (!first) {
        const [head] = failures;
        if (!head) throw new SourceError('no Prometheus endpoint answered', { source: 'prom', failure: 'unreachable' });
        if (failures.length === 1) throw head;
        throw new SourceError(`all ${failures.length} Prometheus endpoints failed: ${failures.map((f) => f.message).join('; ')}`, {
          source: 'prom',
          failure: head.failure,
          status: head.status,
          endpoint: head.endpoint,
          scope: head.scope,
          cause: head,
        });
      }
      for (const f of failures) {
        notices.push({ severity: 'warning', source: 'prom', message: `${f.message} — showing the answer of the other ${answers.length} endpoint${answers.length === 1 ? '' : 's'}` });
      }
      // One endpoint: hand back its envelope untouched. Several: one envelope with the merged data.
      const wire = answers.length === 1 ? first.body : { status: 'success', data: mergePromData(answers.map((a) => a.data)) };
      return { wire, notices, executedText: request.text };
    },
  };
}
