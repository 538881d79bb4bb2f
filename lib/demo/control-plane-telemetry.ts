import type { DemoCluster } from './fleet-model';
import {
  DEFAULT_BUCKETS,
  kubeletLabels,
  shiftedExponentialCdf,
  type Family,
  type HistogramFamily,
  type HistogramPoint,
} from './family-kit';
import { podsByNode } from './node-capacity';
import { hash32 } from './random';
import { apiRequestRate, apiRequestsServed } from './signals';

/**
 * L2 metrics of the demo fleet: kube-apiserver's request counter, latency histogram and
 * in-flight gauge, and the kubelet's PLEG relist histogram. The demo answers
 * (cluster-answers.ts) read the same functions, so both sides count the same requests.
 */

export function apiserverOf(c: DemoCluster): { phase: number; since: number } {
  const h = hash32(`${c.name}/apiserver`);
  return { phase: (h % 6283) / 1000, since: 1_762_000_000 + (h % 500_000) };
}

/** Clusters this large have a chatty controller that API Priority and Fairness throttles. */
export const THROTTLED_FROM_NODES = 40;

/**
 * Verb, code and share of an API server's requests. A few GETs fail with 500 everywhere; on
 * clusters of THROTTLED_FROM_NODES nodes or more, APF rejects some LISTs with 429 (counted in
 * apiserver_request_total since Kubernetes 1.24, kubernetes/kubernetes#108927).
 */
export function apiMixOf(c: DemoCluster): ReadonlyArray<readonly [string, string, number]> {
  const throttled = c.nodes.length >= THROTTLED_FROM_NODES;
  return [
    ['GET', '200', 0.4295],
    ['GET', '404', 0.02],
    ['GET', '500', 0.0005],
    ['LIST', '200', throttled ? 0.096 : 0.1],
    ...(throttled ? ([['LIST', '429', 0.004]] as const) : []),
    ['WATCH', '200', 0.05],
    ['POST', '201', 0.15],
    ['PUT', '200', 0.1],
    ['PATCH', '200', 0.1],
    ['DELETE', '200', 0.05],
  ];
}

/** Mean latency per verb, seconds (exponential distribution) of the requests the server answers. */
export const API_LATENCY: Readonly<Record<string, number>> = {
  GET: 0.012,
  LIST: 0.09,
  POST: 0.03,
  PUT: 0.025,
  PATCH: 0.025,
  DELETE: 0.03,
};
/**
 * WATCH is long-running: the server ends a watch after a random 30–60 minutes (--min-request-timeout
 * 1800 s), so every one lands above the histogram's 60 s bucket. Dashboards leave WATCH and
 * CONNECT out of latency for that reason (kubernetes-mixin#297).
 */
export const WATCH_SECONDS = 2700;

const READ_ONLY = new Set(['GET', 'LIST', 'WATCH']);

/** Share of all requests with this verb that reach the handler and are timed: rejected 429s are not. */
export function timedShare(c: DemoCluster, verb: string): number {
  return apiMixOf(c)
    .filter(([v, code]) => v === verb && code !== '429')
    .reduce((sum, [, , s]) => sum + s, 0);
}

/**
 * apiserver_current_inflight_requests at time t: the most requests of a kind in flight during the
 * last second. A model: the mean concurrency (request rate × mean latency, Little's law) plus two
 * standard deviations of a Poisson count, rounded up. WATCH holds no in-flight seat.
 */
export function inflightRequests(c: DemoCluster, kind: 'readOnly' | 'mutating', t: number): number {
  const { phase } = apiserverOf(c);
  const rate = apiRequestRate(c.nodes.length, phase, t);
  let busy = 0;
  for (const [verb, mean] of Object.entries(API_LATENCY))
    if (READ_ONLY.has(verb) === (kind === 'readOnly')) busy += rate * timedShare(c, verb) * mean;
  return Math.ceil(busy + 2 * Math.sqrt(busy));
}

function apiserverLabels(c: DemoCluster, base: Record<string, string>): Record<string, string> {
  return { ...base, job: 'apiserver', instance: `${c.name}-apiserver:443` };
}

/**
 * What each verb's requests are about, as on a quiet cluster: kubelets renew their node leases
 * with PUT, components write events with POST, the rest reads and changes pods.
 */
export const API_RESOURCE_BY_VERB: Readonly<Record<string, { group: string; resource: string }>> = {
  PUT: { group: 'coordination.k8s.io', resource: 'leases' },
  POST: { group: '', resource: 'events' },
};
export const apiResourceOf = (verb: string): { group: string; resource: string } =>
  API_RESOURCE_BY_VERB[verb] ?? { group: '', resource: 'pods' };

/** The resource labels every request series carries. */
const resourceLabels = (verb: string): Record<string, string> => ({
  component: 'apiserver',
  dry_run: '',
  ...apiResourceOf(verb),
  version: 'v1',
  scope: verb === 'LIST' ? 'namespace' : 'resource',
});

export const CONTROL_PLANE_FAMILIES: Family[] = [
  {
    name: 'apiserver_request',
    type: 'counter',
    suffix: '_total',
    help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
    *series(c, base) {
      const { phase, since } = apiserverOf(c);
      for (const [verb, code, share] of apiMixOf(c)) {
        yield {
          labels: { ...apiserverLabels(c, base), verb, code, ...resourceLabels(verb) },
          value: (t) => Math.floor(apiRequestsServed(c.nodes.length, phase, since, t) * share),
        };
      }
    },
  },
  {
    name: 'apiserver_current_inflight_requests',
    type: 'gauge',
    help: 'Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
    *series(c, base) {
      for (const kind of ['readOnly', 'mutating'] as const) {
        yield {
          labels: { ...apiserverLabels(c, base), request_kind: kind },
          value: (t) => inflightRequests(c, kind, t),
        };
      }
    },
  },
];

/** One relist per second (the PLEG's period); a relist lists every container on the node, so it slows with the pods there. */
export function plegRelistPoint(bootTime: number, pods: number, t: number): HistogramPoint | null {
  if (t < bootTime) return null;
  const min = 0.002 + 0.0003 * pods;
  const mean = 0.003 + 0.0006 * pods;
  const count = Math.floor(t - bootTime);
  return { count, sum: count * (min + mean), cdf: shiftedExponentialCdf(min, mean) };
}

export const APISERVER_DURATION: HistogramFamily = {
  name: 'apiserver_request_duration_seconds',
  type: 'histogram',
  help: 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
  bounds: [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60],
  *series(c, base) {
    const { phase, since } = apiserverOf(c);
    const timed: Array<[string, number, (le: number) => number]> = [
      ...Object.entries(API_LATENCY).map(([verb, mean]): [string, number, (le: number) => number] => [
        verb,
        mean,
        (le) => 1 - Math.exp(-le / mean),
      ]),
      ['WATCH', WATCH_SECONDS, () => 0],
    ];
    for (const [verb, mean, cdf] of timed) {
      const share = timedShare(c, verb);
      yield {
        labels: { ...apiserverLabels(c, base), verb, ...resourceLabels(verb), subresource: '' },
        value: (t) => {
          const count = Math.floor(apiRequestsServed(c.nodes.length, phase, since, t) * share);
          return { count, sum: count * mean, cdf };
        },
      };
    }
  },
};

export const PLEG_RELIST: HistogramFamily = {
  name: 'kubelet_pleg_relist_duration_seconds',
  type: 'histogram',
  help: 'Duration in seconds for relisting pods in PLEG.',
  bounds: DEFAULT_BUCKETS,
  *series(c, base) {
    const pods = podsByNode(c);
    for (const n of c.nodes) {
      const onNode = pods.get(n.name) ?? 0;
      yield { labels: kubeletLabels(base, n), value: (t) => plegRelistPoint(n.bootTime, onNode, t) };
    }
  },
};

export const CONTROL_PLANE_HISTOGRAMS: HistogramFamily[] = [APISERVER_DURATION, PLEG_RELIST];
