import { clusterSelector, instantQuery, kubelet, nodeExporter, PLATFORM, rangeQuery } from './query-kit';

/** L1 nodes: utilisation (node-exporter), conditions and capacity (kube-state-metrics, kubelet). */

export const nodeCpu = rangeQuery({
  id: 'prom.cluster.node-cpu',
  layer: 'L1',
  personas: PLATFORM,
  title: 'CPU utilisation per node',
  description: "Share of each node's CPU time not idle over 5-minute windows, averaged over its CPUs (node-exporter).",
  build: (p) =>
    `1 - avg by (node) (${nodeExporter(p, `rate(node_cpu_seconds_total${clusterSelector(p, { mode: 'idle' })}[5m])`)})`,
});

export const nodeMemory = rangeQuery({
  id: 'prom.cluster.node-memory',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Memory utilisation per node',
  description: "Share of each node's memory not available to new workloads (node-exporter MemAvailable / MemTotal).",
  build: (p) =>
    `1 - sum by (node) (${nodeExporter(p, `node_memory_MemAvailable_bytes${clusterSelector(p)}`)}) / sum by (node) (${nodeExporter(p, `node_memory_MemTotal_bytes${clusterSelector(p)}`)})`,
});

export const nodeReady = instantQuery({
  id: 'prom.cluster.node-ready',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node Ready condition',
  description:
    "Each node's Ready condition from kube-state-metrics: 1 on the status (true, false, unknown) it reports.",
  build: (p) => `sum by (node, status) (kube_node_status_condition${clusterSelector(p, { condition: 'Ready' })})`,
});

export const nodeAllocatable = instantQuery({
  id: 'prom.cluster.node-allocatable',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node allocatable CPU, memory and pods',
  description: 'What the scheduler may place on each node (kube-state-metrics kube_node_status_allocatable).',
  build: (p) => `sum by (node, resource) (kube_node_status_allocatable${clusterSelector(p)})`,
});

export const nodeFilesystem = rangeQuery({
  id: 'prom.cluster.node-filesystem',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Root filesystem used per node',
  description:
    "Share of each node's root filesystem (/, where the kubelet and container runtime keep images, logs and emptyDir volumes) in use (node-exporter); the kubelet evicts pods below 10 % free.",
  build: (p) => {
    const root = (metric: string): string =>
      nodeExporter(p, `${metric}${clusterSelector(p, { mountpoint: '/' }, ['fstype!=""'])}`);
    return `1 - sum by (node) (${root('node_filesystem_avail_bytes')}) / sum by (node) (${root('node_filesystem_size_bytes')})`;
  },
});

export const nodePodCapacity = rangeQuery({
  id: 'prom.cluster.node-pod-capacity',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Pods per node vs max pods',
  description:
    'Running pods on each node as a share of its pod capacity (max pods, kube_node_status_capacity). On Azure CNI every node reserves one subnet IP per max pod, so this is also its IP budget.',
  build: (p) =>
    `sum by (node) (${kubelet(p, `kubelet_running_pods${clusterSelector(p)}`)}) / sum by (node) (kube_node_status_capacity${clusterSelector(p, { resource: 'pods' })})`,
});

export const nodeRunningPods = instantQuery({
  id: 'prom.cluster.node-running-pods',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Running pods per node (kubelet)',
  description: 'Pods with a running sandbox on each node, as its kubelet reports them.',
  build: (p) => `sum by (node) (${kubelet(p, `kubelet_running_pods${clusterSelector(p)}`)})`,
});
