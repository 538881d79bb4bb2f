import { z } from 'zod';
import type { LogsQuery, PromQuery } from '../types';
import { logsResponseSchema, parsePromNumber, promResponseSchema, WireFormatError } from '../wire';

/**
 * The explorers' queries: the user's own PromQL or KQL, run as typed. Nothing is
 * interpolated into them, so there is nothing to escape; the guard rails are size, range,
 * step and rows (lib/explore/limits.ts) and the backend's own limits.
 */

export const MAX_QUERY_LENGTH = 10_000;

const expr = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(MAX_QUERY_LENGTH, `is longer than ${MAX_QUERY_LENGTH} characters`);
const exprParams = z.object({ expr });
type ExprParams = z.infer<typeof exprParams>;
/** KQL may name the workspaces to ask (customer ids); the backend only asks ones it discovered. */
const kqlParams = z.object({
  expr,
  workspaces: z
    .array(z.string().regex(/^[0-9a-f-]{36}$/i))
    .max(100)
    .optional(),
});
type KqlParams = z.infer<typeof kqlParams>;

export interface ExploreSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** Any Prometheus answer as series: a vector is series of one point, a scalar one series. */
export function parseAnyProm(wire: unknown): ExploreSeries[] {
  const parsed = promResponseSchema.safeParse(wire);
  if (!parsed.success)
    throw new WireFormatError(`unexpected Prometheus response: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { data } = parsed.data;
  switch (data.resultType) {
    case 'matrix':
      return data.result.map((s) => ({
        labels: s.metric,
        points: s.values.map(([t, v]) => [t, parsePromNumber(v)] as [number, number]),
      }));
    case 'vector':
      return data.result.map((s) => ({ labels: s.metric, points: [[s.value[0], parsePromNumber(s.value[1])]] }));
    case 'scalar':
      return [{ labels: {}, points: [[data.result[0], parsePromNumber(data.result[1])]] }];
  }
}

export const adHocPromQL: PromQuery<ExprParams, ExploreSeries> = {
  id: 'explore.promql',
  kind: 'prom',
  mode: 'range',
  layer: 'fleet',
  personas: ['fleet-architect', 'platform-engineer', 'developer', 'network-engineer'],
  title: 'Ad-hoc PromQL',
  description: 'A query typed in the metrics explorer.',
  params: exprParams,
  build: (p) => p.expr,
  parse: (wire) => parseAnyProm(wire),
};

export interface ExploreTable {
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
}

/** The primary table as it came, columns with their Log Analytics types. */
export function parseAnyLogs(wire: unknown): ExploreTable[] {
  const parsed = logsResponseSchema.safeParse(wire);
  if (!parsed.success)
    throw new WireFormatError(`unexpected Log Analytics response: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const table = parsed.data.tables.find((t) => t.name === 'PrimaryResult') ?? parsed.data.tables[0];
  return table ? [{ columns: table.columns, rows: table.rows }] : [];
}

export const adHocKql: LogsQuery<KqlParams, ExploreTable> = {
  id: 'explore.kql',
  kind: 'logs',
  layer: 'fleet',
  personas: ['fleet-architect', 'platform-engineer', 'developer', 'network-engineer'],
  title: 'Ad-hoc KQL',
  description: 'A query typed in the logs explorer.',
  defaultTimespan: 'P1D',
  params: kqlParams,
  build: (p) => p.expr,
  parse: (wire) => parseAnyLogs(wire),
};
