import 'server-only';
import { CATALOG } from '../catalog';
import {
  adHocKql,
  adHocPromQL,
  parseAnyLogs,
  parseAnyProm,
  type ExploreSeries,
  type ExploreTable,
} from '../catalog/queries/explore';
import { logAnalyticsWorkspaces, type WorkspaceRow } from '../catalog/queries/azure';
import type { CatalogQuery, LogsQuery, Notice, PromQuery } from '../catalog/types';
import type { ExecutedQuery, QueryOutcome, QueryRunner } from '../sources/runner';
import { EXPLORE_LIMITS, effectiveStep } from './limits';
import type { CatalogRef } from '../url-state/explore';
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

/**
 * The catalog query a link names, when its parameters still build the text in the editor:
 * the demo and the panel's own parser can then answer it. Edited text runs as typed.
 */
function catalogFor(
  kind: 'prom' | 'logs',
  ref: CatalogRef | null | undefined,
  text: string,
): { query: CatalogQuery<unknown, unknown>; params: unknown } | null {
  if (!ref) return null;
  const query = CATALOG.get(ref.id) as CatalogQuery<unknown, unknown> | undefined;
  if (!query || query.kind !== kind) return null;
  const params = query.params.safeParse(ref.params);
  if (!params.success) return null;
  let built: string;
  try {
    built = query.build(params.data);
  } catch {
    return null; // a value the escaper refuses cannot be what the text holds
  }
  return normalise(built) === normalise(text) ? { query, params: params.data } : null;
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
  input: {
    queries: readonly string[];
    catalog?: CatalogRef | null;
    range: TimeRange;
    step: number | null;
    mode?: 'range' | 'instant';
  },
  options: { nowMs: number },
): Promise<MetricsExploreResult> {
  const { start, end } = resolveRange(input.range, options.nowMs);
  const step = effectiveStep(end - start, input.step);
  const instant = input.mode === 'instant';
  const time = instant ? ({ kind: 'instant', at: end } as const) : ({ kind: 'range', start, end, step } as const);
  const results = await Promise.all(
    input.queries.slice(0, EXPLORE_LIMITS.maxQueries).map(async (expr, i): Promise<MetricsQueryResult> => {
      const match = i === 0 ? catalogFor('prom', input.catalog, expr) : null;
      const outcome = match
        ? await runner.run(
            {
              ...(match.query as PromQuery<unknown, unknown>),
              mode: instant ? 'instant' : 'range',
              parse: parseAnyProm,
            } as PromQuery<unknown, ExploreSeries>,
            match.params,
            time,
          )
        : await runner.run(adHocPromQL, { expr }, time);
      const failure = failureOf(outcome);
      const series = outcome.ok ? outcome.rows : [];
      return {
        expr,
        catalogId: match?.query.id ?? null,
        outcome: failure
          ? { ok: false, error: failure }
          : {
              ok: true,
              series: series.slice(0, EXPLORE_LIMITS.maxSeries),
              truncated: Math.max(0, series.length - EXPLORE_LIMITS.maxSeries),
            },
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
  input: { query: string; catalog?: CatalogRef | null; range: TimeRange; workspaces: readonly string[] },
  options: { nowMs: number },
): Promise<LogsExploreResult> {
  const { start, end } = resolveRange(input.range, options.nowMs);
  const time = { kind: 'instant', at: end } as const;
  const timespan = isoDuration(end - start);
  const match = catalogFor('logs', input.catalog, input.query);
  const workspaces = input.workspaces.length ? [...input.workspaces] : undefined;
  const outcome = match
    ? await runner.run(
        { ...(match.query as LogsQuery<unknown, unknown>), parse: parseAnyLogs } as LogsQuery<unknown, ExploreTable>,
        match.params,
        time,
        timespan,
      )
    : await runner.run(adHocKql, { expr: input.query, workspaces }, time, timespan);
  const failure = failureOf(outcome);
  const table = outcome.ok ? (outcome.rows[0] ?? { columns: [], rows: [] }) : null;
  return {
    start,
    end,
    catalogId: match?.query.id ?? null,
    outcome:
      failure || !table
        ? { ok: false, error: failure ?? { message: 'no result table', source: 'logs', needsEngine: false } }
        : {
            ok: true,
            table: { columns: table.columns, rows: table.rows.slice(0, EXPLORE_LIMITS.maxRows) },
            truncated: Math.max(0, table.rows.length - EXPLORE_LIMITS.maxRows),
          },
    notices: outcome.notices,
    executed: outcome.executed,
  };
}

/** Workspaces the picker offers: those Resource Graph lists (discovery's source). */
export async function listWorkspaces(
  runner: QueryRunner,
  nowMs: number,
): Promise<{ workspaces: WorkspaceRow[]; error: string | null }> {
  const outcome = await runner.run(logAnalyticsWorkspaces, {}, { kind: 'instant', at: Math.floor(nowMs / 1000) });
  return outcome.ok ? { workspaces: outcome.rows, error: null } : { workspaces: [], error: outcome.error.message };
}
