import { describe, expect, it } from 'vitest';
import { CATALOG, clusterLogs, fleet, azure } from '../catalog';
import type { CatalogQuery } from '../catalog/types';
import { getDemoFleet } from '../demo/fleet';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner } from '../sources/runner';
import { checkKql } from './kql-check';
import { createDemoPromMeta, metricOf } from './prom-meta';
import { parseMetricsExplore } from '../url-state/explore';
import { explorerHref } from './links';
import { exploreLogs, exploreMetrics, listWorkspaces, REAL_ENGINE_COMMAND } from './run';
import { relativeRange } from './time';

const demo = createDemoBackend({ seed: 'explore-test', clusters: 12 });
const runner = createQueryRunner({ arg: demo, logs: demo, prom: demo });
const nowMs = 1_795_000_000_000;

describe('metrics explorer', () => {
  it('answers a catalog query the link names from the demo, as series over the range, even re-spaced', async () => {
    const params = { clusterLabel: 'cluster' };
    const text = fleet.cpuUtilization.build(params).replace(/ /g, '  ');
    const r = await exploreMetrics(
      runner,
      { queries: [text], catalog: { id: fleet.cpuUtilization.id, params }, range: relativeRange(3600), step: null },
      { nowMs },
    );
    expect(r.step).toBe(15);
    const [first] = r.results;
    expect(first?.catalogId).toBe('prom.fleet.cpu-utilization');
    if (!first?.outcome.ok) throw new Error('expected an answer');
    expect(first.outcome.series.length).toBeGreaterThan(3);
    expect(first.outcome.series[0]?.points).toHaveLength(241);
    expect(first.outcome.series[0]?.labels).toHaveProperty('cluster');
  });

  it('runs edited text as typed, and text without a catalog reference too', async () => {
    const params = { clusterLabel: 'cluster' };
    const edited = fleet.cpuUtilization.build(params).replace('by (cluster)', 'by (node)');
    const catalog = { id: fleet.cpuUtilization.id, params };
    for (const input of [
      { queries: [edited], catalog },
      { queries: [fleet.cpuUtilization.build(params)], catalog: null },
    ]) {
      const r = await exploreMetrics(runner, { ...input, range: relativeRange(3600), step: null }, { nowMs });
      expect(r.results[0]?.catalogId).toBeNull();
      expect(r.results[0]?.outcome).toMatchObject({ ok: false, error: { needsEngine: true } });
    }
  });

  it('asks an instant query at the end of the range: one point per series', async () => {
    const text = fleet.podPhases.build({ clusterLabel: 'cluster' });
    const r = await exploreMetrics(
      runner,
      {
        queries: [text],
        catalog: { id: fleet.podPhases.id, params: { clusterLabel: 'cluster' } },
        range: relativeRange(3600),
        step: null,
        mode: 'instant',
      },
      { nowMs },
    );
    const [first] = r.results;
    if (!first?.outcome.ok) throw new Error('expected an answer');
    expect(first.outcome.series.every((s) => s.points.length === 1 && s.points[0]?.[0] === r.end)).toBe(true);
    expect(first.executed.time).toEqual({ kind: 'instant', at: r.end });
  });

  it('says a real engine is needed for any other query, with the command that starts one', async () => {
    const r = await exploreMetrics(runner, { queries: ['up == 0'], range: relativeRange(3600), step: null }, { nowMs });
    const [first] = r.results;
    expect(first?.catalogId).toBeNull();
    expect(first?.outcome).toEqual({ ok: false, error: expect.objectContaining({ needsEngine: true }) });
    if (first && !first.outcome.ok) expect(first.outcome.error.message).toContain(REAL_ENGINE_COMMAND);
    expect(first?.executed.text).toBe('up == 0');
  });
});

describe("opening a cluster panel's query in the explorer", () => {
  const cluster = getDemoFleet('explore-test', 12).clusters.find(
    (c) => c.monitoring.managedPrometheus && c.monitoring.containerInsights && c.powerState === 'Running',
  );
  if (!cluster) throw new Error('the demo fleet should have a fully monitored cluster');
  const queries = [...CATALOG.values()] as unknown as CatalogQuery<unknown, unknown>[];

  it('answers every cluster-scoped PromQL query of the catalog from the demo, through the link a panel writes', async () => {
    const scoped = queries.filter(
      (q) =>
        q.kind === 'prom' &&
        q.params.safeParse({ clusterLabel: 'cluster', cluster: 'x' }).success &&
        !q.params.safeParse({ clusterLabel: 'cluster' }).success,
    );
    expect(scoped.length).toBeGreaterThan(15);
    for (const q of scoped) {
      const params = q.params.parse({ clusterLabel: 'cluster', cluster: cluster.name }) as Record<string, unknown>;
      const href = explorerHref({
        id: q.id,
        kind: 'prom',
        text: q.build(params),
        params,
        time: { kind: 'range', start: nowMs / 1000 - 3600, end: nowMs / 1000, step: 60 },
      });
      const state = parseMetricsExplore(new URL(href ?? '', 'http://x').searchParams);
      expect(state.ok, q.id).toBe(true);
      const r = await exploreMetrics(runner, state.value, { nowMs });
      expect(r.results[0]?.catalogId, q.id).toBe(q.id);
      expect(r.results[0]?.outcome.ok, q.id).toBe(true);
    }
  });

  it("answers the cluster pages' KQL with its cluster, namespace and workload", async () => {
    const w = cluster.workloads[0]!;
    for (const raw of [
      { clusterId: cluster.id },
      { clusterId: cluster.id, namespace: w.namespace },
      { clusterId: cluster.id, namespace: w.namespace, workload: w.name },
    ]) {
      for (const q of [clusterLogs.clusterEvents, clusterLogs.containerLogs] as CatalogQuery<unknown, unknown>[]) {
        const params = q.params.parse(raw) as Record<string, unknown>;
        const r = await exploreLogs(
          runner,
          { query: q.build(params), catalog: { id: q.id, params }, range: relativeRange(3600), workspaces: [] },
          { nowMs },
        );
        expect(r.catalogId, `${q.id} ${JSON.stringify(raw)}`).toBe(q.id);
        expect(r.outcome.ok).toBe(true);
      }
    }
  });

  it('does not run a catalog query whose parameters do not build the text', async () => {
    const q = clusterLogs.clusterEvents as CatalogQuery<unknown, unknown>;
    const text = q.build(q.params.parse({ clusterId: cluster.id }));
    const r = await exploreLogs(
      runner,
      {
        query: text,
        catalog: { id: q.id, params: { clusterId: '/subscriptions/other' } },
        range: relativeRange(3600),
        workspaces: [],
      },
      { nowMs },
    );
    expect(r.catalogId).toBeNull();
  });
});

describe('logs explorer', () => {
  it('runs the seed’s upgrade query on the demo and returns its table', async () => {
    const r = await exploreLogs(
      runner,
      {
        query: fleet.upgradeStatus.build({}),
        catalog: { id: fleet.upgradeStatus.id, params: {} },
        range: relativeRange(90 * 86_400),
        workspaces: [],
      },
      { nowMs },
    );
    expect(r.catalogId).toBe('logs.upgrade-status');
    if (!r.outcome.ok) throw new Error(r.outcome.error.message);
    expect(r.outcome.table.columns.map((c) => c.name)).toEqual([
      'TimeGenerated',
      '_ResourceId',
      'ResourceGroup',
      'SubscriptionId',
      'Caller',
    ]);
    expect(r.outcome.table.rows.length).toBeGreaterThan(0);
    expect(r.executed.text).toContain('Upgrade Succeeded');
  });

  it('lists the workspaces a picker offers', async () => {
    const { workspaces, error } = await listWorkspaces(runner, nowMs);
    expect(error).toBeNull();
    expect(workspaces.length).toBeGreaterThan(0);
    expect(workspaces[0]?.customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(azure.logAnalyticsWorkspaces.id).toBe('arg.log-analytics-workspaces');
  });
});

describe('KQL syntax check (Microsoft’s Kusto language service)', () => {
  it('finds nothing wrong in the seed’s query and points at a missing expression', () => {
    expect(checkKql(fleet.upgradeStatus.build({}))).toEqual([]);
    const diags = checkKql('AzureActivity | where | take 10');
    expect(diags[0]).toMatchObject({ severity: 'error', message: 'Missing expression', start: 21 });
    // Loading the 30 MB language service takes seconds on a busy machine.
  }, 60_000);
});

describe('PromQL completion sources', () => {
  it('reads metric names from selectors', () => {
    expect(metricOf('up{job="x"}')).toBe('up');
    expect(metricOf('{__name__="node_load1"}')).toBe('node_load1');
    expect(metricOf('{job="x"}')).toBeNull();
  });

  it('offers the demo’s exported metrics, their labels and values', async () => {
    const meta = createDemoPromMeta({ seed: 'explore-test', clusters: 12, clusterLabel: 'cluster', nowMs });
    const names = await meta.labelValues('__name__', []);
    expect(names).toEqual(
      expect.arrayContaining(['kube_node_status_condition', 'node_cpu_seconds_total', 'kube_pod_status_phase']),
    );
    expect(await meta.labels(['node_cpu_seconds_total'])).toEqual(expect.arrayContaining(['cluster', 'cpu', 'mode']));
    expect(await meta.labelValues('mode', ['node_cpu_seconds_total'])).toContain('idle');
    expect((await meta.labelValues('cluster', [])).length).toBeGreaterThan(2);
    expect((await meta.metadata())['node_cpu_seconds_total']?.[0]?.type).toBe('counter');
  });
});
