import { hash32, hexFrom } from './random';
import { nodeProviderId } from './providers';
import { APP_HISTOGRAMS, appRequestSeries } from './app-telemetry';
import { CONTROL_PLANE_FAMILIES, CONTROL_PLANE_HISTOGRAMS } from './control-plane-telemetry';
import { cadvisorTargetLabels, constant, KSM, kubeletLabels, nodeExporterLabels, nodeLabels, type Family, type HistogramFamily } from './family-kit';
import { ingressRequestSeries } from './ingress-telemetry';
import { maxPodsOf, nodePressure, podsByNode, PRESSURE_CONDITIONS, runningPodsByNode } from './node-capacity';
import { NODE_CAPACITY_FAMILIES, NODE_FILESYSTEM_FAMILIES } from './node-telemetry';
import { podsOf, type DemoPod, type PodState } from './pods';
import { containerCpuSeconds, containerWorkingSetBytes, crashLoopRestarts, crashLoopSince, idleCpuSeconds, memAvailableBytes } from './signals';
import { CONTAINER_FAMILIES, CONTROLLER_FAMILIES, podReady, podUid } from './workload-telemetry';

export type { Family, HistogramFamily, HistogramPoint } from './family-kit';

/**
 * The metric families of the telemetry export, as kube-state-metrics v2, node-exporter,
 * cAdvisor, the kubelet and kube-apiserver expose them. Each yields, per cluster, its series'
 * labels and value as a function of time, computed from the demo fleet model and signals.
 * Node capacity and filesystems, controllers and containers, the control plane and the apps'
 * latency live in their own modules (node-, workload-, control-plane- and app-telemetry.ts).
 */

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const PHASE_OF: Record<PodState, (typeof PHASES)[number]> = {
  crashLooping: 'Running',
  running: 'Running',
  pending: 'Pending',
  failed: 'Failed',
  succeeded: 'Succeeded',
};


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
        yield { labels: kubeletLabels(base, n), value: constant(n.ready === 'true' ? 1 : 0, n.bootTime) };
        yield { labels: nodeExporterLabels(base, n), value: constant(1, n.bootTime) };
        yield { labels: cadvisorTargetLabels(base, n.name), value: constant(n.ready === 'true' ? 1 : 0, n.bootTime) };
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
        // The kubelet's eviction signals (node-capacity.ts), re-read at every sample.
        for (const condition of PRESSURE_CONDITIONS) {
          for (const status of ['true', 'false', 'unknown'] as const) {
            yield { labels: { ...nodeLabels(base, n), condition, status }, value: (t) => (t < n.bootTime ? null : nodePressure(c, n, t)[condition] === status ? 1 : 0) };
          }
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
      const pods = maxPodsOf(c);
      for (const n of c.nodes) {
        yield { labels: { ...nodeLabels(base, n), resource: 'cpu', unit: 'core' }, value: constant(n.vcpus, n.bootTime) };
        yield { labels: { ...nodeLabels(base, n), resource: 'memory', unit: 'byte' }, value: constant(n.memoryBytes, n.bootTime) };
        yield { labels: { ...nodeLabels(base, n), resource: 'pods', unit: 'integer' }, value: constant(pods, n.bootTime) };
      }
    },
  },
  ...NODE_CAPACITY_FAMILIES,
  {
    name: 'kube_pod_owner',
    type: 'gauge',
    help: 'Information about the Pod\'s owner.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        yield {
          labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), owner_kind: p.ownerKind, owner_name: p.ownerName, owner_is_controller: 'true' },
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
          yield { labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), phase }, value: constant(PHASE_OF[p.state] === phase ? 1 : 0) };
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
        const ready = podReady(p) ? 'true' : 'false';
        for (const condition of ['true', 'false', 'unknown'] as const) {
          yield { labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), condition }, value: constant(condition === ready ? 1 : 0) };
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
          labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), container: p.container },
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
          labels: { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), container: p.container, reason: 'CrashLoopBackOff' },
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
            uid: podUid(c, p),
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
  ...CONTROLLER_FAMILIES,
  ...CONTAINER_FAMILIES,
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
      for (const n of c.nodes) yield { labels: kubeletLabels(base, n), value: constant(1, n.bootTime) };
    },
  },
  {
    name: 'kubelet_running_pods',
    type: 'gauge',
    help: 'Number of pods that have a running pod sandbox',
    *series(c, base) {
      const running = runningPodsByNode(c);
      for (const n of c.nodes) yield { labels: kubeletLabels(base, n), value: constant(running.get(n.name) ?? 0, n.bootTime) };
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
  ...CONTROL_PLANE_FAMILIES,
];

function cadvisorLabels(base: Record<string, string>, p: DemoPod): Record<string, string> {
  const node = p.node?.name ?? '';
  return {
    ...cadvisorTargetLabels(base, node),
    namespace: p.namespace,
    pod: p.name,
    container: p.container,
    image: `contoso.azurecr.io/${p.workload.team}/${p.container}:1.${hash32(p.workload.name) % 40}.0`,
    id: `/kubepods/burstable/pod${hexFrom(`${p.name}/uid`, 32)}/${hexFrom(`${p.name}/cid`, 64)}`,
    name: hexFrom(`${p.name}/cid`, 64),
  };
}

export const HISTOGRAMS: HistogramFamily[] = [
  ...CONTROL_PLANE_HISTOGRAMS,
  {
    name: 'kubelet_pod_worker_duration_seconds',
    type: 'histogram',
    help: 'Duration in seconds to sync a single pod. Broken down by operation type: create, update, or sync',
    bounds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    *series(c, base) {
      const pods = podsByNode(c);
      for (const n of c.nodes) {
        // Every pod is synced about once a minute; a sync takes ~40 ms.
        const perSecond = (pods.get(n.name) ?? 0) / 60;
        yield {
          labels: { ...kubeletLabels(base, n), operation_type: 'sync' },
          value: (t) => {
            if (t < n.bootTime) return null;
            const count = Math.floor((t - n.bootTime) * perSecond);
            return { count, sum: count * 0.04, cdf: (le) => 1 - Math.exp(-le / 0.04) };
          },
        };
      }
    },
  },
  ...APP_HISTOGRAMS,
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
          const labels = { ...nodeExporterLabels(base, n), cpu: String(cpu) };
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
      for (const n of c.nodes) yield { labels: nodeExporterLabels(base, n), value: constant(n.memoryBytes, n.bootTime) };
    },
  },
  {
    name: 'node_memory_MemAvailable_bytes',
    type: 'gauge',
    help: 'Memory information field MemAvailable_bytes.',
    *series(c, base) {
      for (const n of c.nodes) {
        yield { labels: nodeExporterLabels(base, n), value: (t) => (t >= n.bootTime ? memAvailableBytes(n, t) : null) };
      }
    },
  },  ...NODE_FILESYSTEM_FAMILIES,
];

function mapNull(v: number | null, f: (v: number) => number): number | null {
  return v === null ? null : f(v);
}
