import { addHistograms, countRate, quantile, type HistogramModel } from './histogram';
import {
  NODE_OS,
  nodeConditions,
  PHASES,
  PRESSURES,
  runningPodsOn,
  type ClusterModel,
  type ContainerModel,
  type PodModel,
} from './scenario';

/**
 * What every panel must show for a cluster, computed from the scenario's own model (never
 * from lib/demo and never from an engine): one expected value per label set. Rates are the
 * model's constant rates, so Prometheus' extrapolated rate() and VictoriaMetrics' rate() both
 * give them exactly over a fully covered window.
 */

export type Labels = Record<string, string>;
export type Expected = Map<string, { labels: Labels; value: number }>;

export const labelKey = (labels: Labels): string =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );

function rows(list: Array<[Labels, number]>): Expected {
  const out: Expected = new Map();
  for (const [labels, value] of list) {
    const k = labelKey(labels);
    const seen = out.get(k);
    out.set(k, { labels, value: (seen?.value ?? 0) + value });
  }
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]): number => sum(xs) / xs.length;
const PERCENTILES = [
  ['p50', 0.5],
  ['p95', 0.95],
  ['p99', 0.99],
] as const;
const isLongRunning = (verb: string): boolean => verb === 'WATCH' || verb === 'CONNECT';
/** A 5xx answer, by code ("503") or by ingress-nginx's status class ("5xx"). */
const is5xx = (code: string): boolean => /^5(\d\d|xx)$/.test(code);

/** Pods whose containers run and so have cAdvisor series. */
const scheduledRunning = (c: ClusterModel): PodModel[] => c.pods.filter((p) => p.node && p.phase === 'Running');
const runningContainers = (c: ClusterModel): Array<[PodModel, ContainerModel]> =>
  scheduledRunning(c).flatMap((p) =>
    p.containers.filter((x) => x.running).map((x): [PodModel, ContainerModel] => [p, x]),
  );

function usageVsRequests(c: ClusterModel, resource: 'cpu' | 'memory'): Expected {
  const out: Array<[Labels, number]> = [];
  for (const [p, x] of runningContainers(c))
    out.push([{ namespace: p.namespace, measure: 'usage' }, resource === 'cpu' ? x.cpu : x.workingSet]);
  for (const p of c.pods.filter((q) => q.phase === 'Pending' || q.phase === 'Running')) {
    for (const x of p.containers) {
      const r = x.requests[resource];
      const l = x.limits[resource];
      if (r !== undefined) out.push([{ namespace: p.namespace, measure: 'requests' }, r]);
      if (l !== undefined) out.push([{ namespace: p.namespace, measure: 'limits' }, l]);
    }
  }
  return rows(out);
}

function percentileRows(h: HistogramModel | null, labels: Labels): Array<[Labels, number]> {
  if (!h || countRate(h) === 0) return [];
  return PERCENTILES.map(([name, q]): [Labels, number] => [{ ...labels, percentile: name }, quantile(q, h)]);
}

function appHistogram(a: ClusterModel['apps'][number], bounds: readonly number[]): HistogramModel | null {
  return addHistograms(a.requests.map((r) => ({ bounds, rates: r.latency.map((s) => s * r.rate), sumRate: 0 })));
}

function replicas(list: ClusterModel['deployments'], key: string, actual: string): Expected {
  return rows(
    list.flatMap((r): Array<[Labels, number]> => [
      [{ namespace: r.namespace, [key]: r.name, replicas: 'desired' }, r.desired],
      [{ namespace: r.namespace, [key]: r.name, replicas: actual }, r.actual],
    ]),
  );
}

/** Expected rows of every cluster-page query, by query id. */
export function clusterExpectations(c: ClusterModel, httpBounds: readonly number[]): Record<string, Expected> {
  const nodes = c.nodes;
  const api5 = c.apiRequests.filter((r) => r.code === '429' || is5xx(r.code));
  const shortLatency = c.apiLatency.filter((l) => !isLongRunning(l.verb));
  const containers = c.pods
    .filter((p) => p.node)
    .flatMap((p) => p.containers.map((x): [PodModel, ContainerModel] => [p, x]));
  const ingressTotal = (i: ClusterModel['ingresses'][number]): number => sum(Object.values(i.statuses));
  const ingress5xx = (i: ClusterModel['ingresses'][number]): number =>
    sum(
      Object.entries(i.statuses)
        .filter(([s]) => is5xx(s))
        .map(([, r]) => r),
    );
  const appTotal = (a: ClusterModel['apps'][number]): number => sum(a.requests.map((r) => r.rate));
  const app5xx = (a: ClusterModel['apps'][number]): number =>
    sum(a.requests.filter((r) => is5xx(r.code)).map((r) => r.rate));
  return {
    'prom.cluster.node-cpu': rows(nodes.map((n) => [{ node: n.name }, 1 - mean(n.cpuIdle)])),
    'prom.cluster.node-memory': rows(nodes.map((n) => [{ node: n.name }, 1 - n.memAvailable / n.memTotal])),
    'prom.cluster.node-ready': rows(
      nodes.flatMap((n) =>
        ['false', 'true', 'unknown'].map((s): [Labels, number] => [{ node: n.name, status: s }, n.ready === s ? 1 : 0]),
      ),
    ),
    'prom.cluster.node-allocatable': rows(
      nodes.flatMap((n) =>
        Object.entries(n.allocatable).map(([resource, v]): [Labels, number] => [{ node: n.name, resource }, v]),
      ),
    ),
    'prom.cluster.node-running-pods': rows(nodes.map((n) => [{ node: n.name }, runningPodsOn(c, n.name).length])),
    'prom.cluster.node-filesystem': rows(nodes.map((n) => [{ node: n.name }, 1 - n.rootAvail / n.rootSize])),
    'prom.cluster.node-pod-capacity': rows(
      nodes.map((n) => [{ node: n.name }, runningPodsOn(c, n.name).length / n.capacity.pods]),
    ),
    // Node triage. kube_node_info as the scenario writes it; every condition at 1 on its status.
    'prom.cluster.node-info': rows(
      nodes.map((n) => [
        {
          node: n.name,
          kubelet_version: n.kubeletVersion,
          os_image: NODE_OS.osImage,
          kernel_version: NODE_OS.kernel,
          container_runtime_version: NODE_OS.runtime,
        },
        1,
      ]),
    ),
    // No profile's default kube-state-metrics allowlists node labels (and Azure's minimal ingestion
    // keeps no kube_node_labels at all), and the corpus shows no kube_node_labels sample: no pool.
    'prom.cluster.node-pool': rows([]),
    'prom.cluster.node-conditions': rows(
      nodes.flatMap((n) =>
        nodeConditions(n).map(([condition, status]): [Labels, number] => [{ node: n.name, condition, status }, 1]),
      ),
    ),
    'prom.cluster.node-ready-history': rows(nodes.map((n) => [{ node: n.name, status: n.ready }, 1])),
    // The node controller's taints have no value: Prometheus stores the empty label as none.
    'prom.cluster.node-taints': rows(
      nodes.flatMap((n) =>
        n.taints.map((t): [Labels, number] => [{ node: n.name, key: t.key, value: t.value, effect: t.effect }, 1]),
      ),
    ),
    // Also on Azure, whose minimal ingestion profile keeps no kube_node_spec_unschedulable: the
    // query falls back to the unschedulable taint, 0 for the other nodes.
    'prom.cluster.node-unschedulable': rows(nodes.map((n) => [{ node: n.name }, n.unschedulable ? 1 : 0])),
    // Every kubelet and node-exporter answers every scrape of the range.
    'prom.cluster.node-last-scrape': rows(
      nodes.flatMap((n) =>
        ['kubelet', 'node-exporter'].map((exporter): [Labels, number] => [{ node: n.name, exporter }, 1]),
      ),
    ),
    'prom.cluster.apiserver-requests': rows(c.apiRequests.map((r) => [{ verb: r.verb, code: r.code }, r.rate])),
    'prom.cluster.apiserver-requests-by-resource': rows(
      c.apiRequests.map((r): [Labels, number] => [{ group: '', resource: r.resource }, r.rate]),
    ),
    'prom.cluster.apiserver-latency': rows(shortLatency.map((l) => [{ verb: l.verb }, l.h.sumRate / countRate(l.h)])),
    'prom.cluster.apiserver-latency-percentiles': rows(percentileRows(addHistograms(shortLatency.map((l) => l.h)), {})),
    'prom.cluster.apiserver-inflight': rows(Object.entries(c.inflight).map(([kind, v]) => [{ request_kind: kind }, v])),
    // With requests and none rejected, the panel draws one zero line named code="none".
    'prom.cluster.apiserver-429-5xx': api5.length
      ? rows(api5.map((r) => [{ code: r.code }, r.rate]))
      : rows([[{ code: 'none' }, 0]]),
    'prom.cluster.kubelet-pod-sync': rows(
      nodes.map((n) => {
        const hs = Object.values(n.podWorker);
        return [{ node: n.name }, sum(hs.map((h) => h.sumRate)) / sum(hs.map(countRate))];
      }),
    ),
    'prom.cluster.kubelet-pleg-p99': rows(nodes.map((n) => [{ node: n.name }, quantile(0.99, n.pleg)])),
    'prom.cluster.node-pressure': rows(
      nodes.flatMap((n) =>
        PRESSURES.map((p): [Labels, number] => [{ node: n.name, condition: p }, n.pressure[p] ? 1 : 0]),
      ),
    ),
    'prom.cluster.pod-phases': rows(PHASES.map((phase) => [{ phase }, c.pods.filter((p) => p.phase === phase).length])),
    'prom.cluster.deployment-replicas': replicas(c.deployments, 'deployment', 'available'),
    'prom.cluster.statefulset-replicas': replicas(c.statefulSets, 'statefulset', 'ready'),
    'prom.cluster.daemonset-pods': replicas(c.daemonSets, 'daemonset', 'ready'),
    'prom.cluster.crashlooping-containers': rows(
      containers
        .filter(([, x]) => x.waitingReason === 'CrashLoopBackOff')
        .map(([p, x]) => [{ namespace: p.namespace, pod: p.name, container: x.name }, 1]),
    ),
    'prom.cluster.oomkilled-containers': rows(
      containers
        .filter(([, x]) => x.lastTerminatedReason === 'OOMKilled')
        .map(([p, x]) => [{ namespace: p.namespace, pod: p.name, container: x.name }, 1]),
    ),
    // A restart every 5 minutes is 12 in the hour; the others' counters stand still (0, not absent).
    'prom.cluster.restarts-by-namespace': rows(
      containers.map(([p, x]) => [{ namespace: p.namespace }, x.restartsPer5m * 12]),
    ),
    'prom.cluster.namespace-cpu': rows(runningContainers(c).map(([p, x]) => [{ namespace: p.namespace }, x.cpu])),
    'prom.cluster.namespace-memory': rows(
      runningContainers(c).map(([p, x]) => [{ namespace: p.namespace }, x.workingSet]),
    ),
    'prom.cluster.namespace-cpu-requests-limits': usageVsRequests(c, 'cpu'),
    'prom.cluster.namespace-memory-requests-limits': usageVsRequests(c, 'memory'),
    'prom.cluster.app-request-rate': rows(
      c.apps.map((a) => [{ namespace: a.namespace, service: a.service }, appTotal(a)]),
    ),
    // 0 for an app with traffic and no 5xx: "no errors" is an answer, not missing data.
    'prom.cluster.app-error-ratio': rows(
      c.apps.map((a) => [{ namespace: a.namespace, service: a.service }, app5xx(a) / appTotal(a)]),
    ),
    'prom.cluster.app-latency': rows(
      c.apps.flatMap((a) =>
        percentileRows(appHistogram(a, httpBounds), { namespace: a.namespace, service: a.service }),
      ),
    ),
    // The ingress's own namespace, never the controller's.
    'prom.cluster.ingress-request-rate': rows(
      c.ingresses.map((i) => [{ namespace: i.namespace, ingress: i.ingress }, ingressTotal(i)]),
    ),
    'prom.cluster.ingress-error-ratio': rows(
      c.ingresses.map((i) => [{ namespace: i.namespace, ingress: i.ingress }, ingress5xx(i) / ingressTotal(i)]),
    ),
  };
}

/** Rows of the fleet queries over an endpoint's clusters, as the parsers shape them. */
export function fleetExpectations(clusters: readonly ClusterModel[]): Record<string, Expected> {
  const per = (f: (c: ClusterModel) => Array<[Labels, number]>): Expected => rows(clusters.flatMap(f));
  const restartsPerHour = (c: ClusterModel): number =>
    sum(c.pods.filter((p) => p.node).flatMap((p) => p.containers.map((x) => x.restartsPer5m * 12)));
  const crashLooping = (c: ClusterModel): number =>
    c.pods
      .filter((p) => p.node)
      .flatMap((p) => p.containers)
      .filter((x) => x.waitingReason === 'CrashLoopBackOff').length;
  return {
    'prom.fleet.node-readiness': per((c) =>
      ['false', 'true', 'unknown'].map((s): [Labels, number] => [
        { cluster: c.name, state: s },
        c.nodes.filter((n) => n.ready === s).length,
      ]),
    ),
    'prom.fleet.pod-phases': per((c) =>
      PHASES.map((phase): [Labels, number] => [
        { cluster: c.name, state: phase },
        c.pods.filter((p) => p.phase === phase).length,
      ]),
    ),
    // kube_pod_container_status_waiting_reason exists only while a container waits: no series, no row.
    'prom.fleet.crashlooping-containers': per((c) => (crashLooping(c) ? [[{ cluster: c.name }, crashLooping(c)]] : [])),
    'prom.fleet.container-restarts': per((c) => [[{ cluster: c.name }, restartsPerHour(c)]]),
    'prom.fleet.cpu-utilization': per((c) => [[{ cluster: c.name }, 1 - mean(c.nodes.flatMap((n) => n.cpuIdle))]]),
    'prom.fleet.memory-utilization': per((c) => [
      [{ cluster: c.name }, 1 - sum(c.nodes.map((n) => n.memAvailable)) / sum(c.nodes.map((n) => n.memTotal))],
    ]),
    // Controllers with desired > 0 and none (down) or fewer than desired (partial) up; none updates here.
    'prom.fleet.workload-availability': per((c) =>
      (
        [
          ['Deployment', c.deployments],
          ['StatefulSet', c.statefulSets],
          ['DaemonSet', c.daemonSets],
        ] as const
      ).flatMap(([kind, list]) =>
        (['down', 'partial'] as const).flatMap((state): Array<[Labels, number]> => {
          const n = list.filter(
            (r) => r.desired > 0 && (state === 'down' ? r.actual === 0 : r.actual > 0 && r.actual < r.desired),
          ).length;
          return n > 0 ? [[{ cluster: c.name, kind, state }, n]] : [];
        }),
      ),
    ),
    'prom.fleet.inventory': per((c) => {
      const groups = new Map<string, { version: string; provider: string; nodes: number }>();
      for (const n of c.nodes) {
        const provider = /^([a-z0-9]+):\/\//.exec(n.providerId)?.[1] ?? '';
        const k = `${n.kubeletVersion}|${provider}`;
        const g = groups.get(k) ?? { version: n.kubeletVersion, provider, nodes: 0 };
        g.nodes++;
        groups.set(k, g);
      }
      return [...groups.values()].map((g): [Labels, number] => [
        { cluster: c.name, kubeletVersion: g.version, provider: g.provider },
        g.nodes,
      ]);
    }),
  };
}

export interface ExpectedSummary {
  name: string;
  nodes: { ready: number; total: number };
  pods: { running: number; pending: number; failed: number };
  containers: { crashLooping: number; restartsLastHour: number };
  cpu: number;
  memory: number;
  health: string;
  reasons: string[];
}

/** The overview's row for a cluster, by the README's health rules. */
export function overviewExpectation(c: ClusterModel, latestMinor: number): ExpectedSummary {
  const ready = c.nodes.filter((n) => n.ready === 'true').length;
  const phase = (p: string): number => c.pods.filter((q) => q.phase === p).length;
  const crash = c.pods
    .filter((p) => p.node)
    .flatMap((p) => p.containers)
    .filter((x) => x.waitingReason).length;
  const cpu = 1 - mean(c.nodes.flatMap((n) => n.cpuIdle));
  const memory = 1 - sum(c.nodes.map((n) => n.memAvailable)) / sum(c.nodes.map((n) => n.memTotal));
  if (cpu >= 0.8 || memory >= 0.8) throw new Error('the scenario keeps CPU and memory below the warning thresholds');
  const minor = Number(/^v?\d+\.(\d+)/.exec(c.nodes[0]?.kubeletVersion ?? '')?.[1]);
  if (!(minor > latestMinor - 3 && minor <= latestMinor))
    throw new Error('the scenario keeps every cluster on a supported minor');
  const reasons: Array<[string, 'warning' | 'critical']> = [];
  if (ready < c.nodes.length) reasons.push(['node-readiness', ready / c.nodes.length < 0.9 ? 'critical' : 'warning']);
  if (crash > 0) reasons.push(['crash-loops', crash >= 10 ? 'critical' : 'warning']);
  if (phase('Failed') > 0) reasons.push(['pods-failed', 'warning']);
  if (phase('Pending') > 0) reasons.push(['pods-pending', 'warning']);
  const controllers = [...c.deployments, ...c.statefulSets, ...c.daemonSets].filter((r) => r.desired > 0);
  if (controllers.some((r) => r.actual === 0)) reasons.push(['workloads-down', 'critical']);
  if (controllers.some((r) => r.actual > 0 && r.actual < r.desired)) reasons.push(['workloads-partial', 'warning']);
  return {
    name: c.name,
    nodes: { ready, total: c.nodes.length },
    pods: { running: phase('Running'), pending: phase('Pending'), failed: phase('Failed') },
    containers: {
      crashLooping: crash,
      restartsLastHour: sum(c.pods.filter((p) => p.node).flatMap((p) => p.containers.map((x) => x.restartsPer5m * 12))),
    },
    cpu,
    memory,
    health: reasons.some(([, s]) => s === 'critical') ? 'critical' : reasons.length ? 'warning' : 'healthy',
    reasons: reasons.map(([r]) => r).sort(),
  };
}
