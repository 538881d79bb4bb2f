import { cost as cq, costProm, fleet as fq, promInventory } from '../catalog';
import type { CostNodePoolRow, CostPodShapeRow } from '../catalog/queries/cost';
import type { PromCostNodePoolRow, PromCostPodShapeRow } from '../catalog/queries/cost-prom';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import type { ExecutedQuery, QueryRunner } from '../sources/runner';
import type { CostInputs } from './cost';
import { outcomeNotices, rowsOrNull } from './outcomes';
import { inventoryFromMetrics } from './overview-inventory';
import type { PanelNotice } from './types';

export interface LoadedCost {
  inputs: CostInputs;
  notices: PanelNotice[];
  queries: ExecutedQuery[];
  generatedAt: string;
}

/**
 * The inventory (node pools, regions) and the Container insights cost inputs, one query each;
 * with `only`, the one cluster of that name (its pools and pods asked by the id the inventory gives).
 * Without Resource Graph (Prometheus-only mode) the clusters and their pools come from Prometheus.
 */
export async function loadCostInputs(
  runner: QueryRunner,
  o: { now: number; teamLabel: string; window: string; only?: string; clusterLabel?: string },
): Promise<LoadedCost> {
  const instant = { kind: 'instant', at: o.now } as const;
  const inventory = runner.run(fq.fleetInventory, o.only ? { names: [o.only] } : {}, instant);
  // Unscoped, the three start together; scoped, the Log Analytics two wait for the cluster's id.
  const scope = o.only
    ? inventory.then((inv) => ({ clusterIds: inv.ok && inv.rows.length > 0 ? inv.rows.map((r) => r.id) : [] }))
    : Promise.resolve({});
  const asked = (s: { clusterIds?: string[] }): boolean => !o.only || (s.clusterIds?.length ?? 0) > 0;
  const [inv, nodePools, podShapes] = await Promise.all([
    inventory,
    scope.then((s) => (asked(s) ? runner.run(cq.costNodePools, s, instant) : null)),
    scope.then((s) =>
      asked(s) ? runner.run(cq.costPodShapes, { ...s, teamLabel: o.teamLabel }, instant, o.window) : null,
    ),
  ]);
  // No Resource Graph: a Prometheus-only deployment, whose clusters and pools come from metrics.
  const clusterLabel = o.clusterLabel ?? 'cluster';
  if (!inv.ok && inv.error.failure === 'not-configured')
    return loadPromCostInputs(runner, { now: o.now, clusterLabel, only: o.only });
  // Clusters with Container insights off but managed Prometheus on: their pools and pods from Prometheus.
  const fromProm = (inv.ok ? inv.rows : []).filter(
    (c) => c.containerInsightsEnabled === false && c.managedPrometheusEnabled === true,
  );
  const idOf = new Map(fromProm.map((c) => [c.name.toLowerCase(), c.id.toLowerCase()]));
  const prom =
    fromProm.length > 0
      ? await Promise.all([
          runner.run(costProm.promCostNodePools, { clusterLabel, clusters: fromProm.map((c) => c.name) }, instant),
          runner.run(costProm.promCostPodShapes, { clusterLabel, clusters: fromProm.map((c) => c.name) }, instant),
        ])
      : null;
  const promIdOf = (cluster: string): string | undefined => idOf.get(cluster.toLowerCase());
  const promPools = prom?.[0].ok ? nodePoolRowsOf(prom[0].rows, promIdOf) : [];
  const promShapes = prom?.[1].ok ? podShapeRowsOf(prom[1].rows, promIdOf) : [];
  const outcomes = [inv, nodePools, podShapes, ...(prom ?? [])].filter((x) => x !== null);
  const ciPools = nodePools ? rowsOrNull(nodePools) : [];
  const ciShapes = podShapes ? rowsOrNull(podShapes) : [];
  return {
    inputs: {
      inventory: inv.ok ? inv.rows : [],
      nodePools: ciPools === null && promPools.length === 0 ? null : [...(ciPools ?? []), ...promPools],
      podShapes: ciShapes === null && promShapes.length === 0 ? null : [...(ciShapes ?? []), ...promShapes],
      prometheusIds: [...new Set(promPools.map((r) => r.ClusterId))],
    },
    notices: outcomes.flatMap((x) => outcomeNotices(x)),
    queries: outcomes.map((x) => x.executed),
    generatedAt: new Date(o.now * 1000).toISOString(),
  };
}

/** prom.cost.node-pools rows as the cost inventory keys them (ClusterId by cluster name); clusters not asked for are dropped. */
function nodePoolRowsOf(rows: PromCostNodePoolRow[], idOf: (cluster: string) => string | undefined): CostNodePoolRow[] {
  return rows.flatMap((p) => {
    const id = idOf(p.cluster);
    return id === undefined
      ? []
      : [
          {
            ClusterId: id,
            Pool: p.pool,
            InstanceType: p.instanceType,
            Nodes: p.nodes,
            CpuCores: p.cpuCores,
            MemoryGiB: p.memoryGiB,
            NodesWithCapacity: p.nodesWithCapacity,
          },
        ];
  });
}

/**
 * prom.cost.pod-shapes rows as pod shapes: Prometheus answers totals per pool × namespace × owner
 * kind, not each pod's requests, so each group is one shape of its average pod (requests / pods)
 * times its pod count. Requested totals (shape × Pods), usage and allocation are exact; node-size
 * advice packs these average pods, an approximation of the pods' real spread of sizes.
 */
function podShapeRowsOf(rows: PromCostPodShapeRow[], idOf: (cluster: string) => string | undefined): CostPodShapeRow[] {
  return rows.flatMap((r) => {
    const id = idOf(r.cluster);
    return id === undefined
      ? []
      : [
          {
            ClusterId: id,
            Pool: r.pool,
            Namespace: r.namespace,
            Team: '',
            ControllerKind: r.controllerKind,
            CpuRequestCores: r.cpuRequestCores / r.pods,
            MemoryRequestBytes: r.memoryRequestBytes / r.pods,
            Pods: r.pods,
            CpuUsageCores: r.cpuUsageCores,
            MemoryUsageBytes: r.memoryUsageBytes,
            CpuAllocatedCores: r.cpuAllocatedCores,
            MemoryAllocatedBytes: r.memoryAllocatedBytes,
          },
        ];
  });
}

/**
 * Prometheus-only mode (no Resource Graph): the clusters kube_node_info reveals and their pools
 * from the node labels and capacities (queries/cost-prom.ts). A cluster is priced as AKS when its
 * nodes are Azure machines (retail price of the instance type in the region label), else at the
 * Arc rates from its measured cores and memory; a pool without an instance type, region or
 * capacity stays unpriced. The pods' requests, usage and allocation come from kube-state-metrics
 * and cAdvisor (prom.cost.pod-shapes).
 */
async function loadPromCostInputs(
  runner: QueryRunner,
  o: { now: number; clusterLabel: string; only?: string },
): Promise<LoadedCost> {
  const instant = { kind: 'instant', at: o.now } as const;
  const params = { clusterLabel: o.clusterLabel, ...(o.only ? { clusters: [o.only] } : {}) };
  const [clusters, pools, pods] = await Promise.all([
    runner.run(promInventory.promFleetInventory, params, instant),
    runner.run(costProm.promCostNodePools, params, instant),
    runner.run(costProm.promCostPodShapes, params, instant),
  ]);
  const poolRows = pools.ok ? pools.rows : [];
  // The overview's reading of kube_node_info, so both pages name the same clusters, versions and platforms.
  const inventory: ClusterInventoryRow[] = inventoryFromMetrics(clusters.ok ? clusters.rows : []).map((e) => {
    const regions = new Map<string, number>();
    for (const p of poolRows)
      if (p.cluster === e.name && p.region) regions.set(p.region, (regions.get(p.region) ?? 0) + p.nodes);
    return {
      id: e.id,
      name: e.name,
      type: 'prometheus',
      // Azure machines are priced at their retail price, any other at the Arc rates.
      clusterKind: e.distribution === 'aks' ? 'aks' : 'arc',
      location: [...regions].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
      resourceGroup: '',
      subscriptionId: '',
      tags: {},
      kubernetesVersion: e.kubernetesVersion,
      distribution: e.distribution,
      powerState: 'Running',
      provisioningState: null,
      connectivityStatus: null,
      lastConnectivityTime: null,
      nodePools: [],
      totalNodeCount: e.inventoryNodes,
      totalCoreCount: null,
      containerInsightsEnabled: null,
      containerInsightsWorkspace: null,
      managedPrometheusEnabled: true,
    } satisfies ClusterInventoryRow;
  });
  // The id each inventory row carries (overview-inventory.ts): prometheus/<cluster>, lower-cased.
  const idOf = (cluster: string): string => `prometheus/${cluster}`.toLowerCase();
  const outcomes = [clusters, pools, pods];
  return {
    inputs: {
      inventory,
      nodePools: pools.ok ? nodePoolRowsOf(poolRows, idOf) : null,
      podShapes: pods.ok ? podShapeRowsOf(pods.rows, idOf) : null,
    },
    notices: outcomes.flatMap((x) => outcomeNotices(x)),
    queries: outcomes.map((x) => x.executed),
    generatedAt: new Date(o.now * 1000).toISOString(),
  };
}
