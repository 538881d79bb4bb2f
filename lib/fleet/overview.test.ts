import { describe, expect, it } from 'vitest';
import { alerts } from '../catalog';
import { getDemoFleet } from '../demo/fleet';
import type { Backend, BackendRegistry } from '../sources/backend';
import { createDemoBackend } from '../sources/demo-backend';
import { SourceError } from '../sources/errors';
import { createQueryRunner } from '../sources/runner';
import { getFleetOverview } from './overview';
import { isProduction } from './health';

const SEED = 'overview-test';
const SIZE = 40;
const NOW = 1_795_000_000;
const options = { now: NOW, clusterLabel: 'cluster', latestMinor: 36 };
const demo = createDemoBackend({ seed: SEED, clusters: SIZE });
const failing = (label: string, failure: 'unreachable' | 'timeout'): Backend => ({
  label,
  kinds: ['arg', 'logs', 'prom'],
  run: async () => {
    throw new SourceError(`${label}: connect ECONNREFUSED 127.0.0.1:9`, {
      source: 'prom',
      failure,
      endpoint: 'http://127.0.0.1:9/api/v1/query',
    });
  },
});
const overview = (registry: BackendRegistry) => getFleetOverview(createQueryRunner(registry), options);

describe('fleet overview on the demo fleet', () => {
  it('lists every cluster with figures that match the fleet model', async () => {
    const result = await overview({ arg: demo, logs: demo, prom: demo });
    expect(result.clusters).toHaveLength(SIZE);
    expect(result.notices).toEqual([]);
    expect(result.queries.map((q) => q.id)).toEqual([
      'arg.fleet-inventory',
      'logs.last-upgrade-by-cluster',
      'prom.fleet.node-readiness',
      'prom.fleet.pod-phases',
      'prom.fleet.crashlooping-containers',
      'prom.fleet.container-restarts',
      'prom.fleet.cpu-utilization',
      'prom.fleet.memory-utilization',
      'prom.fleet.workload-availability',
      'logs.node-state-by-cluster',
      'logs.pod-state-by-cluster',
      'arg.fired-alerts',
      'prom.fleet.firing-alerts',
    ]);
    const model = new Map(getDemoFleet(SEED, SIZE).clusters.map((c) => [c.name, c]));
    let workloadsDown = 0;
    for (const c of result.clusters) {
      const m = model.get(c.name);
      if (!m) throw new Error(`unknown cluster ${c.name}`);
      if (m.monitoring.managedPrometheus && m.powerState === 'Running') {
        expect(c.nodes).toEqual({ ready: m.nodes.filter((n) => n.ready === 'true').length, total: m.nodes.length });
        expect(c.pods.pending).toBe(m.workloads.reduce((s, w) => s + w.pending, 0));
        expect(c.pods.failed).toBe(m.workloads.reduce((s, w) => s + w.failed, 0));
        expect(c.containers.crashLooping).toBe(m.workloads.reduce((s, w) => s + w.crashLooping, 0));
        expect(c.cpu.utilization).toBeGreaterThan(0);
        expect(c.cpu.utilization).toBeLessThan(1);
        // Deployments and StatefulSets whose every replica crash-loops or waits have none available.
        const controllersDown = m.workloads.filter(
          (w) => (w.kind === 'Deployment' || w.kind === 'StatefulSet') && w.desired > 0 && w.running === 0,
        ).length;
        expect(c.workloads.down).toBeGreaterThanOrEqual(controllersDown);
        if (c.workloads.down! > 0) {
          expect(c.health.status).toBe('critical');
          expect(c.health.reasons.map((r) => r.signal)).toContain('workloads-down');
          workloadsDown++;
        }
      } else if (m.monitoring.containerInsights && m.powerState === 'Running') {
        // No Prometheus, but Container insights reports nodes and pods; utilisation stays unknown.
        expect(c.monitoring.nodeSource).toBe('container-insights');
        expect(c.nodes).toEqual({ ready: m.nodes.filter((n) => n.ready === 'true').length, total: m.nodes.length });
        expect(c.pods.pending).toBe(m.workloads.reduce((s, w) => s + w.pending, 0));
        expect(c.cpu.utilization).toBeNull();
      } else {
        expect(c.nodes.ready).toBeNull();
        expect(c.health.reasons.map((r) => r.signal)).toContain(
          m.powerState === 'Stopped' ? 'power-state' : 'no-metrics',
        );
      }
      if (c.health.status !== 'healthy') expect(c.health.reasons.length).toBeGreaterThan(0);
      if (c.provider === 'arc') expect(c.lastUpgrade).toBeNull();
    }
    expect(result.clusters.some((c) => c.lastUpgrade !== null)).toBe(true);
    expect(new Set(result.clusters.map((c) => c.health.status)).size).toBeGreaterThanOrEqual(3);
    expect(workloadsDown).toBeGreaterThan(0);
  });

  it('costs only the metric columns when Prometheus is down', async () => {
    const result = await overview({
      arg: demo,
      logs: demo,
      prom: failing('Prometheus http://127.0.0.1:9', 'unreachable'),
    });
    expect(result.clusters).toHaveLength(SIZE);
    expect(result.clusters.every((c) => c.cpu.utilization === null)).toBe(true);
    const withoutNodes = result.clusters.filter((c) => c.powerState === 'Running' && c.monitoring.nodeSource === null);
    expect(withoutNodes.length).toBeGreaterThan(0);
    expect(
      withoutNodes.every((c) => c.health.reasons.some((r) => r.message.startsWith('Prometheus did not answer'))),
    ).toBe(true);
    expect(result.clusters.some((c) => c.lastUpgrade !== null)).toBe(true);
    const promNotices = result.notices.filter((n) => n.queryId.startsWith('prom.'));
    expect(promNotices).toHaveLength(8);
    // Clusters with Container insights keep their node counts from Log Analytics.
    expect(
      result.clusters.some((c) => c.monitoring.nodeSource === 'container-insights' && c.nodes.ready !== null),
    ).toBe(true);
    expect(promNotices[0]).toMatchObject({ severity: 'error', failure: 'unreachable', source: 'Prometheus' });
  });

  it('says a source is not configured, and still renders', async () => {
    const result = await overview({ arg: demo, logs: null, prom: demo });
    expect(result.clusters).toHaveLength(SIZE);
    expect(result.clusters.every((c) => c.lastUpgrade === null)).toBe(true);
    expect(result.notices).toEqual([
      expect.objectContaining({
        queryId: 'logs.last-upgrade-by-cluster',
        panel:
          'Last successful upgrade per cluster, Node readiness by cluster (Container insights), Pods by phase by cluster (Container insights)',
        severity: 'info',
        message: 'Log Analytics is not configured',
        failure: 'not-configured',
      }),
    ]);
  });

  it('fired Azure Monitor alerts join the rollup of the cluster they target', async () => {
    const result = await overview({ arg: demo, logs: demo, prom: demo });
    const fired = await createQueryRunner({ arg: demo, logs: null, prom: null }).run(
      alerts.firedAzureAlerts,
      {},
      { kind: 'instant', at: NOW },
    );
    if (!fired.ok) throw new Error('the demo did not answer the fired alerts');
    const perCluster = new Map<string, number>();
    for (const a of fired.rows) perCluster.set(a.targetResource, (perCluster.get(a.targetResource) ?? 0) + 1);
    expect(perCluster.size).toBeGreaterThan(0);
    for (const c of result.clusters) {
      const reason = c.health.reasons.find((r) => r.signal === 'alerts');
      const expected = c.powerState === 'Stopped' ? undefined : perCluster.get(c.id.toLowerCase());
      expect(reason?.value, c.name).toBe(expected);
      if (reason) expect(c.health.status).not.toBe('healthy');
    }
  });

  it('alerts a Prometheus ruler reports firing join the rollup by cluster label; Watchdog and info alerts do not', async () => {
    const names = (await overview({ arg: demo, logs: demo, prom: demo })).clusters
      .filter((c) => c.health.status === 'healthy')
      .map((c) => c.name);
    const [calm, quiet] = names;
    if (!calm || !quiet) throw new Error('the demo fleet should have two healthy clusters');
    const sample = (cluster: string, alertname: string, severity: string, n: number) => ({
      metric: { cluster, alertname, severity },
      value: [NOW, String(n)],
    });
    const withRuler: Backend = {
      ...demo,
      run: (r, o) =>
        r.query.id === 'prom.fleet.firing-alerts'
          ? Promise.resolve({
              wire: {
                status: 'success',
                data: {
                  resultType: 'vector',
                  result: [
                    sample(calm, 'KubeNodeNotReady', 'critical', 1),
                    sample(calm, 'Watchdog', 'none', 1),
                    sample(quiet, 'CPUThrottlingHigh', 'info', 2),
                  ],
                },
              },
              notices: [],
              executedText: r.text,
            })
          : demo.run(r, o),
    };
    const result = await overview({ arg: demo, logs: demo, prom: withRuler });
    const byName = new Map(result.clusters.map((c) => [c.name, c]));
    const calmCluster = byName.get(calm);
    expect(calmCluster?.health).toEqual({
      status: 'critical',
      // Nothing else is wrong: only "critical" (10), × 1.5 when production.
      score: isProduction(calm, calmCluster?.tags ?? {}) ? 15 : 10,
      reasons: [
        {
          signal: 'alerts',
          severity: 'critical',
          layer: 'alerts',
          value: 1,
          message: '1 alert firing, worst critical: KubeNodeNotReady (critical at Sev0/Sev1/critical, else warning)',
        },
      ],
    });
    expect(byName.get(quiet)?.health.status).toBe('healthy');
  });

  it('an alert source that fails costs only the alert reasons', async () => {
    const argFailsForAlerts: Backend = {
      ...demo,
      run: (r, o) =>
        r.query.id === 'arg.fired-alerts'
          ? Promise.reject(
              new SourceError('Resource Graph: 403 on alertsmanagementresources', {
                source: 'arg',
                failure: 'forbidden',
              }),
            )
          : demo.run(r, o),
    };
    const result = await overview({ arg: argFailsForAlerts, logs: demo, prom: demo });
    expect(result.clusters).toHaveLength(SIZE);
    expect(result.clusters.some((c) => c.health.reasons.some((r) => r.signal === 'alerts'))).toBe(false);
    // A missing permission informs and names the role, Headlamp-style.
    expect(result.notices).toEqual([
      expect.objectContaining({
        queryId: 'arg.fired-alerts',
        severity: 'info',
        failure: 'forbidden',
        message: expect.stringContaining('needs Reader on the subscription'),
      }),
    ]);
  });

  it('turns a malformed answer into a panel error, not an exception', async () => {
    const garbage: Backend = {
      label: 'garbage',
      kinds: ['logs'],
      run: async (r) => ({ wire: { tables: 'nope' }, notices: [], executedText: r.text }),
    };
    const result = await overview({ arg: demo, logs: garbage, prom: demo });
    expect(result.clusters).toHaveLength(SIZE);
    expect(result.notices).toHaveLength(3);
    expect(result.notices[0]).toMatchObject({
      queryId: 'logs.last-upgrade-by-cluster',
      severity: 'error',
      failure: 'bad-response',
    });
    expect(result.notices[0]?.message).toMatch(/unexpected Log Analytics response/);
  });
});
