import type { DemoCluster, DemoNode } from './fleet-model';

/**
 * The shapes the telemetry export writes (telemetry.ts) and the helpers every family module
 * shares. A family yields, per cluster, its series' labels and value as a function of time.
 */

export interface Family {
  name: string;
  type: 'gauge' | 'counter' | 'unknown';
  help: string;
  /** Sample name suffix: `_total` for counters. */
  suffix?: string;
  /** Every series of the family in one cluster: labels plus value at time t (null = no sample). */
  series: (
    cluster: DemoCluster,
    clusterLabels: Record<string, string>,
  ) => Iterable<{ labels: Record<string, string>; value: (t: number) => number | null }>;
}

/** A histogram as Prometheus client libraries expose it: cumulative `_bucket{le}`, `_count`, `_sum`. */
export interface HistogramFamily {
  name: string;
  type: 'histogram';
  help: string;
  bounds: readonly number[];
  series: (
    cluster: DemoCluster,
    clusterLabels: Record<string, string>,
  ) => Iterable<{ labels: Record<string, string>; value: (t: number) => HistogramPoint | null }>;
}

export interface HistogramPoint {
  count: number;
  sum: number;
  /** Share of observations at or below each bound (non-decreasing, ≤ 1). */
  cdf: (le: number) => number;
}

/** The `_bucket{le}` sample of a histogram point: floor keeps buckets whole, cumulative in le and monotonic in t. */
export function bucketCount(point: HistogramPoint, le: number): number {
  return le === Infinity ? point.count : Math.floor(point.count * point.cdf(le));
}

/** Prometheus client libraries' default buckets (DefBuckets), used by the kubelet's PLEG histogram and most apps. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** A latency distribution: nothing below `min` seconds, then exponential with mean `mean` above it. */
export function shiftedExponentialCdf(min: number, mean: number): (le: number) => number {
  return (le) => (le <= min ? 0 : 1 - Math.exp(-(le - min) / mean));
}

export const KSM = { job: 'kube-state-metrics' } as const;

export function nodeLabels(base: Record<string, string>, n: DemoNode): Record<string, string> {
  return { ...base, ...KSM, node: n.name };
}

/**
 * The target labels Azure managed Prometheus's default scrape configs give (ama-metrics
 * kubeletDefaultDs.yml, nodeexporterDefaultDs.yml, cadvisorDefaultDs.yml): `instance` is the node's
 * name and there is no `node` label, so the catalog resolves the node as its label profile says.
 */
export function kubeletLabels(base: Record<string, string>, n: DemoNode): Record<string, string> {
  return { ...base, job: 'kubelet', instance: n.name, metrics_path: '/metrics' };
}

export function nodeExporterLabels(base: Record<string, string>, n: DemoNode): Record<string, string> {
  return { ...base, job: 'node', instance: n.name, metrics_path: '/metrics' };
}

/** cAdvisor as ama-metrics scrapes it from each kubelet's /metrics/cadvisor. */
export function cadvisorTargetLabels(base: Record<string, string>, nodeName: string): Record<string, string> {
  return { ...base, job: 'cadvisor', instance: nodeName };
}

export const constant =
  (v: number, from = -Infinity) =>
  (t: number): number | null =>
    t >= from ? v : null;
