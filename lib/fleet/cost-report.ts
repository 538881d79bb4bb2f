import type { CostNodePoolRow, CostPodShapeRow } from '../catalog/queries/cost';
import { COST_RANGES, IDLE, NO_TEAM } from './cost';
import type {
  AllocationRow,
  CapacityAlert,
  ClusterCost,
  CostData,
  CostGroupBy,
  CostInputs,
  CostOptions,
  PoolAdvice,
  PoolDensity,
  SizeOption,
} from './cost';
import { cpuFraction, poolsOf } from './cost-pools';
import { packPods, type PodShape } from './packing';
import { HOURS_PER_MONTH, nodeHourlyPrice } from './prices';
import { vmSizesInFamily, type VmSize } from './vm-sizes';

/** The cost page's data: allocation to whole cents, idle, packing density, capacity alerts and node-size advice per pool. */

const GIB = 1024 ** 3;

/**
 * Whole cents for amounts that add up to `totalCents`: floor each, then hand the remaining
 * cents to the largest fractional parts (largest remainder), so no cent appears or vanishes.
 */
export function apportionCents(amountsCents: readonly number[], totalCents: number): number[] {
  const floors = amountsCents.map((a) => Math.floor(a));
  let rest = totalCents - floors.reduce((s, v) => s + v, 0);
  const order = amountsCents
    .map((a, i) => ({ i, frac: a - Math.floor(a) }))
    .sort((x, y) => y.frac - x.frac || x.i - y.i);
  const out = [...floors];
  const n = order.length;
  for (let k = 0; rest !== 0 && n > 0; k++) {
    // Add to the largest remainders first; take from the smallest first.
    const slot = rest > 0 ? order[k % n] : order[n - 1 - (k % n)];
    if (!slot) break;
    out[slot.i] = (out[slot.i] ?? 0) + (rest > 0 ? 1 : -1);
    rest += rest > 0 ? -1 : 1;
  }
  return out;
}

/** Requests above what the nodes hold cannot all be scheduled: said as overcommit, not as a high share. */
const overRequested = (share: number): CapacityAlert['kind'] => (share > 1 ? 'overcommitted' : 'over-requested');

export function buildCostData(inputs: CostInputs, o: CostOptions): CostData {
  const hours = COST_RANGES[o.range];
  const inventory = [...inputs.inventory]
    .filter((c) => !o.cluster || c.name === o.cluster)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const poolRows = new Map<string, CostNodePoolRow[]>();
  for (const r of inputs.nodePools ?? []) poolRows.set(r.ClusterId, [...(poolRows.get(r.ClusterId) ?? []), r]);
  const shapeRows = new Map<string, CostPodShapeRow[]>();
  for (const r of inputs.podShapes ?? []) shapeRows.set(r.ClusterId, [...(shapeRows.get(r.ClusterId) ?? []), r]);

  const fromPrometheus = new Set(inputs.prometheusIds ?? []);

  const groups = new Map<string, { cents: number; cpu: number; mem: number; clusters: Set<string> }>();
  const clusters: ClusterCost[] = [];
  const density: PoolDensity[] = [];
  const advice: PoolAdvice[] = [];
  const alerts: CapacityAlert[] = [];
  let unpricedPools = 0;

  for (const c of inventory) {
    const id = c.id.toLowerCase();
    const { pools, source } = poolsOf(c, poolRows.get(id) ?? [], o.prices, o.arc, fromPrometheus.has(id));
    const shapes = shapeRows.get(id) ?? [];
    const unpricedHere = pools.filter((p) => p.hourly === null).length;
    unpricedPools += unpricedHere;
    const priced = pools.filter((p) => p.hourly !== null && p.vm);
    const cpuCap = priced.reduce((s, p) => s + (p.vm as VmSize).vcpus * p.nodes, 0);
    const memCap = priced.reduce((s, p) => s + (p.vm as VmSize).memoryGiB * p.nodes, 0);
    const cpuCost = priced.reduce((s, p) => s + (p.hourly as number) * p.nodes * cpuFraction(p.vm, o.arc), 0) * hours;
    const nodeCost = pools.reduce((s, p) => s + (p.hourly ?? 0) * p.nodes, 0) * hours;
    const memCost = nodeCost - cpuCost;

    // Allocation: CPU and memory each charged by share of capacity, never more than the node cost.
    const cpuAlloc = shapes.reduce((s, r) => s + r.CpuAllocatedCores, 0);
    const memAlloc = shapes.reduce((s, r) => s + r.MemoryAllocatedBytes, 0) / GIB;
    const cpuRate = cpuCap > 0 ? cpuCost / Math.max(cpuCap, cpuAlloc) : 0;
    const memRate = memCap > 0 ? memCost / Math.max(memCap, memAlloc) : 0;
    const keyOf = (r: CostPodShapeRow): string =>
      o.groupBy === 'cluster' ? c.name : o.groupBy === 'namespace' ? `${c.name}/${r.Namespace}` : r.Team || NO_TEAM;
    const byKey = new Map<string, { cost: number; cpu: number; mem: number }>();
    for (const r of shapes) {
      const k = keyOf(r);
      const e = byKey.get(k) ?? { cost: 0, cpu: 0, mem: 0 };
      e.cost += r.CpuAllocatedCores * cpuRate + (r.MemoryAllocatedBytes / GIB) * memRate;
      e.cpu += r.CpuAllocatedCores;
      e.mem += r.MemoryAllocatedBytes / GIB;
      byKey.set(k, e);
    }
    const keys = [...byKey.keys()];
    const allocatedFloat = keys.reduce((s, k) => s + (byKey.get(k) as { cost: number }).cost, 0);
    const nodeCents = Math.round(nodeCost * 100);
    // Allocated vs idle first, then the groups within allocated: the split does not depend on the grouping.
    const [allocatedCents = 0, idleCents = 0] = apportionCents(
      [Math.min(allocatedFloat, nodeCost) * 100, Math.max(0, nodeCost - allocatedFloat) * 100],
      nodeCents,
    );
    const cents = apportionCents(
      keys.map((k) => (byKey.get(k) as { cost: number }).cost * 100),
      allocatedCents,
    );
    keys.forEach((k, i) => {
      const e = byKey.get(k) as { cpu: number; mem: number };
      const g = groups.get(k) ?? { cents: 0, cpu: 0, mem: 0, clusters: new Set<string>() };
      g.cents += cents[i] ?? 0;
      g.cpu += e.cpu;
      g.mem += e.mem;
      g.clusters.add(c.name);
      groups.set(k, g);
    });
    clusters.push({
      cluster: c.name,
      id: c.id,
      provider: c.clusterKind,
      region: c.location,
      nodeCents,
      allocatedCents,
      idleCents,
      hasUsage: shapes.length > 0,
      source,
      unpricedPools: unpricedHere,
    });

    // Packing density and capacity alerts per pool (requests and usage against allocatable).
    let clusterReqCpu = 0;
    let clusterUseCpu = 0;
    let clusterReqMem = 0;
    let clusterUseMem = 0;
    for (const p of pools) {
      const mine = shapes.filter((r) => r.Pool === p.name);
      const req = mine.reduce((s, r) => s + r.CpuRequestCores * r.Pods, 0);
      const use = mine.reduce((s, r) => s + r.CpuUsageCores, 0);
      const reqMem = mine.reduce((s, r) => s + r.MemoryRequestBytes * r.Pods, 0) / GIB;
      const useMem = mine.reduce((s, r) => s + r.MemoryUsageBytes, 0) / GIB;
      clusterReqCpu += req;
      clusterUseCpu += use;
      clusterReqMem += reqMem;
      clusterUseMem += useMem;
      const cpuA = (p.vm?.vcpus ?? 0) * p.nodes;
      const memA = (p.vm?.memoryGiB ?? 0) * p.nodes;
      density.push({
        cluster: c.name,
        pool: p.name,
        vmSize: p.vmSize,
        nodes: p.nodes,
        cpuAllocatable: cpuA,
        memoryAllocatableGiB: memA,
        cpuRequested: req,
        cpuUsed: use,
        memoryRequestedGiB: reqMem,
        memoryUsedGiB: useMem,
        hourlyCost: p.hourly === null ? null : p.hourly * p.nodes,
        priceSource: p.priceSource,
        hasUsage: mine.length > 0,
      });
      if (mine.length && cpuA > 0) {
        if (req / cpuA > o.requestedMax)
          alerts.push({
            cluster: c.name,
            pool: p.name,
            kind: overRequested(req / cpuA),
            resource: 'cpu',
            value: req / cpuA,
            threshold: o.requestedMax,
          });
        if (reqMem / memA > o.requestedMax)
          alerts.push({
            cluster: c.name,
            pool: p.name,
            kind: overRequested(reqMem / memA),
            resource: 'memory',
            value: reqMem / memA,
            threshold: o.requestedMax,
          });
      }
      // Node-size advice: the same pods on every size of the family, priced in the same region.
      // On-premises machines are bought, not rented by size: no advice for them.
      if (mine.length && p.vm && p.hourly !== null && p.vm.family !== 'on-prem') {
        const podShapes: PodShape[] = mine.map((r) => ({
          cpuCores: r.CpuRequestCores,
          memoryGiB: r.MemoryRequestBytes / GIB,
          count: r.Pods,
          daemon: r.ControllerKind === 'DaemonSet',
        }));
        const options: SizeOption[] = [];
        for (const size of vmSizesInFamily(p.vm.family)) {
          const price = nodeHourlyPrice(o.prices, size, size.name, c.location, c.clusterKind, o.arc);
          if (price.hourly === null) continue;
          const r = packPods(podShapes, size, { headroom: o.headroom, minNodes: 1 });
          if (r.nodes === null) continue;
          options.push({
            vmSize: size.name,
            vcpus: size.vcpus,
            memoryGiB: size.memoryGiB,
            nodes: r.nodes,
            monthlyCost: r.nodes * price.hourly * HOURS_PER_MONTH,
            cpuRequestedShare: r.cpuRequestedShare ?? 0,
            memoryRequestedShare: r.memoryRequestedShare ?? 0,
          });
        }
        const currentMonthly = p.nodes * p.hourly * HOURS_PER_MONTH;
        const best = options.reduce<SizeOption | null>(
          (b, x) => (b === null || x.monthlyCost < b.monthlyCost - 1e-9 ? x : b),
          null,
        );
        advice.push({
          cluster: c.name,
          pool: p.name,
          current: { vmSize: p.vmSize, nodes: p.nodes, monthlyCost: currentMonthly },
          options,
          best,
          monthlySavings: best ? Math.max(0, currentMonthly - best.monthlyCost) : 0,
        });
      }
    }
    if (shapes.length && cpuCap > 0) {
      if (clusterUseCpu / cpuCap < o.utilizationMin)
        alerts.push({
          cluster: c.name,
          pool: null,
          kind: 'underutilised',
          resource: 'cpu',
          value: clusterUseCpu / cpuCap,
          threshold: o.utilizationMin,
        });
      if (clusterUseMem / memCap < o.utilizationMin)
        alerts.push({
          cluster: c.name,
          pool: null,
          kind: 'underutilised',
          resource: 'memory',
          value: clusterUseMem / memCap,
          threshold: o.utilizationMin,
        });
      if (clusterReqCpu / cpuCap > o.requestedMax)
        alerts.push({
          cluster: c.name,
          pool: null,
          kind: overRequested(clusterReqCpu / cpuCap),
          resource: 'cpu',
          value: clusterReqCpu / cpuCap,
          threshold: o.requestedMax,
        });
      if (clusterReqMem / memCap > o.requestedMax)
        alerts.push({
          cluster: c.name,
          pool: null,
          kind: overRequested(clusterReqMem / memCap),
          resource: 'memory',
          value: clusterReqMem / memCap,
          threshold: o.requestedMax,
        });
    }
  }

  const allocation: AllocationRow[] = [...groups]
    .map(([key, g]) => ({ key, cents: g.cents, cpuCores: g.cpu, memoryGiB: g.mem, clusters: g.clusters.size }))
    .sort((a, b) => b.cents - a.cents || (a.key < b.key ? -1 : 1));
  const nodeCents = clusters.reduce((s, c) => s + c.nodeCents, 0);
  const idleCents = clusters.reduce((s, c) => s + c.idleCents, 0);
  advice.sort((a, b) => b.monthlySavings - a.monthlySavings || (a.cluster < b.cluster ? -1 : 1));
  return {
    range: o.range,
    hours,
    currency: o.prices.currency,
    priceDate: o.prices.date,
    priceSource: o.prices.source,
    totals: {
      nodeCents,
      allocatedCents: nodeCents - idleCents,
      idleCents,
      monthlyProjectionCents: Math.round((nodeCents / hours) * HOURS_PER_MONTH),
      unpricedPools,
    },
    allocation,
    clusters,
    density,
    advice,
    alerts,
  };
}

/** CSV of the allocation (and idle per cluster), amounts in the currency with two decimals. */
export function costCsv(data: CostData, groupBy: CostGroupBy): string {
  const q = (v: string): string => {
    const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const money = (cents: number): string => (cents / 100).toFixed(2);
  const lines = [`${groupBy},cost_${data.currency.toLowerCase()},cpu_cores,memory_gib,clusters,range,price_snapshot`];
  for (const r of data.allocation)
    lines.push(
      [
        q(r.key),
        money(r.cents),
        r.cpuCores.toFixed(3),
        r.memoryGiB.toFixed(3),
        String(r.clusters),
        data.range,
        data.priceDate,
      ].join(','),
    );
  lines.push(
    [
      IDLE,
      money(data.totals.idleCents),
      '',
      '',
      String(data.clusters.filter((c) => c.idleCents > 0).length),
      data.range,
      data.priceDate,
    ].join(','),
  );
  return lines.join('\r\n') + '\r\n';
}
