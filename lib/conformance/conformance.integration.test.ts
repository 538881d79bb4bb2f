import { mkdtemp, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appErrorRatio,
  CLUSTER_PROM_QUERIES,
  clusterSelector,
  ingressRequestRate,
  nodeCpu,
  nodeUnschedulable,
} from '../catalog/queries/cluster-prom';
import { FLEET_PROM_QUERIES } from '../catalog/queries/fleet';
import { promFleetInventory } from '../catalog/queries/prom-inventory';
import type { PromQuery, QueryTime } from '../catalog/types';
import { CLUSTER_PANELS, type PanelSpec } from '../fleet/cluster/panels';
import type { NodeRow } from '../fleet/cluster/build';
import type { NodeDetails } from '../fleet/cluster/node-details';
import { resolveRange } from '../fleet/cluster/time-range';
import { getFleetOverview } from '../fleet/overview';
import { loadPanel } from '../server/panels';
import type { ClusterContext } from '../server/request-context';
import { DEFAULT_VIEW } from '../url-state/cluster';
import { createPrometheusBackend, type PrometheusBackend } from '../sources/prometheus/backend';
import { PROMETHEUS_BIN, PROMTOOL_BIN } from '../sources/prometheus/testing/local-prometheus';
import { VICTORIA_METRICS_BIN } from '../sources/prometheus/testing/local-victoria-metrics';
import { createQueryRunner } from '../sources/runner';
import { CORPUS_DIR, corpusAvailable, loadCorpus, type Corpus } from './corpus';
import { bucketBounds, startEnginePair, type EnginePair } from './engines';
import {
  clusterExpectations,
  fleetExpectations,
  labelKey,
  overviewExpectation,
  type Expected,
  type Labels,
} from './expectations';
import { NODE_OS, nodeConditions, PROFILES, type ClusterModel, type Profile } from './scenario';

/**
 * Conformance on real exporter output: the corpus in ../shared/reference/exporters assembled
 * into two clusters per label profile, backfilled into a real Prometheus and imported into a
 * real VictoriaMetrics (one pair per profile: a real store holds one stack's conventions), and
 * every cluster-page and fleet query compared with what the scenario says it must answer.
 *
 * Tolerance, relative (absolute near zero). Counters grow linearly at constant rates and every
 * 5-minute and 1-hour window is fully covered by 30 s samples, so Prometheus' extrapolated rate()
 * and VictoriaMetrics' rate() (which does not extrapolate) both give the exact rate.
 * - Prometheus 1e-9: it keeps every float64 as written; what is left is rounding of counter
 *   values around 1e4 (about 1e-12 relative on a rate) and summation order.
 * - VictoriaMetrics 1e-7: it stores a sample as a decimal mantissa and exponent, about 12
 *   significant digits (Debian's 1.79 reads 8123.456789012345 back as 8123.45678901), so a
 *   counter near 1e4 carries ~1e-8 of noise; histogram_quantile divides
 *   the rate of one thin bucket by another and lifts that to a few 1e-9 (3.4e-9 seen). 1e-7 keeps
 *   two orders of margin and still fails any real difference (the smallest expected value that
 *   differs between panels, 0.2/s of 429s against ~30/s of requests, is far above it).
 */
const TOLERANCE: Record<'prometheus' | 'victoria-metrics', number> = { prometheus: 1e-9, 'victoria-metrics': 1e-7 };
const STEP = 30;
const HOURS = 2;
/** Range panels are asked for the last hour at this step: every window inside the data. */
const RANGE_STEP = 300;
const LATEST_MINOR = 34;
const ENGINES = ['prometheus', 'victoria-metrics'] as const;
type Engine = (typeof ENGINES)[number];

const AVAILABLE = corpusAvailable();
if (!AVAILABLE)
  console.warn(
    `conformance: the exporter corpus is not at ${CORPUS_DIR} (a checkout without ../shared); skipping the conformance suite`,
  );

const close = (a: number, b: number, tolerance = TOLERANCE.prometheus): boolean =>
  Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
const fmt = (labels: Labels): string =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;

type AnyPromQuery = PromQuery<Record<string, unknown>, unknown>;
const CLUSTER_QUERIES = CLUSTER_PROM_QUERIES as unknown as readonly AnyPromQuery[];
const FLEET_QUERIES = [...FLEET_PROM_QUERIES, promFleetInventory] as unknown as readonly AnyPromQuery[];

let corpus: Corpus;
let root = '';
let end = 0;
const pairs = new Map<Profile, EnginePair>();
const suiteStarted = performance.now();
/** profile|engine|query|cluster|labels|t → value, for the engine-against-engine comparison. */
const answers = new Map<string, number>();
let compared = 0;

function engineUrl(pair: EnginePair, engine: Engine): string {
  return engine === 'prometheus' ? pair.prometheus.url : pair.victoria.url;
}

/** Detection asks at the samples' end, so a slow start (loaded CI) cannot push them out of the 5-minute lookback. */
const detectionClock = (): number => end * 1000;

function backendFor(pair: EnginePair, engine: Engine, forced: boolean): PrometheusBackend {
  return createPrometheusBackend({
    urls: [engineUrl(pair, engine)],
    auth: { kind: 'none' },
    timeoutMs: 20_000,
    labelProfile: forced ? pair.profile : undefined,
    now: detectionClock,
  });
}

function timeOf(query: AnyPromQuery): QueryTime {
  return query.mode === 'range'
    ? { kind: 'range', start: end - 3600, end, step: RANGE_STEP }
    : { kind: 'instant', at: end };
}

/** A parsed row as labels → value(s): chart rows keep every point, table rows one value. */
function rowValues(row: unknown): { labels: Labels; points: Array<[number, number]> } {
  const r = row as Record<string, unknown>;
  if (Array.isArray(r['points']))
    return { labels: r['labels'] as Labels, points: r['points'] as Array<[number, number]> };
  if (typeof r['labels'] === 'object') return { labels: r['labels'] as Labels, points: [[end, r['value'] as number]] };
  // Fleet rows: the number is `count`, `value` or `nodes`; the rest names the row.
  const { count, value, nodes, ...labels } = r as Record<string, string | number>;
  return { labels: labels as Labels, points: [[end, Number(count ?? value ?? nodes)]] };
}

/** Compares one query's rows with the expectation; returns readable differences. */
function diff(
  where: string,
  expected: Expected,
  rows: readonly unknown[],
  time: QueryTime,
  tolerance: number,
  record: (labels: Labels, t: number, v: number) => void,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const wantPoints = time.kind === 'range' ? Math.floor((time.end - time.start) / time.step) + 1 : 1;
  for (const row of rows) {
    const { labels, points } = rowValues(row);
    const k = labelKey(labels);
    const want = expected.get(k);
    if (!want) {
      out.push(
        `${where} ${fmt(labels)}: unexpected row = ${points
          .map(([, v]) => v)
          .slice(0, 3)
          .join(', ')}`,
      );
      continue;
    }
    if (seen.has(k)) out.push(`${where} ${fmt(labels)}: answered twice`);
    seen.add(k);
    if (points.length !== wantPoints)
      out.push(`${where} ${fmt(labels)}: ${points.length} points, expected ${wantPoints}`);
    for (const [t, v] of points) {
      record(labels, t, v);
      if (!close(v, want.value, tolerance)) out.push(`${where} ${fmt(labels)} @${t}: got ${v}, expected ${want.value}`);
    }
  }
  for (const [k, want] of expected)
    if (!seen.has(k)) out.push(`${where} ${fmt(want.labels)}: missing, expected ${want.value}`);
  return out;
}

interface Check {
  /** Names the run in every difference: profile × engine, or the mixed set-up. */
  where: string;
  backend: PrometheusBackend;
  clusters: readonly ClusterModel[];
  tolerance: number;
  /** Keeps answers for the engine comparison under this key prefix. */
  keep?: string;
}

/** Counts a compared value and keeps it for the engine comparison; mutation runs keep nothing. */
function keep(check: Check, key: string, value: number): void {
  if (!check.keep) return;
  compared++;
  answers.set(`${check.keep}|${key}`, value);
}

async function checkClusterQueries(check: Check, queries = CLUSTER_QUERIES): Promise<string[]> {
  const runner = createQueryRunner({ arg: null, logs: null, prom: check.backend });
  const bounds = bucketBounds(corpus).http;
  const problems: string[] = [];
  for (const c of check.clusters) {
    const expectations = clusterExpectations(c, bounds);
    await Promise.all(
      queries.map(async (q) => {
        const where = `${check.where} ${q.id} cluster=${c.name}`;
        const expected = expectations[q.id];
        if (!expected) return void problems.push(`${where}: no expectation for ${q.id}`);
        const time = timeOf(q);
        const outcome = await runner.run(q, { clusterLabel: 'cluster', cluster: c.name }, time);
        if (!outcome.ok) return void problems.push(`${where}: ${outcome.error.message}\n    ${outcome.executed.text}`);
        const found = diff(where, expected, outcome.rows, time, check.tolerance, (labels, t, v) =>
          keep(check, `${q.id}|${c.name}|${labelKey(labels)}|${t}`, v),
        );
        if (found.length) problems.push(...found, `    query: ${outcome.executed.text.replace(/\n/g, '\n    ')}`);
      }),
    );
  }
  return problems;
}

async function checkFleetQueries(check: Check): Promise<string[]> {
  const runner = createQueryRunner({ arg: null, logs: null, prom: check.backend });
  const expectations = fleetExpectations(check.clusters);
  const problems: string[] = [];
  for (const q of FLEET_QUERIES) {
    const where = `${check.where} ${q.id}`;
    const expected = expectations[q.id];
    if (!expected) {
      problems.push(`${where}: no expectation for ${q.id}`);
      continue;
    }
    const time: QueryTime = { kind: 'instant', at: end };
    const outcome = await runner.run(q, { clusterLabel: 'cluster' }, time);
    if (!outcome.ok) {
      problems.push(`${where}: ${outcome.error.message}`);
      continue;
    }
    problems.push(
      ...diff(where, expected, outcome.rows, time, check.tolerance, (labels, t, v) =>
        keep(check, `fleet|${q.id}|${labelKey(labels)}|${t}`, v),
      ),
    );
  }
  return problems;
}

/** The Prometheus-only overview's rows against the scenario's, by the README's health rules. */
async function checkOverview(check: Check): Promise<string[]> {
  const overview = await getFleetOverview(createQueryRunner({ arg: null, logs: null, prom: check.backend }), {
    now: end,
    clusterLabel: 'cluster',
    latestMinor: LATEST_MINOR,
  });
  const problems: string[] = [];
  const got = new Map(overview.clusters.map((c) => [c.name, c]));
  const want = check.clusters.map((c) => overviewExpectation(c, LATEST_MINOR));
  const extra = overview.clusters.map((c) => c.name).filter((n) => !want.some((w) => w.name === n));
  if (extra.length) problems.push(`${check.where} overview: unexpected clusters ${extra.join(', ')}`);
  for (const w of want) {
    const g = got.get(w.name);
    if (!g) {
      problems.push(`${check.where} overview: ${w.name} missing`);
      continue;
    }
    const row = {
      name: g.name,
      nodes: g.nodes,
      pods: g.pods,
      containers: g.containers,
      health: g.health.status,
      reasons: g.health.reasons.map((r) => r.signal).sort(),
    };
    const { cpu, memory, ...rest } = w;
    if (JSON.stringify(row) !== JSON.stringify(rest))
      problems.push(`${check.where} overview ${w.name}: got ${JSON.stringify(row)}, expected ${JSON.stringify(rest)}`);
    if (!close(g.cpu.utilization ?? Number.NaN, cpu, check.tolerance))
      problems.push(`${check.where} overview ${w.name}: CPU ${g.cpu.utilization}, expected ${cpu}`);
    if (!close(g.memory.utilization ?? Number.NaN, memory, check.tolerance))
      problems.push(`${check.where} overview ${w.name}: memory ${g.memory.utilization}, expected ${memory}`);
  }
  return problems;
}

/** Panels whose rows leave out zero values, so all-zero answers are their empty state. */
const ZERO_IS_EMPTY = new Set(['restarts-by-namespace']);

/** The catalog queries a panel asks. */
const panelQueries = (spec: PanelSpec): AnyPromQuery[] =>
  (spec.view === 'table'
    ? Object.values(spec.sources).map((s) => s.query)
    : [spec.source.query]) as unknown as AnyPromQuery[];

/**
 * Every Prometheus panel of every cluster page through the one panel loader, over the default
 * range (the last hour at its own step, off the samples' grid): no panel may fail, a panel is
 * empty exactly where the scenario has nothing for it, and the node table names every node with
 * its readiness, allocatable CPU and memory and running pods.
 */
async function checkPanels(check: Check): Promise<string[]> {
  const runner = createQueryRunner({ arg: null, logs: null, prom: check.backend });
  const overview = await getFleetOverview(runner, { now: end, clusterLabel: 'cluster', latestMinor: LATEST_MINOR });
  const bounds = bucketBounds(corpus).http;
  const specs = CLUSTER_PANELS.filter(
    (spec) => spec.page !== 'summary' && panelQueries(spec).every((q) => q.kind === 'prom'),
  );
  const problems: string[] = [];
  for (const c of check.clusters) {
    const summary = overview.clusters.find((x) => x.name === c.name);
    if (!summary) {
      problems.push(`${check.where} panels: ${c.name} is not in the overview`);
      continue;
    }
    const range = resolveRange(DEFAULT_VIEW.range, end);
    const panel = {
      cluster: summary,
      view: DEFAULT_VIEW,
      range,
      at: range.end,
      prom: { clusterLabel: 'cluster', cluster: c.name },
    };
    const ctx = { access: { runner }, cluster: summary, panel } as unknown as ClusterContext;
    const expectations = clusterExpectations(c, bounds);
    await Promise.all(
      specs.map(async (spec) => {
        const where = `${check.where} panel ${spec.page}/${spec.id} cluster=${c.name}`;
        const data = await loadPanel(ctx, spec);
        // "No container restarted in the last hour": that table leaves out namespaces at 0.
        const counts = (e: Expected | undefined): boolean =>
          [...(e?.values() ?? [])].some((r) => !ZERO_IS_EMPTY.has(spec.id) || r.value > 0);
        const hasData = panelQueries(spec).some((q) => counts(expectations[q.id]));
        const want = hasData ? 'ok' : 'empty';
        if (data.status !== want)
          problems.push(
            `${where}: ${data.status}, expected ${want}${data.failures.length ? ` (${data.failures.map((f) => f.message).join('; ')})` : ''}`,
          );
        if (spec.id === 'node-table' && data.view?.kind === 'table' && data.view.table === 'nodes') {
          const got = (data.view.rows as NodeRow[]).map((r) => ({ ...r })).sort((a, b) => a.name.localeCompare(b.name));
          const wantRows = c.nodes.map((n) => ({
            name: n.name,
            ready: n.ready,
            cpuCores: n.allocatable.cpu,
            memoryBytes: n.allocatable.memory,
            podsRunning: c.pods.filter((p) => p.node === n.name && p.phase === 'Running').length,
            podsCapacity: n.allocatable.pods,
            // No pool: no kube_node_labels with a pool label on any profile (expectations.ts).
            pool: null,
            // Ready first, then the conditions in trouble by name, as the kubelet posts them.
            trouble: nodeConditions(n)
              .filter(([condition, status]) => (condition === 'Ready' ? status !== 'true' : status !== 'false'))
              .sort(([a], [b]) => (a === 'Ready' ? -1 : b === 'Ready' ? 1 : a.localeCompare(b)))
              .map(([condition, status]) => ({ condition, status })),
            // Ready never moves in the scenario: steady since the range's first step.
            readyChange: { kind: 'steady', since: range.start, status: n.ready },
          }));
          if (JSON.stringify(got) !== JSON.stringify(wantRows))
            problems.push(`${where}: rows ${JSON.stringify(got)}, expected ${JSON.stringify(wantRows)}`);
        }
      }),
    );
    // The node details (shown once a node is picked; its Log Analytics sources are skipped on a
    // cluster without Container insights): every node, from the scenario.
    const details = CLUSTER_PANELS.find((spec) => spec.id === 'node-details') as PanelSpec;
    const noInsights = { ...summary, monitoring: { ...summary.monitoring, containerInsights: false } };
    for (const n of c.nodes) {
      const where = `${check.where} panel nodes/node-details node=${n.name} cluster=${c.name}`;
      const picked = {
        access: { runner },
        cluster: noInsights,
        panel: { ...panel, cluster: noInsights, view: { ...DEFAULT_VIEW, node: n.name } },
      } as unknown as ClusterContext;
      const data = await loadPanel(picked, details);
      if (data.status !== 'ok' || data.view?.kind !== 'table' || data.view.table !== 'node-details') {
        problems.push(
          `${where}: ${data.status}, expected ok${data.failures.length ? ` (${data.failures.map((f) => f.message).join('; ')})` : ''}`,
        );
        continue;
      }
      const { insights, ...got } = data.view.details as NodeDetails;
      const conditions = nodeConditions(n)
        .map(([condition, status]) => ({ condition, status }))
        .sort((a, b) =>
          a.condition === 'Ready' ? -1 : b.condition === 'Ready' ? 1 : a.condition.localeCompare(b.condition),
        );
      const want = {
        node: n.name,
        known: true,
        pool: null,
        info: {
          kubeletVersion: n.kubeletVersion,
          osImage: NODE_OS.osImage,
          kernel: NODE_OS.kernel,
          containerRuntime: NODE_OS.runtime,
        },
        conditions,
        ready: n.ready,
        trouble: conditions.filter((x) => (x.condition === 'Ready' ? x.status !== 'true' : x.status !== 'false')),
        readyChange: { kind: 'steady', since: range.start, status: n.ready },
        taints: [...n.taints].sort((x, y) => x.key.localeCompare(y.key) || x.effect.localeCompare(y.effect)),
        unschedulable: n.unschedulable,
        // Both exporters answered at the range's last step.
        lastScrape: [
          { exporter: 'kubelet', at: range.end },
          { exporter: 'node-exporter', at: range.end },
        ],
        range: { start: range.start, end: range.end },
      };
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`${where}: details ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      if (insights.status !== 'unavailable')
        problems.push(`${where}: insights ${insights.status}, expected unavailable`);
    }
  }
  return problems;
}

const checkOf = (pair: EnginePair, engine: Engine, forced: boolean, keep = true): Check => ({
  where: `${pair.profile} × ${engine}${forced ? '' : ' (detected)'}`,
  backend: backendFor(pair, engine, forced),
  clusters: pair.clusters,
  tolerance: TOLERANCE[engine],
  keep: keep ? `${pair.profile}|${engine}|${forced}` : undefined,
});

const report = (problems: string[]): string =>
  `\n${problems.slice(0, 80).join('\n')}${problems.length > 80 ? `\n… and ${problems.length - 80} more` : ''}`;

describe.skipIf(!AVAILABLE)('conformance on real exporter output (Prometheus and VictoriaMetrics)', () => {
  beforeAll(async () => {
    for (const bin of [PROMETHEUS_BIN, PROMTOOL_BIN, VICTORIA_METRICS_BIN]) {
      const r = spawnSync(bin, [bin === VICTORIA_METRICS_BIN ? '-version' : '--version']);
      if (r.error)
        throw new Error(
          `${bin} is missing: scripts/system-deps.mjs installs the Debian prometheus and victoria-metrics packages`,
        );
    }
    corpus = loadCorpus();
    root = await mkdtemp(path.join(tmpdir(), 'fleetwatch-conformance-'));
    // Samples end on the grid just before now: detection and "now" queries see them within the lookback.
    end = Math.floor(Date.now() / 1000 / STEP) * STEP;
    const window = { start: end - HOURS * 3600, end, step: STEP };
    // Two profiles at a time: each pair runs promtool, Prometheus and VictoriaMetrics on 2 cores.
    const queue = [...PROFILES];
    const failures: unknown[] = [];
    await Promise.all(
      [0, 1].map(async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          try {
            pairs.set(p, await startEnginePair(corpus, p, path.join(root, p), window));
          } catch (error) {
            failures.push(error);
          }
        }
      }),
    );
    if (failures.length) throw failures[0];
    const series = [...pairs.values()].reduce((a, p) => a + p.series, 0);
    const samples = [...pairs.values()].reduce((a, p) => a + p.samples, 0);
    console.log(
      `conformance: ${pairs.size} profiles, ${series} series, ${samples} samples per engine, engines ready in ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`,
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...pairs.values()].map((p) => p.stop()));
    if (root) await rm(root, { recursive: true, force: true });
    console.log(
      `conformance: compared ${compared} values; suite took ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`,
    );
  }, 30_000);

  it('has an expectation for every cluster-page and fleet query', () => {
    const [sample] = PROFILES.map((p) => pairs.get(p)?.clusters[0]).filter((c): c is ClusterModel => c !== undefined);
    expect(sample).toBeDefined();
    const cluster = clusterExpectations(sample as ClusterModel, bucketBounds(corpus).http);
    const fleet = fleetExpectations([sample as ClusterModel]);
    const missing = [
      ...CLUSTER_QUERIES.filter((q) => !cluster[q.id]),
      ...FLEET_QUERIES.filter((q) => !fleet[q.id]),
    ].map((q) => `no expectation for ${q.id}`);
    expect(missing, missing.join('\n')).toEqual([]);
    // Expectations for queries the catalog no longer has would hide a rename.
    const stale = [
      ...Object.keys(cluster).filter((id) => !CLUSTER_QUERIES.some((q) => q.id === id)),
      ...Object.keys(fleet).filter((id) => !FLEET_QUERIES.some((q) => q.id === id)),
    ];
    expect(stale, `expectations for queries not in the catalog: ${stale.join(', ')}`).toEqual([]);
  });

  for (const profile of PROFILES) {
    describe(profile, () => {
      it('detects the profile from the data on both engines', async () => {
        const pair = pairs.get(profile) as EnginePair;
        for (const engine of ENGINES)
          expect(await backendFor(pair, engine, false).profileOf(0), `${profile} × ${engine}`).toBe(profile);
      });

      for (const engine of ENGINES) {
        it(`${engine}: every cluster-page query, profile forced and detected`, async () => {
          const pair = pairs.get(profile) as EnginePair;
          const problems = [
            ...(await checkClusterQueries(checkOf(pair, engine, true))),
            ...(await checkClusterQueries(checkOf(pair, engine, false))),
          ];
          expect(problems, report(problems)).toEqual([]);
        }, 30_000);

        it(`${engine}: every fleet query`, async () => {
          const problems = await checkFleetQueries(checkOf(pairs.get(profile) as EnginePair, engine, false));
          expect(problems, report(problems)).toEqual([]);
        }, 30_000);

        it(`${engine}: the Prometheus-only fleet overview`, async () => {
          const problems = await checkOverview(checkOf(pairs.get(profile) as EnginePair, engine, false));
          expect(problems, report(problems)).toEqual([]);
        }, 30_000);

        it(`${engine}: every Prometheus panel of every cluster page`, async () => {
          const problems = await checkPanels(checkOf(pairs.get(profile) as EnginePair, engine, false, false));
          expect(problems, report(problems)).toEqual([]);
        }, 30_000);
      }
    });
  }

  it("one backend over every profile's endpoint (engines mixed) reads each with its own conventions", async () => {
    // A fleet whose clusters run different stacks: one URL per stack, each detected on its own.
    const mixed = PROFILES.map((p, i) => ({ pair: pairs.get(p) as EnginePair, engine: ENGINES[i % 2] as Engine }));
    const backend = createPrometheusBackend({
      urls: mixed.map((m) => engineUrl(m.pair, m.engine)),
      auth: { kind: 'none' },
      timeoutMs: 20_000,
      now: detectionClock,
    });
    for (const [i, m] of mixed.entries()) expect(await backend.profileOf(i)).toBe(m.pair.profile);
    const check: Check = {
      where: `mixed (${mixed.map((m) => `${m.pair.profile} on ${m.engine}`).join(', ')})`,
      backend,
      clusters: mixed.flatMap((m) => m.pair.clusters),
      tolerance: TOLERANCE['victoria-metrics'],
      keep: 'mixed',
    };
    // Cluster pages for each profile's incident cluster (the healthy ones ran above); the fleet over all ten.
    const incidents: Check = { ...check, clusters: mixed.map((m) => m.pair.clusters[0] as ClusterModel) };
    const problems = [
      ...(await checkClusterQueries(incidents)),
      ...(await checkFleetQueries(check)),
      ...(await checkOverview(check)),
    ];
    expect(problems, report(problems)).toEqual([]);
  }, 60_000);

  it('Prometheus and VictoriaMetrics give the same answers', () => {
    let worst = 0;
    let pairsCompared = 0;
    const problems: string[] = [];
    for (const [k, v] of answers) {
      if (!k.includes('|prometheus|')) continue;
      const other = answers.get(k.replace('|prometheus|', '|victoria-metrics|'));
      if (other === undefined) {
        problems.push(`only Prometheus answered ${k}`);
        continue;
      }
      pairsCompared++;
      worst = Math.max(worst, Math.abs(v - other) / Math.max(1, Math.abs(v)));
      if (!close(v, other, TOLERANCE['victoria-metrics']))
        problems.push(`${k}: Prometheus ${v}, VictoriaMetrics ${other}`);
    }
    for (const k of answers.keys())
      if (k.includes('|victoria-metrics|') && !answers.has(k.replace('|victoria-metrics|', '|prometheus|')))
        problems.push(`only VictoriaMetrics answered ${k}`);
    console.log(
      `conformance: ${pairsCompared} values compared between the engines; largest relative difference ${worst.toExponential(2)} (tolerance ${TOLERANCE['victoria-metrics']})`,
    );
    expect(pairsCompared).toBeGreaterThan(1000);
    expect(problems, report(problems)).toEqual([]);
  });

  // The texts before label profiles and zero-safe ratios: each must fail where issue 12 says it fails.
  const MUTATIONS: Array<{
    name: string;
    of: AnyPromQuery;
    text: (p: { clusterLabel: string; cluster: string }) => string;
    profiles: readonly Profile[];
    engine: Engine;
  }> = [
    {
      name: 'node CPU grouped by a node label node-exporter never has',
      of: nodeCpu as unknown as AnyPromQuery,
      text: (p) => `1 - avg by (node) (rate(node_cpu_seconds_total${clusterSelector(p, { mode: 'idle' })}[5m]))`,
      profiles: ['azure-managed-prometheus', 'kube-prometheus-stack', 'victoria-metrics-k8s-stack'],
      engine: 'prometheus',
    },
    {
      name: 'ingress requests grouped by namespace without exported_namespace',
      of: ingressRequestRate as unknown as AnyPromQuery,
      text: (p) => `sum by (namespace, ingress) (rate(nginx_ingress_controller_requests${clusterSelector(p)}[5m]))`,
      profiles: ['kube-prometheus-stack', 'victoria-metrics-k8s-stack'],
      engine: 'victoria-metrics',
    },
    {
      name: 'app error ratio with no series until the first 5xx',
      of: appErrorRatio as unknown as AnyPromQuery,
      text: (p) =>
        `sum by (namespace, service) (rate(http_requests_total${clusterSelector(p, {}, ['code=~"5.."'])}[5m])) / sum by (namespace, service) (rate(http_requests_total${clusterSelector(p)}[5m]))`,
      profiles: ['azure-managed-prometheus', 'kubernetes-sd'],
      engine: 'prometheus',
    },
    {
      name: 'node cordon read from kube_node_spec_unschedulable alone',
      of: nodeUnschedulable as unknown as AnyPromQuery,
      text: (p) => `max by (node) (kube_node_spec_unschedulable${clusterSelector(p)})`,
      profiles: ['azure-managed-prometheus'],
      engine: 'victoria-metrics',
    },
  ];

  for (const m of MUTATIONS) {
    it(`catches a mutation: ${m.name}`, async () => {
      const broken = { ...m.of, build: m.text } as unknown as AnyPromQuery;
      const caught: string[] = [];
      for (const profile of m.profiles) {
        const problems = (
          await checkClusterQueries(checkOf(pairs.get(profile) as EnginePair, m.engine, true, false), [broken])
        ).filter((p) => !p.startsWith('    query:'));
        caught.push(...problems);
        expect(problems.length, `${profile}: the mutated ${m.of.id} passed`).toBeGreaterThan(0);
      }
      console.log(`conformance: mutation "${m.name}" caught:\n  ${caught.slice(0, 4).join('\n  ')}`);
    }, 30_000);
  }
});
