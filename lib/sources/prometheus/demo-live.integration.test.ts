import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCRAPE_INTERVAL } from '../../demo/signals';
import { loadCostInputs } from '../../fleet/cost-load';
import { buildCostData } from '../../fleet/cost-report';
import { getSnapshotPrices } from '../../fleet/prices';
import { costOptionsFor } from '../../server/cost-options';
import { DEFAULT_COST } from '../../url-state/cost';
import { createQueryRunner } from '../runner';
import { createPrometheusBackend } from './backend';
import { exportedClusters } from '../../demo/telemetry';
import {
  backfillEnd,
  DEMO_RULE_FOR_SECONDS,
  fleetWithScrapedClusters,
  startDemoScrapeServer,
  writeDemoRules,
  type DemoScrapeServer,
} from './testing/demo-scrape';
import { backfillDemoTelemetry, removeDir, startPrometheus, type LocalPrometheus } from './testing/local-prometheus';

/**
 * `npm run demo:prometheus` as it runs: history backfilled until just before now, the fleet's
 * samples scraped live from the script's endpoint, the demo's rules (`for` capped at a minute).
 * Prometheus must take the scraped samples as the same series the backfill holds, and its
 * rule manager must write ALERTS (with history reaching into the future it could not).
 */

const SEED = 'fleetwatch';
const fleet = fleetWithScrapedClusters(SEED, 1);
let dir = '';
let prometheus: LocalPrometheus | null = null;
let scrape: DemoScrapeServer | null = null;
let end = 0;

async function query(q: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const r = await fetch(`${prometheus?.url}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await r.json()) as {
    status: string;
    error?: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(`${q}: ${body.error}`);
  return body.data.result;
}

async function until<T>(what: () => Promise<T | null>, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await what();
    if (got !== null || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fleetwatch-demo-live-'));
  end = backfillEnd(Math.floor(Date.now() / 1000), DEMO_SCRAPE_INTERVAL);
  const backfill = await backfillDemoTelemetry({
    dir,
    seed: SEED,
    clusters: fleet.clusters.length,
    hours: 0.5,
    step: DEMO_SCRAPE_INTERVAL,
    end,
  });
  scrape = await startDemoScrapeServer({ fleet });
  prometheus = await startPrometheus({
    dir,
    dataDir: backfill.dataDir,
    ruleFiles: await writeDemoRules(dir),
    scrape: { target: scrape.target, intervalSeconds: DEMO_SCRAPE_INTERVAL },
  });
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await scrape?.close();
  if (dir) await removeDir(dir);
});

describe('npm run demo:prometheus: a real Prometheus scraping the demo live', () => {
  it('the backfilled history ends before now', () => {
    expect(end).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('scrapes the endpoint, and the scraped samples continue the backfilled series', async () => {
    const up = await until(
      async () => {
        const rows = await query('up{job="fleetwatch-demo"}');
        return rows.length > 0 ? rows : null;
      },
      DEMO_SCRAPE_INTERVAL * 1000 + 20_000,
    );
    expect(up?.map((r) => r.value[1])).toEqual(['1']);
    const newest = await query('max(timestamp(kube_node_info))');
    expect(Number(newest[0]?.value[1])).toBeGreaterThan(end);
    // Same series before and after: no job/instance the scrape added, no duplicates.
    const before = await query(`count(kube_node_info @ ${end})`);
    const now = await query('count(kube_node_info)');
    expect(Number(now[0]?.value[1])).toBe(Number(before[0]?.value[1]));
    const clusters = await query('count by (cluster) (kube_node_info)');
    expect(clusters.map((r) => r.metric['cluster']).sort()).toEqual(
      exportedClusters(fleet)
        .map((c) => c.name)
        .sort(),
    );
  }, 90_000);

  it('its rule manager writes ALERTS: an alert whose rule says for: 15m fires within the demo limit', async () => {
    // KubeNodeNotReady is `for: 15m` in the mixin; the cluster has a node not Ready.
    const notReady = exportedClusters(fleet).flatMap((c) =>
      c.nodes.filter((n) => n.ready !== 'true').map((n) => `${c.name}/${n.name}`),
    );
    expect(notReady.length).toBeGreaterThan(0);
    const firing = await until(
      async () => {
        const rows = await query('ALERTS{alertstate="firing", alertname="KubeNodeNotReady"}');
        return rows.length >= notReady.length ? rows : null;
      },
      (DEMO_RULE_FOR_SECONDS + 60) * 1000,
    );
    expect(firing?.map((r) => `${r.metric['cluster']}/${r.metric['node']}`).sort()).toEqual(notReady.sort());
    expect((await query('ALERTS{alertstate="firing"}')).length).toBeGreaterThanOrEqual(notReady.length);
  }, 180_000);

  it('prices the clusters from Prometheus alone: pools from kube_node_labels, cores and memory from capacity', async () => {
    const runner = createQueryRunner({
      arg: null,
      logs: null,
      prom: createPrometheusBackend({ urls: [prometheus?.url ?? ''], auth: { kind: 'none' }, timeoutMs: 20_000 }),
    });
    const loaded = await loadCostInputs(runner, {
      now: Math.floor(Date.now() / 1000),
      teamLabel: 'team',
      window: 'PT1H',
      clusterLabel: 'cluster',
    });
    expect(loaded.notices.filter((n) => n.severity !== 'info')).toEqual([]);
    const [c] = exportedClusters(fleet);
    expect(loaded.inputs.inventory.map((r) => [r.name, r.clusterKind, r.location])).toEqual([
      [c?.name, 'aks', c?.location],
    ]);
    const booted = (c?.nodes ?? []).filter((n) => n.bootTime <= Math.floor(Date.now() / 1000));
    expect(loaded.inputs.nodePools?.reduce((s, p) => s + p.Nodes, 0)).toBe(booted.length);
    const data = buildCostData(loaded.inputs, costOptionsFor(DEFAULT_COST, getSnapshotPrices()));
    expect(data.clusters.map((x) => x.source)).toEqual(['prometheus']);
    expect(data.totals.unpricedPools).toBe(0);
    // The snapshot's price of each pool's instance type in the cluster's region, for every node.
    const prices = getSnapshotPrices();
    const hourly = (c?.nodePools ?? []).reduce((s, p) => {
      const nodes = booted.filter((n) => n.pool === p.name).length;
      return s + nodes * (prices.hourly.get(`${p.vm.name}|${c?.location}`.toLowerCase()) ?? NaN);
    }, 0);
    expect(data.totals.nodeCents).toBeGreaterThan(0);
    expect(data.totals.nodeCents).toBe(Math.round(hourly * data.hours * 100));
  }, 60_000);
});
