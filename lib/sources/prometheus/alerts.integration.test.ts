import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts as aq } from '../../catalog';
import type { FiringPromAlertRow } from '../../catalog/queries/alerts';
import { DEMO_LATEST_MINOR, getDemoFleet } from '../../demo/fleet';
import { DEMO_SCRAPE_INTERVAL, gridAt } from '../../demo/signals';
import { exportedClusters } from '../../demo/telemetry';
import { getFleetOverview } from '../../fleet/overview';
import type { Backend } from '../backend';
import { createQueryRunner } from '../runner';
import { createPrometheusBackend } from './backend';
import { backfillDemoTelemetry, removeDir, startPrometheus, type LocalPrometheus } from './testing/local-prometheus';

/**
 * Alerts a real ruler reports firing: a real Prometheus evaluates the kubernetes-mixin alerting
 * rules over the backfilled demo telemetry and writes ALERTS; the catalog's query reads them and
 * the overview's health rollup counts them for the clusters the model says are in trouble.
 *
 * Prometheus times `for` from its own evaluations, which begin when it starts (backfilled history
 * does not count), so the rules are loaded with `for: 0s`: an alert fires on its first evaluation
 * where its expression holds. Everything else about the rules is the mixin's.
 */

const SEED = 'fleetwatch';
const CLUSTERS = 9;
const fleet = getDemoFleet(SEED, CLUSTERS);
const scraped = exportedClusters(fleet);
let dir = '';
let server: LocalPrometheus | null = null;
let real: Backend;
let now = 0;

async function firing(): Promise<FiringPromAlertRow[]> {
  const outcome = await createQueryRunner({ arg: null, logs: null, prom: real }).run(
    aq.firingPrometheusAlerts,
    { clusterLabel: 'cluster' },
    { kind: 'instant', at: Math.floor(Date.now() / 1000) },
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.rows;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fleetwatch-ruler-'));
  now = gridAt(Math.floor(Date.now() / 1000), DEMO_SCRAPE_INTERVAL);
  const backfill = await backfillDemoTelemetry({
    dir,
    seed: SEED,
    clusters: CLUSTERS,
    hours: 1,
    step: DEMO_SCRAPE_INTERVAL,
    end: now,
  });
  const mixin = await readFile(path.join(__dirname, 'testdata', 'kubernetes-mixin.rules.yaml'), 'utf8');
  const rules = path.join(dir, 'mixin-for-0s.rules.yaml');
  await writeFile(rules, mixin.replace(/^(\s+)for: .+$/gm, '$1for: 0s'));
  server = await startPrometheus({ dir, dataDir: backfill.dataDir, ruleFiles: [rules] });
  real = createPrometheusBackend({ urls: [server.url], auth: { kind: 'none' }, timeoutMs: 20_000 });
  // Groups evaluate every 5 s on their own schedules, and a new alert's ALERTS series appears a
  // few evaluations after start: wait until the firing set has stood still for over an interval.
  let seen = '';
  let since = Date.now();
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const current = JSON.stringify((await firing()).map((a) => [a.cluster, a.alertname, a.count]).sort());
    if (current !== seen) {
      seen = current;
      since = Date.now();
    } else if (current !== '[]' && Date.now() - since > 6_000) break;
  }
}, 150_000);

afterAll(async () => {
  await server?.stop();
  if (dir) await removeDir(dir);
});

describe('alerts from a real ruler', () => {
  it('KubePodCrashLooping fires once per crash-looping container, and only where the model has them', async () => {
    const rows = await firing();
    for (const c of scraped) {
      const loops = c.workloads.reduce((s, w) => s + w.crashLooping, 0);
      const crash = rows.find((r) => r.cluster === c.name && r.alertname === 'KubePodCrashLooping');
      expect(crash?.count ?? 0, c.name).toBe(loops);
      if (loops > 0) expect(crash?.severity).toBe('warning');
    }
    expect(rows.some((r) => r.alertname === 'KubePodCrashLooping')).toBe(true);
    // A node whose Ready condition is false or unknown (kubelet unreachable) is not Ready.
    for (const c of scraped) {
      const notReady = c.nodes.filter((n) => n.ready !== 'true').length;
      expect(rows.find((r) => r.cluster === c.name && r.alertname === 'KubeNodeNotReady')?.count ?? 0, c.name).toBe(
        notReady,
      );
    }
    expect(rows.some((r) => r.alertname === 'KubeNodeNotReady')).toBe(true);
  });

  it("the overview in Prometheus-only mode counts them in each cluster's health, with the rules named", async () => {
    const rows = await firing();
    const overview = await getFleetOverview(createQueryRunner({ arg: null, logs: null, prom: real }), {
      now: Math.floor(Date.now() / 1000),
      clusterLabel: 'cluster',
      latestMinor: DEMO_LATEST_MINOR,
    });
    expect(overview.notices.filter((n) => n.queryId === 'prom.fleet.firing-alerts')).toEqual([]);
    expect(overview.queries.some((q) => q.id === 'prom.fleet.firing-alerts')).toBe(true);
    for (const c of overview.clusters) {
      const mine = rows.filter((r) => r.cluster === c.name && !['none', 'info'].includes(r.severity));
      const reason = c.health.reasons.find((r) => r.signal === 'alerts');
      expect(reason?.value, c.name).toBe(mine.length ? mine.reduce((n, r) => n + r.count, 0) : undefined);
      if (mine.length) {
        expect(reason?.message, c.name).toContain(
          mine.some((r) => r.alertname === 'KubePodCrashLooping') ? 'KubePodCrashLooping' : (mine[0]?.alertname ?? ''),
        );
        expect(c.health.status).not.toBe('healthy');
      }
    }
    expect(overview.clusters.some((c) => c.health.reasons.some((r) => r.signal === 'alerts'))).toBe(true);
  });
});
