import { mkdtemp } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../catalog';
import type { PromQuery, QueryRequest, QueryTime } from '../../catalog/types';
import { promMatrix, promVector } from '../../catalog/wire';
import { DEMO_LATEST_MINOR, getDemoFleet } from '../../demo/fleet';
import { DEMO_SCRAPE_INTERVAL, gridAt } from '../../demo/signals';
import { exportedClusters } from '../../demo/telemetry';
import { getFleetOverview } from '../../fleet/overview';
import type { ClusterSummary } from '../../fleet/types';
import { createDemoBackend } from '../demo-backend';
import { createQueryRunner } from '../runner';
import { createPrometheusBackend, type PrometheusBackend } from './backend';
import { createPrometheusClient, type PrometheusClient } from './client';
import { longestRangeSelector } from './limits';
import {
  backfillDemoTelemetry,
  PROMTOOL_BIN,
  removeDir,
  startPrometheus,
  type LocalPrometheus,
} from './testing/local-prometheus';

/**
 * Demo ⇔ real agreement: the demo fleet exported as OpenMetrics, backfilled into a real
 * Prometheus, must answer every PromQL query in the catalog as the demo backend does.
 *
 * Tolerance: relative 1e-9 (absolute 1e-9 near zero). Counts and byte sums are exact; rates
 * and averages differ only by float rounding, because the export writes every sample with
 * its exact double value and the demo ports Prometheus' extrapolatedRate. Summation order
 * (Prometheus adds series in its own order) moves the last bits, nothing more.
 */
const TOLERANCE = 1e-9;
const SEED = 'fleetwatch';
// The first 9 clusters hold a crash-looping k3s cluster, a crash-looping AKS cluster, an AKS
// cluster with a NotReady node, healthy ones, and clusters Prometheus never sees.
const CLUSTERS = 9;
const HOURS = 2;
const STEP = DEMO_SCRAPE_INTERVAL;
const RULE_FILES = ['kubernetes-mixin.rules.yaml', 'azure-recommended-alerts.rules.yaml'].map((f) =>
  path.join(__dirname, 'testdata', f),
);

let dir = '';
let server: LocalPrometheus | null = null;
let real: PrometheusBackend;
let client: PrometheusClient;
let end = 0;
const demo = createDemoBackend({ seed: SEED, clusters: CLUSTERS });
const suiteStarted = performance.now();
/** The largest relative difference seen between real and demo values, reported at the end. */
let worstDifference = 0;
let comparedValues = 0;
/** Per query id: values compared and the largest relative difference, so no query agrees vacuously. */
const perQuery = new Map<string, { values: number; worst: number }>();

/**
 * Queries whose answer a rule evaluator writes (ALERTS), not the exported telemetry: the demo
 * has no ruler, so both sides would agree on nothing. alerts.integration.test.ts runs them
 * against a real Prometheus that evaluates rules.
 */
const ANSWERED_BY_A_RULER = ['prom.fleet.firing-alerts'];

// The catalog erases parameter types; every prom query takes the fleet parameters.
const PROM_QUERIES = [...CATALOG.values()].filter(
  (q) => q.kind === 'prom' && !ANSWERED_BY_A_RULER.includes(q.id),
) as unknown as PromQuery<unknown, unknown>[];

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

const key = (labels: Record<string, string>): string =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

// Cluster-page queries run for every scraped cluster: one with crash loops (and OOM kills), one
// with a NotReady node, one large enough to be throttled, one with StatefulSets, healthy ones.
const PAGE_CLUSTERS = exportedClusters(getDemoFleet(SEED, CLUSTERS)).map((c) => c.name);

/** Fleet queries strip the unknown `cluster` key and run once; cluster queries run per cluster. */
function requestsFor(query: PromQuery<unknown, unknown>, time: QueryTime): QueryRequest[] {
  const perCluster = query.id.startsWith('prom.cluster.');
  return (perCluster ? PAGE_CLUSTERS : [PAGE_CLUSTERS[0] ?? '']).map((cluster) => {
    const params = query.params.parse({ clusterLabel: 'cluster', cluster });
    return { query, params, text: query.build(params), time };
  });
}

/** Compares two vectors by label set; returns how many values it compared. */
function compareVectors(id: string, realWire: unknown, demoWire: unknown): number {
  const r = new Map(promVector(realWire).map((s) => [key(s.labels), s.value]));
  const d = new Map(promVector(demoWire).map((s) => [key(s.labels), s.value]));
  expect([...r.keys()].sort(), `${id}: series`).toEqual([...d.keys()].sort());
  for (const [k, v] of d) record(id, `${id} ${k}`, r.get(k) as number, v);
  return d.size;
}

function record(id: string, what: string, realValue: number, demoValue: number): void {
  expect(close(realValue, demoValue), `${what}: real ${realValue} vs demo ${demoValue}`).toBe(true);
  // NaN agrees with NaN (histogram_quantile without observations) but has no size.
  const difference = Number.isNaN(demoValue) ? 0 : Math.abs(realValue - demoValue) / Math.max(1, Math.abs(demoValue));
  worstDifference = Math.max(worstDifference, difference);
  comparedValues++;
  const tally = perQuery.get(id.split(' ')[0] ?? id) ?? { values: 0, worst: 0 };
  tally.values++;
  tally.worst = Math.max(tally.worst, difference);
  perQuery.set(id.split(' ')[0] ?? id, tally);
}

beforeAll(async () => {
  for (const bin of [PROMTOOL_BIN]) {
    const r = spawnSync(bin, ['--version']);
    if (r.status !== 0) throw new Error(`${bin} is missing: the test command installs the Debian prometheus package`);
  }
  dir = await mkdtemp(path.join(tmpdir(), 'fleetwatch-prom-'));
  // Samples end on the grid just before now, so "now" queries see them within the lookback.
  end = gridAt(Math.floor(Date.now() / 1000), STEP);
  const backfill = await backfillDemoTelemetry({ dir, seed: SEED, clusters: CLUSTERS, hours: HOURS, step: STEP, end });
  console.log(
    `backfilled ${backfill.series} series, ${backfill.samples} samples in ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`,
  );
  server = await startPrometheus({ dir, dataDir: backfill.dataDir, ruleFiles: RULE_FILES });
  real = createPrometheusBackend({ urls: [server.url], auth: { kind: 'none' }, timeoutMs: 20_000 });
  client = createPrometheusClient({ url: server.url, auth: { kind: 'none' }, timeoutMs: 20_000 });
}, 150_000);

afterAll(async () => {
  await server?.stop();
  if (dir) await removeDir(dir);
  console.log(
    `compared ${comparedValues} values; largest relative difference ${worstDifference.toExponential(2)} (tolerance ${TOLERANCE})`,
  );
  console.log(
    [...perQuery]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, t]) => `  ${id}: ${t.values} values, largest relative difference ${t.worst.toExponential(2)}`)
      .join('\n'),
  );
  console.log(`agreement suite took ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
}, 30_000);

describe('demo ⇔ real Prometheus agreement', () => {
  it('the rule files pass promtool check rules', () => {
    const r = spawnSync(PROMTOOL_BIN, ['check', 'rules', ...RULE_FILES], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('the export speaks Azure managed Prometheus’s labels: detected as such, no node label on node-exporter or kubelet series', async () => {
    expect(await real.profileOf(0)).toBe('azure-managed-prometheus');
    for (const selector of [
      'node_cpu_seconds_total{node!=""}',
      'kubelet_running_pods{node!=""}',
      'container_cpu_usage_seconds_total{node!=""}',
    ]) {
      expect(promVector((await client.query(`count(${selector})`, end)).body), selector).toEqual([]);
    }
    expect(
      promVector((await client.query('count by (job) (node_cpu_seconds_total)', end)).body).map((s) => s.labels['job']),
    ).toEqual(['node']);
  });

  it('covers every PromQL query in the catalog', () => {
    expect(PAGE_CLUSTERS.length).toBeGreaterThanOrEqual(4);
    const catalogProm = [...CATALOG.values()].filter((q) => q.kind === 'prom').map((q) => q.id);
    expect(catalogProm.sort()).toEqual([...PROM_QUERIES.map((q) => q.id), ...ANSWERED_BY_A_RULER].sort());
    expect(PROM_QUERIES.map((q) => q.id).sort()).toEqual([
      'prom.cluster.apiserver-429-5xx',
      'prom.cluster.apiserver-inflight',
      'prom.cluster.apiserver-latency',
      'prom.cluster.apiserver-latency-percentiles',
      'prom.cluster.apiserver-requests',
      'prom.cluster.apiserver-requests-by-resource',
      'prom.cluster.app-error-ratio',
      'prom.cluster.app-latency',
      'prom.cluster.app-request-rate',
      'prom.cluster.crashlooping-containers',
      'prom.cluster.daemonset-pods',
      'prom.cluster.deployment-replicas',
      'prom.cluster.ingress-error-ratio',
      'prom.cluster.ingress-request-rate',
      'prom.cluster.kubelet-pleg-p99',
      'prom.cluster.kubelet-pod-sync',
      'prom.cluster.namespace-cpu',
      'prom.cluster.namespace-cpu-requests-limits',
      'prom.cluster.namespace-memory',
      'prom.cluster.namespace-memory-requests-limits',
      'prom.cluster.node-allocatable',
      'prom.cluster.node-conditions',
      'prom.cluster.node-cpu',
      'prom.cluster.node-filesystem',
      'prom.cluster.node-info',
      'prom.cluster.node-last-scrape',
      'prom.cluster.node-memory',
      'prom.cluster.node-pod-capacity',
      'prom.cluster.node-pool',
      'prom.cluster.node-pressure',
      'prom.cluster.node-ready',
      'prom.cluster.node-ready-history',
      'prom.cluster.node-running-pods',
      'prom.cluster.node-taints',
      'prom.cluster.node-unschedulable',
      'prom.cluster.oomkilled-containers',
      'prom.cluster.pod-phases',
      'prom.cluster.restarts-by-namespace',
      'prom.cluster.statefulset-replicas',
      'prom.cost.node-pools',
      'prom.cost.pod-shapes',
      'prom.fleet.container-restarts',
      'prom.fleet.cpu-utilization',
      'prom.fleet.crashlooping-containers',
      'prom.fleet.inventory',
      'prom.fleet.memory-utilization',
      'prom.fleet.node-readiness',
      'prom.fleet.pod-phases',
      'prom.fleet.workload-availability',
    ]);
  });

  it.each(PROM_QUERIES.map((q) => [q.id, q] as const))(
    '%s: instant queries agree, on and off the scrape grid',
    async (id, query) => {
      let compared = 0;
      // At the last sample, 7 s after a sample, and 17 minutes back.
      for (const at of [end, end - 600 + 7, end - 17 * 60]) {
        for (const request of requestsFor(query, { kind: 'instant', at })) {
          const [r, d] = await Promise.all([real.run(request), demo.run(request)]);
          expect(r.notices).toEqual([]);
          compared += compareVectors(`${id} @${at}`, r.wire, d.wire);
          // The parser reads both the same way.
          expect(query.parse(r.wire, request.params).length).toBe(query.parse(d.wire, request.params).length);
        }
      }
      expect(compared, `${id}: the demo answers something to compare`).toBeGreaterThan(0);
    },
  );

  it.each(PROM_QUERIES.map((q) => [q.id, q] as const))('%s: range queries agree', async (id, query) => {
    let compared = 0;
    for (const request of requestsFor(query, { kind: 'range', start: end - 40 * 60, end, step: 60 })) {
      const [r, d] = await Promise.all([real.run(request), demo.run(request)]);
      const rs = new Map(promMatrix(r.wire).map((s) => [key(s.labels), s.points]));
      const ds = new Map(promMatrix(d.wire).map((s) => [key(s.labels), s.points]));
      expect([...rs.keys()].sort()).toEqual([...ds.keys()].sort());
      for (const [k, points] of ds) {
        const rp = rs.get(k) ?? [];
        expect(
          rp.map(([t]) => t),
          `${id} ${k} timestamps`,
        ).toEqual(points.map(([t]) => t));
        points.forEach(([t, v], i) => record(id, `${id} ${k} @${t}`, rp[i]?.[1] ?? NaN, v));
        compared += points.length;
      }
    }
    expect(compared, `${id}: the demo answers something to compare`).toBeGreaterThan(0);
  });

  it('holds the cAdvisor, kubelet and API server series too, with plausible values', async () => {
    const values = async (text: string): Promise<number[]> =>
      promVector((await client.query(text, end)).body).map((s) => s.value);
    const scraped = exportedClusters(getDemoFleet(SEED, CLUSTERS)).length;
    const p99 = await values(
      'histogram_quantile(0.99, sum by (cluster, le) (rate(apiserver_request_duration_seconds_bucket{verb="GET"}[5m])))',
    );
    expect(p99).toHaveLength(scraped);
    expect(p99.every((v) => v > 0.005 && v < 0.2)).toBe(true);
    const cpu = await values('sum by (cluster) (rate(container_cpu_usage_seconds_total{container!=""}[5m]))');
    expect(cpu).toHaveLength(scraped);
    expect(cpu.every((v) => v > 0)).toBe(true);
    const rps = await values('sum by (cluster) (rate(apiserver_request_total[5m]))');
    expect(rps.every((v) => v > 10)).toBe(true);
  });

  it('the fleet overview in Prometheus-only mode matches demo mode', async () => {
    const options = { now: end, clusterLabel: 'cluster', latestMinor: DEMO_LATEST_MINOR };
    const [live, demoOverview] = await Promise.all([
      getFleetOverview(createQueryRunner({ arg: null, logs: null, prom: real }), options),
      getFleetOverview(createQueryRunner({ arg: demo, logs: demo, prom: demo }), options),
    ]);
    expect(live.notices.filter((n) => n.severity !== 'info')).toEqual([]);
    expect(live.queries[0]?.id).toBe('prom.fleet.inventory');
    const scraped = new Set(exportedClusters(getDemoFleet(SEED, CLUSTERS)).map((c) => c.name));
    const expected = demoOverview.clusters.filter((c) => scraped.has(c.name));
    expect(live.clusters.map((c) => c.name).sort()).toEqual(expected.map((c) => c.name).sort());
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const byName = new Map<string, ClusterSummary>(live.clusters.map((c) => [c.name, c]));
    for (const want of expected) {
      const got = byName.get(want.name) as ClusterSummary;
      // Fired alerts come from Azure (Resource Graph), which Prometheus-only mode does not have.
      const fromMetrics = want.health.reasons.filter((r) => r.signal !== 'alerts');
      const rank = ['healthy', 'unknown', 'warning', 'critical'];
      const status = fromMetrics.reduce(
        (w, r) => (rank.indexOf(r.severity) > rank.indexOf(w) ? r.severity : w),
        'healthy',
      );
      expect(got.health.status, want.name).toBe(status);
      expect(
        got.health.reasons.map((r) => r.signal),
        want.name,
      ).toEqual(fromMetrics.map((r) => r.signal));
      expect(got.kubernetesVersion, want.name).toBe(want.kubernetesVersion);
      expect(got.versionSupport, want.name).toBe(want.versionSupport);
      expect(got.nodes, want.name).toEqual(want.nodes);
      expect(got.pods, want.name).toEqual(want.pods);
      expect(got.containers, want.name).toEqual(want.containers);
      expect(close(got.cpu.utilization ?? NaN, want.cpu.utilization ?? NaN), `${want.name} cpu`).toBe(true);
      expect(close(got.memory.utilization ?? NaN, want.memory.utilization ?? NaN), `${want.name} memory`).toBe(true);
      // The export's provider ids and kubelet versions reveal these; OpenShift nodes do not.
      if (want.distribution !== 'openshift') expect(got.distribution, want.name).toBe(want.distribution);
      expect(got.lastUpgrade).toBeNull();
    }
  });
});

/**
 * Real alert rules over the backfilled history. Prometheus evaluates rules only at wall-clock
 * time, so a `for: 15m` rule loaded now is merely pending for 15 minutes. Instead the test
 * replays rule evaluation: the rule's expression (as Prometheus loaded it, from /api/v1/rules)
 * runs as a range query over the `for` window at a 1-minute evaluation step; an alert fires
 * for a label set present at every step — exactly what `for` means. Rules whose window plus
 * range selectors reach before the backfilled history cannot be judged and are skipped.
 */
describe('kubernetes-mixin and Azure recommended alert rules on the demo data', () => {
  it('fire for crash-looping pods and NotReady nodes, and not on healthy clusters', async () => {
    const groups = (await client.rules('alert')).data;
    const rules = groups.flatMap((g) => g.rules).flatMap((r) => (r.type === 'alerting' ? [r] : []));
    expect(rules.length).toBeGreaterThan(60);
    const historyStart = end - HOURS * 3600;
    const firing = new Map<string, Set<string>>();
    const skipped: string[] = [];
    const evaluation = 60;
    for (const rule of rules) {
      const start = end - Math.ceil(rule.duration / evaluation) * evaluation;
      if (start - longestRangeSelector(rule.query) < historyStart) {
        skipped.push(rule.name);
        continue;
      }
      const steps = (end - start) / evaluation + 1;
      const answer = await client.queryRange(rule.query, { start, end, step: evaluation });
      for (const series of promMatrix(answer.body)) {
        if (series.points.length !== steps) continue;
        const cluster = series.labels['cluster'] ?? '(no cluster label)';
        const names = firing.get(cluster) ?? new Set<string>();
        names.add(rule.name);
        firing.set(cluster, names);
      }
    }
    console.log(
      `alert rules: ${rules.length} loaded, ${rules.length - skipped.length} judged, skipped (need more history): ${[...new Set(skipped)].join(', ') || 'none'}`,
    );
    console.log(`firing: ${[...firing].map(([c, n]) => `${c}: ${[...n].sort().join(', ')}`).join(' | ')}`);

    const overview = await getFleetOverview(createQueryRunner({ arg: demo, logs: demo, prom: demo }), {
      now: end,
      clusterLabel: 'cluster',
      latestMinor: DEMO_LATEST_MINOR,
    });
    const scraped = overview.clusters.filter((c) => c.monitoring.metrics);
    const crashLooping = scraped.filter((c) => (c.containers.crashLooping ?? 0) > 0);
    const notReady = scraped.filter((c) => c.nodes.ready !== null && c.nodes.ready < c.nodes.total);
    const healthy = scraped.filter((c) => c.health.status === 'healthy');
    expect(crashLooping.length).toBeGreaterThan(0);
    expect(notReady.length).toBeGreaterThan(0);
    expect(healthy.length).toBeGreaterThan(0);
    for (const c of crashLooping) {
      expect([...(firing.get(c.name) ?? [])], c.name).toEqual(
        expect.arrayContaining(['KubePodCrashLooping', 'KubeContainerWaiting']),
      );
    }
    for (const c of notReady) expect([...(firing.get(c.name) ?? [])], c.name).toContain('KubeNodeNotReady');
    for (const c of healthy) expect([...(firing.get(c.name) ?? [])], `${c.name} is healthy`).toEqual([]);
    for (const c of scraped) {
      if (!crashLooping.includes(c))
        expect([...(firing.get(c.name) ?? [])], c.name).not.toContain('KubePodCrashLooping');
      if (!notReady.includes(c)) expect([...(firing.get(c.name) ?? [])], c.name).not.toContain('KubeNodeNotReady');
    }

    // Prometheus' own rule engine agrees at wall-clock time: the same alerts are active (pending for their `for`).
    const deadline = Date.now() + 20_000;
    let active: Array<{ name: string; cluster: string }> = [];
    while (Date.now() < deadline) {
      active = (await client.alerts()).data.map((a) => ({
        name: a.labels['alertname'] ?? '',
        cluster: a.labels['cluster'] ?? '',
      }));
      const has = (name: string, cluster: string): boolean =>
        active.some((a) => a.name === name && a.cluster === cluster);
      if (
        crashLooping.every((c) => has('KubePodCrashLooping', c.name)) &&
        notReady.every((c) => has('KubeNodeNotReady', c.name))
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const c of crashLooping)
      expect(active, c.name).toContainEqual({ name: 'KubePodCrashLooping', cluster: c.name });
    for (const c of notReady) expect(active, c.name).toContainEqual({ name: 'KubeNodeNotReady', cluster: c.name });
  }, 60_000);
});
