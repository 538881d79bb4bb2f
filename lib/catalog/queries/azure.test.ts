import { describe, expect, it } from 'vitest';
import { answerDemoQuery } from '../../demo/answers';
import {
  azureActivity,
  kubeNodeInventory,
  kubePodInventory,
  kubeEvents,
  containerLogV2,
} from '../../demo/azure-tables';
import { demoMonitorAccounts, demoPrometheusLinks, demoWorkspaces } from '../../demo/azure-workspaces';
import { fleet as q } from '../index';
import { getDemoFleet } from '../../demo/fleet';
import { CATALOG } from '../index';
import type { CatalogQuery, QueryRequest } from '../types';
import * as az from './azure';

const fleet = getDemoFleet('fleetwatch', 120);
const at = 1_764_000_000;

function demo<P, R>(query: CatalogQuery<P, R>, params: P, timespan = 'PT30M'): R[] {
  const request = {
    query,
    params,
    text: query.build(params),
    time: { kind: 'instant', at },
    timespan,
  } as unknown as QueryRequest;
  return query.parse(answerDemoQuery(fleet, request), params);
}

describe('Azure catalog queries', () => {
  it('are registered in the catalog', () => {
    for (const q of az.AZURE_QUERIES) expect(CATALOG.get(q.id)).toBe(q);
  });

  it('escape cluster ids: hostile input stays inside one string literal', () => {
    const hostile = '/subscriptions/x") | union (SecurityEvent | where "1"=="1';
    const text = az.nodeStateByCluster.build({ clusterIds: [hostile] });
    expect(text).toContain(
      '| where ClusterId in~ ("/subscriptions/x\\") | union (SecurityEvent | where \\"1\\"==\\"1")',
    );
    expect(() => az.podStateByCluster.params.parse({ clusterIds: ['x'.repeat(2000)] })).toThrow();
  });

  it('project id in every Resource Graph query so $skipToken paging works', () => {
    for (const q of az.AZURE_QUERIES.filter((x) => x.kind === 'arg')) expect(q.build({})).toMatch(/\| project id\b/);
  });

  it('demo answers for discovery match the Azure view of the fleet', () => {
    expect(
      demo(az.logAnalyticsWorkspaces, {})
        .map((w) => w.customerId)
        .sort(),
    ).toEqual(
      demoWorkspaces(fleet)
        .map((w) => w.customerId)
        .sort(),
    );
    const accounts = demo(az.monitorAccounts, {});
    expect(accounts).toHaveLength(demoMonitorAccounts(fleet).length);
    expect(accounts.every((a) => a.prometheusQueryEndpoint.startsWith('https://'))).toBe(true);
    const links = demoPrometheusLinks(fleet);
    expect(demo(az.clusterDcrAssociations, {})).toHaveLength(links.length);
    expect(
      demo(az.dcrMonitorDestinations, {}).every((d) =>
        accounts.some((a) => a.id.toLowerCase() === d.accountResourceId),
      ),
    ).toBe(true);
  });

  it('node state from KubeNodeInventory agrees with the fleet model', () => {
    const rows = demo(az.nodeStateByCluster, {});
    const monitored = fleet.clusters.filter((c) => c.monitoring.containerInsights && c.nodes.length > 0);
    expect(rows).toHaveLength(monitored.length);
    for (const c of monitored) {
      const row = rows.find((r) => r.ClusterId === c.id.toLowerCase());
      const booted = c.nodes.filter((n) => n.bootTime <= at);
      expect(row).toMatchObject({
        ClusterName: c.name,
        Nodes: booted.length,
        NodesReady: booted.filter((n) => n.ready === 'true').length,
      });
    }
  });

  it('pod state from KubePodInventory counts phases and crash loops per cluster', () => {
    const found = fleet.clusters.find(
      (x) => x.monitoring.containerInsights && x.workloads.some((w) => w.crashLooping > 0),
    );
    if (!found) throw new Error('fixture: no crash-looping cluster with Container insights');
    const c = found;
    const [row] = demo(az.podStateByCluster, { clusterIds: [c.id.toUpperCase()] });
    const sum = (f: (w: (typeof c.workloads)[number]) => number) => c.workloads.reduce((s, w) => s + f(w), 0);
    expect(row).toMatchObject({
      ClusterId: c.id.toLowerCase(),
      Running: sum((w) => w.running + w.crashLooping),
      Pending: sum((w) => w.pending),
      Failed: sum((w) => w.failed),
      Succeeded: sum((w) => w.succeeded),
      CrashLooping: sum((w) => w.crashLooping),
    });
  });

  it('warning events come from KubeEvents', () => {
    const rows = demo(az.warningEventsByCluster, {}, 'PT1H');
    expect(rows.some((r) => r.Reason === 'BackOff')).toBe(true);
    expect(rows.every((r) => r.Events >= r.Objects)).toBe(true);
  });

  it('Container insights tables use the reference schemas (column names and types)', () => {
    const monitored = fleet.clusters.filter((c) => c.monitoring.containerInsights);
    for (const table of [
      kubeNodeInventory(monitored, at),
      kubePodInventory(monitored, at),
      kubeEvents(monitored, at),
      containerLogV2(monitored, at),
    ]) {
      expect(table.rows.length).toBeGreaterThan(0);
      for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    }
    expect(containerLogV2(monitored, at).columns.find((c) => c.name === 'LogMessage')?.type).toBe('dynamic');
    expect(kubePodInventory(monitored, at).columns.find((c) => c.name === 'PodRestartCount')?.type).toBe('int');
  });
});

/**
 * podStateByCluster's KQL, step by step, over KubePodInventory rows (one row per container per
 * snapshot): tolower(ClusterId); arg_max(TimeGenerated) per container; per pod, its phase and
 * its containers in CrashLoopBackOff; per cluster, pods by phase and crash-looping containers.
 */
function podStateKql(table: {
  columns: { name: string }[];
  rows: unknown[][];
}): Map<string, { Pods: number; Running: number; CrashLooping: number }> {
  const col = (name: string) => table.columns.findIndex((c) => c.name === name);
  const latest = new Map<string, unknown[]>();
  for (const r of table.rows) {
    const key = [
      String(r[col('ClusterId')]).toLowerCase(),
      r[col('ClusterName')],
      r[col('PodUid')],
      r[col('ContainerName')],
    ].join('|');
    const seen = latest.get(key);
    if (!seen || String(r[col('TimeGenerated')]) > String(seen[col('TimeGenerated')])) latest.set(key, r);
  }
  const pods = new Map<string, { cluster: string; status: unknown; crash: number }>();
  for (const r of latest.values()) {
    const cluster = String(r[col('ClusterId')]).toLowerCase();
    const key = `${cluster}|${String(r[col('PodUid')])}`;
    const p = pods.get(key) ?? { cluster, status: r[col('PodStatus')], crash: 0 };
    if (r[col('ContainerStatusReason')] === 'CrashLoopBackOff') p.crash++;
    pods.set(key, p);
  }
  const out = new Map<string, { Pods: number; Running: number; CrashLooping: number }>();
  for (const p of pods.values()) {
    const c = out.get(p.cluster) ?? { Pods: 0, Running: 0, CrashLooping: 0 };
    c.Pods++;
    if (p.status === 'Running') c.Running++;
    c.CrashLooping += p.crash;
    out.set(p.cluster, c);
  }
  return out;
}

describe('pod state shortcut', () => {
  it('equals the summary of the KubePodInventory table the KQL reads', () => {
    const rows = demo(az.podStateByCluster, {});
    const summary = podStateKql(kubePodInventory(fleet.clusters, at));
    expect(rows.length).toBe(summary.size);
    for (const r of rows)
      expect({ Pods: r.Pods, Running: r.Running, CrashLooping: r.CrashLooping }, r.ClusterName).toEqual(
        summary.get(r.ClusterId),
      );
    expect(rows.some((r) => r.CrashLooping > 0)).toBe(true);
  });

  it('counts containers, not pods, from the latest snapshot of each container', () => {
    const c = fleet.clusters.find((x) => x.monitoring.containerInsights && x.workloads.some((w) => w.running > 0));
    if (!c) throw new Error('fixture');
    const table = kubePodInventory([c], at);
    const col = (name: string) => table.columns.findIndex((x) => x.name === name);
    const pod = table.rows.find((r) => r[col('PodStatus')] === 'Running') as unknown[];
    // The same pod, with a sidecar; both containers crash-looping now, one of them not an hour ago.
    const row = (time: number, container: string, reason: string) => {
      const r = [...pod];
      r[col('TimeGenerated')] = new Date(time * 1000).toISOString();
      r[col('ContainerName')] = `${String(pod[col('PodUid')])}/${container}`;
      r[col('ContainerStatusReason')] = reason;
      r[col('ClusterId')] = String(pod[col('ClusterId')]).toUpperCase();
      return r;
    };
    const extra = [
      row(at - 600, 'app', ''),
      row(at, 'app', 'CrashLoopBackOff'),
      row(at, 'sidecar', 'CrashLoopBackOff'),
      row(at - 1200, 'old', 'CrashLoopBackOff'),
      row(at, 'old', ''),
    ];
    const base = podStateKql({ ...table, rows: table.rows.filter((r) => r[col('PodUid')] !== pod[col('PodUid')]) }).get(
      c.id.toLowerCase(),
    );
    const withPod = podStateKql({
      ...table,
      rows: [...table.rows.filter((r) => r[col('PodUid')] !== pod[col('PodUid')]), ...extra],
    }).get(c.id.toLowerCase());
    // One more pod; two more crash-looping containers (app and sidecar now; "old" recovered).
    expect(withPod?.Pods).toBe((base?.Pods ?? 0) + 1);
    expect(withPod?.CrashLooping).toBe((base?.CrashLooping ?? 0) + 2);
    // The query groups by container and dedupes per container before it counts.
    const text = az.podStateByCluster.build({});
    expect(text).toContain('by ClusterId, ClusterName, PodUid, ContainerName');
    expect(text).toContain('CrashLooping = sum(CrashLoopingContainers)');
  });
});

describe('AzureActivity', () => {
  it('the seed query over the raw activity rows gives the demo upgrade-status answer', () => {
    const lookback = 90 * 86_400;
    const anchor = Math.floor(at / 86_400) * 86_400;
    const table = azureActivity(fleet.clusters, anchor, at - lookback, at);
    const col = (name: string) => table.columns.findIndex((c) => c.name === name);
    // where CategoryValue == "Administrative" and OperationNameValue == ... and parse_json(Properties_d).message == "Upgrade Succeeded"
    const seed = table.rows
      .filter(
        (r) =>
          r[col('CategoryValue')] === 'Administrative' &&
          r[col('OperationNameValue')] === 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/WRITE',
      )
      .filter(
        (r) => (JSON.parse(String(r[col('Properties_d')])) as { message?: string }).message === 'Upgrade Succeeded',
      )
      .map((r) => ({ TimeGenerated: r[col('TimeGenerated')], _ResourceId: r[col('_ResourceId')] }));
    const demoRows = demo(q.upgradeStatus, {}, 'P90D').map((r) => ({
      TimeGenerated: r.TimeGenerated,
      _ResourceId: r._ResourceId,
    }));
    const key = (r: { TimeGenerated: unknown; _ResourceId: unknown }) =>
      `${String(r._ResourceId)}|${String(r.TimeGenerated)}`;
    expect(seed.map(key).sort()).toEqual(demoRows.map(key).sort());
    expect(seed.length).toBeGreaterThan(10);
    expect(table.rows.length).toBeGreaterThan(seed.length);
  });
});
