import { describe, expect, it } from 'vitest';
import { getDemoFleet } from './fleet';
import { crashLoopRestarts, extrapolatedRate, idleCpuSeconds, memAvailableBytes, cpuBusy } from './signals';

describe('demo fleet', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = getDemoFleet('test-a', 30);
    const again = getDemoFleet('test-a', 31).clusters.slice(0, 30);
    expect(JSON.stringify(again)).toBe(JSON.stringify(a.clusters));
    expect(JSON.stringify(getDemoFleet('test-b', 30).clusters)).not.toBe(JSON.stringify(a.clusters));
  });

  it('is varied and realistic at 5,000 clusters', () => {
    const started = performance.now();
    const { clusters } = getDemoFleet('fleetwatch', 5000);
    const ms = performance.now() - started;
    expect(clusters).toHaveLength(5000);
    expect(new Set(clusters.map((c) => c.name)).size).toBe(5000);
    expect(new Set(clusters.map((c) => c.id)).size).toBe(5000);
    const running = clusters.filter((c) => c.powerState === 'Running');
    const nodeCounts = running.map((c) => c.nodes.length);
    expect(Math.min(...nodeCounts)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...nodeCounts)).toBeLessThanOrEqual(300);
    expect(Math.max(...nodeCounts)).toBeGreaterThan(250);
    // Long tail: the median cluster is small.
    expect([...nodeCounts].sort((x, y) => x - y)[Math.floor(nodeCounts.length / 2)]).toBeLessThan(15);
    expect(new Set(clusters.map((c) => c.distribution))).toEqual(new Set(['aks', 'eks', 'gke', 'k3s', 'openshift']));
    expect(new Set(clusters.map((c) => c.location)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(clusters.map((c) => c.subscriptionId)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(clusters.map((c) => c.kubernetesVersion.split('.')[1])).size).toBe(6);
    const vmSizes = new Set(clusters.flatMap((c) => c.nodePools.map((p) => p.vm.name)));
    expect([...vmSizes].some((s) => s.startsWith('Standard_NC'))).toBe(true);
    expect(clusters.some((c) => c.nodePools.some((p) => p.mode === 'System'))).toBe(true);
    expect(running.some((c) => c.nodes.some((n) => n.ready === 'false'))).toBe(true);
    expect(running.some((c) => c.nodes.some((n) => n.ready === 'unknown'))).toBe(true);
    expect(running.some((c) => c.workloads.some((w) => w.crashLooping > 0))).toBe(true);
    expect(running.some((c) => c.workloads.some((w) => w.pending > 0))).toBe(true);
    expect(running.some((c) => c.workloads.some((w) => w.failed > 0))).toBe(true);
    expect(clusters.some((c) => c.powerState === 'Stopped')).toBe(true);
    expect(clusters.some((c) => c.upgrades.length > 0)).toBe(true);
    expect(clusters.some((c) => !c.monitoring.managedPrometheus)).toBe(true);
    expect(clusters.some((c) => !c.monitoring.containerInsights)).toBe(true);
    // Generation is a one-off per process; keep it well under the overview's latency budget.
    expect(ms).toBeLessThan(10_000);
  });
});

describe('demo signals', () => {
  const node = getDemoFleet('fleetwatch', 5).clusters.flatMap((c) => c.nodes)[0];
  if (!node) throw new Error('no node');
  const t0 = 1_790_000_000;

  it('keeps CPU busy share strictly inside (0, 1) over a week', () => {
    for (let t = t0; t < t0 + 7 * 86_400; t += 600) {
      const u = cpuBusy(node, t);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('makes counters that only go up, from zero at boot', () => {
    expect(idleCpuSeconds(node, node.bootTime - 1)).toBeNull();
    expect(idleCpuSeconds(node, node.bootTime)).toBeCloseTo(0, 6);
    let prev = -1;
    for (let t = t0; t < t0 + 86_400; t += 30) {
      const v = idleCpuSeconds(node, t) as number;
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
    expect(crashLoopRestarts(t0, t0 + 3600)).toBe(12);
  });

  it('reports memory as whole bytes below the total', () => {
    const v = memAvailableBytes(node, t0);
    expect(Number.isInteger(v)).toBe(true);
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(node.memoryBytes);
  });
});

describe('extrapolatedRate (port of Prometheus promql/functions.go)', () => {
  it('is the slope of a steady counter when samples reach the window edges', () => {
    const samples = [0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300].map((t) => [1000 + t, 2 * t] as const);
    expect(extrapolatedRate(samples, 1000, 1300, { isCounter: true, isRate: true })).toBeCloseTo(2, 10);
  });

  it('extrapolates half an interval where the data stops short of the window', () => {
    // Samples cover 60 s of a 300 s window: 30 s average spacing, so 15 s is added at each end.
    const samples = [
      [1120, 100],
      [1150, 130],
      [1180, 160],
    ] as const;
    const inc = extrapolatedRate(samples, 1000, 1300, { isCounter: true, isRate: false });
    expect(inc).toBeCloseTo(60 * (90 / 60), 10);
  });

  it('does not extrapolate a counter below zero at the start', () => {
    const samples = [
      [1120, 0],
      [1150, 30],
      [1180, 60],
    ] as const;
    expect(extrapolatedRate(samples, 1000, 1300, { isCounter: true, isRate: false })).toBeCloseTo(75, 10);
  });

  it('handles a counter reset', () => {
    const samples = [
      [0, 10],
      [30, 20],
      [60, 5],
    ] as const;
    expect(extrapolatedRate(samples, 0, 60, { isCounter: true, isRate: false })).toBeCloseTo(15, 10);
  });

  it('needs two samples', () => {
    expect(extrapolatedRate([[0, 1]], 0, 60, { isCounter: true, isRate: true })).toBeNull();
  });
});

describe('counterRate', () => {
  it('equals the full extrapolatedRate over every grid sample, including a series that starts inside the window', async () => {
    const {
      counterRate: fast,
      gridSamplesInRange,
      extrapolatedRate: full,
      DEMO_SCRAPE_INTERVAL,
    } = await import('./signals');
    const node = getDemoFleet('fleetwatch', 3).clusters.flatMap((c) => c.nodes)[0];
    if (!node) throw new Error('no node');
    for (const t of [node.bootTime + 95, node.bootTime + 301.5, 1_790_000_017.25]) {
      const samples = gridSamplesInRange(t, 300, DEMO_SCRAPE_INTERVAL).flatMap((s) => {
        const v = idleCpuSeconds(node, s);
        return v === null ? [] : [[s, v] as const];
      });
      expect(fast((s) => idleCpuSeconds(node, s), t, 300, true)).toBeCloseTo(
        full(samples, t - 300, t, { isCounter: true, isRate: true }) ?? NaN,
        12,
      );
    }
    expect(fast((s) => idleCpuSeconds(node, s), node.bootTime + 10, 300, true)).toBeNull();
  });
});
