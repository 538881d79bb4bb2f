import 'server-only';
import {
  LogsQueryClient,
  LogsQueryResultStatus,
  type LogsQueryClientOptions,
  type LogsTable,
} from '@azure/monitor-query-logs';
import type { TokenCredential } from '@azure/identity';
import type { Notice, QueryRequest } from '../../catalog/types';
import type { LogsResponse } from '../../catalog/wire';
import type { Backend, BackendResult } from '../backend';
import { SourceError } from '../errors';
import { deadline } from './abort';
import { scopeFor, type AzureRunOptions } from './credentials';
import { DEFAULT_RETRY_LIMITS, useBoundedRetry, type RetryLimits } from './retry';
import { toSourceError } from './sdk-errors';

/**
 * Log Analytics through @azure/monitor-query-logs.
 * REST: POST {endpoint}/v1/workspaces/{workspaceId}/query
 * https://learn.microsoft.com/azure/azure-monitor/logs/api/request-format
 * Response format (tables, columns, rows, partial `error`):
 * https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format
 */

/** Which workspaces (customer ids) answer a request: configured, discovered, or both. */
export type WorkspaceResolver = (request: QueryRequest) => Promise<readonly string[]> | readonly string[];

export interface LogAnalyticsBackendOptions {
  /** e.g. https://api.loganalytics.io (the backend adds /v1). */
  endpoint: string;
  credential: TokenCredential;
  workspaces: WorkspaceResolver;
  /**
   * Workspaces per request (1–100, default 10). Above 1 the backend sends cross-workspace
   * queries (`additionalWorkspaces`) and the service unions the workspaces itself; when
   * such a request is refused (one workspace not readable, say), its workspaces are asked
   * one by one, so one broken workspace costs its own rows only.
   */
  workspacesPerRequest?: number;
  /** Sent as `Prefer: wait=N`: how long the service may run the query. */
  serverTimeoutSeconds?: number;
  /** Client deadline for one catalog query over all its workspaces. */
  timeoutMs?: number;
  /** Requests in flight at once for one catalog query. */
  concurrency?: number;
  retry?: Partial<RetryLimits>;
  clientOptions?: Pick<LogsQueryClientOptions, 'tlsOptions' | 'userAgentOptions' | 'proxyOptions'>;
}

type Cell = LogsTable['rows'][number][number];

/** The SDK turns datetime cells into Date and dynamic cells into parsed JSON; the wire has strings. */
function normaliseCell(cell: Cell | null | undefined, type: string): unknown {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString();
  if (type === 'real' && typeof cell === 'string') {
    // The service spells non-finite reals as strings.
    if (cell === 'NaN') return Number.NaN;
    if (cell === 'Infinity') return Number.POSITIVE_INFINITY;
    if (cell === '-Infinity') return Number.NEGATIVE_INFINITY;
  }
  return cell;
}

/** The SDK's typed table back in the REST wire shape, so the catalog parsers run unchanged. */
export function tableToWire(table: LogsTable): LogsResponse['tables'][number] {
  const columns = table.columnDescriptors.map((c) => ({ name: c.name ?? '', type: c.type ?? 'string' }));
  return {
    name: table.name,
    columns,
    rows: table.rows.map((row) => columns.map((c, i) => normaliseCell(row[i], c.type))),
  };
}

/** Unions the primary tables of several workspaces, aligning columns by name. */
export function mergeTables(tables: LogsResponse['tables']): LogsResponse['tables'][number] {
  const columns: { name: string; type: string }[] = [];
  const index = new Map<string, number>();
  for (const t of tables) {
    for (const c of t.columns) {
      if (!index.has(c.name)) {
        index.set(c.name, columns.length);
        columns.push(c);
      }
    }
  }
  const rows: unknown[][] = [];
  for (const t of tables) {
    const positions = t.columns.map((c) => index.get(c.name) ?? -1);
    for (const row of t.rows) {
      const out: unknown[] = new Array(columns.length).fill(null);
      positions.forEach((p, i) => {
        if (p >= 0) out[p] = row[i];
      });
      rows.push(out);
    }
  }
  return { name: 'PrimaryResult', columns, rows };
}

function timespanOf(request: QueryRequest): { duration: string; endTime?: Date } | { startTime: Date; endTime: Date } {
  if (request.time.kind === 'range') {
    return { startTime: new Date(request.time.start * 1000), endTime: new Date(request.time.end * 1000) };
  }
  // Anchor the lookback at the view's time, so a pinned view asks about its own moment.
  return { duration: request.timespan ?? 'P1D', endTime: new Date(request.time.at * 1000) };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // The SDK's queryWorkspace drops abortSignal, so cancellation is raced here and the
  // request itself is bounded by requestOptions.timeout.
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const DEFAULT_WORKSPACES_PER_REQUEST = 10;
// Failures that one workspace of a group can cause; throttling and timeouts would only get worse split.
const SPLIT_ON = new Set(['forbidden', 'bad-query', 'unauthorized']);

type GroupOutcome =
  { ok: true; table: LogsResponse['tables'][number] | null; notices: Notice[] } | { ok: false; error: SourceError };

export function createLogAnalyticsBackend(options: LogAnalyticsBackendOptions): Backend {
  const endpoint = options.endpoint.replace(/\/+$/, '').replace(/\/v1$/, '');
  const serverTimeoutSeconds = options.serverTimeoutSeconds ?? 60;
  const timeoutMs = options.timeoutMs ?? serverTimeoutSeconds * 1000 + 10_000;
  const perRequest = Math.max(1, Math.min(options.workspacesPerRequest ?? DEFAULT_WORKSPACES_PER_REQUEST, 100));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const retry: RetryLimits = { ...DEFAULT_RETRY_LIMITS, ...options.retry };
  const clients = new WeakMap<TokenCredential, LogsQueryClient>();
  const service = 'Log Analytics';

  function clientFor(credential: TokenCredential): LogsQueryClient {
    let client = clients.get(credential);
    if (!client) {
      client = new LogsQueryClient(credential, {
        ...options.clientOptions,
        endpoint: `${endpoint}/v1`,
        credentials: { scopes: [scopeFor(endpoint)] },
      });
      useBoundedRetry(client.pipeline, retry);
      clients.set(credential, client);
    }
    return client;
  }

  return {
    label: `Log Analytics ${endpoint}`,
    kinds: ['logs'],
    async run(request: QueryRequest, runOptions?: AzureRunOptions): Promise<BackendResult> {
      const workspaces = [...new Set(await options.workspaces(request))];
      if (workspaces.length === 0) {
        throw new SourceError('no Log Analytics workspace is configured or discovered for this question', {
          source: 'logs',
          failure: 'not-configured',
          endpoint,
        });
      }
      const client = clientFor(runOptions?.credential ?? options.credential);
      const groups: string[][] = [];
      for (let i = 0; i < workspaces.length; i += perRequest) groups.push(workspaces.slice(i, i + perRequest));
      const limit = deadline(timeoutMs, runOptions?.signal);
      const started = Date.now();

      const runGroup = async (group: string[]): Promise<GroupOutcome & { group: string[] }> => {
        const [primary, ...additional] = group as [string, ...string[]];
        const scope = group.length === 1 ? `workspace ${primary}` : `workspaces ${group.join(', ')}`;
        try {
          const result = await raceAbort(
            client.queryWorkspace(primary, request.text, timespanOf(request), {
              serverTimeoutInSeconds: serverTimeoutSeconds,
              ...(additional.length ? { additionalWorkspaces: additional } : {}),
              requestOptions: { timeout: Math.max(1, timeoutMs - (Date.now() - started)) },
            }),
            limit.signal,
          );
          const tables = result.status === LogsQueryResultStatus.Success ? result.tables : result.partialTables;
          const primaryTable = tables.find((t) => t.name === 'PrimaryResult') ?? tables[0];
          const notices: Notice[] = [];
          if (result.status === LogsQueryResultStatus.PartialFailure) {
            const e = result.partialError;
            notices.push({
              severity: 'warning',
              source: 'logs',
              message: `Log Analytics returned a partial result for ${scope}: ${e.message ?? e.code ?? 'unknown error'}`,
            });
          }
          return { ok: true, table: primaryTable ? tableToWire(primaryTable) : null, notices, group };
        } catch (error) {
          return {
            ok: false,
            error: toSourceError(error, {
              source: 'logs',
              service,
              scope,
              endpoint,
              timedOut: limit.timedOut(),
              timeoutMs,
            }),
            group,
          };
        }
      };

      // A refused cross-workspace request is retried per workspace to find which one is at fault.
      const runOrSplit = async (group: string[]): Promise<Array<GroupOutcome & { group: string[] }>> => {
        const outcome = await runGroup(group);
        if (outcome.ok || group.length === 1 || !SPLIT_ON.has(outcome.error.failure) || limit.signal.aborted)
          return [outcome];
        return mapLimit(
          group.map((w) => [w]),
          concurrency,
          runGroup,
        );
      };

      let outcomes: Array<GroupOutcome & { group: string[] }>;
      try {
        outcomes = (await mapLimit(groups, concurrency, runOrSplit)).flat();
      } finally {
        limit.dispose();
      }
      const notices: Notice[] = [];
      const tables: LogsResponse['tables'] = [];
      let firstError: SourceError | null = null;
      for (const o of outcomes) {
        if (o.ok) {
          notices.push(...o.notices);
          if (o.table) tables.push(o.table);
        } else {
          firstError ??= o.error;
          // One workspace's refusal is named, so a reader can tell "cannot read" from "no data".
          const one = o.group.length === 1 ? o.group[0] : undefined;
          notices.push({
            severity: 'error',
            source: 'logs',
            message: `${o.error.scope ?? 'Log Analytics'}: ${o.error.message}`,
            ...(one
              ? {
                  workspace: {
                    id: one,
                    failure: o.error.failure,
                    ...(o.error.status !== undefined ? { status: o.error.status } : {}),
                  },
                }
              : {}),
          });
        }
      }
      // Every workspace failed: that is the panel's error, not a notice on an empty table.
      if (firstError && outcomes.every((o) => !o.ok)) throw firstError;
      const wire: LogsResponse = { tables: [tables.length === 1 && tables[0] ? tables[0] : mergeTables(tables)] };
      return { wire, notices, executedText: request.text };
    },
  };
}
