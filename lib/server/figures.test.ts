import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLUSTER_PAGES } from '../fleet/cluster/layers';
import { panelsOf, type PanelData } from '../fleet/cluster/panels';
import { buildAlertsData } from '../fleet/alerts';
import { buildCostData } from '../fleet/cost-report';
import type { ClusterSummary } from '../fleet/types';
import { getDemoFleet } from '../demo/fleet';
import type { DemoCluster } from '../demo/fleet-model';
import type { BackendRegistry } from '../sources/backend';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner } from '../sources/runner';
import type { DataAccess } from './access';
import { loadAlerts } from './alerts-service';
import { readConfig } from './config';
import { costOptionsFor } from './cost-options';
import { loadClusterCost, loadCost } from './cost-service';
import { loadFleetOverview } from './fleet-service';
import { loadPanel } from './panels';
import { clusterContext, createRequestContext } from './request-context';
import { DEFAULT_COST } from '../url-state/cost';

/**
 * One truth per number: every view that shows a figure of a cluster — the fleet overview, the
 * cluster's summary, its layer pages' panels, /cost, the summary's cost panel and /alerts —
 * shows the same value for it. Walked for several kinds of cluster, with every source
 * (Resource Graph, Log Analytics, Prometheus) and in Prometheus-only mode.
 */

const SEED = 'figures-test';
const SIZE = 40;
const NOW = 1_764_000_000;

/** Where a figure was read, and its value there. */
type Readings = Map<string, Array<{ view: string; value: unknown }>>;

function record(readings: Readings, figure: string, view: string, value: unknown): void {
  const list = readings.get(figure) ?? [];
  list.push({ view, value });
  readings.set(figure, list);
}

const table = (data: PanelData | undefined) =>
  data?.view?.kind === 'table' && data.status !== 'error' && data.status !== 'unavailable' ? data.view : null;

/** The last value of each series of a time-series panel, by series name. */
function lastPoints(data: PanelData | undefined): Record<string, number> | null {
  if (data?.view?.kind !== 'timeseries' || data.status !== 'ok') return null;
  const { chart } = data.view;
  const last = chart.rows.at(-1);
  if (!last) return null;
  return Object.fromEntries(chart.series.map((s) => [s.name, last[s.key] ?? 0]));
}

/** Every figure of one cluster, from every view that shows it. */
async function readFigures(access: DataAccess, cluster: string): Promise<Readings> {
  const readings: Readings = new Map();
  const overview = await loadFleetOverview(access, NOW * 1000);
  const row = overview.clusters.find((c) => c.name === cluster);
  expect(row, `${cluster} on the overview`).toBeDefined();
  const ctx = clusterContext(await createRequestContext(access, { cluster, now: NOW }));
  expect(ctx, `${cluster} page`).not.toBeNull();
  if (!row || !ctx) return readings;
  const summary: ClusterSummary = ctx.cluster;

  for (const [view, c] of [
    ['overview', row],
    ['summary', summary],
  ] as const) {
    record(readings, 'nodes ready', view, c.nodes.ready);
    record(readings, 'nodes', view, c.nodes.total);
    record(readings, 'pods running', view, c.pods.running);
    record(readings, 'pods pending', view, c.pods.pending);
    record(readings, 'pods failed', view, c.pods.failed);
    record(readings, 'crash-looping containers', view, c.containers.crashLooping);
    record(readings, 'restarts in the last hour', view, c.containers.restartsLastHour);
    record(readings, 'workloads down', view, c.workloads.down);
    record(readings, 'workloads short of replicas', view, c.workloads.partial);
    record(readings, 'node CPU busy', view, c.cpu.utilization);
    record(readings, 'node memory in use', view, c.memory.utilization);
    record(readings, 'health', view, c.health.status);
    record(readings, 'firing alerts', view, c.health.reasons.find((r) => r.signal === 'alerts')?.value ?? 0);
  }

  const panels = new Map<string, PanelData>();
  for (const page of CLUSTER_PAGES) for (const spec of panelsOf(page)) panels.set(spec.id, await loadPanel(ctx, spec));

  const nodes = table(panels.get('node-table'));
  if (nodes?.table === 'nodes' && row.nodes.ready !== null) {
    record(readings, 'nodes', 'nodes page', nodes.rows.length);
    record(readings, 'nodes ready', 'nodes page', nodes.rows.filter((r) => r.ready === 'true').length);
  }
  const crash = table(panels.get('crashlooping-containers'));
  if (crash?.table === 'containers' && row.containers.crashLooping !== null)
    record(readings, 'crash-looping containers', 'workloads page', crash.rows.length);
  const restarts = table(panels.get('restarts-by-namespace'));
  if (restarts?.table === 'restarts' && row.containers.restartsLastHour !== null)
    record(
      readings,
      'restarts in the last hour',
      'workloads page',
      restarts.rows.reduce((n, r) => n + r.restarts, 0),
    );
  const replicaTables = ['deployment-replicas', 'statefulset-replicas', 'daemonset-pods'].map((id) =>
    table(panels.get(id)),
  );
  if (row.workloads.down !== null && replicaTables.every((t) => t?.table === 'replicas')) {
    const rows = replicaTables.flatMap((t) => (t?.table === 'replicas' ? t.rows : []));
    record(readings, 'workloads down', 'workloads page', rows.filter((r) => r.desired > 0 && r.actual === 0).length);
    record(
      readings,
      'workloads short of replicas',
      'workloads page',
      rows.filter((r) => r.actual > 0 && r.actual < r.desired).length,
    );
  }
  const phases = lastPoints(panels.get('pod-phases'));
  if (phases && row.pods.running !== null) {
    record(readings, 'pods running', 'workloads page', phases['Running'] ?? 0);
    record(readings, 'pods pending', 'workloads page', phases['Pending'] ?? 0);
    record(readings, 'pods failed', 'workloads page', phases['Failed'] ?? 0);
  }
  const alerts = table(panels.get('firing-alerts'));
  if (alerts?.table === 'alerts')
    record(
      readings,
      'firing alerts',
      'summary alerts panel',
      alerts.rows.reduce((n, a) => n + a.instances, 0),
    );

  // /alerts, grouped by cluster.
  const loadedAlerts = await loadAlerts(access, NOW * 1000);
  const alertsData = buildAlertsData(
    loadedAlerts.inputs,
    loadedAlerts.fired,
    { group: 'cluster', severity: null, q: '', coverageGaps: false },
    loadedAlerts.firing,
  );
  const group = alertsData.groups.find((g) => g.key === cluster);
  record(readings, 'firing alerts', '/alerts', group ? group.alerts.reduce((n, a) => n + a.instances, 0) : 0);

  // /cost for the fleet, /cost?cluster=<name>, and the summary's cost panel.
  const fleetCost = await loadCost(access, NOW * 1000);
  const fleetData = buildCostData(fleetCost.inputs, costOptionsFor(DEFAULT_COST, fleetCost.prices));
  const oneCost = await loadCost(access, NOW * 1000, cluster);
  const oneData = buildCostData(oneCost.inputs, costOptionsFor({ ...DEFAULT_COST, cluster }, oneCost.prices));
  const panel = (await loadClusterCost(ctx)).summary.cluster;
  for (const [view, c] of [
    ['/cost', fleetData.clusters.find((x) => x.cluster === cluster)],
    ['/cost?cluster', oneData.clusters[0]],
    ['summary cost panel', panel],
  ] as const) {
    record(readings, 'node cost', view, c?.nodeCents ?? null);
    record(readings, 'allocated cost', view, c?.allocatedCents ?? null);
    record(readings, 'idle cost', view, c?.idleCents ?? null);
    record(readings, 'unpriced pools', view, c?.unpricedPools ?? null);
  }
  return readings;
}

function expectConsistent(cluster: string, readings: Readings): number {
  let compared = 0;
  for (const [figure, list] of readings) {
    const first = list[0];
    for (const r of list.slice(1)) {
      const a = first?.value;
      const b = r.value;
      const same =
        typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) : a === b;
      expect(same, `${cluster}: ${figure} is ${String(a)} on ${first?.view} but ${String(b)} on ${r.view}`).toBe(true);
      compared++;
    }
  }
  return compared;
}

function accessFor(
  scope: string,
  backends: (demo: ReturnType<typeof createDemoBackend>) => BackendRegistry,
): DataAccess {
  const config = readConfig({
    FLEETWATCH_DEMO_SEED: SEED,
    FLEETWATCH_DEMO_CLUSTERS: String(SIZE),
    FLEETWATCH_CACHE_SECONDS: '0',
  });
  const demo = createDemoBackend(config.demo);
  const registry = backends(demo);
  // Its own cache scope per registry: the caches key by access, and both walks share a config.
  return { config, scope, backends: registry, runner: createQueryRunner(registry) };
}

/** Clusters that between them show every kind of trouble the views count. */
function picks(fleet: readonly DemoCluster[], needPrometheus: boolean): DemoCluster[] {
  const running = fleet.filter(
    (c) => c.powerState === 'Running' && (!needPrometheus || c.monitoring.managedPrometheus),
  );
  const chosen = [
    running.find((c) => c.monitoring.managedPrometheus && c.workloads.some((w) => w.crashLooping > 0)),
    running.find((c) => c.monitoring.managedPrometheus && c.nodes.some((n) => n.ready !== 'true')),
    running.find(
      (c) =>
        c.monitoring.managedPrometheus &&
        c.workloads.some((w) => w.kind !== 'Job' && w.kind !== 'DaemonSet' && w.desired > 0 && w.running === 0),
    ),
    running.find((c) => c.provider === 'arc' && c.monitoring.managedPrometheus),
    needPrometheus ? undefined : running.find((c) => !c.monitoring.managedPrometheus && c.monitoring.containerInsights),
    running.find((c) => c.monitoring.managedPrometheus && c.workloads.every((w) => w.crashLooping === 0)),
  ].filter((c): c is DemoCluster => c !== undefined);
  return [...new Map(chosen.map((c) => [c.name, c])).values()];
}

beforeAll(() => {
  // Only Date is faked: every view reads the same "now", timers still run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW * 1000);
});
afterAll(() => vi.useRealTimers());

describe('one truth per number', () => {
  const fleet = getDemoFleet(SEED, SIZE).clusters;

  it('every view of several clusters shows the same figures, with every source', async () => {
    const access = accessFor('all-sources', (demo) => ({ arg: demo, logs: demo, prom: demo }));
    const chosen = picks(fleet, false);
    expect(chosen.length).toBeGreaterThanOrEqual(4);
    let compared = 0;
    const seen = new Set<string>();
    for (const c of chosen) {
      const readings = await readFigures(access, c.name);
      compared += expectConsistent(c.name, readings);
      for (const [figure, list] of readings) if (list.some((r) => r.value !== 0 && r.value !== null)) seen.add(figure);
    }
    console.log(`${chosen.length} clusters, ${compared} cross-view comparisons`);
    // Not vacuous: the troubles the views count are there to compare.
    for (const figure of [
      'crash-looping containers',
      'workloads down',
      'nodes ready',
      'node cost',
      'allocated cost',
      'firing alerts',
    ])
      expect(seen, figure).toContain(figure);
    expect(compared).toBeGreaterThan(150);
  }, 120_000);

  it('in Prometheus-only mode too', async () => {
    const access = accessFor('prometheus-only', (demo) => ({ arg: null, logs: null, prom: demo }));
    const chosen = picks(fleet, true);
    let compared = 0;
    for (const c of chosen) compared += expectConsistent(c.name, await readFigures(access, c.name));
    console.log(`Prometheus-only: ${chosen.length} clusters, ${compared} cross-view comparisons`);
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});
