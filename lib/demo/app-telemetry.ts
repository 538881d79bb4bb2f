import { DEFAULT_BUCKETS, shiftedExponentialCdf, type HistogramFamily, type HistogramPoint } from './family-kit';
import type { DemoCluster } from './fleet-model';
import { podsOf, type DemoPod } from './pods';
import { hash32 } from './random';

/**
 * L4 application metrics of the demo fleet: every Deployment outside kube-system serves
 * HTTP and exposes the Prometheus client libraries' `http_requests_total{code, method}`,
 * scraped per pod (kubernetes_sd adds namespace, pod and the `service` it backs). Request
 * rates follow the day; apps with crash-looping replicas answer more 5xx. Counters are
 * integrals of the rate, floored to whole requests, so they never go down. The same
 * middleware times every request into `http_request_duration_seconds` (default buckets), so
 * the histogram's `_count` equals `http_requests_total` series by series.
 */

const W_DAY = (2 * Math.PI) / 86_400;

/** The pods that serve requests: running replicas of application Deployments. */
export function servingPods(c: DemoCluster): DemoPod[] {
  return podsOf(c).filter(
    (p) => p.state === 'running' && p.node && p.workload.kind === 'Deployment' && p.namespace !== 'kube-system',
  );
}

/** Requests per second one replica of the workload serves on average. */
function perReplicaRate(p: DemoPod): number {
  return 2 + (hash32(`${p.workload.namespace}/${p.workload.name}/rps`) % 40);
}

/** Share of the workload's requests answered with 5xx. */
export function errorShare(p: DemoPod): number {
  if (p.workload.crashLooping > 0) return 0.06;
  return 0.002 + (hash32(`${p.workload.namespace}/${p.workload.name}/err`) % 8) / 1000;
}

/** Codes each pod answers with, and their share of its requests. */
export function codeShares(p: DemoPod): ReadonlyArray<readonly [string, number]> {
  const err = errorShare(p);
  return [
    ['200', 1 - err],
    ['500', err],
  ];
}

/** http_requests_total{code} of a pod at time t: whole requests since the container started. */
export function podRequests(p: DemoPod, share: number, t: number): number {
  if (t <= p.started) return 0;
  const base = perReplicaRate(p);
  const integral = (s: number): number => base * (s - (0.3 / W_DAY) * Math.cos(W_DAY * s + p.phase));
  return Math.floor((integral(t) - integral(p.started)) * share);
}

function appLabels(base: Record<string, string>, p: DemoPod, code: string): Record<string, string> {
  return {
    ...base,
    job: 'kubernetes-pods',
    instance: `${p.name}:8080`,
    namespace: p.namespace,
    pod: p.name,
    service: p.workload.name,
    method: 'GET',
    code,
  };
}

/** The family as the telemetry export writes it (see telemetry-families.ts). */
export function* appRequestSeries(
  c: DemoCluster,
  base: Record<string, string>,
): Iterable<{ labels: Record<string, string>; value: (t: number) => number | null }> {
  for (const p of servingPods(c)) {
    for (const [code, share] of codeShares(p))
      yield { labels: appLabels(base, p, code), value: (t) => podRequests(p, share, t) };
  }
}

/**
 * How long an app takes to answer: a floor of 2–21 ms plus an exponential tail with a mean of
 * 10–159 ms, set per app. An app with crash-looping replicas runs its survivors hot, three
 * times slower in the tail.
 */
export function appLatency(p: DemoPod): { min: number; mean: number } {
  const h = hash32(`${p.workload.namespace}/${p.workload.name}/latency`);
  const mean = 0.01 + (h % 150) / 1000;
  return { min: 0.002 + ((h >>> 8) % 20) / 1000, mean: p.workload.crashLooping > 0 ? mean * 3 : mean };
}

export function appLatencyPoint(p: DemoPod, share: number, t: number): HistogramPoint {
  const { min, mean } = appLatency(p);
  const count = podRequests(p, share, t);
  return { count, sum: count * (min + mean), cdf: shiftedExponentialCdf(min, mean) };
}

export const APP_DURATION: HistogramFamily = {
  name: 'http_request_duration_seconds',
  type: 'histogram',
  help: 'Duration of HTTP requests in seconds by method and status code.',
  bounds: DEFAULT_BUCKETS,
  *series(c, base) {
    for (const p of servingPods(c)) {
      for (const [code, share] of codeShares(p))
        yield { labels: appLabels(base, p, code), value: (t) => appLatencyPoint(p, share, t) };
    }
  },
};

export const APP_HISTOGRAMS: HistogramFamily[] = [APP_DURATION];
