import {
  constant,
  kubeletLabels,
  nodeExporterLabels,
  nodeLabels,
  type Family,
  type HistogramFamily,
} from './family-kit';
import type { DemoCluster, DemoNode } from './fleet-model';
import {
  EFI_AVAIL_BYTES,
  EFI_SIZE_BYTES,
  maxPodsOf,
  nodePressure,
  podsByNode,
  PRESSURE_CONDITIONS,
  rootFsSizeBytes,
  runningPodsByNode,
} from './node-capacity';
import { nodeOs, nodeTaints } from './node-triage';
import { nodeProviderId } from './providers';
import { hexFrom } from './random';
import { idleCpuSeconds, memAvailableBytes, rootFsAvailBytes } from './signals';

/**
 * L1 node metrics of the demo fleet: each node's state and what it holds (kube-state-metrics
 * kube_node_*), its kubelet's pods and pod syncs, and its CPU, memory and filesystems as
 * node-exporter reports them (the root filesystem on the OS disk, and the small EFI partition
 * beside it).
 */

export const NODE_CAPACITY_FAMILIES: Family[] = [
  {
    name: 'kube_node_status_capacity',
    type: 'gauge',
    help: 'The total amount of resources available for a node.',
    *series(c, base) {
      const pods = maxPodsOf(c);
      const disk = rootFsSizeBytes(c);
      for (const n of c.nodes) {
        yield {
          labels: { ...nodeLabels(base, n), resource: 'cpu', unit: 'core' },
          value: constant(n.vcpus, n.bootTime),
        };
        yield {
          labels: { ...nodeLabels(base, n), resource: 'memory', unit: 'byte' },
          value: constant(n.memoryBytes, n.bootTime),
        };
        yield {
          labels: { ...nodeLabels(base, n), resource: 'pods', unit: 'integer' },
          value: constant(pods, n.bootTime),
        };
        yield {
          labels: { ...nodeLabels(base, n), resource: 'ephemeral_storage', unit: 'byte' },
          value: constant(disk, n.bootTime),
        };
      }
    },
  },
];

interface Filesystem {
  device: string;
  fstype: string;
  mountpoint: string;
  size: (c: DemoCluster) => number;
  avail: (c: DemoCluster, n: DemoNode, t: number) => number;
}

const FILESYSTEMS: readonly Filesystem[] = [
  {
    device: '/dev/sda1',
    fstype: 'ext4',
    mountpoint: '/',
    size: rootFsSizeBytes,
    avail: (c, n, t) => rootFsAvailBytes(n, rootFsSizeBytes(c), t),
  },
  {
    device: '/dev/sda15',
    fstype: 'vfat',
    mountpoint: '/boot/efi',
    size: () => EFI_SIZE_BYTES,
    avail: () => EFI_AVAIL_BYTES,
  },
];

function filesystemFamily(
  name: string,
  help: string,
  value: (fs: Filesystem, c: DemoCluster, n: DemoNode, t: number) => number,
): Family {
  return {
    name,
    type: 'gauge',
    help,
    *series(c, base) {
      for (const n of c.nodes) {
        for (const fs of FILESYSTEMS) {
          yield {
            labels: { ...nodeExporterLabels(base, n), device: fs.device, fstype: fs.fstype, mountpoint: fs.mountpoint },
            value: (t) => (t >= n.bootTime ? value(fs, c, n, t) : null),
          };
        }
      }
    },
  };
}

export const NODE_FILESYSTEM_FAMILIES: Family[] = [
  filesystemFamily('node_filesystem_size_bytes', 'Filesystem size in bytes.', (fs, c) => fs.size(c)),
  filesystemFamily(
    'node_filesystem_avail_bytes',
    'Filesystem space available to non-root users in bytes.',
    (fs, c, n, t) => fs.avail(c, n, t),
  ),
  filesystemFamily('node_filesystem_readonly', 'Filesystem read-only status.', () => 0),
];

/** kube-state-metrics' view of each node: info, conditions (Ready and the kubelet's pressure signals), schedulability, allocatable. */
export const NODE_STATE_FAMILIES: Family[] = [
  {
    name: 'kube_node_info',
    type: 'gauge',
    help: 'Information about a cluster node.',
    *series(c, base) {
      let i = 0;
      const os = nodeOs(c);
      for (const n of c.nodes) {
        yield {
          labels: {
            ...nodeLabels(base, n),
            kubelet_version: n.kubeletVersion,
            kubeproxy_version: 'deprecated',
            container_runtime_version: os.runtime,
            kernel_version: os.kernel,
            os_image: os.osImage,
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
    name: 'kube_node_labels',
    type: 'gauge',
    help: 'Kubernetes labels converted to Prometheus labels.',
    *series(c, base) {
      for (const n of c.nodes) {
        const pool = c.nodePools.find((p) => p.name === n.pool);
        yield {
          labels: {
            ...nodeLabels(base, n),
            // The labels kube-state-metrics' --metric-labels-allowlist lets through for cost.
            label_kubernetes_azure_com_agentpool: n.pool,
            ...(pool ? { label_node_kubernetes_io_instance_type: pool.vm.name } : {}),
            label_topology_kubernetes_io_region: c.location,
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
          yield {
            labels: { ...nodeLabels(base, n), condition: 'Ready', status },
            value: constant(n.ready === status ? 1 : 0, n.bootTime),
          };
        }
        // The kubelet's eviction signals (node-capacity.ts), re-read at every sample.
        for (const condition of PRESSURE_CONDITIONS) {
          for (const status of ['true', 'false', 'unknown'] as const) {
            yield {
              labels: { ...nodeLabels(base, n), condition, status },
              value: (t) => (t < n.bootTime ? null : nodePressure(c, n, t)[condition] === status ? 1 : 0),
            };
          }
        }
      }
    },
  },
  {
    name: 'kube_node_spec_taint',
    type: 'gauge',
    help: 'The taint of a cluster node.',
    *series(c, base) {
      for (const n of c.nodes)
        for (const taint of nodeTaints(n))
          yield {
            labels: { ...nodeLabels(base, n), key: taint.key, value: taint.value, effect: taint.effect },
            value: constant(1, n.bootTime),
          };
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
        yield {
          labels: { ...nodeLabels(base, n), resource: 'cpu', unit: 'core' },
          value: constant(n.vcpus, n.bootTime),
        };
        yield {
          labels: { ...nodeLabels(base, n), resource: 'memory', unit: 'byte' },
          value: constant(n.memoryBytes, n.bootTime),
        };
        yield {
          labels: { ...nodeLabels(base, n), resource: 'pods', unit: 'integer' },
          value: constant(pods, n.bootTime),
        };
      }
    },
  },
];

export const KUBELET_FAMILIES: Family[] = [
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
      for (const n of c.nodes)
        yield { labels: kubeletLabels(base, n), value: constant(running.get(n.name) ?? 0, n.bootTime) };
    },
  },
];

export const KUBELET_POD_SYNC: HistogramFamily = {
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
};

/** Busy CPU seconds split between user and system mode; both stay monotonic. */
const USER_SHARE = 0.7;

export const NODE_USAGE_FAMILIES: Family[] = [
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
      for (const n of c.nodes)
        yield { labels: nodeExporterLabels(base, n), value: constant(n.memoryBytes, n.bootTime) };
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
  },
];

function mapNull(v: number | null, f: (v: number) => number): number | null {
  return v === null ? null : f(v);
}
