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

export const COST_PROM_QUERIES = [promCostNodePools] as const;
