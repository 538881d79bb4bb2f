import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleet as q } from '../catalog';
import { demoWorkspaces } from '../demo/azure-workspaces';
import { getDemoFleet } from '../demo/fleet';
import type { DemoCluster } from '../demo/fleet-model';
import { getFleetOverview } from '../fleet/overview';
import type { OnboardingData } from '../fleet/onboarding';
import { buildOnboardingData } from '../fleet/onboarding-matrix';
import { loadOnboardingInputs } from '../fleet/onboarding-load';
import type { FleetOverview } from '../fleet/types';
import { createArmBackend } from '../sources/azure/arm-backend';
import { createQueryRunner } from '../sources/runner';
import { localAzureConfig, localCredential, startDemoCloud } from '../testing/azure/fixtures';
import type { LocalCloud } from '../testing/azure/local-cloud';
import { createAzureBackends } from './azure-backends';

/**
 * Azure as Azure returns it, through the real Resource Graph and Log Analytics SDK clients
 * against the local HTTPS cloud: add-on keys in three spellings, clusters without
 * azureMonitorProfile, provisioning states Failed/Upgrading/Canceled, Arc agents Offline,
 * Expired and Connecting, Container insights rules that turn ContainerLogV2 on through
 * enableContainerLogV2, a workspace the portal may not read (403), and Log Analytics ids in
 * another case than Resource Graph's.
 */

const fleet = getDemoFleet('fleetwatch', 300);
const NOW = 1_764_000_000;
const instant = { kind: 'instant', at: NOW } as const;
// The first workspace with AKS clusters on Container insights: Log Analytics refuses it (403).
const forbidden = demoWorkspaces(fleet).find((w) => w.clusters.some((c) => c.provider === 'aks'));
let cloud: LocalCloud;
let overview: FleetOverview;
let onboarding: OnboardingData;

const runner = () => {
  const b = createAzureBackends(localAzureConfig(cloud), { credential: localCredential(cloud), ca: cloud.ca });
  // No Prometheus: every cluster's nodes and pods come from Container insights (or nowhere).
  const arm = createArmBackend({ endpoint: cloud.url, credential: localCredential(cloud), ca: cloud.ca });
  return createQueryRunner({ arg: b.arg, logs: b.logs, prom: null, arm });
};
const summary = (c: DemoCluster) => overview.clusters.find((x) => x.id === c.id);
const cellOf = (c: DemoCluster, cap: string) =>
  onboarding.rows.find((r) => r.id === c.id)?.cells.find((x) => x.capability === cap);

beforeAll(async () => {
  if (!forbidden) throw new Error('fixture: no workspace');
  cloud = await startDemoCloud(fleet, { now: () => NOW, forbiddenWorkspaces: [forbidden.customerId] });
  overview = await getFleetOverview(runner(), { now: NOW, clusterLabel: 'cluster', latestMinor: 36 });
  const loaded = await loadOnboardingInputs(runner(), { now: NOW, clusterLabel: 'cluster', silenceMinutes: 60 });
  onboarding = buildOnboardingData(loaded.inputs, { persona: 'all', gapsOnly: false, q: '', capability: null });
}, 60_000);
afterAll(() => cloud.close());

describe('add-on keys in any case', () => {
  it('reads Container insights as on, with its workspace, whichever spelling AKS wrote', async () => {
    const inventory = await runner().run(q.fleetInventory, {}, instant);
    if (!inventory.ok) throw new Error(inventory.error.message);
    const spelled = fleet.clusters.filter((c) => c.provider === 'aks' && c.monitoring.containerInsights);
    const spellings = new Set(spelled.map((c) => `${c.arm.addonKey}/${c.arm.workspaceKey}`));
    expect(spellings.size).toBeGreaterThanOrEqual(5);
    for (const c of spelled) {
      const row = inventory.rows.find((r) => r.id === c.id);
      expect(row?.containerInsightsEnabled, `${c.name} ${c.arm.addonKey}`).toBe(true);
      expect(row?.containerInsightsWorkspace, c.name).toBe(c.monitoring.workspaceResourceId?.toLowerCase());
    }
  });
});

describe('states that are not healthy', () => {
  const aksIn = (state: string) =>
    fleet.clusters.filter(
      (c) => c.provider === 'aks' && c.powerState === 'Running' && c.arm.provisioningState === state,
    );
  const arcIn = (status: string) =>
    fleet.clusters.filter((c) => c.provider === 'arc' && c.arm.connectivity?.status === status);

  it('a Failed or Canceled cluster is critical, an operation in progress a warning, each in its own words', () => {
    expect(aksIn('Failed').length).toBeGreaterThan(0);
    expect(aksIn('Upgrading').length).toBeGreaterThan(0);
    for (const state of ['Failed', 'Canceled']) {
      for (const c of aksIn(state)) {
        const s = summary(c);
        expect(s?.health.status, c.name).toBe('critical');
        expect(s?.health.reasons).toContainEqual(
          expect.objectContaining({
            signal: 'provisioning-state',
            severity: 'critical',
            layer: 'fleet',
            message: expect.stringContaining(`Provisioning state ${state}`),
          }),
        );
      }
    }
    for (const c of [...aksIn('Upgrading'), ...aksIn('Updating')]) {
      expect(summary(c)?.health.reasons, c.name).toContainEqual(
        expect.objectContaining({
          signal: 'provisioning-state',
          severity: 'warning',
          message: expect.stringContaining(`Provisioning state ${c.arm.provisioningState}`),
        }),
      );
    }
    for (const c of aksIn('Succeeded'))
      expect(
        summary(c)?.health.reasons.some((r) => r.signal === 'provisioning-state'),
        c.name,
      ).toBe(false);
  });

  it('an Offline or Expired Arc agent says since when, instead of "unknown: no series"', () => {
    expect(arcIn('Offline').length).toBeGreaterThan(0);
    expect(arcIn('Expired').length).toBeGreaterThan(0);
    for (const c of [...arcIn('Offline'), ...arcIn('Expired')]) {
      const s = summary(c);
      const since = new Date((NOW - (c.arm.connectivity?.silentSeconds ?? 0)) * 1000)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
      expect(s?.health.status, c.name).toBe('critical');
      expect(s?.health.reasons).toContainEqual(
        expect.objectContaining({
          signal: 'arc-connectivity',
          severity: 'critical',
          message: expect.stringContaining(`Arc agent offline since ${since} UTC`),
        }),
      );
      expect(
        s?.health.reasons.some((r) => r.signal === 'no-metrics'),
        c.name,
      ).toBe(false);
    }
    for (const c of arcIn('Connecting')) {
      expect(summary(c)?.health.reasons).toContainEqual(
        expect.objectContaining({
          signal: 'arc-connectivity',
          severity: 'warning',
          message: expect.stringContaining('connecting'),
        }),
      );
    }
  });
});

describe('ids in another case in Log Analytics', () => {
  it('joins Container insights rows whose ClusterId and _ResourceId are lower-cased to the Resource Graph cluster', () => {
    const lowered = fleet.clusters.filter(
      (c) =>
        c.index % 3 === 0 &&
        c.monitoring.containerInsights &&
        c.powerState === 'Running' &&
        c.nodes.length > 0 &&
        !forbidden?.clusters.includes(c),
    );
    expect(lowered.length).toBeGreaterThan(5);
    expect(lowered.some((c) => c.id !== c.id.toLowerCase())).toBe(true);
    for (const c of lowered) {
      const s = summary(c);
      expect(s?.monitoring.nodeSource, c.name).toBe('container-insights');
      expect(s?.nodes.total, c.name).toBe(c.nodes.length);
    }
  });
});

describe('onboarding tells the truth', () => {
  it('a cluster with no azureMonitorProfile is a managed-Prometheus gap with its command, never unknown', () => {
    const absent = fleet.clusters.filter(
      (c) => c.provider === 'aks' && !c.monitoring.managedPrometheus && c.arm.monitorProfileAbsent,
    );
    expect(absent.length).toBeGreaterThan(0);
    for (const c of absent) {
      const cell = cellOf(c, 'managed-prometheus');
      expect(cell?.status, c.name).toBe('gap');
      expect(cell?.fix).toContain(`az aks update --enable-azure-monitor-metrics --name ${c.name}`);
    }
  });

  it('reads ContainerLogV2 from the rule: enableContainerLogV2 with the default stream group is V2, no legacy gap', () => {
    // Even-indexed clusters' rules use Microsoft-ContainerInsights-Group-Default (no V2 stream name).
    const grouped = onboarding.rows.filter(
      (r) =>
        fleet.byName.get(r.name)?.index !== undefined &&
        (fleet.byName.get(r.name)?.index ?? 1) % 2 === 0 &&
        cellOf(fleet.byName.get(r.name) as DemoCluster, 'container-log-v2')?.detail ===
          'enableContainerLogV2 in the collection rule',
    );
    expect(grouped.length).toBeGreaterThan(3);
    for (const r of grouped) expect(r.cells.find((x) => x.capability === 'container-log-v2')?.status).toBe('ok');
  });

  it('a workspace the portal may not read (403) is "cannot read", not "silent" with a restart', () => {
    const inForbidden = (forbidden?.clusters ?? []).filter(
      (c) => c.provider === 'aks' && c.monitoring.containerInsights,
    );
    expect(inForbidden.length).toBeGreaterThan(0);
    for (const c of inForbidden) {
      const cell = cellOf(c, 'container-insights');
      expect(cell?.status, c.name).toBe('unknown');
      expect(cell?.detail).toBe(`cannot read (needs Log Analytics Reader on ${forbidden?.name})`);
      expect(cell?.fix).toBeNull();
    }
    // The other workspaces answered: their running clusters are ok, none silent.
    const others = fleet.clusters.filter(
      (c) =>
        c.provider === 'aks' &&
        c.monitoring.containerInsights &&
        c.powerState === 'Running' &&
        !forbidden?.clusters.includes(c),
    );
    for (const c of others) expect(cellOf(c, 'container-insights')?.status, c.name).toBe('ok');
    expect(cloud.requests.some((r) => r.service === 'logs' && r.status === 403)).toBe(true);
  });
});
