import { beforeAll, describe, expect, it } from 'vitest';
import { namespaceCpuVsRequests, namespaceMemoryVsRequests } from '../catalog/queries/cluster-prom';
import { promCostNodePools, promCostPodShapes } from '../catalog/queries/cost-prom';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import { getDemoFleet } from '../demo/fleet';
import { podsOf } from '../demo/pods';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner, type QueryRunner } from '../sources/runner';
import type { CostInputs, CostOptions } from './cost';
import { loadCostInputs } from './cost-load';
import { poolsOf } from './cost-pools';
import { buildCostData } from './cost-report';
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

const SEED = 'fleetwatch';
const SIZE = 12;
const NOW = 1_764_000_000;
const GIB = 1024 ** 3;
const options: CostOptions = {
  prices: getSnapshotPrices(),
  arc,
  range: '30d',
  groupBy: 'namespace',
  cluster: null,
  requestedMax: 0.85,
  utilizationMin: 0.3,
  headroom: 0.2,
};

describe('cost in Prometheus-only mode, on the demo fleet', () => {
  let runner: QueryRunner;
  let inputs: CostInputs;
  beforeAll(async () => {
    const demo = createDemoBackend({ seed: SEED, clusters: SIZE });
    runner = createQueryRunner({ arg: null, logs: null, prom: demo });
    const loaded = await loadCostInputs(runner, { now: NOW, teamLabel: 'team', window: 'PT1H' });
    expect(loaded.notices).toEqual([]);
    expect(loaded.queries.map((q) => q.id)).toContain(promCostPodShapes.id);
    inputs = loaded.inputs;
  });

  it('charges the pods Prometheus sees: allocated > 0, idle below node cost, namespaces + idle = node cost to the cent', () => {
    const data = buildCostData(inputs, options);
    const priced = data.clusters.filter((c) => c.nodeCents > 0);
    expect(priced.length).toBeGreaterThan(0);
    for (const c of priced) {
      expect(c.source, c.cluster).toBe('prometheus');
      expect(c.hasUsage, c.cluster).toBe(true);
      expect(c.allocatedCents, c.cluster).toBeGreaterThan(0);
      expect(c.idleCents, c.cluster).toBeLessThan(c.nodeCents);
      const mine = data.allocation.filter((r) => r.key.startsWith(`${c.cluster}/`));
      expect(mine.length, c.cluster).toBeGreaterThan(0);
      expect(mine.reduce((s, r) => s + r.cents, 0) + c.idleCents, c.cluster).toBe(c.nodeCents);
    }
    expect(data.totals.allocatedCents + data.totals.idleCents).toBe(data.totals.nodeCents);
    // What the page showed before: no pods, all of it idle.
    const before = buildCostData({ ...inputs, podShapes: [] }, options);
    expect(before.totals.allocatedCents).toBe(0);
    expect(before.totals.nodeCents).toBe(data.totals.nodeCents);
    const pct = (d: typeof data): string => ((100 * d.totals.idleCents) / d.totals.nodeCents).toFixed(1);
    console.log(
      `Prometheus-only, ${SIZE} clusters, 30d: node $${(data.totals.nodeCents / 100).toFixed(2)}; ` +
        `allocated $${(before.totals.allocatedCents / 100).toFixed(2)} → $${(data.totals.allocatedCents / 100).toFixed(2)}, ` +
        `idle ${pct(before)} % → ${pct(data)} %`,
    );
  });

  it("requests per pool add up to the L3 panel's namespace requests: one definition of requested", async () => {
    const data = buildCostData(inputs, options);
    const fleet = getDemoFleet(SEED, SIZE);
    let compared = 0;
    for (const c of data.clusters.filter((x) => x.hasUsage)) {
      const pools = data.density.filter((d) => d.cluster === c.cluster);
      const cpu = pools.reduce((s, d) => s + d.cpuRequested, 0);
      const mem = pools.reduce((s, d) => s + d.memoryRequestedGiB, 0);
      const panel = async (q: typeof namespaceCpuVsRequests): Promise<number> => {
        const r = await runner.run(q, { clusterLabel: 'cluster', cluster: c.cluster }, { kind: 'instant', at: NOW });
        if (!r.ok) throw new Error(r.error.message);
        return r.rows.filter((x) => x.labels['measure'] === 'requests').reduce((s, x) => s + x.value, 0);
      };
      // The panel also counts Pending pods (not on a node, so on no pool): exactly their requests apart.
      const pending = podsOf(fleet.byName.get(c.cluster) as never).filter((p) => p.state === 'pending');
      const pendingCpu = pending.reduce((s, p) => s + p.workload.cpuRequestCores, 0);
      const pendingMem = pending.reduce((s, p) => s + p.workload.memoryRequestBytes, 0) / GIB;
      expect(cpu + pendingCpu, c.cluster).toBeCloseTo(await panel(namespaceCpuVsRequests), 6);
      expect(mem + pendingMem, c.cluster).toBeCloseTo((await panel(namespaceMemoryVsRequests)) / GIB, 6);
      if (pending.length === 0) compared++;
    }
    expect(compared, 'clusters with no Pending pod, where the two are equal outright').toBeGreaterThan(0);
  });
});

describe('cost in Azure mode, for clusters with Container insights off and managed Prometheus on', () => {
  it('reads their pools and pods from Prometheus (scoped to them), the others from Container insights', async () => {
    const demo = createDemoBackend({ seed: SEED, clusters: 40 });
    const runner = createQueryRunner({ arg: demo, logs: demo, prom: demo });
    const loaded = await loadCostInputs(runner, { now: NOW, teamLabel: 'team', window: 'PT1H' });
    expect(loaded.notices).toEqual([]);
    const fleet = getDemoFleet(SEED, 40);
    // What Resource Graph says of each cluster (Arc clusters' extensions are not in it: null, not asked).
    const promOnly = loaded.inputs.inventory
      .filter((c) => c.containerInsightsEnabled === false && c.managedPrometheusEnabled === true)
      .map((c) => fleet.byName.get(c.name) as NonNullable<ReturnType<typeof fleet.byName.get>>);
    expect(promOnly.length).toBeGreaterThan(0);
    const asked = loaded.queries.find((q) => q.id === promCostPodShapes.id);
    for (const c of promOnly) expect(asked?.text).toContain(c.name);
    const data = buildCostData(loaded.inputs, options);
    for (const m of promOnly) {
      const c = data.clusters.find((x) => x.cluster === m.name);
      expect(c?.source, m.name).toBe('prometheus');
      expect(c?.hasUsage, m.name).toBe(true);
      expect(c?.allocatedCents, m.name).toBeGreaterThan(0);
      expect(c?.idleCents, m.name).toBeLessThan(c?.nodeCents ?? 0);
      // The pools Prometheus names are the pools Resource Graph lists, with the same node counts.
      expect(
        data.density
          .filter((d) => d.cluster === m.name)
          .map((d) => [d.pool, d.nodes])
          .sort(),
      ).toEqual(m.nodePools.map((p) => [p.name, m.nodes.filter((n) => n.pool === p.name).length]).sort());
    }
    // Where both report, Prometheus and Container insights agree on what the Running pods request.
    const full = fleet.clusters.find(
      (c) => c.powerState === 'Running' && c.monitoring.managedPrometheus && c.monitoring.containerInsights,
    );
    expect(full).toBeDefined();
    const prom = await runner.run(
      promCostPodShapes,
      { clusterLabel: 'cluster', clusters: [full?.name ?? ''] },
      { kind: 'instant', at: NOW },
    );
    if (!prom.ok) throw new Error(prom.error.message);
    const ci = (loaded.inputs.podShapes ?? []).filter((r) => r.ClusterId === full?.id.toLowerCase());
    expect(ci.length).toBeGreaterThan(0);
    expect(prom.rows.reduce((s, r) => s + r.cpuRequestCores, 0)).toBeCloseTo(
      ci.reduce((s, r) => s + r.CpuRequestCores * r.Pods, 0),
      6,
    );
    expect(prom.rows.reduce((s, r) => s + r.pods, 0)).toBe(ci.reduce((s, r) => s + r.Pods, 0));
  });
});
