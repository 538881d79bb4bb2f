import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { alerts as aq } from '../catalog';
import type { FiredAlertRow } from '../catalog/queries/alerts';
import { RECOMMENDED_RULES } from '../fleet/recommended-rules';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner } from '../sources/runner';
import { alertDescription, durationSeconds, firingRecommendedAlerts, RULE_DESCRIPTIONS } from './alert-state';
import { getDemoFleet } from './fleet';
import type { DemoCluster } from './fleet-model';
import { NOT_READY_TAINT, UNREACHABLE_TAINT } from './node-taints';
import { nodeTaints } from './node-triage';
import { demoOnboarding } from './onboarding';
import { podsOf } from './pods';
import { crashLoopSince } from './signals';
import { crashReason } from './workload-resources';

const SEED = 'fleetwatch';
const SIZE = 40;
const NOW = 1_780_000_000;
const fleet = getDemoFleet(SEED, SIZE);
let fired: FiredAlertRow[];

const scraped = (c: DemoCluster): boolean => c.monitoring.managedPrometheus && c.powerState === 'Running';
const groupOn = (c: DemoCluster, level: string): boolean =>
  demoOnboarding(fleet, c).recommendedRuleGroups.some((g) => g.level === level && g.enabled);
const firedOn = (c: DemoCluster, rule: string): FiredAlertRow[] =>
  fired.filter((a) => a.targetResource === c.id.toLowerCase() && a.name === rule);

beforeAll(async () => {
  const demo = createDemoBackend({ seed: SEED, clusters: SIZE });
  const out = await createQueryRunner({ arg: demo, logs: demo, prom: demo }).run(
    aq.firedAzureAlerts,
    {},
    { kind: 'instant', at: NOW },
  );
  if (!out.ok) throw new Error(out.error.message);
  fired = out.rows;
});

describe('the demo fires the recommended rules its state matches', () => {
  it('maps Ready to the node lifecycle taints: unreachable for Unknown, not-ready for False, none when Ready', () => {
    expect(
      fleet.clusters.some((c) => c.nodes.some((n) => n.gpus > 0 && nodeTaints(n).some((t) => t.key === 'sku'))),
    ).toBe(true);
    const nodes = fleet.clusters.flatMap((c) => c.nodes);
    for (const n of nodes) {
      // GPU nodes also carry their pool's own taint (sku=gpu); the lifecycle keys are these.
      const keys = [...new Set(nodeTaints(n).map((t) => t.key))].filter((k) => k.startsWith('node.kubernetes.io/'));
      expect(keys, n.name).toEqual(
        n.ready === 'unknown' ? [UNREACHABLE_TAINT] : n.ready === 'false' ? [NOT_READY_TAINT] : [],
      );
    }
    expect(nodes.some((n) => n.ready === 'unknown')).toBe(true);
    expect(nodes.some((n) => n.ready === 'false')).toBe(true);
  });

  it('every unreachable node of a scraped cluster whose Node-level group is on has a KubeNodeUnreachable alert, and no other node', () => {
    let checked = 0;
    for (const c of fleet.clusters) {
      const on = scraped(c) && groupOn(c, 'Node-level');
      const alerts = firedOn(c, 'KubeNodeUnreachable');
      for (const n of c.nodes) {
        const has = alerts.filter((a) => a.description.startsWith(`${n.name} in ${c.name} is unreachable`)).length;
        // Ready=False nodes carry node.kubernetes.io/not-ready, which no recommended rule reads.
        expect(has, `${c.name}/${n.name} (${n.ready})`).toBe(on && n.ready === 'unknown' ? 1 : 0);
        if (on && n.ready === 'unknown') checked++;
      }
      expect(alerts.length, c.name).toBe(on ? c.nodes.filter((n) => n.ready === 'unknown').length : 0);
      for (const a of alerts) expect(a.severity).toBe('Sev3');
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('every Deployment with fewer available replicas than desired has a KubeDeploymentReplicasMismatch alert', () => {
    let checked = 0;
    for (const c of fleet.clusters) {
      const on = scraped(c) && groupOn(c, 'Pod-level');
      const alerts = firedOn(c, 'KubeDeploymentReplicasMismatch');
      const short = c.workloads.filter((w) => w.kind === 'Deployment' && w.running < w.desired);
      expect(alerts.map((a) => a.description).sort(), c.name).toEqual(
        on ? short.map((w) => `Deployment ${w.namespace}/${w.name} in ${c.name} replica mismatch.`).sort() : [],
      );
      if (on) checked += short.length;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('fires per crash-looping container, per OOM-killed controller, and starts each alert `for` after its condition', () => {
    for (const c of fleet.clusters.filter(scraped)) {
      const alerts = firingRecommendedAlerts(c, NOW);
      const loops = podsOf(c).filter((p) => p.state === 'crashLooping');
      expect(alerts.filter((a) => a.rule.alert === 'KubePodCrashLooping').length, c.name).toBe(loops.length);
      const oom = c.workloads.filter((w) => crashReason(c, w) === 'OOMKilled');
      expect(
        alerts.filter((a) => a.rule.alert === 'KubeContainerOOMKilledCount').map((a) => a.value),
        c.name,
      ).toEqual(oom.map((w) => w.crashLooping));
      for (const p of loops) {
        const waiting = alerts.find((a) => a.rule.alert === 'KubeContainerWaiting' && a.labels['pod'] === p.name);
        expect(waiting?.since).toBe(crashLoopSince(c, p.workload.name, p.replica) + 3600);
      }
      for (const a of alerts) expect(a.since - a.conditionSince).toBe(durationSeconds(a.rule.for));
    }
  });

  it('fires nothing before the condition has held for the rule’s `for`', () => {
    const c = fleet.clusters.find((x) => x.workloads.some((w) => w.crashLooping > 0) && scraped(x));
    if (!c) throw new Error('no crash-looping cluster');
    const alerts = firingRecommendedAlerts(c, NOW);
    const first = Math.min(...alerts.map((a) => a.since));
    expect(firingRecommendedAlerts(c, first - 1).length).toBeLessThan(alerts.length);
    for (const a of firingRecommendedAlerts(c, first + 600)) expect(a.since).toBeLessThanOrEqual(first + 600);
  });

  it('a scraped cluster whose rule groups are all off or absent fires none, though its model would', () => {
    const off = fleet.clusters.filter(
      (c) => scraped(c) && demoOnboarding(fleet, c).recommendedRuleGroups.every((g) => !g.enabled),
    );
    expect(off.some((c) => firingRecommendedAlerts(c, NOW).length > 0)).toBe(true);
    for (const c of off)
      expect(
        fired.filter((a) => a.targetResource === c.id.toLowerCase()),
        c.name,
      ).toEqual([]);
    for (const c of fleet.clusters.filter((x) => !scraped(x)))
      expect(
        fired.filter((a) => a.targetResource === c.id.toLowerCase()),
        c.name,
      ).toEqual([]);
  });

  it('names severity and group as the rules file does, and one alert id per series', () => {
    for (const a of fired) {
      const rule = RECOMMENDED_RULES.find((r) => r.alert === a.name);
      expect(a.severity).toBe(`Sev${rule?.azureSeverity}`);
      expect(a.alertRule).toMatch(
        new RegExp(`prometheusRuleGroups/KubernetesAlert-RecommendedMetricAlerts.+-${rule?.level}$`),
      );
    }
    expect(new Set(fired.map((a) => a.id)).size).toBe(fired.length);
  });

  it('describes each alert with its rule’s annotation from the rules file', () => {
    const yaml = readFileSync(
      path.join(
        __dirname,
        '../../../shared/reference/azure-prometheus/DERIVED.recommendedMetricAlerts.prometheus-rules.yaml',
      ),
      'utf8',
    );
    for (const [alert, template] of Object.entries(RULE_DESCRIPTIONS)) {
      const block = yaml.split(/^\s+- alert: /m).find((b) => b.startsWith(`${alert}\n`)) ?? '';
      const lines = block.split('\n');
      const at = lines.findIndex((l) => /^\s+description: /.test(l));
      let text = (lines[at] ?? '').replace(/^\s+description: /, '');
      for (const l of lines.slice(at + 1)) if (/^\s{8,}\S/.test(l) && !/^\s+[a-z_]+: /.test(l)) text += ` ${l.trim()}`;
      text = text.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
      expect(text, alert).toBe(
        `${template} For more information on this alert, please refer to this [link](https://aka.ms/aks-alerts/${RECOMMENDED_RULES.find((r) => r.alert === alert)?.level.toLowerCase()}-recommended-alerts).`,
      );
    }
    const [a] = firingRecommendedAlerts(
      fleet.clusters.find((c) => c.nodes.some((n) => n.ready === 'unknown')) as DemoCluster,
      NOW,
    );
    expect(a && alertDescription(a, 'x')).toMatch(/^\S+ in x is unreachable and some workloads may be rescheduled\.$/);
  });
});
