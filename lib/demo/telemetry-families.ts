import type { DemoCluster, DemoNode, DemoWorkload } from './fleet';
import { hash32, hexFrom } from './random';
import { crashLoopSince } from './answers';
import { nodeProviderId } from './providers';
import { appRequestSeries } from './app-telemetry';
import { ingressRequestSeries } from './ingress-telemetry';
import { podsOf, type DemoPod, type PodState } from './pods';
import {
  apiRequestsServed,
  containerCpuSeconds,
  containerWorkingSetBytes,
  crashLoopRestarts,
  idleCpuSeconds,
  memAvailableBytes,
} from './signals';

/**
 * The metric families of the telemetry export, as kube-state-metrics v2, node-exporter,
 * cAdvisor, the kubelet and kube-apiserver expose them. Each yields, per cluster, its series'
 * labels and value as a function of time, computed from the demo fleet model and signals.
 */

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const PHASE_OF: Record<PodState, (typeof PHASES)[number]> = {
  crashLooping: 'Running',
  running: 'Running',
  pending: 'Pending',
  failed: 'Failed',
  succeeded: 'Succeeded',
};


export interface Family {
  name: string;
  type: 'gauge' | 'counter' | 'unknown';
  help: string;
  /** Sample name suffix: `_total` for counters. */
  suffix?: string;
  /** Every series of the family in one cluster: labels plus value at time t (null = no sample). */
  series: (cluster: DemoCluster, clusterLabels: Record<string, string>) => Iterable<{ labels: Record<string, string>; value: (t: number) => number | null }>;
}

/** A histogram as Prometheus client libraries expose it: cumulative `_bucket{le}`, `_count`, `_sum`. */
export interface HistogramFamily {
  name: string;
  type: 'histogram';
  help: string;
  bounds: readonly number[];
  series: (cluster: DemoCluster, clusterLabels: Record<string, string>) => Iterable<{ labels: Record<string, string>; value: (t: number) => HistogramPoint | null }>;
}

export interface HistogramPoint {
  count: number;
  sum: number;
  /** Share of observations at or below each bound (non-decreasing, ≤ 1). */
  cdf: (le: number) => number;
}


const KSM = { job: 'kube-state-metrics' };

function nodeLabels(base: Record<string, string>, n: DemoNode): Record<string, string> {
  return { ...base, ...KSM, node: n.name };
}

const constant =
  (v: number, from = -Infinity) =>
  (t: number): number | null =>
    t >= from ? v : null;

/** Busy CPU seconds split between user and system mode; both stay monotonic. */
const USER_SHARE = 0.7;

export const FAMILIES: Family[] = [
  {
    // Prometheus writes `up` for every scrape; the mixins' *Down alerts look for it.
    name: 'up',
    type: 'gauge',
    help: 'Whether the last scrape of the target succeeded.',
    *series(c, base) {
      yield { labels: { ...base, job: 'apiserver', instance: `${c.name}-apiserver:443`, metrics_path: '/metrics' }, value: constant(1) };
      yield { labels: { ...base, ...KSM, instance: 'kube-state-metrics:8080', metrics_path: '/metrics' }, value: constant(1) };
      for (const n of c.nodes) {
        // A NotReady node's kubelet does not answer; its node-exporter still does.
        yield { labels: { ...base, job: 'kubelet', instance: `${n.name}:10250`, node: n.name, metrics_path: '/metrics' }, value: constant(n.ready === 'true' ? 1 : 0, n.bootTime) };
        yield { labels: { ...base, job: 'node-exporter', instance: `${n.name}:9100`, node: n.name, metrics_path: '/metrics' }, value: constant(1, n.bootTime) };
      }
    },
  },
  {
    name: 'kubernetes_build_info',
    type: 'gauge',
    help: 'A metric with a constant 1 value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.',
    *series(c, base) {
      const [major, minor] = c.kubernetesVersion.split('.');
      yield {
        labels: { ...base, job: 'apiserver', instance: `${c.name}-apiserver:443`, major: major ?? '1', minor: minor ?? '', git_version: `v${c.kubernetesVersion}`, platform: 'linux/amd64' },
        value: constant(1),
      };
    },
  },
  {
    name: 'kube_node_info',
    type: 'gauge',
    help: 'Information about a cluster node.',
    *series(c, base) {
      let i = 0;
      for (const n of c.nodes) {
        yield {
          labels: {
            ...nodeLabels(base, n),
            kubelet_version: n.kubeletVersion,
            kubeproxy_version: 'deprecated',
            container_runtime_version: 'containerd://1.7.27',
            kernel_version: '5.15.0-1089-azure',
            os_image: 'Ubuntu 22.04.5 LTS',
            provider_id: nodeProviderId(c, n, i++),
            internal_ip: `10.${(c.index % 200) + 20}.${(i >> 8) & 255}.${i & 255}`,
            system_uuid: hexFrom(`${c.name}/${n.name}/uuid`, 32),
          },
          value: constant(1, n.bootTime),
        };
      }
    },
  },
  {
    name: 'kube_node_status_condition',
    type: 'gauge',
    help: 'The condition of a cluster node.',
    *series(c, base) {
      for (const n of c.nodes) {
        for (const status of ['true', 'false', 'unknown'] as const) {
          yield { labels: { ...nodeLabels(base, n), condition: 'Ready', status }, value: constant(n.ready === status ? 1 : 0, n.bootTime) };
        }
      }
    },
  },
  {
    name: 'kube_node_spec_unschedulable',
    type: 'gauge',
    help: 'Whether a node can schedule new pods.',
    *series(c, base) {
      for (const n of c.nodes) yield { labels: nodeLabels(base, n), value: constant(0, n.bootTime) };
    },
  },
  {
    name: 'kube_node_status_allocatable',
    type: 'gauge',
    help: 'The allocatable for different resources of a node that are available for scheduling.',
    *series(c, base) {
      for (const n of c.nodes) {
        yield { labels: { ...nodeLabels(base, n), resource: 'cpu', unit: 'core' }, value: constant(n.vcpus, n.bootTime) };
        yield { labels: { ...nodeLabels(base, n), resource: 'memory', unit: 'byte' }, value: constant(n.memoryBytes, n.bootTime) };
        yield { labels: { ...nodeLabels(base, n), resource: 'pods', unit: 'integer' }, value: constant(110, n.bootTime) };
      }
    },
  },
  {
    name: 'kube_pod_owner',
    type: 'gauge',
    help: 'Information about the Pod\'s owner.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        yield {
          labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: hexFrom(`${c.name}/${p.name}/uid`, 32), owner_kind: p.ownerKind, owner_name: p.ownerName, owner_is_controller: 'true' },
          value: constant(1),
        };
      }
    },
  },
  {
    name: 'kube_pod_status_phase',
    type: 'gauge',
    help: 'The pods current phase.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        for (const phase of PHASES) {
          yield { labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: hexFrom(`${c.name}/${p.name}/uid`, 32), phase }, value: constant(PHASE_OF[p.state] === phase ? 1 : 0) };
        }
      }
    },
  },
  {
    name: 'kube_pod_status_ready',
    type: 'gauge',
    help: 'Describes whether the pod is ready to serve requests.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        if (p.state === 'succeeded' || p.state === 'failed') continue;
        const ready = p.state === 'running' ? 'true' : 'false';
        for (const condition of ['true', 'false', 'unknown'] as const) {
          yield { labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: hexFrom(`${c.name}/${p.name}/uid`, 32), condition }, value: constant(condition === ready ? 1 : 0) };
        }
      }
    },
  },
  {
    name: 'kube_pod_container_status_restarts',
    type: 'counter',
    suffix: '_total',
    help: 'The number of container restarts per container.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        if (p.state === 'succeeded' || p.state === 'failed' || p.state === 'pending') continue;
        const since = p.state === 'crashLooping' ? crashLoopSince(c, p.workload.name, p.replica) : null;
        yield {
          labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: hexFrom(`${c.name}/${p.name}/uid`, 32), container: p.container },
          value: since === null ? constant(0) : (t) => crashLoopRestarts(since, t),
        };
      }
    },
  },
  {
    name: 'kube_pod_container_status_waiting_reason',
    type: 'gauge',
    help: 'Describes the reason the container is currently in waiting state.',
    *series(c, base) {
      // kube-state-metrics v2 exposes the series only while the container waits.
      for (const p of podsOf(c)) {
        if (p.state !== 'crashLooping') continue;
        yield {
          labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: hexFrom(`${c.name}/${p.name}/uid`, 32), container: p.container, reason: 'CrashLoopBackOff' },
          value: constant(1),
        };
      }
    },
  },
  {
    name: 'kube_pod_info',
    type: 'gauge',
    help: 'Information about pod.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        yield {
          labels: {
            ...base,
            ...KSM,
            namespace: p.namespace,
            pod: p.name,
            uid: hexFrom(`${c.name}/${p.name}/uid`, 32),
            node: p.node?.name ?? '',
            created_by_kind: p.ownerKind,
            created_by_name: p.ownerName,
            priority_class: p.namespace === 'kube-system' ? 'system-node-critical' : '',
            host_network: 'false',
          },
          value: constant(1),
        };
      }
    },
  },
  ...deploymentFamilies(),
  ...daemonSetFamilies(),
  {
    // L4: the applications' own HTTP metrics (app-telemetry.ts).
    name: 'http_requests',
    type: 'counter',
    suffix: '_total',
    help: 'Total number of HTTP requests by method and status code.',
    series: appRequestSeries,
  },
  {
    // L5: ingress-nginx at the cluster's edge (ingress-telemetry.ts). It exposes this counter
    // without `_total` in the Prometheus text format; OpenMetrics only allows that name untyped.
    name: 'nginx_ingress_controller_requests',
    type: 'unknown',
    help: 'The total number of client requests',
    series: ingressRequestSeries,
  },
  {
    name: 'kubelet_node_name',
    type: 'gauge',
    help: "The node's name. The count is always 1.",
    *series(c, base) {
      for (const n of c.nodes) yield { labels: { ...base, job: 'kubelet', instance: `${n.name}:10250`, metrics_path: '/metrics', node: n.name }, value: constant(1, n.bootTime) };
    },
  },
  {
    name: 'kubelet_running_pods',
    type: 'gauge',
    help: 'Number of pods that have a running pod sandbox',
    *series(c, base) {
      const running = new Map<string, number>();
      for (const p of podsOf(c)) if (p.node && (p.state === 'running' || p.state === 'crashLooping')) running.set(p.node.name, (running.get(p.node.name) ?? 0) + 1);
      for (const n of c.nodes) {
        yield { labels: { ...base, job: 'kubelet', instance: `${n.name}:10250`, metrics_path: '/metrics', node: n.name }, value: constant(running.get(n.name) ?? 0, n.bootTime) };
      }
    },
  },
  {
    name: 'container_cpu_usage_seconds',
    type: 'counter',
    suffix: '_total',
    help: 'Cumulative cpu time consumed in seconds.',
    *series(c, base) {
      // cAdvisor, scraped through the kubelet; crash-looping containers restart, so only steady ones are written.
      for (const p of podsOf(c)) {
        if (p.state !== 'running' || !p.node) continue;
        yield {
          labels: { ...cadvisorLabels(base, p), cpu: 'total' },
          value: (t) => containerCpuSeconds(p.workload.cpuRequestCores, p.phase, p.started, t),
        };
      }
    },
  },
  {
    name: 'container_memory_working_set_bytes',
    type: 'gauge',
    help: 'Current working set in bytes.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        if (p.state !== 'running' || !p.node) continue;
        yield { labels: cadvisorLabels(base, p), value: (t) => containerWorkingSetBytes(p.workload.memoryRequestBytes, p.phase, t) };
      }
    },
  },
  {
    name: 'apiserver_request',
    type: 'counter',
    suffix: '_total',
    help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
    *series(c, base) {
      const { phase, since } = apiserverOf(c);
      for (const [verb, code, share] of API_MIX) {
        yield {
          labels: { ...base, job: 'apiserver', instance: `${c.name}-apiserver:443`, verb, code, component: 'apiserver', dry_run: '', group: '', version: 'v1', resource: 'pods', scope: verb === 'LIST' ? 'namespace' : 'resource' },
          value: (t) => Math.floor(apiRequestsServed(c.nodes.length, phase, since, t) * share),
        };
      }
    },
  },
];

/** Verb, code and share of an API server's requests; all succeed on the demo fleet. */
export const API_MIX: ReadonlyArray<readonly [string, string, number]> = [
  ['GET', '200', 0.43],
  ['GET', '404', 0.02],
  ['LIST', '200', 0.1],
  ['WATCH', '200', 0.05],
  ['POST', '201', 0.15],
  ['PUT', '200', 0.1],
  ['PATCH', '200', 0.1],
  ['DELETE', '200', 0.05],
];
/** Mean latency per verb, seconds (exponential distribution). WATCH is long-running and not timed. */
export const API_LATENCY: Record<string, number> = { GET: 0.012, LIST: 0.09, POST: 0.03, PUT: 0.025, PATCH: 0.025, DELETE: 0.03 };

export function apiserverOf(c: DemoCluster): { phase: number; since: number } {
  const h = hash32(`${c.name}/apiserver`);
  return { phase: (h % 6283) / 1000, since: 1_762_000_000 + (h % 500_000) };
}

function cadvisorLabels(base: Record<string, string>, p: DemoPod): Record<string, string> {
  const node = p.node?.name ?? '';
  return {
    ...base,
    job: 'kubelet',
    metrics_path: '/metrics/cadvisor',
    instance: `${node}:10250`,
    node,
    namespace: p.namespace,
    pod: p.name,
    container: p.container,
    image: `contoso.azurecr.io/${p.workload.team}/${p.container}:1.${hash32(p.workload.name) % 40}.0`,
    id: `/kubepods/burstable/pod${hexFrom(`${p.name}/uid`, 32)}/${hexFrom(`${p.name}/cid`, 64)}`,
    name: hexFrom(`${p.name}/cid`, 64),
  };
}

export const HISTOGRAMS: HistogramFamily[] = [
  {
    name: 'apiserver_request_duration_seconds',
    type: 'histogram',
    help: 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
    bounds: [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60],
    *series(c, base) {
      const { phase, since } = apiserverOf(c);
      for (const [verb, mean] of Object.entries(API_LATENCY)) {
        const share = API_MIX.filter(([v]) => v === verb).reduce((sum, [, , s]) => sum + s, 0);
        yield {
          labels: { ...base, job: 'apiserver', instance: `${c.name}-apiserver:443`, verb, component: 'apiserver', dry_run: '', group: '', version: 'v1', resource: 'pods', scope: verb === 'LIST' ? 'namespace' : 'resource', subresource: '' },
          value: (t) => {
            const count = Math.floor(apiRequestsServed(c.nodes.length, phase, since, t) * share);
            return { count, sum: count * mean, cdf: (le) => 1 - Math.exp(-le / mean) };
          },
        };
      }
    },
  },
  {
    name: 'kubelet_pod_worker_duration_seconds',
    type: 'histogram',
    help: 'Duration in seconds to sync a single pod. Broken down by operation type: create, update, or sync',
    bounds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    *series(c, base) {
      const pods = new Map<string, number>();
      for (const p of podsOf(c)) if (p.node) pods.set(p.node.name, (pods.get(p.node.name) ?? 0) + 1);
      for (const n of c.nodes) {
        // Every pod is synced about once a minute; a sync takes ~40 ms.
        const perSecond = (pods.get(n.name) ?? 0) / 60;
        yield {
          labels: { ...base, job: 'kubelet', instance: `${n.name}:10250`, metrics_path: '/metrics', node: n.name, operation_type: 'sync' },
          value: (t) => {
            if (t < n.bootTime) return null;
            const count = Math.floor((t - n.bootTime) * perSecond);
            return { count, sum: count * 0.04, cdf: (le) => 1 - Math.exp(-le / 0.04) };
          },
        };
      }
    },
  },
];

export const NODE_EXPORTER_FAMILIES: Family[] = [
  {
    name: 'node_cpu_seconds',
    type: 'counter',
    suffix: '_total',
    help: 'Seconds the CPUs spent in each mode.',
    *series(c, base) {
      for (const n of c.nodes) {
        const idle = (t: number): number | null => idleCpuSeconds(n, t);
        const busy = (t: number): number | null => {
          const v = idleCpuSeconds(n, t);
          return v === null ? null : t - n.bootTime - v;
        };
        for (let cpu = 0; cpu < n.vcpus; cpu++) {
          const labels = { ...base, job: 'node-exporter', instance: `${n.name}:9100`, node: n.name, cpu: String(cpu) };
          yield { labels: { ...labels, mode: 'idle' }, value: idle };
          yield { labels: { ...labels, mode: 'user' }, value: (t) => mapNull(busy(t), (b) => b * USER_SHARE) };
          yield { labels: { ...labels, mode: 'system' }, value: (t) => mapNull(busy(t), (b) => b * (1 - USER_SHARE)) };
        }
      }
    },
  },
  {
    name: 'node_memory_MemTotal_bytes',
    type: 'gauge',
    help: 'Memory information field MemTotal_bytes.',
    *series(c, base) {
      for (const n of c.nodes) yield { labels: { ...base, job: 'node-exporter', instance: `${n.name}:9100`, node: n.name }, value: constant(n.memoryBytes, n.bootTime) };
    },
  },
  {
    name: 'node_memory_MemAvailable_bytes',
    type: 'gauge',
    help: 'Memory information field MemAvailable_bytes.',
    *series(c, base) {
      for (const n of c.nodes) {
        yield { labels: { ...base, job: 'node-exporter', instance: `${n.name}:9100`, node: n.name }, value: (t) => (t >= n.bootTime ? memAvailableBytes(n, t) : null) };
      }
    },
  },
];

function mapNull(v: number | null, f: (v: number) => number): number | null {
  return v === null ? null : f(v);
}

function deploymentFamilies(): Family[] {
  const of = (kind: DemoWorkload['kind']) => (c: DemoCluster) => c.workloads.filter((w) => w.kind === kind);
  const deployments = of('Deployment');
  const gauge = (name: string, help: string, value: (w: DemoWorkload) => number): Family => ({
    name,
    type: 'gauge',
    help,
    *series(c, base) {
      for (const w of deployments(c)) yield { labels: { ...base, ...KSM, namespace: w.namespace, deployment: w.name }, value: constant(value(w)) };
    },
  });
  return [
    gauge('kube_deployment_spec_replicas', 'Number of desired pods for a deployment.', (w) => w.desired),
    gauge('kube_deployment_status_replicas', 'The number of replicas per deployment.', (w) => w.running + w.crashLooping + w.pending),
    gauge('kube_deployment_status_replicas_available', 'The number of available replicas per deployment.', (w) => w.running),
    gauge('kube_deployment_status_replicas_ready', 'The number of ready replicas per deployment.', (w) => w.running),
    gauge('kube_deployment_status_replicas_updated', 'The number of updated replicas per deployment.', (w) => w.desired),
    gauge('kube_deployment_status_replicas_unavailable', 'The number of unavailable replicas per deployment.', (w) => w.desired - w.running),
    gauge('kube_deployment_metadata_generation', 'Sequence number representing a specific generation of the desired state.', () => 1),
    gauge('kube_deployment_status_observed_generation', 'The generation observed by the deployment controller.', () => 1),
  ];
}

function daemonSetFamilies(): Family[] {
  const gauge = (name: string, help: string, value: (w: DemoWorkload) => number): Family => ({
    name,
    type: 'gauge',
    help,
    *series(c, base) {
      for (const w of c.workloads) {
        if (w.kind === 'DaemonSet') yield { labels: { ...base, ...KSM, namespace: w.namespace, daemonset: w.name }, value: constant(value(w)) };
      }
    },
  });
  return [
    gauge('kube_daemonset_status_desired_number_scheduled', 'The number of nodes that should be running the daemon pod.', (w) => w.desired),
    gauge('kube_daemonset_status_current_number_scheduled', 'The number of nodes running at least one daemon pod and are supposed to.', (w) => w.running),
    gauge('kube_daemonset_status_number_ready', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', (w) => w.running),
    gauge('kube_daemonset_status_number_available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.', (w) => w.running),
    gauge('kube_daemonset_status_updated_number_scheduled', 'The total number of nodes that are running updated daemon pod.', (w) => w.running),
    gauge('kube_daemonset_status_number_misscheduled', 'The number of nodes running a daemon pod but are not supposed to.', () => 0),
  ];
}
