import { DEFAULT_LABEL_PROFILE, LABEL_PROFILES } from '../../label-profiles';
import {
  clusterSelector,
  instantQuery,
  kubelet,
  NODE_POOL_LABELS,
  nodeExporter,
  PLATFORM,
  rangeQuery,
} from './query-kit';

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

/*
 * Node triage (the details of one node, and why a node is not Ready). Every query reads all
 * nodes of the cluster; the panel keeps the selected node, so the node name never reaches the
 * PromQL text.
 */

export const nodeInfo = instantQuery({
  id: 'prom.cluster.node-info',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node kubelet, OS and runtime',
  description:
    "Each node's kubelet version, OS image, kernel and container runtime, as the node reports them (kube-state-metrics kube_node_info).",
  build: (p) =>
    `max by (node, kubelet_version, os_image, kernel_version, container_runtime_version) (kube_node_info${clusterSelector(p)})`,
});

export const nodePool = instantQuery({
  id: 'prom.cluster.node-pool',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node pool per node',
  description:
    "Each node's pool from its AKS labels (kubernetes.azure.com/agentpool, agentpool) through kube-state-metrics kube_node_labels; other labels need --metric-labels-allowlist.",
  build: (p) => `max by (node, ${NODE_POOL_LABELS.join(', ')}) (kube_node_labels${clusterSelector(p)})`,
});

export const nodeConditions = instantQuery({
  id: 'prom.cluster.node-conditions',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node conditions',
  description:
    "Every condition of each node (Ready, the kubelet's pressure signals, NetworkUnavailable, node-problem-detector's) with the status it reports (kube-state-metrics).",
  build: (p) => `sum by (node, condition, status) (kube_node_status_condition${clusterSelector(p)} == 1)`,
});

export const nodeReadyHistory = rangeQuery({
  id: 'prom.cluster.node-ready-history',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node Ready status over time',
  description:
    "Each node's Ready status (true, false, unknown) at every step of the range: the last change is when Ready last moved (kube-state-metrics).",
  build: (p) => `sum by (node, status) (kube_node_status_condition${clusterSelector(p, { condition: 'Ready' })} == 1)`,
});

export const nodeTaints = instantQuery({
  id: 'prom.cluster.node-taints',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node taints',
  description:
    "Each node's taints (key, value, effect): the node controller's not-ready and unreachable taints, cordons, dedicated pools (kube-state-metrics kube_node_spec_taint).",
  build: (p) => `max by (node, key, value, effect) (kube_node_spec_taint${clusterSelector(p)})`,
});

export const nodeUnschedulable = instantQuery({
  id: 'prom.cluster.node-unschedulable',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node cordoned',
  description:
    "Whether each node is cordoned: 1 when new pods may not be scheduled on it (kube_node_spec_unschedulable; where the store keeps none, as Azure's minimal ingestion profile, the node controller's node.kubernetes.io/unschedulable taint, 0 for the other nodes kube_node_info knows).",
  // Azure managed Prometheus' default (minimal ingestion) keeps kube_node_spec_taint and
  // kube_node_info but not kube_node_spec_unschedulable; the controller taints exactly the cordoned nodes.
  build: (p) =>
    [
      `max by (node) (kube_node_spec_unschedulable${clusterSelector(p)})`,
      `or max by (node) (kube_node_spec_taint${clusterSelector(p, { key: 'node.kubernetes.io/unschedulable' })})`,
      `or 0 * max by (node) (kube_node_info${clusterSelector(p)})`,
    ].join('\n'),
});

export const nodeLastScrape = rangeQuery({
  id: 'prom.cluster.node-last-scrape',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node exporters answering scrapes',
  description:
    "Steps of the range at which each node's kubelet and node-exporter answered their scrape (up == 1): the last one is when Prometheus last heard from the node. kube-state-metrics does not export the kubelet's heartbeat.",
  build: (p) => {
    const jobs = LABEL_PROFILES[p.profile ?? DEFAULT_LABEL_PROFILE].jobs;
    const up = (job: string): string => `up${clusterSelector(p, { job })} == 1`;
    return [
      `label_replace(max by (node) (${kubelet(p, up(jobs.kubelet))}), "exporter", "kubelet", "", "")`,
      `or label_replace(max by (node) (${nodeExporter(p, up(jobs.nodeExporter))}), "exporter", "node-exporter", "", "")`,
    ].join('\n');
  },
});
