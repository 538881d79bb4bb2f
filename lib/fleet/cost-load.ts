import { cost as cq, costProm, fleet as fq, promInventory } from '../catalog';
import type { CostNodePoolRow } from '../catalog/queries/cost';
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
  if (!inv.ok && inv.error.failure === 'not-configured')
    return loadPromCostInputs(runner, { now: o.now, clusterLabel: o.clusterLabel ?? 'cluster', only: o.only });
  const outcomes = [inv, nodePools, podShapes].filter((x) => x !== null);
  return {
    inputs: {
      inventory: inv.ok ? inv.rows : [],
      nodePools: nodePools ? rowsOrNull(nodePools) : [],
      podShapes: podShapes ? rowsOrNull(podShapes) : [],
    },
    notices: outcomes.flatMap((x) => outcomeNotices(x)),
    queries: outcomes.map((x) => x.executed),
    generatedAt: new Date(o.now * 1000).toISOString(),
  };
}

/**
 * Prometheus-only mode (no Resource Graph): the clusters kube_node_info reveals and their pools
 * from the node labels and capacities (queries/cost-prom.ts). A cluster is priced as AKS when its
 * nodes are Azure machines (retail price of the instance type in the region label), else at the
 * Arc rates from its measured cores and memory; a pool without an instance type, region or
 * capacity stays unpriced. Pods' requests come from Container insights only: none here.
 */
async function loadPromCostInputs(
  runner: QueryRunner,
  o: { now: number; clusterLabel: string; only?: string },
): Promise<LoadedCost> {
  const instant = { kind: 'instant', at: o.now } as const;
  const params = { clusterLabel: o.clusterLabel, ...(o.only ? { clusters: [o.only] } : {}) };
  const [clusters, pools] = await Promise.all([
    runner.run(promInventory.promFleetInventory, params, instant),
    runner.run(costProm.promCostNodePools, params, instant),
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
  const nodePools: CostNodePoolRow[] = poolRows.map((p) => ({
    ClusterId: `prometheus/${p.cluster}`.toLowerCase(),
    Pool: p.pool,
    InstanceType: p.instanceType,
    Nodes: p.nodes,
    CpuCores: p.cpuCores,
    MemoryGiB: p.memoryGiB,
    NodesWithCapacity: p.nodesWithCapacity,
  }));
  const outcomes = [clusters, pools];
  return {
    inputs: { inventory, nodePools: pools.ok ? nodePools : null, podShapes: [] },
    notices: outcomes.flatMap((x) => outcomeNotices(x)),
    queries: outcomes.map((x) => x.executed),
    generatedAt: new Date(o.now * 1000).toISOString(),
  };
}
