import { describe, expect, it } from 'vitest';
import { promCostNodePools } from '../catalog/queries/cost-prom';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import { poolsOf } from './cost-pools';
import { getSnapshotPrices } from './prices';

/** Clusters only Prometheus knows: pools from kube_node_labels, priced like Container insights pools. */

const arc = { vcpuHour: 0.03, gibHour: 0.004 };

function cluster(clusterKind: 'aks' | 'arc', location: string): ClusterInventoryRow {
  return {
    id: 'prometheus/c1',
    name: 'c1',
    type: 'prometheus',
    clusterKind,
    location,
    resourceGroup: '',
    subscriptionId: '',
    tags: {},
    kubernetesVersion: '1.35.1',
    distribution: 'aks',
    powerState: 'Running',
    provisioningState: null,
    connectivityStatus: null,
    lastConnectivityTime: null,
    nodePools: [],
    totalNodeCount: 3,
    totalCoreCount: null,
    containerInsightsEnabled: null,
    containerInsightsWorkspace: null,
    managedPrometheusEnabled: true,
  };
}

const row = (InstanceType: string, extra: Partial<{ CpuCores: number | null; MemoryGiB: number | null }> = {}) => ({
  ClusterId: 'prometheus/c1',
  Pool: 'user',
  InstanceType,
  Nodes: 3,
  CpuCores: 12,
  MemoryGiB: 48,
  NodesWithCapacity: 3,
  ...extra,
});

describe('cost of Prometheus-only clusters', () => {
  it('prices an Azure pool at the retail price of its instance type in its region', () => {
    const prices = getSnapshotPrices();
    const [key, hourly] = [...prices.hourly].find(([k]) => k.startsWith('standard_d4s_v5|')) ?? [];
    const region = (key as string).split('|')[1] as string;
    const { pools, source } = poolsOf(cluster('aks', region), [row('Standard_D4s_v5')], prices, arc);
    expect(source).toBe('prometheus');
    expect(pools.map((p) => [p.hourly, p.priceSource])).toEqual([[hourly, 'retail']]);
  });

  it('leaves a pool without region or instance type unpriced, never $0', () => {
    const prices = getSnapshotPrices();
    for (const [c, r] of [
      [cluster('aks', ''), row('Standard_D4s_v5')],
      [cluster('aks', 'westeurope'), row('')],
      [cluster('arc', ''), row('m5.xlarge', { CpuCores: null })],
    ] as const) {
      const { pools } = poolsOf(c, [r], prices, arc);
      expect(pools.map((p) => [p.hourly, p.priceSource])).toEqual([[null, 'unknown']]);
    }
    // A machine Azure does not sell, with its capacity known: the Arc rates.
    const { pools } = poolsOf(cluster('arc', ''), [row('m5.xlarge')], prices, arc);
    // Per node: 12 cores and 48 GiB over 3 nodes.
    expect(pools[0]?.hourly).toBeCloseTo(4 * arc.vcpuHour + 16 * arc.gibHour, 10);
    expect(pools[0]?.priceSource).toBe('arc-rate');
  });

  it('reads prom.cost.node-pools: one row per pool from its four measures', () => {
    const wire = {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          ['nodes', 3],
          ['reporting', 2],
          ['cpu', 8],
          ['memory', 32 * 1024 ** 3],
        ].map(([measure, v]) => ({
          metric: {
            cluster: 'c1',
            label_kubernetes_azure_com_agentpool: 'user',
            label_node_kubernetes_io_instance_type: 'Standard_D4s_v5',
            label_topology_kubernetes_io_region: 'westeurope',
            measure,
          },
          value: [0, String(v)],
        })),
      },
    };
    expect(promCostNodePools.parse(wire as never, { clusterLabel: 'cluster' })).toEqual([
      {
        cluster: 'c1',
        pool: 'user',
        instanceType: 'Standard_D4s_v5',
        region: 'westeurope',
        nodes: 3,
        cpuCores: 8,
        memoryGiB: 32,
        nodesWithCapacity: 2,
      },
    ]);
    expect(promCostNodePools.build({ clusterLabel: 'cluster' })).toContain('kube_node_labels');
  });
});
