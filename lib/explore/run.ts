import 'server-only';
import { CATALOG } from '../catalog';
import { adHocKql, adHocPromQL, parseAnyLogs, parseAnyProm, type ExploreSeries, type ExploreTable } from '../catalog/queries/explore';
import { logAnalyticsWorkspaces, type WorkspaceRow } from '../catalog/queries/azure';
import type { CatalogQuery, LogsQuery, Notice, PromQuery } from '../catalog/types';
import type { ExecutedQuery, QueryOutcome, QueryRunner } from '../sources/runner';
import { EXPLORE_LIMITS, effectiveStep } from './limits';
import { isoDuration, resolveRange, type TimeRange } from './time';

/** The one documented way to get an engine that answers any PromQL over the demo fleet. */
export const REAL_ENGINE_COMMAND = 'npm run demo:prometheus';

export type ExploreFailure = { message: string; source: string; needsEngine: boolean };

export interface MetricsQueryResult {
  expr: string;
  /** The catalog query the text matched, if any: the demo can answer those. */
  catalogId: string | null;
  outcome: { ok: true; series: ExploreSeries[]; truncated: number } | { ok: false; error: ExploreFailure };
  notices: Notice[];
  executed: ExecutedQuery;
}

export interface MetricsExploreResult {
  start: number;
  end: number;
  step: number;
  results: MetricsQueryResult[];
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The double-quoted literals of a query text, unescaped: where a catalog query put its parameter values. */
function stringLiterals(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
    try {
      out.add(JSON.parse(`"${m[1] ?? ''}"`) as string);
    } catch {
      // An escape neither kqlString nor promString writes: no catalog value.
    }
  }
  return [...out].slice(0, MAX_LITERALS);
}

/** Enough for a cluster page's query (cluster, namespace, workload, fixed label values); keeps matching cheap. */
const MAX_LITERALS = 8;

/**
 * Parameter sets worth trying: the defaults, then the text's literals as the cluster (PromQL) or
 * as cluster id, namespace and workload (KQL) — what the cluster pages' "Open in explorer" sends.
 */
function candidateParams(kind: 'prom' | 'logs', clusterLabel: string, literals: readonly string[]): Array<Record<string, unknown>> {
  if (kind === 'prom') return [{ clusterLabel }, ...literals.map((cluster) => ({ clusterLabel, cluster }))];
  const out: Array<Record<string, unknown>> = [{}];
  for (const clusterId of literals) {
    out.push({ clusterId });
    for (const b of literals) {
      if (b === clusterId) continue;
      out.push({ clusterId, namespace: b }, { clusterId, workload: b });
      for (const workload of literals) if (workload !== clusterId && workload !== b) out.push({ clusterId, namespace: b, workload });
    }
  }
  return out;
}

function buildOrNull(query: CatalogQuery<unknown, unknown>, params: unknown): string | null {
  try {
    return query.build(params);
  } catch {
    return null; // a value the escaper refuses cannot be what the text holds
  }
}

/** The catalog query (with its parameters) that builds exactly this text, so the demo can answer it. */
function matchCatalog(kind: 'prom' | 'logs', expr: string, clusterLabel: string): { query: CatalogQuery<unknown, unknown>; params: unknown } | null {
  const wanted = normalise(expr);
  const candidates = candidateParams(kind, clusterLabel, stringLiterals(expr));
  for (const query of CATALOG.values() as Iterable<CatalogQuery<unknown, unknown>>) {
    if (query.kind !== kind) continue;
    for (const candidate of candidates) {
      const params = query.params.safeParse(candidate);
      if (params.success && normalise(buildOrNull(query, params.data) ?? '') === wanted) return { query, params: params.data };
    }
  }
  return null;
}

function failureOf(outcome: QueryOutcome<unknown>): ExploreFailure | null {
  if (outcome.ok) return null;
  const needsEngine = outcome.error.failure === 'unsupported';
  return {
    source: outcome.error.source,
    needsEngine,
    message: needsEngine
      ? `The demo fleet answers the catalog's own queries only. For any query, start a real engine loaded with the demo telemetry: ${REAL_ENGINE_COMMAND}`
      : outcome.error.message,
  };
}

/** Runs each query of the metrics explorer, over the range or at its end, within the explorer's limits. */
export async function exploreMetrics(
  runner: QueryRunner,
  input: { queries: readonly string[]; range: TimeRange; step: number | null; mode?: 'range' | 'instant' },
  options: { nowMs: number; clusterLabel: string },
): Promise<MetricsExploreResult> {
  const { start, end } = resolveRange(input.range, options.nowMs);
  const step = effectiveStep(end - start, input.step);
  const instant = input.mode === 'instant';
  const time = instant ? ({ kind: 'instant', at: end } as const) : ({ kind: 'range', start, end, step } as const);
  const results = await Promise.all(
    input.queries.slice(0, EXPLORE_LIMITS.maxQueries).map(async (expr): Promise<MetricsQueryResult> => {
      const match = matchCatalog('prom', expr, options.clusterLabel);
      const outcome = match
        ? await runner.run({ ...(match.query as PromQuery<unknown, unknown>), mode: instant ? 'instant' : 'range', parse: parseAnyProm } as PromQuery<unknown, ExploreSeries>, match.params, time)
        : await runner.run(adHocPromQL, { expr }, time);
      const failure = failureOf(outcome);
      const series = outcome.ok ? outcome.rows : [];
      return {
        expr,
        catalogId: match?.query.id ?? null,
        outcome: failure ? { ok: false, error: failure } : { ok: true, series: series.slice(0, EXPLORE_LIMITS.maxSeries), truncated: Math.max(0, series.length - EXPLORE_LIMITS.maxSeries) },
        notices: outcome.notices,
        executed: outcome.executed,
      };
    }),
  );
  return { start, end, step, results };
}

export interface LogsExploreResult {
  start: number;
  end: number;
  catalogId: string | null;
  outcome: { ok: true; table: ExploreTable; truncated: number } | { ok: false; error: ExploreFailure };
  notices: Notice[];
  executed: ExecutedQuery;
}

/** Runs the logs explorer's KQL over the chosen workspaces (or every discovered one). */
export async function exploreLogs(
  runner: QueryRunner,
  input: { query: string; range: TimeRange; workspaces: readonly string[] },
  options: { nowMs: number },
): Promise<LogsExploreResult> {
  const { start, end } = resolveRange(input.range, options.nowMs);
  const time = { kind: 'instant', at: end } as const;
  const timespan = isoDuration(end - start);
  const match = matchCatalog('logs', input.query, 'cluster');
  const workspaces = input.workspaces.length ? [...input.workspaces] : undefined;
  const outcome = match
    ? await runner.run({ ...(match.query as LogsQuery<unknown, unknown>), parse: parseAnyLogs } as LogsQuery<unknown, ExploreTable>, match.params, time, timespan)
    : await runner.run(adHocKql, { expr: input.query, workspaces }, time, timespan);
  const failure = failureOf(outcome);
  const table = outcome.ok ? (outcome.rows[0] ?? { columns: [], rows: [] }) : null;
  return {
    start,
    end,
    catalogId: match?.query.id ?? null,
    outcome: failure || !table
      ? { ok: false, error: failure ?? { message: 'no result table', source: 'logs', needsEngine: false } }
      : { ok: true, table: { columns: table.columns, rows: table.rows.slice(0, EXPLORE_LIMITS.maxRows) }, truncated: Math.max(0, table.rows.length - EXPLORE_LIMITS.maxRows) },
    notices: outcome.notices,
    executed: outcome.executed,
  };
}

/** Workspaces the picker offers: those Resource Graph lists (discovery's source). */
export async function listWorkspaces(runner: QueryRunner, nowMs: number): Promise<{ workspaces: WorkspaceRow[]; error: string | null }> {
  const outcome = await runner.run(logAnalyticsWorkspaces, {}, { kind: 'instant', at: Math.floor(nowMs / 1000) });
  return outcome.ok ? { workspaces: outcome.rows, error: null } : { workspaces: [], error: outcome.error.message };
}
