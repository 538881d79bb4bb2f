import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firingRecommendedAlerts, MODELLED_RULES, type DemoFiringAlert } from '../../demo/alert-state';
import { getDemoFleet } from '../../demo/fleet';
import type { DemoCluster, DemoFleet } from '../../demo/fleet-model';
import { DEMO_SCRAPE_INTERVAL, gridAt } from '../../demo/signals';
import { exportedClusters } from '../../demo/telemetry';
import { RECOMMENDED_RULES } from '../../fleet/recommended-rules';
import { capRuleFor } from './testing/demo-scrape';
import { backfillDemoTelemetry, removeDir, startPrometheus, type LocalPrometheus } from './testing/local-prometheus';

/**
 * The demo's alerts agree with a real Prometheus: Azure's recommended rules (the reference
 * rules file itself) evaluated over the exported metrics of a few demo clusters fire exactly the
 * (rule, cluster, series) that alert-state.ts reads from the model, with the same values, both
 * as instant queries at the end of the history and from Prometheus' own rule manager (`for`
 * cut to 0 s and groups evaluated every 5 s: it times `for` from its own evaluations only).
 */

const SEED = 'fleetwatch';
const RULES_FILE = path.join(
  __dirname,
  '../../../../shared/reference/azure-prometheus/DERIVED.recommendedMetricAlerts.prometheus-rules.yaml',
);
/** The labels that say which object a firing series is about. */
const IDENTITY = [
  'node',
  'namespace',
  'pod',
  'container',
  'controller',
  'deployment',
  'statefulset',
  'daemonset',
  'job_name',
];

const key = (alert: string, labels: Record<string, string>): string =>
  [
    alert,
    labels['cluster'] ?? '',
    ...IDENTITY.filter((l) => labels[l] !== undefined).map((l) => `${l}=${labels[l]}`),
  ].join(' ');

/**
 * Scraped clusters of the seed's fleet: for every rule the model fires (and for KubePodReadyStateLow
 * on a DaemonSet as well as a Deployment), the smallest cluster where it does, plus the smallest
 * where nothing fires.
 */
function pickClusters(at: number): DemoFleet {
  const candidates = exportedClusters(getDemoFleet(SEED, 200)).sort(
    (a, b) => a.nodes.length - b.nodes.length || a.index - b.index,
  );
  const cases: Array<(a: DemoFiringAlert) => boolean> = [
    ...MODELLED_RULES.map((rule) => (a: DemoFiringAlert) => a.rule.alert === rule),
    (a) => a.rule.alert === 'KubePodReadyStateLow' && a.labels['daemonset'] !== undefined,
  ];
  const picked = new Set<DemoCluster>();
  for (const matches of cases) {
    const c = candidates.find((x) => firingRecommendedAlerts(x, at).some(matches));
    if (c) picked.add(c);
  }
  const quiet = candidates.find((c) => firingRecommendedAlerts(c, at).length === 0);
  if (quiet) picked.add(quiet);
  const clusters = [...picked].sort((a, b) => a.index - b.index);
  return { seed: SEED, clusters, byName: new Map(clusters.map((c) => [c.name, c])) };
}

let dir = '';
let server: LocalPrometheus | null = null;
let end = 0;
let fleet: DemoFleet;
let expected = new Map<string, number | null>();

async function api<T>(pathAndQuery: string): Promise<T> {
  const r = await fetch(`${server?.url}${pathAndQuery}`);
  const body = (await r.json()) as { status: string; error?: string; data: T };
  if (body.status !== 'success') throw new Error(`${pathAndQuery}: ${body.error}`);
  return body.data;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fleetwatch-recommended-'));
  end = gridAt(Math.floor(Date.now() / 1000), DEMO_SCRAPE_INTERVAL);
  fleet = pickClusters(end);
  expected = new Map(
    fleet.clusters.flatMap((c) =>
      firingRecommendedAlerts(c, end).map(
        (a) => [key(a.rule.alert, { ...a.labels, cluster: c.name }), a.value] as const,
      ),
    ),
  );
  const backfill = await backfillDemoTelemetry({
    dir,
    seed: SEED,
    clusters: fleet.clusters.length,
    fleet,
    hours: 1,
    step: DEMO_SCRAPE_INTERVAL,
    end,
  });
  const rules = path.join(dir, 'recommended.rules.yaml');
  const text = capRuleFor(await readFile(RULES_FILE, 'utf8'), 0).replace(/^(\s+interval:\s*)1m\s*$/gm, '$15s');
  await writeFile(rules, text);
  server = await startPrometheus({ dir, dataDir: backfill.dataDir, ruleFiles: [rules] });
}, 400_000);

afterAll(async () => {
  await server?.stop();
  if (dir) await removeDir(dir);
});

interface RuleGroups {
  groups: Array<{ rules: Array<{ type: string; name: string; query: string; duration: number }> }>;
}

describe("Azure's recommended rules over the demo's metrics fire what alert-state.ts derives", () => {
  it('picks clusters where each modelled rule fires, and the rules file is the one the catalog describes', async () => {
    // Every rule the model can fire does, but KubeDaemonSetNotScheduled: DaemonSets schedule a pod on every node.
    const firingRules = new Set([...expected.keys()].map((k) => k.split(' ')[0]));
    expect([...firingRules].sort()).toEqual(MODELLED_RULES.filter((r) => r !== 'KubeDaemonSetNotScheduled').sort());
    expect([...expected.keys()].some((k) => k.startsWith('KubePodReadyStateLow') && k.includes('daemonset='))).toBe(
      true,
    );
    const { groups } = await api<RuleGroups>('/api/v1/rules');
    const loaded = groups.flatMap((g) => g.rules).filter((r) => r.type === 'alerting');
    expect(loaded.map((r) => r.name).sort()).toEqual(RECOMMENDED_RULES.map((r) => r.alert).sort());
  });

  it('every rule, queried at the end of the history, fires on exactly the derived series with the derived values', async () => {
    const { groups } = await api<RuleGroups>('/api/v1/rules');
    const fired = new Map<string, number>();
    for (const rule of groups.flatMap((g) => g.rules).filter((r) => r.type === 'alerting')) {
      const rows = await api<{ result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(
        `/api/v1/query?time=${end}&query=${encodeURIComponent(rule.query)}`,
      );
      for (const row of rows.result) fired.set(key(rule.name, row.metric), Number(row.value[1]));
    }
    expect([...fired.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, value] of expected) if (value !== null) expect(fired.get(k), k).toBeCloseTo(value, 9);
  }, 60_000);

  it("Prometheus' rule manager reports the same alerts firing", async () => {
    const want = [...expected.keys()].sort();
    let got: string[] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { alerts } = await api<{ alerts: Array<{ labels: Record<string, string>; state: string }> }>(
        '/api/v1/alerts',
      );
      got = alerts
        .filter((a) => a.state === 'firing')
        .map((a) => key(a.labels['alertname'] ?? '', a.labels))
        .sort();
      if (JSON.stringify(got) === JSON.stringify(want)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(got).toEqual(want);
  }, 90_000);
});
