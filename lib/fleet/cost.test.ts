import { beforeAll, describe, expect, it } from 'vitest';
import { getDemoFleet } from '../demo/fleet';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner } from '../sources/runner';
import { IDLE, NO_TEAM, type CostInputs, type CostOptions } from './cost';
import { apportionCents, buildCostData, costCsv } from './cost-report';
import { loadCostInputs } from './cost-load';
import { getSnapshotPrices, HOURS_PER_MONTH, nodeHourlyPrice, parseRetailPrices } from './prices';
import { getVmSize } from './vm-sizes';

const SEED = 'fleetwatch';
const SIZE = 40;
const NOW = 1_764_000_000;
let inputs: CostInputs;
const base: CostOptions = {
  prices: getSnapshotPrices(),
  arc: { vcpuHour: 0.031611, gibHour: 0.004237 },
  range: '30d',
  groupBy: 'namespace',
  cluster: null,
  requestedMax: 0.85,
  utilizationMin: 0.3,
  headroom: 0.2,
};

beforeAll(async () => {
  const demo = createDemoBackend({ seed: SEED, clusters: SIZE });
  const loaded = await loadCostInputs(createQueryRunner({ arg: demo, logs: demo, prom: demo }), {
    now: NOW,
    teamLabel: 'team',
    window: 'PT1H',
  });
  expect(loaded.notices).toEqual([]);
  inputs = loaded.inputs;
});

describe('apportionCents', () => {
  it('rounds to whole cents that add up to the total', () => {
    expect(apportionCents([33.333, 33.333, 33.334], 100)).toEqual([33, 33, 34]);
    expect(apportionCents([0.5, 0.5, 0.5, 0.5], 2)).toEqual([1, 1, 0, 0]);
    expect(apportionCents([10.9, 0.2], 11)).toEqual([11, 0]);
    expect(apportionCents([], 0)).toEqual([]);
  });
});

describe('cost allocation on the demo fleet', () => {
  it('namespaces + idle = node cost of every cluster, to the cent', () => {
    const data = buildCostData(inputs, base);
    const fleet = getDemoFleet(SEED, SIZE);
    let checked = 0;
    for (const c of data.clusters) {
      const mine = data.allocation.filter((r) => r.key.startsWith(`${c.cluster}/`));
      expect(mine.reduce((s, r) => s + r.cents, 0) + c.idleCents, c.cluster).toBe(c.nodeCents);
      const model = fleet.byName.get(c.cluster);
      if (c.source === 'container-insights' && model) {
        // The node cost is the model's nodes × the snapshot price × 720 h, in cents.
        const hourly = model.nodes.reduce((s, n) => {
          const pool = model.nodePools.find((p) => p.name === n.pool);
          const price = pool
            ? nodeHourlyPrice(base.prices, pool.vm, pool.vm.name, model.location, model.provider, base.arc).hourly
            : null;
          return s + (price ?? 0);
        }, 0);
        expect(c.nodeCents, c.cluster).toBe(Math.round(hourly * 720 * 100));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(data.totals.allocatedCents + data.totals.idleCents).toBe(data.totals.nodeCents);
  });

  it('one cluster checked by hand: its namespaces are charged max(request, usage) shares of CPU and memory', () => {
    const c = inputs.inventory.find(
      (r) => r.clusterKind === 'aks' && (inputs.podShapes ?? []).some((s) => s.ClusterId === r.id.toLowerCase()),
    );
    expect(c).toBeDefined();
    const one = buildCostData(inputs, { ...base, cluster: c?.name ?? '', range: '24h' });
    expect(one.clusters).toHaveLength(1);
    const cl = one.clusters[0];
    expect(one.allocation.reduce((s, r) => s + r.cents, 0) + (cl?.idleCents ?? 0)).toBe(cl?.nodeCents);
    // Every CPU core allocated appears in exactly one namespace.
    const shapes = (inputs.podShapes ?? []).filter((s) => s.ClusterId === c?.id.toLowerCase());
    expect(one.allocation.reduce((s, r) => s + r.cpuCores, 0)).toBeCloseTo(
      shapes.reduce((s, r) => s + r.CpuAllocatedCores, 0),
      9,
    );
    expect(one.allocation.reduce((s, r) => s + r.cpuCores, 0)).toBeGreaterThanOrEqual(
      shapes.reduce((s, r) => s + r.CpuRequestCores * r.Pods, 0) - 1e-9,
    );
  });

  it('groups by team label, and by cluster, with the same totals', () => {
    const ns = buildCostData(inputs, base);
    const team = buildCostData(inputs, { ...base, groupBy: 'team' });
    const cluster = buildCostData(inputs, { ...base, groupBy: 'cluster' });
    const sum = (d: typeof ns): number => d.allocation.reduce((s, r) => s + r.cents, 0);
    expect(sum(team)).toBe(sum(ns));
    expect(sum(cluster)).toBe(sum(ns));
    expect(team.allocation.map((r) => r.key)).toContain('platform');
    const other = buildCostData(
      { ...inputs, podShapes: (inputs.podShapes ?? []).map((r) => ({ ...r, Team: '' })) },
      { ...base, groupBy: 'team' },
    );
    expect(other.allocation.map((r) => r.key)).toEqual([NO_TEAM]);
  });

  it('packing density, advice and capacity alerts come out for the pools', () => {
    const data = buildCostData(inputs, base);
    expect(data.density.length).toBeGreaterThan(40);
    expect(data.advice.length).toBeGreaterThan(10);
    for (const a of data.advice) {
      expect(a.best).not.toBeNull();
      expect(a.monthlySavings).toBeGreaterThanOrEqual(0);
      expect(a.options.every((o) => o.cpuRequestedShare <= 0.8 + 1e-9)).toBe(true);
    }
    expect(data.alerts.some((a) => a.kind === 'underutilised')).toBe(true);
    expect(data.totals.monthlyProjectionCents).toBe(Math.round((data.totals.nodeCents / 720) * HOURS_PER_MONTH));
  });

  it('requests above the capacity of a pool are overcommitted, not a high share', () => {
    const data = buildCostData(inputs, base);
    const pool = data.density.find((d) => d.hasUsage && d.cpuAllocatable > 0 && d.cpuRequested > 0);
    expect(pool).toBeDefined();
    if (!pool) return;
    // The same pods asking for 1.5 times the CPU the pool's nodes hold.
    const factor = (1.5 * pool.cpuAllocatable) / pool.cpuRequested;
    const id = data.clusters.find((c) => c.cluster === pool.cluster)?.id.toLowerCase();
    const podShapes = (inputs.podShapes ?? []).map((r) =>
      r.ClusterId === id && r.Pool === pool.pool ? { ...r, CpuRequestCores: r.CpuRequestCores * factor } : r,
    );
    const tripled = buildCostData({ ...inputs, podShapes }, base);
    const after = tripled.density.find((d) => d.cluster === pool.cluster && d.pool === pool.pool);
    expect((after?.cpuRequested ?? 0) / pool.cpuAllocatable).toBeCloseTo(1.5, 9);
    const alert = tripled.alerts.find(
      (a) => a.cluster === pool.cluster && a.pool === pool.pool && a.resource === 'cpu',
    );
    expect(alert?.kind).toBe('overcommitted');
    // Below capacity the same rule says over-requested, or nothing.
    expect(data.alerts.every((a) => a.kind !== 'overcommitted')).toBe(true);
  });

  it('a cluster without usage data is all idle, not missing', () => {
    const data = buildCostData({ ...inputs, podShapes: [] }, base);
    for (const c of data.clusters) expect(c.idleCents).toBe(c.nodeCents);
    expect(data.allocation).toEqual([]);
  });

  it('writes a CSV whose rows add up to the total', () => {
    const data = buildCostData(inputs, { ...base, groupBy: 'team' });
    const lines = costCsv(data, 'team').trim().split('\r\n');
    expect(lines[0]).toBe('team,cost_usd,cpu_cores,memory_gib,clusters,range,price_snapshot');
    const total = lines.slice(1).reduce((s, l) => s + Math.round(Number(l.split(',')[1]) * 100), 0);
    expect(total).toBe(data.totals.nodeCents);
    expect(lines.at(-1)?.startsWith(`${IDLE},`)).toBe(true);
  });
});

describe('prices', () => {
  it('reads the Retail Prices API shape, keeping the cheapest hourly consumption meter', () => {
    const table = parseRetailPrices(
      {
        BillingCurrency: 'USD',
        NextPageLink: null,
        Items: [
          {
            currencyCode: 'USD',
            retailPrice: 0.5,
            armRegionName: 'westeurope',
            armSkuName: 'Standard_D4s_v5',
            unitOfMeasure: '1 Hour',
            type: 'Consumption',
            meterName: 'D4s v5',
            effectiveStartDate: '2026-01-01T00:00:00Z',
          },
          {
            currencyCode: 'USD',
            retailPrice: 0.2,
            armRegionName: 'westeurope',
            armSkuName: 'Standard_D4s_v5',
            unitOfMeasure: '1 Hour',
            type: 'Consumption',
            meterName: 'D4s v5',
            effectiveStartDate: '2026-01-01T00:00:00Z',
          },
          {
            currencyCode: 'USD',
            retailPrice: 0.05,
            armRegionName: 'westeurope',
            armSkuName: 'Standard_D4s_v5',
            unitOfMeasure: '1 Hour',
            type: 'Consumption',
            meterName: 'D4s v5 Spot',
            effectiveStartDate: '2026-01-01T00:00:00Z',
          },
          {
            currencyCode: 'USD',
            retailPrice: 900,
            armRegionName: 'westeurope',
            armSkuName: 'Standard_D4s_v5',
            unitOfMeasure: '1 Hour',
            type: 'Reservation',
            meterName: 'D4s v5',
            effectiveStartDate: '2026-01-01T00:00:00Z',
          },
        ],
      },
      '2026-01-01',
    );
    expect(table.hourly.get('standard_d4s_v5|westeurope')).toBe(0.2);
    expect(() => parseRetailPrices({ Items: 'no' }, 'x')).toThrow();
  });

  it('prices Arc nodes per vCPU-hour and GiB-hour', () => {
    const vm = getVmSize('m5.2xlarge') ?? null;
    expect(
      nodeHourlyPrice(getSnapshotPrices(), vm, 'm5.2xlarge', 'eastus', 'arc', { vcpuHour: 0.03, gibHour: 0.004 }),
    ).toEqual({ hourly: 8 * 0.03 + 32 * 0.004, source: 'arc-rate' });
    expect(
      nodeHourlyPrice(getSnapshotPrices(), null, 'Standard_X', 'eastus', 'aks', { vcpuHour: 1, gibHour: 1 }),
    ).toEqual({ hourly: null, source: 'unknown' });
  });
});

describe('machines without an Azure size', () => {
  const arcCluster = () => {
    const c = inputs.inventory.find(
      (x) => x.clusterKind === 'arc' && inputs.nodePools?.some((r) => r.ClusterId === x.id.toLowerCase()),
    );
    if (!c) throw new Error('fixture: no Arc cluster with Container insights');
    return c;
  };

  it('an Arc pool is priced from its measured cores and memory at the Arc rates, never $0', () => {
    const c = arcCluster();
    // The same pool, but its machines have an instance type no price list knows (on-premises).
    const nodePools = (inputs.nodePools ?? []).map((r) =>
      r.ClusterId === c.id.toLowerCase() ? { ...r, InstanceType: 'dell-r750-custom' } : r,
    );
    const data = buildCostData({ ...inputs, nodePools }, { ...base, cluster: c.name });
    const pools = nodePools.filter((r) => r.ClusterId === c.id.toLowerCase());
    const hourly = pools.reduce(
      (s, r) => s + (r.CpuCores ?? 0) * base.arc.vcpuHour + (r.MemoryGiB ?? 0) * base.arc.gibHour,
      0,
    );
    expect(hourly).toBeGreaterThan(0);
    expect(data.totals.unpricedPools).toBe(0);
    expect(data.clusters[0]?.nodeCents).toBe(Math.round(hourly * 720 * 100));
    for (const d of data.density) {
      expect(d.priceSource).toBe('arc-rate');
      expect(d.cpuAllocatable).toBeGreaterThan(0);
    }
  });

  it('a pool whose cores or memory are unknown stays unpriced and is counted', () => {
    const c = arcCluster();
    const nodePools = (inputs.nodePools ?? []).map((r) =>
      r.ClusterId === c.id.toLowerCase()
        ? { ...r, InstanceType: 'dell-r750-custom', NodesWithCapacity: r.Nodes - 1 }
        : r,
    );
    const data = buildCostData({ ...inputs, nodePools }, { ...base, cluster: c.name });
    expect(data.totals.unpricedPools).toBe(nodePools.filter((r) => r.ClusterId === c.id.toLowerCase()).length);
    // The cluster's own row says so: a $0 there is unpriced, not free.
    expect(data.clusters[0]?.unpricedPools).toBe(data.totals.unpricedPools);
    expect(data.clusters[0]?.nodeCents).toBe(0);
    expect(data.density.every((d) => d.hourlyCost === null && d.priceSource === 'unknown')).toBe(true);
  });

  it('an Arc cluster without Container insights is one unpriced pool of its Resource Graph node count', () => {
    const c = inputs.inventory.find(
      (x) =>
        x.clusterKind === 'arc' &&
        !inputs.nodePools?.some((r) => r.ClusterId === x.id.toLowerCase()) &&
        (x.totalNodeCount ?? 0) > 0,
    );
    expect(c).toBeDefined();
    const data = buildCostData(inputs, { ...base, cluster: c?.name ?? '' });
    expect(data.totals.unpricedPools).toBe(1);
    expect(data.density).toEqual([
      expect.objectContaining({ nodes: c?.totalNodeCount, hourlyCost: null, priceSource: 'unknown' }),
    ]);
    expect(data.clusters[0]?.source).toBe('resource-graph');
  });
});
