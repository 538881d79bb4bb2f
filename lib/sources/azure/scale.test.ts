import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleet as q } from '../../catalog';
import { demoWorkspaces, demoPrometheusLinks } from '../../demo/azure-workspaces';
import { getDemoFleet } from '../../demo/fleet';
import { createAzureBackends } from '../../server/azure-backends';
import type { AzureConfig } from '../../server/azure-config';
import { localAzureConfig, localCredential, startDemoCloud } from '../../testing/azure/fixtures';
import type { LocalCloud } from '../../testing/azure/local-cloud';
import { createQueryRunner } from '../runner';

/**
 * The cost of fleet-wide questions for 2,000 clusters served by the local protocol servers:
 * one Resource Graph request per page of 1,000 rows and one Log Analytics request per
 * workspace (or one in all with cross-workspace queries), never one per cluster.
 */

const SIZE = 2000;
const fleet = getDemoFleet('fleetwatch', SIZE);
const instant = { kind: 'instant', at: 1_764_000_000 } as const;
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startDemoCloud(fleet, { now: () => instant.at });
});
afterAll(() => cloud.close());

const config = (extra: Partial<AzureConfig> = {}): AzureConfig =>
  localAzureConfig(cloud, { logsServerTimeoutSeconds: 60, resourceGraphTimeoutMs: 30_000, ...extra });

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; arg: number; logs: number }> {
  const before = { arg: cloud.count('arg'), logs: cloud.count('logs') };
  const started = performance.now();
  const value = await fn();
  return {
    value,
    ms: Math.round(performance.now() - started),
    arg: cloud.count('arg') - before.arg,
    logs: cloud.count('logs') - before.logs,
  };
}

describe(`a ${SIZE.toLocaleString('en')}-cluster fleet over HTTPS`, () => {
  it('costs one Resource Graph request per 1,000 clusters and one Log Analytics request per workspace', async () => {
    const b = createAzureBackends(config(), { credential: localCredential(cloud), ca: cloud.ca });
    const runner = createQueryRunner({ arg: b.arg, logs: b.logs, prom: null });
    const workspaces = demoWorkspaces(fleet).length;

    const inventory = await timed(() => runner.run(q.fleetInventory, {}, instant));
    expect(inventory.value.ok && inventory.value.rows.length).toBe(SIZE);
    expect(inventory.arg).toBe(2);

    const discovery = await timed(() => b.discovery.get());
    expect(discovery.value.clusters).toHaveLength(SIZE);
    expect(discovery.value.workspaceIds).toHaveLength(workspaces);
    const links = demoPrometheusLinks(fleet).length;
    const arcWithInsights = fleet.clusters.filter(
      (c) => c.provider === 'arc' && c.monitoring.workspaceResourceId,
    ).length;
    const pages = (n: number) => Math.max(1, Math.ceil(n / 1000));
    // inventory + workspaces + accounts + associations + rules + Arc extensions, each paged.
    expect(discovery.arg).toBe(pages(SIZE) + 1 + 1 + pages(links) + pages(links) + pages(arcWithInsights));

    const upgrades = await timed(() => runner.run(q.lastUpgradeByCluster, {}, instant));
    if (!upgrades.value.ok) throw new Error(upgrades.value.error.message);
    expect(upgrades.logs).toBe(workspaces);
    expect(upgrades.arg).toBe(0); // discovery is cached

    const grouped: Record<number, { ms: number; logs: number }> = {};
    for (const perRequest of [10, 100]) {
      const cross = createAzureBackends(config({ workspacesPerRequest: perRequest }), {
        credential: localCredential(cloud),
        ca: cloud.ca,
      });
      await cross.discovery.get();
      const run = await timed(() =>
        createQueryRunner({ arg: cross.arg, logs: cross.logs, prom: null }).run(q.lastUpgradeByCluster, {}, instant),
      );
      if (!run.value.ok) throw new Error(run.value.error.message);
      expect(run.logs).toBe(Math.ceil(workspaces / perRequest));
      expect(run.value.rows).toHaveLength(upgrades.value.rows.length);
      grouped[perRequest] = { ms: run.ms, logs: run.logs };
    }

    console.info(
      [
        `${SIZE} clusters, ${workspaces} Log Analytics workspaces, ${links} managed-Prometheus links (local HTTPS servers, real SDKs):`,
        `  Resource Graph inventory: ${inventory.arg} requests, ${inventory.ms} ms (including sign-in)`,
        `  discovery: ${discovery.arg} Resource Graph requests, ${discovery.ms} ms`,
        `  last upgrade per cluster, one request per workspace: ${upgrades.logs} requests, ${upgrades.ms} ms, ${upgrades.value.rows.length} rows`,
        `  last upgrade per cluster, 10 workspaces per request (default): ${grouped[10]?.logs} requests, ${grouped[10]?.ms} ms`,
        `  last upgrade per cluster, 100 workspaces per request: ${grouped[100]?.logs} request, ${grouped[100]?.ms} ms`,
      ].join('\n'),
    );
  }, 60_000);
});
