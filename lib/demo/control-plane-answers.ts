import * as cq from '../catalog/queries/cluster-prom';
import {
  apiMixOf,
  apiResourceOf,
  apiserverOf,
  APISERVER_DURATION,
  inflightRequests,
  PLEG_RELIST,
} from './control-plane-telemetry';
import { booted, sumBy, type ClusterEvaluator, type Sample } from './evaluator-kit';
import type { DemoCluster } from './fleet-model';
import { bucketQuantile, bucketRates, PERCENTILES, type BucketGroup } from './histogram-quantile';
import { nodePressure, PRESSURE_CONDITIONS } from './node-capacity';
import { apiRequestsServed, counterRate, gridAt } from './signals';

/**
 * Demo answers to the L2 panels: the API server's latency percentiles, in-flight requests,
 * throttled and failed requests, and the kubelets' PLEG relist time and pressure conditions.
 */

/** rate(apiserver_request_total[5m]) of each verb and code the filter keeps. */
export function apiRequestRates(
  c: DemoCluster,
  t: number,
  keep: (code: string) => boolean,
): Array<{ verb: string; code: string; rate: number }> {
  const { phase, since } = apiserverOf(c);
  return apiMixOf(c).flatMap(([verb, code, share]) => {
    if (!keep(code)) return [];
    const rate = counterRate(
      (s) => Math.floor(apiRequestsServed(c.nodes.length, phase, since, s) * share),
      t,
      300,
      true,
    );
    return rate === null ? [] : [{ verb, code, rate }];
  });
}

/** label_replace(histogram_quantile(q, …), "percentile", name) for p50, p95 and p99 of each group. */
export function percentileSamples(groups: readonly BucketGroup[]): Sample[] {
  return groups.flatMap((g) =>
    PERCENTILES.map(([name, q]) => ({
      labels: { ...g.labels, percentile: name },
      value: bucketQuantile(q, g.buckets),
    })),
  );
}

const LONG_RUNNING = new Set(['WATCH', 'CONNECT']);

/** The catalog's label_replace(…, "node", "$1", "instance", "(.+)") for the demo's ama-metrics kubelet series. */
function* withNodeFromInstance<T extends { labels: Record<string, string> }>(series: Iterable<T>): Iterable<T> {
  for (const s of series) yield { ...s, labels: { ...s.labels, node: s.labels['instance'] ?? '' } };
}

export const CONTROL_PLANE_EVALUATORS: Record<string, ClusterEvaluator> = {
  [cq.apiserverRequestsByResource.id]: (c, t) =>
    sumBy(
      apiRequestRates(c, t, () => true).map((r) => {
        // Prometheus drops a label whose value is empty: the core group ("") leaves only `resource`.
        const { group, resource } = apiResourceOf(r.verb);
        const labels: Record<string, string> = group ? { group, resource } : { resource };
        return { labels, value: r.rate };
      }),
    ),
  [cq.apiserverLatencyPercentiles.id]: (c, t) => {
    const timed = [...APISERVER_DURATION.series(c, {})].filter((s) => !LONG_RUNNING.has(s.labels['verb'] ?? ''));
    return percentileSamples(bucketRates(timed, APISERVER_DURATION.bounds, [], t));
  },
  [cq.apiserverInflight.id]: (c, t) =>
    (['readOnly', 'mutating'] as const).map((kind) => ({
      labels: { request_kind: kind },
      value: inflightRequests(c, kind, gridAt(t)),
    })),
  [cq.apiserverRejections.id]: (c, t) => {
    const rejected = sumBy(
      apiRequestRates(c, t, (code) => code === '429' || code.startsWith('5')).map((r) => ({
        labels: { code: r.code },
        value: r.rate,
      })),
    );
    // The query's `or on ()` zero line: requests served, none rejected.
    return rejected.length > 0 || apiRequestRates(c, t, () => true).length === 0
      ? rejected
      : [{ labels: { code: 'none' }, value: 0 }];
  },
  [cq.kubeletPlegP99.id]: (c, t) =>
    bucketRates(withNodeFromInstance(PLEG_RELIST.series(c, {})), PLEG_RELIST.bounds, ['node'], t).map((g) => ({
      labels: g.labels,
      value: bucketQuantile(0.99, g.buckets),
    })),
  [cq.nodePressure.id]: (c, t) =>
    c.nodes.flatMap((n) => {
      if (!booted(n.bootTime, t)) return [];
      const now = nodePressure(c, n, gridAt(t));
      return PRESSURE_CONDITIONS.map((condition) => ({
        labels: { node: n.name, condition },
        value: now[condition] === 'true' ? 1 : 0,
      }));
    }),
};
