import { clusterSelector, percentiles, rangeQuery, shareOf } from './query-kit';

/** L4 applications: the apps' own HTTP metrics (Prometheus client libraries' http_requests_total). */

const DEVELOPER = ['developer', 'platform-engineer'] as const;

export const appRequestRate = rangeQuery({
  id: 'prom.cluster.app-request-rate',
  layer: 'L4',
  personas: DEVELOPER,
  title: 'Request rate per app',
  description: 'HTTP requests per second each app (the service its pods back) answers, over 5-minute windows.',
  build: (p) => `sum by (namespace, service) (rate(http_requests_total${clusterSelector(p)}[5m]))`,
});

export const appErrorRatio = rangeQuery({
  id: 'prom.cluster.app-error-ratio',
  layer: 'L4',
  personas: DEVELOPER,
  title: 'Error ratio per app (5xx)',
  description: "Share of each app's HTTP requests answered with a 5xx code, over 5-minute windows.",
  build: (p) =>
    shareOf(
      'namespace, service',
      `rate(http_requests_total${clusterSelector(p, {}, ['code=~"5.."'])}[5m])`,
      `rate(http_requests_total${clusterSelector(p)}[5m])`,
    ),
});

export const appLatency = rangeQuery({
  id: 'prom.cluster.app-latency',
  layer: 'L4',
  personas: DEVELOPER,
  title: 'Request latency per app: p50, p95, p99',
  description:
    "Latency percentiles of each app's HTTP requests, from its http_request_duration_seconds histogram over 5-minute windows; the `percentile` label says which.",
  build: (p) => percentiles(`http_request_duration_seconds_bucket${clusterSelector(p)}`, ['namespace', 'service']),
});
