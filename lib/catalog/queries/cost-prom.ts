import type { PromQuery } from '../types';
import { promVector } from '../wire';
import { fleetPromParamsSchema, selector, type FleetPromParams } from '../prom-params';

/**
 * Cost inputs from Prometheus alone, for clusters no Container insights reports (Prometheus-only
 * deployments): each cluster's nodes counted by pool, instance type and region from the node
 * labels kube-state-metrics exports (kube_node_labels: kubernetes.azure.com/agentpool,
 * node.kubernetes.io/instance-type, topology.kubernetes.io/region, which its
 * --metric-labels-allowlist must let through), with their cores and memory
 * (kube_node_status_capacity) to price machines that have no Azure size. One series per
 * cluster × pool × measure: cheap at any fleet size.
 */

export const NODE_POOL_LABEL = 'label_kubernetes_azure_com_agentpool';
export const NODE_INSTANCE_TYPE_LABEL = 'label_node_kubernetes_io_instance_type';
export const NODE_REGION_LABEL = 'label_topology_kubernetes_io_region';
const POOL_LABELS = [NODE_POOL_LABEL, NODE_INSTANCE_TYPE_LABEL, NODE_REGION_LABEL].join(', ');

export interface PromCostNodePoolRow {
  cluster: string;
  pool: string;
  instanceType: string;
  region: string;
  nodes: number;
  /** Cores and memory of the pool's nodes that report both (kube_node_status_capacity). */
  cpuCores: number | null;
  memoryGiB: number | null;
  nodesWithCapacity: number;
}

export const promCostNodePools: PromQuery<FleetPromParams, PromCostNodePoolRow> = {
  id: 'prom.cost.node-pools',
  kind: 'prom',
  mode: 'instant',
  layer: 'cost',
  personas: ['fleet-architect', 'platform-engineer'],
  title: 'Nodes by pool and instance type (Prometheus)',
  description:
    "Each cluster's nodes counted by pool, instance type and region (kube_node_labels), with their cores and memory (kube_node_status_capacity), for clusters that only Prometheus watches.",
  params: fleetPromParamsSchema,
  build: (p) => {
    const c = p.clusterLabel;
    const labels = `kube_node_labels${selector(p)}`;
    const cap = (resource: string): string => `kube_node_status_capacity${selector(p, { resource })}`;
    // Nodes that report both cores and memory, with their pool's labels.
    const reporting = `(${cap('cpu')} and on (${c}, node) ${cap('memory')})`;
    const pooled = (v: string): string => `${v} * on (${c}, node) group_left (${POOL_LABELS}) ${labels}`;
    const measure = (name: string, v: string): string => `label_replace(${v}, "measure", "${name}", "", "")`;
    return [
      measure('nodes', `count by (${c}, ${POOL_LABELS}) (${labels})`),
      measure('reporting', `count by (${c}, ${POOL_LABELS}) (${pooled(reporting)})`),
      measure(
        'cpu',
        `sum by (${c}, ${POOL_LABELS}) (${pooled(`(${cap('cpu')} and on (${c}, node) ${cap('memory')})`)})`,
      ),
      measure(
        'memory',
        `sum by (${c}, ${POOL_LABELS}) (${pooled(`(${cap('memory')} and on (${c}, node) ${cap('cpu')})`)})`,
      ),
    ].join('\nor\n');
  },
  parse: (wire, p) => {
    const pools = new Map<string, PromCostNodePoolRow>();
    for (const s of promVector(wire)) {
      const cluster = s.labels[p.clusterLabel];
      if (cluster === undefined || !Number.isFinite(s.value)) continue;
      const pool = s.labels[NODE_POOL_LABEL] ?? '';
      const instanceType = s.labels[NODE_INSTANCE_TYPE_LABEL] ?? '';
      const region = s.labels[NODE_REGION_LABEL] ?? '';
      const key = JSON.stringify([cluster, pool, instanceType, region]);
      const row = pools.get(key) ?? {
        cluster,
        pool: pool || 'default',
        instanceType,
        region,
        nodes: 0,
        cpuCores: null,
        memoryGiB: null,
        nodesWithCapacity: 0,
      };
      const m = s.labels['measure'];
      if (m === 'nodes') row.nodes = s.value;
      else if (m === 'reporting') row.nodesWithCapacity = s.value;
      else if (m === 'cpu') row.cpuCores = s.value;
      else if (m === 'memory') row.memoryGiB = s.value / 1024 ** 3;
      pools.set(key, row);
    }
    return [...pools.values()]
      .filter((r) => r.nodes > 0)
      .sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : a.pool < b.pool ? -1 : 1));
  },
};

/** The measures of prom.cost.pod-shapes, one series each per cluster × pool × namespace × controller kind. */
export const POD_SHAPE_MEASURES = [
  'pods',
  'cpu_request',
  'memory_request',
  'cpu_usage',
  'memory_usage',
  'cpu_allocated',
  'memory_allocated',
] as const;
export type PodShapeMeasure = (typeof POD_SHAPE_MEASURES)[number];

export interface PromCostPodShapeRow {
  cluster: string;
  pool: string;
  namespace: string;
  /** The kind of the pod's owner (kube_pod_info created_by_kind): DaemonSet pods pack once per node. */
  controllerKind: string;
  pods: number;
  /** Totals over the group's Running pods (not per pod): cores and bytes. */
  cpuRequestCores: number;
  memoryRequestBytes: number;
  cpuUsageCores: number;
  memoryUsageBytes: number;
  cpuAllocatedCores: number;
  memoryAllocatedBytes: number;
}

/**
 * What the Running pods on each pool request, use and are charged for, from Prometheus alone,
 * for clusters Container insights does not report: per cluster × pool × namespace × owner kind,
 * the pod count, CPU and memory requests (kube-state-metrics kube_pod_container_resource_requests),
 * usage (cAdvisor: rate(container_cpu_usage_seconds_total[5m]) and container_memory_working_set_bytes),
 * and the allocation max(request, usage) taken per container, the way OpenCost (and
 * logs.cost-pod-shapes) allocates. Each pod is placed on its node by kube_pod_info (cAdvisor
 * series may not carry a node label) and the node on its pool by kube_node_labels. Totals, not
 * per-pod shapes: the loader turns each group into an average pod. No team: kube_pod_labels
 * carries a pod label only where kube-state-metrics' --metric-labels-allowlist lets it through.
 */
export const promCostPodShapes: PromQuery<FleetPromParams, PromCostPodShapeRow> = {
  id: 'prom.cost.pod-shapes',
  kind: 'prom',
  mode: 'instant',
  layer: 'cost',
  personas: ['fleet-architect', 'platform-engineer'],
  title: 'Running pods by pool and namespace: requests, usage and allocation (Prometheus)',
  description:
    'Running pods per cluster, node pool (kube_node_labels), namespace and owner kind (kube_pod_info): their count, CPU and memory requests (kube-state-metrics), usage (cAdvisor) and allocation as max(request, usage) per container, for clusters that only Prometheus watches.',
  params: fleetPromParamsSchema,
  build: (p) => {
    const c = p.clusterLabel;
    const pod = `${c}, namespace, pod`;
    const ctr = `${pod}, container`;
    const running = `max by (${pod}) (kube_pod_status_phase${selector(p, { phase: 'Running' })} == 1)`;
    const onRunning = (v: string): string => `${v} * on (${pod}) group_left () ${running}`;
    const requests = (resource: string): string =>
      `sum by (${ctr}) (${onRunning(`kube_pod_container_resource_requests${selector(p, { resource })}`)})`;
    // cAdvisor's containers, not the pod's own cgroup (container="").
    const scoped = selector(p);
    const containers = scoped ? `{container!="", ${scoped.slice(1)}` : '{container!=""}';
    const usage = {
      cpu: `sum by (${ctr}) (${onRunning(`rate(container_cpu_usage_seconds_total${containers}[5m])`)})`,
      memory: `sum by (${ctr}) (${onRunning(`container_memory_working_set_bytes${containers}`)})`,
    };
    // Each container's max(request, usage): the larger where both exist, else whichever does.
    const allocated = (resource: 'cpu' | 'memory'): string => {
      const r = requests(resource);
      const u = usage[resource];
      return `((${r} > ${u}) or ${u} or ${r})`;
    };
    const placed = (v: string): string =>
      [
        `${v}`,
        `* on (${pod}) group_left (node, created_by_kind) max by (${pod}, node, created_by_kind) (kube_pod_info${selector(p)})`,
        `* on (${c}, node) group_left (${NODE_POOL_LABEL}) max by (${c}, node, ${NODE_POOL_LABEL}) (kube_node_labels${selector(p)})`,
      ].join(' ');
    const by = `${c}, ${NODE_POOL_LABEL}, namespace, created_by_kind`;
    const measure = (name: PodShapeMeasure, v: string, agg = 'sum'): string =>
      `label_replace(${agg} by (${by}) (${placed(v)}), "measure", "${name}", "", "")`;
    return [
      measure('pods', running, 'count'),
      measure('cpu_request', requests('cpu')),
      measure('memory_request', requests('memory')),
      measure('cpu_usage', usage.cpu),
      measure('memory_usage', usage.memory),
      measure('cpu_allocated', allocated('cpu')),
      measure('memory_allocated', allocated('memory')),
    ].join('\nor\n');
  },
  parse: (wire, p) => {
    const groups = new Map<string, PromCostPodShapeRow>();
    const field: Record<
      PodShapeMeasure,
      Exclude<keyof PromCostPodShapeRow, 'cluster' | 'pool' | 'namespace' | 'controllerKind'>
    > = {
      pods: 'pods',
      cpu_request: 'cpuRequestCores',
      memory_request: 'memoryRequestBytes',
      cpu_usage: 'cpuUsageCores',
      memory_usage: 'memoryUsageBytes',
      cpu_allocated: 'cpuAllocatedCores',
      memory_allocated: 'memoryAllocatedBytes',
    };
    for (const s of promVector(wire)) {
      const cluster = s.labels[p.clusterLabel];
      const m = s.labels['measure'] as PodShapeMeasure | undefined;
      if (cluster === undefined || !m || !(m in field) || !Number.isFinite(s.value)) continue;
      const pool = s.labels[NODE_POOL_LABEL] || 'default';
      const namespace = s.labels['namespace'] ?? '';
      const controllerKind = s.labels['created_by_kind'] ?? '';
      const key = JSON.stringify([cluster, pool, namespace, controllerKind]);
      const row = groups.get(key) ?? {
        cluster,
        pool,
        namespace,
        controllerKind,
        pods: 0,
        cpuRequestCores: 0,
        memoryRequestBytes: 0,
        cpuUsageCores: 0,
        memoryUsageBytes: 0,
        cpuAllocatedCores: 0,
        memoryAllocatedBytes: 0,
      };
      row[field[m]] += s.value;
      groups.set(key, row);
    }
    const order = (r: PromCostPodShapeRow): string =>
      JSON.stringify([r.cluster, r.pool, r.namespace, r.controllerKind]);
    return [...groups.values()].filter((r) => r.pods > 0).sort((a, b) => (order(a) < order(b) ? -1 : 1));
  },
};

export const COST_PROM_QUERIES = [promCostNodePools, promCostPodShapes] as const;
