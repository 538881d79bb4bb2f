import { z } from 'zod';
import type { Layer, Persona, PromQuery } from '../../types';
import {
  parsePromNumber,
  promMatrix,
  promResponseSchema,
  promVector,
  type PromSample,
  type PromSeries,
} from '../../wire';
import { promMatcher } from '../../escape';
import { DEFAULT_LABEL_PROFILE, LABEL_PROFILES, labelProfileIdSchema, type NodeResolution } from '../../label-profiles';

/**
 * What every cluster-page PromQL query shares: its parameters, the one-cluster selector (the
 * cluster name is user input from the URL, so it goes through promMatcher), node naming per
 * label profile, the row shapes, and the PromQL idioms more than one layer uses.
 */

export const clusterPromParamsSchema = z.object({
  clusterLabel: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
    .default('cluster'),
  cluster: z.string().min(1).max(253),
  /** The label conventions of the endpoint asked; the Prometheus backend sets each endpoint's own, so the domain never names one. */
  profile: labelProfileIdSchema.optional(),
});
export type ClusterPromParams = z.infer<typeof clusterPromParamsSchema>;

/** `{cluster="…", k="v"}` with the fixed matchers first and the cluster last. */
export function clusterSelector(
  p: ClusterPromParams,
  fixed: Record<string, string> = {},
  raw: readonly string[] = [],
): string {
  const parts = [
    ...Object.entries(fixed).map(([k, v]) => promMatcher(k, v)),
    ...raw,
    promMatcher(p.clusterLabel, p.cluster),
  ];
  return `{${parts.join(', ')}}`;
}

/**
 * `expr` with a `node` label on every series, named the way the profile's scrape names it:
 * copied from `instance`, already there, or joined from the exporter pod through kube_pod_info
 * (the kubernetes-mixin's node_namespace_pod:kube_pod_info: rule, inlined).
 */
function resolveNode(p: ClusterPromParams, expr: string, how: NodeResolution): string {
  switch (how) {
    case 'node-label':
      return expr;
    case 'instance':
      return `label_replace(${expr}, "node", "$1", "instance", "(.+)")`;
    case 'kube-pod-info': {
      const on = `${p.clusterLabel}, namespace, pod`;
      return `(${expr}) * on (${on}) group_left (node) topk by (${on}) (1, max by (${on}, node) (kube_pod_info${clusterSelector(p, {}, ['node!=""'])}))`;
    }
  }
}
/** A node-exporter expression with its node named. */
export const nodeExporter = (p: ClusterPromParams, expr: string): string =>
  resolveNode(p, expr, LABEL_PROFILES[p.profile ?? DEFAULT_LABEL_PROFILE].nodeExporterNode);
/** A kubelet expression (its own /metrics) with its node named. */
export const kubelet = (p: ClusterPromParams, expr: string): string =>
  resolveNode(p, expr, LABEL_PROFILES[p.profile ?? DEFAULT_LABEL_PROFILE].kubeletNode);

/**
 * The share of `total` that `part` is, by `by`: 0 where there is traffic and no part (a counter
 * filtered to errors has no series until the first error), absent where there is no traffic.
 */
export function shareOf(by: string, part: string, total: string): string {
  return `(sum by (${by}) (${part}) or 0 * sum by (${by}) (${total})) / sum by (${by}) (${total})`;
}

/** A labelled time series for a chart. */
export interface SeriesRow {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}
/** A labelled instant value for a table. */
export interface SampleRow {
  labels: Record<string, string>;
  value: number;
}

const finitePoints = (s: PromSeries): SeriesRow => ({
  labels: s.labels,
  points: s.points.filter(([, v]) => Number.isFinite(v)),
});
const finiteSample = (s: PromSample): SampleRow[] =>
  Number.isFinite(s.value) ? [{ labels: s.labels, value: s.value }] : [];

interface Spec {
  id: string;
  layer: Layer;
  personas: readonly Persona[];
  title: string;
  description: string;
  build: (p: ClusterPromParams) => string;
}

/** A chart query asked for one instant (explorers, the agreement test) answers one point per series. */
function seriesOf(wire: unknown): PromSeries[] {
  const parsed = promResponseSchema.safeParse(wire);
  if (parsed.success && parsed.data.data.resultType === 'vector') {
    return parsed.data.data.result.map((s) => ({
      labels: s.metric,
      points: [[s.value[0], parsePromNumber(s.value[1])]],
    }));
  }
  return promMatrix(wire);
}

export function rangeQuery(spec: Spec): PromQuery<ClusterPromParams, SeriesRow> {
  return {
    ...spec,
    kind: 'prom',
    mode: 'range',
    params: clusterPromParamsSchema,
    parse: (wire) => seriesOf(wire).map(finitePoints),
  };
}
export function instantQuery(spec: Spec): PromQuery<ClusterPromParams, SampleRow> {
  return {
    ...spec,
    kind: 'prom',
    mode: 'instant',
    params: clusterPromParamsSchema,
    parse: (wire) => promVector(wire).flatMap(finiteSample),
  };
}

export const PLATFORM = ['platform-engineer', 'fleet-architect'] as const;

/**
 * p50, p95 and p99 of a classic histogram in one query: each histogram_quantile gets a
 * `percentile` label so the three lines of a chart come back as three series.
 */
export function percentiles(bucketSeries: string, by: readonly string[]): string {
  const sumBy = [...by, 'le'].join(', ');
  return (
    [
      ['p50', '0.5'],
      ['p95', '0.95'],
      ['p99', '0.99'],
    ] as const
  )
    .map(
      ([name, q], i) =>
        `${i ? '  or ' : ''}label_replace(histogram_quantile(${q}, sum by (${sumBy}) (rate(${bucketSeries}[5m]))), "percentile", "${name}", "", "")`,
    )
    .join('\n');
}

/** kube_node_labels' pool labels, most specific first: the AKS label, and the older `agentpool` one. */
export const NODE_POOL_LABELS = ['label_kubernetes_azure_com_agentpool', 'label_agentpool'] as const;
