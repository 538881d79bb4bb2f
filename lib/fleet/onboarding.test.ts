import { beforeAll, describe, expect, it } from 'vitest';
import { fleet as fq } from '../catalog';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import { getDemoFleet } from '../demo/fleet';
import { demoOnboarding } from '../demo/onboarding';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner } from '../sources/runner';
import { columnsFor, type OnboardingData, type OnboardingInputs } from './onboarding';
import { recommendedCoverage } from './onboarding-checks';
import { shellWord, writesContainerLogV2 } from './onboarding-fixes';
import { buildOnboardingData, onboardingCsv } from './onboarding-matrix';
import { loadOnboardingInputs } from './onboarding-load';

const SEED = 'fleetwatch';
const SIZE = 40;
const NOW = 1_764_000_000;
const ALL = { persona: 'all', gapsOnly: false, q: '', capability: null } as const;

let inputs: OnboardingInputs;
let data: OnboardingData;
let inventory: ClusterInventoryRow[];

beforeAll(async () => {
  const demo = createDemoBackend({ seed: SEED, clusters: SIZE });
  const runner = createQueryRunner({ arg: demo, logs: demo, prom: demo, arm: demo });
  const loaded = await loadOnboardingInputs(runner, { now: NOW, clusterLabel: 'cluster', silenceMinutes: 60 });
  expect(loaded.notices).toEqual([]);
  inputs = loaded.inputs;
  data = buildOnboardingData(inputs, ALL);
  const inv = await runner.run(fq.fleetInventory, {}, { kind: 'instant', at: NOW });
  if (!inv.ok) throw new Error(inv.error.message);
  inventory = inv.rows;
});

const cellOf = (cluster: string, cap: string) =>
  data.rows.find((r) => r.name === cluster)?.cells.find((c) => c.capability === cap);

describe('onboarding matrix on the demo fleet', () => {
  it('shows exactly the missing add-ons of the model as gaps', () => {
    const fleet = getDemoFleet(SEED, SIZE);
    for (const c of fleet.clusters) {
      const prom = cellOf(c.name, 'managed-prometheus');
      const ci = cellOf(c.name, 'container-insights');
      expect(prom?.status === 'gap', `${c.name} prometheus`).toBe(!c.monitoring.managedPrometheus);
      expect(ci?.status === 'gap', `${c.name} insights`).toBe(!c.monitoring.containerInsights);
      const o = demoOnboarding(fleet, c);
      if (c.provider === 'aks') {
        expect(cellOf(c.name, 'defender')?.status, c.name).toBe(o.defender ? 'ok' : 'gap');
        expect(cellOf(c.name, 'diag-guard')?.status === 'n/a', `${c.name} guard applies only with Entra ID`).toBe(
          !o.entraIntegration,
        );
        expect(cellOf(c.name, 'diag-cluster-autoscaler')?.status === 'n/a', `${c.name} autoscaler`).toBe(
          c.nodePools.every((p) => p.autoscale === null),
        );
      } else {
        expect(cellOf(c.name, 'diag-kube-apiserver')?.status).toBe('n/a');
      }
    }
    // Varied: every kind of gap occurs somewhere in 40 clusters.
    for (const col of data.columns) expect(col.gaps, col.id).toBeGreaterThan(0);
  });

  it('each fix names the cluster as Resource Graph lists it (three clusters checked against their rows)', () => {
    const picks = [
      data.rows.find((r) => r.provider === 'aks' && cellOf(r.name, 'container-insights')?.status === 'gap'),
      data.rows.find((r) => r.provider === 'aks' && cellOf(r.name, 'managed-prometheus')?.status === 'gap'),
      data.rows.find((r) => r.provider === 'arc' && cellOf(r.name, 'managed-prometheus')?.status === 'gap'),
    ];
    for (const pick of picks) {
      expect(pick).toBeDefined();
      const row = inventory.find((r) => r.name === pick?.name) as ClusterInventoryRow;
      const fixes = pick?.cells.flatMap((c) => (c.fix ? [c.fix] : [])) ?? [];
      expect(fixes.length).toBeGreaterThan(0);
      if (row.clusterKind === 'aks') {
        const ci = cellOf(row.name, 'container-insights');
        const prom = cellOf(row.name, 'managed-prometheus');
        const fix = ci?.status === 'gap' ? ci.fix : prom?.fix;
        expect(fix).toContain(
          `--name ${row.name} --resource-group ${row.resourceGroup} --subscription ${row.subscriptionId}`,
        );
        expect(fix).toMatch(/^az aks (enable-addons --addons monitoring|update --enable-azure-monitor-metrics) /);
      } else {
        expect(
          cellOf(row.name, 'managed-prometheus')?.fix?.startsWith(
            `az k8s-extension create --name azuremonitor-metrics --cluster-name ${row.name} --resource-group ${row.resourceGroup} --cluster-type connectedClusters --subscription ${row.subscriptionId} --extension-type Microsoft.AzureMonitor.Containers.Metrics`,
          ),
        ).toBe(true);
      }
      // Diagnostic-setting fixes target the cluster's own resource id.
      for (const f of fixes.filter((x) => x.startsWith('az monitor diagnostic-settings create')))
        expect(f).toContain(`--resource ${row.id} `);
    }
  });

  it('a Container insights gap sends to the workspace its subscription already uses', () => {
    const gap = data.rows.find(
      (r) =>
        r.provider === 'aks' &&
        cellOf(r.name, 'container-insights')?.status === 'gap' &&
        cellOf(r.name, 'container-insights')?.fix?.includes('--workspace-resource-id'),
    );
    expect(gap).toBeDefined();
    const ws =
      /--workspace-resource-id (\S+)/.exec(cellOf(gap?.name ?? '', 'container-insights')?.fix ?? '')?.[1] ?? '';
    expect(inventory.some((r) => r.subscriptionId === gap?.subscriptionId && r.containerInsightsWorkspace === ws)).toBe(
      true,
    );
  });

  it('kube-audit goes to storage: a setting sending it to a workspace only is a gap', () => {
    const fleet = getDemoFleet(SEED, SIZE);
    const toWorkspace = fleet.clusters.find((c) =>
      demoOnboarding(fleet, c).diagnosticSettings.some((s) => s.name === 'everything-to-law'),
    );
    expect(toWorkspace).toBeDefined();
    const audit = cellOf(toWorkspace?.name ?? '', 'diag-kube-audit');
    expect(audit?.status).toBe('gap');
    expect(audit?.fix).toContain('--storage-account ');
    expect(cellOf(toWorkspace?.name ?? '', 'diag-kube-apiserver')?.status).toBe('ok');
  });

  it('the copy-all script holds every fix of its column once', () => {
    const col = data.columns.find((c) => c.id === 'diag-kube-audit-admin');
    const fixes = new Set(
      data.rows.flatMap((r) =>
        r.cells.filter((c) => c.capability === 'diag-kube-audit-admin' && c.fix).map((c) => c.fix),
      ),
    );
    expect(col?.script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    for (const f of fixes) expect(col?.script.split(f as string).length).toBe(2);
  });
});

describe('enabled but silent', () => {
  it('an enabled add-on without data in the window is its own gap, with a command', () => {
    const on = data.rows.find(
      (r) =>
        r.provider === 'aks' &&
        cellOf(r.name, 'managed-prometheus')?.status === 'ok' &&
        cellOf(r.name, 'container-insights')?.status === 'ok',
    );
    const id = inputs.clusters.find((c) => c.name === on?.name)?.id.toLowerCase() ?? '';
    const silent = buildOnboardingData(
      {
        ...inputs,
        metricsSeen: new Set([...(inputs.metricsSeen ?? [])].filter((n) => n !== on?.name)),
        logsSeen: new Set([...(inputs.logsSeen ?? [])].filter((x) => x !== id)),
      },
      ALL,
    );
    const row = silent.rows.find((r) => r.name === on?.name);
    const prom = row?.cells.find((c) => c.capability === 'managed-prometheus');
    expect(prom?.status).toBe('silent');
    expect(prom?.detail).toContain('no data in the last 60 min');
    expect(prom?.fix).toContain('ama-metrics');
    expect(row?.cells.find((c) => c.capability === 'container-insights')?.status).toBe('silent');
    expect(silent.totals.silent).toBe(data.totals.silent + 2);
  });

  it('when Prometheus could not be asked, nothing is called silent', () => {
    const unknown = buildOnboardingData({ ...inputs, metricsSeen: null }, ALL);
    expect(
      unknown.rows
        .flatMap((r) => r.cells)
        .filter((c) => c.capability === 'managed-prometheus' && c.status === 'silent'),
    ).toEqual([]);
  });
});

describe('personas and filters', () => {
  it('gives each persona its columns', () => {
    expect(columnsFor('network-engineer')).toEqual(['diag-kube-apiserver', 'network-observability', 'defender']);
    expect(columnsFor('developer')).toContain('container-log-v2');
    expect(columnsFor('developer')).not.toContain('diag-kube-audit');
    expect(columnsFor('all')).toHaveLength(16);
    const net = buildOnboardingData(inputs, { ...ALL, persona: 'network-engineer' });
    expect(net.columns.map((c) => c.id)).toEqual(columnsFor('network-engineer'));
    expect(net.rows.every((r) => r.cells.length === 3)).toBe(true);
  });

  it('filters by search, capability and gaps only', () => {
    const one = buildOnboardingData(inputs, { ...ALL, capability: 'defender', gapsOnly: true });
    expect(one.rows.length).toBe(data.rows.filter((r) => cellOf(r.name, 'defender')?.status === 'gap').length);
    expect(one.rows.every((r) => r.cells.length === 1 && r.cells[0]?.status === 'gap')).toBe(true);
    const q = buildOnboardingData(inputs, { ...ALL, q: 'K3S' });
    expect(q.rows.length).toBeGreaterThan(0);
    expect(q.rows.every((r) => r.name.includes('k3s') || r.resourceGroup.includes('k3s'))).toBe(true);
  });
});

describe('shell words and CSV', () => {
  it('quotes hostile values so they stay one word', () => {
    expect(shellWord('rg-prod')).toBe('rg-prod');
    expect(shellWord("a b'; rm -rf / #")).toBe(`'a b'\\''; rm -rf / #'`);
    expect(shellWord('$(id)')).toBe(`'$(id)'`);
  });

  it('writes one line per cluster × capability and defuses formulas', () => {
    const csv = onboardingCsv({
      columns: [],
      totals: { clusters: 1, clustersWithGaps: 1, gaps: 1, silent: 0 },
      rows: [
        {
          id: 'x',
          name: '=cmd',
          provider: 'aks',
          resourceGroup: 'rg',
          subscriptionId: 's',
          location: 'l',
          gaps: 1,
          cells: [{ capability: 'defender', status: 'gap', detail: 'off, "really"', fix: 'az aks update' }],
        },
      ],
    });
    expect(csv).toBe(
      'cluster,resource_group,subscription_id,capability,status,detail,fix\r\n\'=cmd,rg,s,defender,gap,"off, ""really""",az aks update\r\n',
    );
    const full = onboardingCsv(data);
    expect(full.trim().split('\r\n')).toHaveLength(1 + SIZE * 16);
  });
});

describe('no fix turns off what is on (read-modify-write)', () => {
  /**
   * Every generated command of every cluster, applied to that cluster's current settings as
   * the command would apply them: the data collection settings file replaces the rule's
   * settings, `diagnostic-settings create` replaces a setting of the same name. Whatever is on
   * today (ContainerLogV2, a stream, a log category, a destination, an add-on) must still be
   * on afterwards. Collecting less *often* or fewer namespaces is what the cost preset is for.
   */
  for (const size of [SIZE, 300]) {
    it(`holds for every fix on the ${size}-cluster demo fleet`, async () => {
      const demo = createDemoBackend({ seed: SEED, clusters: size });
      const runner = createQueryRunner({ arg: demo, logs: demo, prom: demo, arm: demo });
      const loaded = await loadOnboardingInputs(runner, { now: NOW, clusterLabel: 'cluster', silenceMinutes: 60 });
      const all = buildOnboardingData(loaded.inputs, ALL);
      let checked = 0;
      for (const row of all.rows) {
        const settings = loaded.inputs.ciSettings?.find((s) => s.clusterId === row.id.toLowerCase()) ?? null;
        const diag = loaded.inputs.diagnostics.get(row.id.toLowerCase());
        const sub = loaded.inputs.diagnostics.get(`/subscriptions/${row.subscriptionId.toLowerCase()}`);
        for (const cell of row.cells) {
          const fix = cell.fix;
          if (!fix) continue;
          checked++;
          expect(fix, `${row.name} ${cell.capability}`).not.toMatch(
            /--disable|disable-addons|\bdelete\b|"enabled":false/,
          );
          // An add-on or rule group that is there is never enabled or deployed again over itself.
          const promState = row.cells.find((x) => x.capability === 'managed-prometheus')?.status;
          if (promState === 'ok' || promState === 'silent')
            expect(fix, `${row.name} ${cell.capability}`).not.toContain('--enable-azure-monitor-metrics');
          const groups = recommendedCoverage(row, loaded.inputs.ruleGroups ?? []);
          if (groups.present > 0)
            expect(fix, `${row.name} ${cell.capability}`).not.toContain('recommended-metric-alerts.json');
          const file = /<<'EOF'\n(.*)\nEOF\n/s.exec(fix)?.[1];
          if (file) {
            const next = JSON.parse(file) as {
              enableContainerLogV2: boolean;
              streams?: string[];
              namespaces: string[];
              namespaceFilteringMode: string;
            };
            if (writesContainerLogV2(settings))
              expect(next.enableContainerLogV2, `${row.name} ${cell.capability}: V2 stays on`).toBe(true);
            const nextStreams = (next.streams ?? []).map((s) => s.toLowerCase());
            for (const s of settings?.streams ?? []) {
              const kept =
                nextStreams.includes(s.toLowerCase()) ||
                (s.toLowerCase() === 'microsoft-containerlog' && nextStreams.includes('microsoft-containerlogv2'));
              expect(kept, `${row.name} ${cell.capability}: stream ${s} stays`).toBe(true);
            }
            // A namespace filter already in place is kept as it is.
            if ((settings?.namespaceFilteringMode ?? 'Off') !== 'Off')
              expect(next.namespaces).toEqual(settings?.namespaces ?? []);
          }
          const name = /diagnostic-settings (?:subscription )?create --name (\S+)/.exec(fix)?.[1];
          if (name) {
            const onResource = fix.includes('diagnostic-settings subscription create') ? sub : diag;
            const same = onResource?.ok
              ? onResource.settings.find((s) => s.name.toLowerCase() === name.toLowerCase())
              : undefined;
            const logs = JSON.parse(
              /--logs '([^']*)'/.exec(fix)?.[1] ?? /--logs (\S+)/.exec(fix)?.[1] ?? '[]',
            ) as Array<{ category?: string; categoryGroup?: string; enabled: boolean }>;
            const enabled = new Set(logs.filter((l) => l.enabled).map((l) => l.category ?? `group:${l.categoryGroup}`));
            for (const cat of same?.enabledCategories ?? [])
              expect(enabled.has(cat), `${row.name} ${name}: ${cat} stays on`).toBe(true);
            if (same?.workspaceId) expect(fix).toContain(same.workspaceId);
            if (same?.storageAccountId) expect(fix).toContain(same.storageAccountId);
          }
        }
      }
      expect(checked).toBeGreaterThan(size * 3);
    });
  }

  it('a recommended rule group that is disabled is switched on in place, not redeployed', () => {
    const row = data.rows.find(
      (r) =>
        recommendedCoverage(r, inputs.ruleGroups ?? []).present === 3 &&
        cellOf(r.name, 'recommended-alerts')?.status === 'gap',
    );
    expect(row).toBeDefined();
    const fix = cellOf(row?.name ?? '', 'recommended-alerts')?.fix ?? '';
    const disabled = (inputs.ruleGroups ?? []).filter((g) => g.clusterName === row?.name && !g.enabled);
    expect(disabled.length).toBeGreaterThan(0);
    expect(fix.split('\n')).toEqual(
      disabled.map((g) => `az alerts-management prometheus-rule-group update --ids ${g.id} --enabled true`),
    );
  });

  it('a same-named diagnostic setting keeps its categories and destinations', () => {
    const c = inputs.clusters.find(
      (x) => x.clusterKind === 'aks' && cellOf(x.name, 'diag-kube-audit-admin')?.status === 'gap',
    );
    expect(c).toBeDefined();
    const id = (c?.id ?? '').toLowerCase();
    const storage = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/keepme';
    const diagnostics = new Map(inputs.diagnostics);
    diagnostics.set(id, {
      ok: true,
      settings: [
        {
          name: 'fleetwatch-control-plane',
          workspaceId: null,
          storageAccountId: storage,
          enabledCategories: ['kube-scheduler'],
        },
      ] as never,
    });
    const again = buildOnboardingData({ ...inputs, diagnostics }, ALL);
    const fix =
      again.rows.find((r) => r.id === c?.id)?.cells.find((x) => x.capability === 'diag-kube-audit-admin')?.fix ?? '';
    expect(fix).toContain('kube-scheduler');
    expect(fix).toContain(`--storage-account ${storage}`);
    expect(fix).toContain('kube-audit-admin');
  });

  it('the ContainerLogV2 fix on a legacy rule keeps its streams and moves ContainerLog to V2', () => {
    const legacy = inputs.ciSettings?.find(
      (s) => !writesContainerLogV2(s) && s.streams.includes('Microsoft-ContainerLog'),
    );
    expect(legacy).toBeDefined();
    const row = data.rows.find((r) => r.id.toLowerCase() === legacy?.clusterId);
    const file =
      /<<'EOF'\n(.*)\nEOF\n/s.exec(row?.cells.find((x) => x.capability === 'container-log-v2')?.fix ?? '')?.[1] ?? '{}';
    const next = JSON.parse(file) as { enableContainerLogV2: boolean; streams: string[] };
    expect(next.enableContainerLogV2).toBe(true);
    expect(next.streams).toEqual(
      (legacy?.streams ?? []).map((s) => (s === 'Microsoft-ContainerLog' ? 'Microsoft-ContainerLogV2' : s)),
    );
  });
});
