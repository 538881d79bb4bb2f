import { beforeAll, describe, expect, it } from 'vitest';
import { alerts as aq } from '../catalog';
import type { FiredAlertRow } from '../catalog/queries/alerts';
import { getDemoFleet } from '../demo/fleet';
import { demoOnboarding } from '../demo/onboarding';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner } from '../sources/runner';
import { buildAlertsData } from './alerts';
import type { OnboardingInputs } from './onboarding';
import { loadOnboardingInputs } from './onboarding-load';
import { RECOMMENDED_RULES } from './recommended-rules';

const SEED = 'fleetwatch';
const SIZE = 40;
const NOW = 1_764_000_000;
const ALL = { group: 'cluster', severity: null, q: '', coverageGaps: false } as const;
let inputs: OnboardingInputs;
let fired: FiredAlertRow[];

beforeAll(async () => {
  const demo = createDemoBackend({ seed: SEED, clusters: SIZE });
  const runner = createQueryRunner({ arg: demo, logs: demo, prom: demo, arm: demo });
  inputs = (await loadOnboardingInputs(runner, { now: NOW, clusterLabel: 'cluster', silenceMinutes: 60 })).inputs;
  const out = await runner.run(aq.firedAzureAlerts, {}, { kind: 'instant', at: NOW });
  if (!out.ok) throw new Error(out.error.message);
  fired = out.rows;
});

describe('alerts across the demo fleet', () => {
  it('fires KubePodCrashLooping exactly for crash-looping scraped clusters whose Pod-level group is on', () => {
    const fleet = getDemoFleet(SEED, SIZE);
    const byCluster = new Map(buildAlertsData(inputs, fired, ALL).groups.map((g) => [g.key, g.alerts]));
    for (const c of fleet.clusters) {
      const loops = c.workloads.reduce((s, w) => s + w.crashLooping, 0);
      const podLevel = demoOnboarding(fleet, c).recommendedRuleGroups.some((g) => g.level === 'Pod-level' && g.enabled);
      const expected = c.monitoring.managedPrometheus && c.powerState === 'Running' && podLevel ? loops : 0;
      expect((byCluster.get(c.name) ?? []).filter((a) => a.rule === 'KubePodCrashLooping').length, c.name).toBe(
        expected,
      );
    }
    expect(fired.length).toBeGreaterThan(0);
  });

  it('adds what a Prometheus ruler reports firing, by cluster label, counting its series; Watchdog is left out', () => {
    const name = inputs.clusters[0]!.name;
    const firing = [
      { cluster: name.toUpperCase(), alertname: 'KubeNodeNotReady', severity: 'critical', count: 2 },
      { cluster: name, alertname: 'Watchdog', severity: 'none', count: 1 },
      { cluster: 'edge-only-in-prometheus', alertname: 'KubePodCrashLooping', severity: 'warning', count: 3 },
    ];
    const azureOnly = buildAlertsData(inputs, fired, ALL);
    const both = buildAlertsData(inputs, fired, ALL, firing);
    expect(both.totals.firing).toBe(azureOnly.totals.firing + 5);
    const byRule = buildAlertsData(inputs, fired, { ...ALL, group: 'rule' }, firing);
    expect(byRule.groups.find((g) => g.key === 'KubeNodeNotReady')).toMatchObject({
      count: 2,
      worstSeverity: 'critical',
    });
    expect(byRule.groups.some((g) => g.key === 'Watchdog')).toBe(false);
    // The label's cluster is matched to the inventory's name; one Prometheus alone knows stays as named.
    const mine = buildAlertsData(inputs, fired, { ...ALL, q: name }, firing);
    expect(mine.groups.flatMap((g) => g.alerts).find((a) => a.rule === 'KubeNodeNotReady')).toMatchObject({
      cluster: name,
      since: '',
      service: 'Prometheus ruler (ALERTS)',
      instances: 2,
    });
    expect(mine.coverage.find((r) => r.cluster === name)?.firing).toBe(
      (azureOnly.coverage.find((r) => r.cluster === name)?.firing ?? 0) + 2,
    );
    expect(buildAlertsData(inputs, fired, { ...ALL, q: 'edge-only' }, firing).totals).toMatchObject({
      firing: 3,
      clustersFiring: 1,
    });
  });

  it('groups by cluster, severity and rule with the same total', () => {
    const total = buildAlertsData(inputs, fired, ALL).totals.firing;
    for (const group of ['cluster', 'severity', 'rule'] as const) {
      const d = buildAlertsData(inputs, fired, { ...ALL, group });
      expect(d.groups.reduce((s, g) => s + g.count, 0)).toBe(total);
    }
    const sev = buildAlertsData(inputs, fired, { ...ALL, severity: 'Sev4' });
    expect(sev.groups.flatMap((g) => g.alerts).every((a) => a.severity === 'Sev4')).toBe(true);
    expect(
      buildAlertsData(inputs, fired, { ...ALL, group: 'rule' })
        .groups.map((g) => g.key)
        .sort(),
    ).toEqual([...new Set(fired.map((a) => a.name))].sort());
    // The demo fires more than crash loops: unreachable nodes and short Deployments too (alert-state.ts).
    expect(fired.map((a) => a.name)).toEqual(
      expect.arrayContaining(['KubePodCrashLooping', 'KubeNodeUnreachable', 'KubeDeploymentReplicasMismatch']),
    );
  });

  it('coverage counts the enabled recommended rules and offers the fix where some are missing', () => {
    const d = buildAlertsData(inputs, fired, ALL);
    for (const r of d.coverage) {
      if (r.enabledRules === RECOMMENDED_RULES.length) expect(r.fix, r.cluster).toBeNull();
      // Missing groups are deployed from the template; groups that exist but are disabled are switched on in place.
      if (r.advice === 'metric' && r.enabledRules < RECOMMENDED_RULES.length)
        expect(r.fix, r.cluster).toMatch(
          /--template-file recommended-metric-alerts\.json|^az alerts-management prometheus-rule-group update --ids \S+ --enabled true/,
        );
    }
    expect(d.coverage.some((r) => r.advice === 'log')).toBe(true);
    const gaps = buildAlertsData(inputs, fired, { ...ALL, coverageGaps: true });
    expect(gaps.coverage.length).toBe(d.coverage.filter((r) => r.enabledRules < RECOMMENDED_RULES.length).length);
    expect(gaps.totals.coveredClusters).toBe(0);
  });

  it('a failed alert source leaves coverage intact', () => {
    const d = buildAlertsData(inputs, null, ALL);
    expect(d.totals.firing).toBe(0);
    expect(d.coverage.length).toBe(SIZE);
  });
});
