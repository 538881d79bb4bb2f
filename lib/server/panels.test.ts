import { describe, expect, it } from 'vitest';
import { clusterProm } from '../catalog';
import { CLUSTER_PAGES } from '../fleet/cluster/layers';
import { ask, CLUSTER_PANELS, panelById, panelsOf, type PanelSpec } from '../fleet/cluster/panels';
import { resolveRange } from '../fleet/cluster/time-range';
import { getFleetOverview } from '../fleet/overview';
import type { ClusterSummary } from '../fleet/types';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner, type QueryRunner } from '../sources/runner';
import { DEFAULT_VIEW, type ClusterView } from '../url-state/cluster';
import type { DataAccess } from './access';
import { readConfig } from './config';
import { loadPanel } from './panels';
import type { ClusterContext } from './request-context';

const NOW = 1_764_000_000;
const config = readConfig({ FLEETWATCH_DEMO_SEED: 'panels-test', FLEETWATCH_DEMO_CLUSTERS: '12' });
const demo = createDemoBackend(config.demo);
const demoRunner = createQueryRunner({ arg: demo, logs: demo, prom: demo });
const overview = await getFleetOverview(demoRunner, {
  now: NOW,
  clusterLabel: 'cluster',
  latestMinor: config.latestMinor,
});

function contextFor(
  cluster: ClusterSummary,
  runner: QueryRunner = demoRunner,
  view: ClusterView = DEFAULT_VIEW,
): ClusterContext {
  const access = {
    config,
    scope: 'shared',
    backends: { arg: null, logs: null, prom: null },
    runner,
  } satisfies DataAccess;
  const range = resolveRange(view.range, NOW);
  const panel = { cluster, view, range, at: range.end, prom: { clusterLabel: 'cluster', cluster: cluster.name } };
  return { access, config, now: NOW, view, viewErrors: [], range, cluster, lookupFailure: null, panel };
}

const withInsights = overview.clusters.find(
  (c) => c.monitoring.containerInsights === true && c.monitoring.metrics,
) as ClusterSummary;
const spec = (id: string): PanelSpec => panelById(id) as PanelSpec;

/** A runner whose every query fails the way `failure` says. */
const failing = (failure: 'server-error' | 'not-configured'): QueryRunner => ({
  async run(query, _params, time) {
    const executed = {
      id: query.id,
      title: query.title,
      kind: query.kind,
      text: 'x',
      backend: 'none',
      durationMs: 0,
      time,
    };
    return {
      ok: false,
      error: { source: query.kind, failure, message: `${query.kind} ${failure}` },
      notices: [],
      executed,
    };
  },
});

describe('panel specs', () => {
  it('have unique, URL-safe ids and every page has panels but the summary has its alerts', () => {
    const ids = CLUSTER_PANELS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    for (const page of CLUSTER_PAGES) expect(panelsOf(page).length).toBeGreaterThan(0);
    expect(panelsOf('nodes').map((p) => p.id)).toEqual([
      'node-table',
      'node-details',
      'node-cpu',
      'node-memory',
      'node-filesystem',
      'node-pod-capacity',
    ]);
  });
});

describe('loadPanel', () => {
  it('loads every panel of every page on a demo cluster as plain JSON, none failing', async () => {
    const ctx = contextFor(withInsights);
    const node = contextFor(withInsights, demoRunner, { ...DEFAULT_VIEW, node: 'any-node' });
    for (const s of CLUSTER_PANELS) {
      const data = await loadPanel(s.shown ? node : ctx, s);
      expect(data.status, `${s.id}: ${data.failures.map((f) => f.message).join('; ')}`).not.toBe('error');
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
      expect(data.executed.length).toBeGreaterThan(0);
    }
    // Thirty-odd demo evaluations: room for a busy machine.
  }, 30_000);

  it('draws a time series with its filters in the title and names lines by the labels', async () => {
    const nodes = await loadPanel(contextFor(withInsights), spec('node-table'));
    const node = nodes.view?.kind === 'table' && nodes.view.table === 'nodes' ? nodes.view.rows[0]?.name : undefined;
    expect(node).toBeTruthy();
    const data = await loadPanel(
      contextFor(withInsights, demoRunner, { ...DEFAULT_VIEW, node: node as string }),
      spec('node-cpu'),
    );
    expect(data.title).toBe(`${clusterProm.nodeCpu.title} · ${node}`);
    expect(data.status).toBe('ok');
    expect(data.view?.kind === 'timeseries' && data.view.chart.series.map((s) => s.name)).toEqual([node]);
    expect(data.executed[0]?.time.kind).toBe('range');
  });

  it('says a backend failure in the panel, and keeps a table its links when every query failed', async () => {
    const chart = await loadPanel(contextFor(withInsights, failing('server-error')), spec('apiserver-requests'));
    expect(chart).toMatchObject({
      status: 'error',
      view: null,
      failures: [{ source: 'prom', failure: 'server-error' }],
    });
    const table = await loadPanel(contextFor(withInsights, failing('server-error')), spec('node-table'));
    expect(table.status).toBe('error');
    expect(table.failures).toHaveLength(6);
    expect(table.view).toMatchObject({ kind: 'table', table: 'nodes', rows: [] });
  });

  it('leaves an unconfigured source unsaid where the spec says so', async () => {
    const alerts = await loadPanel(contextFor(withInsights, failing('not-configured')), spec('firing-alerts'));
    expect(alerts.status).toBe('error');
    expect(alerts.failures).toEqual([]);
    expect(alerts.executed.map((q) => q.id)).toHaveLength(2);
  });

  it('asks nothing for data the cluster cannot send, and says what would make it', async () => {
    const without = { ...withInsights, monitoring: { ...withInsights.monitoring, containerInsights: false } };
    const logs = await loadPanel(contextFor(without, failing('server-error')), spec('container-logs'));
    expect(logs).toMatchObject({
      status: 'unavailable',
      executed: [],
      description: null,
      unavailable: { what: 'Container logs (ContainerLogV2)', capability: 'Container insights' },
    });
  });

  it("takes a new panel as one spec: a stat of the running pods, equal to the node table's sum", async () => {
    const runningPods: PanelSpec = {
      id: 'running-pods',
      page: 'nodes',
      view: 'stat',
      source: ask(clusterProm.nodeRunningPods, (c) => c.prom),
      unit: 'count',
      title: 'Running pods',
      empty: 'No kubelet reports running pods.',
    };
    const ctx = contextFor(withInsights);
    const stat = await loadPanel(ctx, runningPods);
    const table = await loadPanel(ctx, spec('node-table'));
    const rows = table.view?.kind === 'table' && table.view.table === 'nodes' ? table.view.rows : [];
    expect(stat).toMatchObject({
      status: 'ok',
      title: 'Running pods',
      view: { kind: 'stat', unit: 'count', value: rows.reduce((sum, r) => sum + (r.podsRunning ?? 0), 0) },
    });
    expect(stat.executed[0]).toMatchObject({
      id: clusterProm.nodeRunningPods.id,
      time: { kind: 'instant', at: ctx.range.end },
    });
  });

  it('asks Log Analytics over the range and filters controllers to the selected namespace', async () => {
    const events = await loadPanel(contextFor(withInsights), spec('events'));
    expect(events.executed[0]).toMatchObject({ kind: 'logs', time: { kind: 'instant' } });
    const all = await loadPanel(contextFor(withInsights), spec('deployment-replicas'));
    const rows = all.view?.kind === 'table' && all.view.table === 'replicas' ? all.view.rows : [];
    const ns = rows[0]?.namespace as string;
    const one = await loadPanel(
      contextFor(withInsights, demoRunner, { ...DEFAULT_VIEW, namespace: ns }),
      spec('deployment-replicas'),
    );
    const kept = one.view?.kind === 'table' && one.view.table === 'replicas' ? one.view.rows : [];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((r) => r.namespace === ns)).toBe(true);
  });

  it('the kubelet charts of L2 keep the not Ready nodes, first and highlighted, as the nodes page does', async () => {
    const troubled = overview.clusters.find(
      (c) => c.monitoring.metrics && (c.nodes.ready ?? 0) < (c.nodes.total ?? 0),
    ) as ClusterSummary;
    expect(troubled).toBeTruthy();
    const table = await loadPanel(contextFor(troubled), spec('node-table'));
    const rows = table.view?.kind === 'table' && table.view.table === 'nodes' ? table.view.rows : [];
    const notReady = rows.filter((r) => r.ready !== 'true').map((r) => r.name);
    expect(notReady.length).toBeGreaterThan(0);
    for (const id of ['kubelet-pod-sync', 'kubelet-pleg']) {
      const data = await loadPanel(contextFor(troubled), spec(id));
      const series = data.view?.kind === 'timeseries' ? data.view.chart.series : [];
      const marked = series.filter((s) => s.highlight).map((s) => s.name);
      expect(marked.length, id).toBe(Math.min(notReady.length, 12));
      for (const name of marked) expect(notReady, id).toContain(name);
      // Highlighted first.
      expect(
        series.slice(0, marked.length).every((s) => s.highlight),
        id,
      ).toBe(true);
    }
  });

  it('details a selected NotReady node from every triage query, its events from KubeEvents, and asks nothing when none is selected', async () => {
    const troubled = overview.clusters.find(
      (c) =>
        c.monitoring.containerInsights !== false && c.monitoring.metrics && (c.nodes.ready ?? 0) < (c.nodes.total ?? 0),
    ) as ClusterSummary;
    expect(troubled).toBeTruthy();
    const table = await loadPanel(contextFor(troubled), spec('node-table'));
    const rows = table.view?.kind === 'table' && table.view.table === 'nodes' ? table.view.rows : [];
    const down = rows[0];
    expect(down?.ready).not.toBe('true');
    expect(down?.pool).toBeTruthy();
    expect(down?.trouble[0]?.condition).toBe('Ready');
    // The demo's not-Ready nodes have been so since they booted: no change within the range.
    expect(down?.readyChange).toMatchObject({ kind: 'steady', status: down?.ready });

    const view = { ...DEFAULT_VIEW, node: down?.name as string };
    const data = await loadPanel(contextFor(troubled, demoRunner, view), spec('node-details'));
    expect(data.status).toBe('ok');
    expect(data.title).toBe(`Node details · ${down?.name}`);
    expect(data.executed.map((q) => q.id)).toEqual([
      'prom.cluster.node-info',
      'prom.cluster.node-pool',
      'prom.cluster.node-conditions',
      'prom.cluster.node-ready-history',
      'prom.cluster.node-taints',
      'prom.cluster.node-unschedulable',
      'prom.cluster.node-last-scrape',
      'logs.cluster.node-inventory',
      'logs.cluster.node-events',
    ]);
    const d = data.view?.kind === 'table' && data.view.table === 'node-details' ? data.view.details : null;
    expect(d).toMatchObject({ node: down?.name, known: true, pool: down?.pool, ready: down?.ready });
    expect(d?.taints?.map((t) => t.key)).toContain(
      down?.ready === 'false' ? 'node.kubernetes.io/not-ready' : 'node.kubernetes.io/unreachable',
    );
    expect(d?.lastScrape?.find((x) => x.exporter === 'kubelet')?.at).toBeNull();
    expect(d?.lastScrape?.find((x) => x.exporter === 'node-exporter')?.at).toBeGreaterThan(0);
    expect(d?.insights).toMatchObject({
      status: 'ok',
      inventory: { status: down?.ready === 'false' ? 'NotReady' : 'Unknown' },
      events: [{ reason: 'NodeNotReady' }],
    });

    const without = { ...troubled, monitoring: { ...troubled.monitoring, containerInsights: false } };
    const dark = await loadPanel(contextFor(without, demoRunner, view), spec('node-details'));
    expect(dark.executed.map((q) => q.kind)).not.toContain('logs');
    const dd = dark.view?.kind === 'table' && dark.view.table === 'node-details' ? dark.view.details : null;
    expect(dd?.insights.status).toBe('unavailable');
    expect(dd?.pool).toBe(down?.pool);

    const none = await loadPanel(contextFor(troubled), spec('node-details'));
    expect(none).toMatchObject({ status: 'empty', executed: [], view: null });
  });
});
