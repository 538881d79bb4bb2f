import { describe, expect, it } from 'vitest';
import { HEALTH_THRESHOLDS, isProduction, rollUpHealth, type HealthInputs } from './health';

const healthyMetrics: NonNullable<HealthInputs['metrics']> = {
  nodesReady: 10,
  nodesNotReady: 0,
  nodesUnknown: 0,
  podsPending: 0,
  podsFailed: 0,
  crashLooping: 0,
  cpu: 0.4,
  memory: 0.5,
};
const base: HealthInputs = {
  powerState: 'Running',
  kubernetesVersion: '1.35.2',
  versionSupport: 'supported',
  latestMinor: 36,
  metrics: healthyMetrics,
};
const withMetrics = (m: Partial<typeof healthyMetrics>): HealthInputs => ({
  ...base,
  metrics: { ...healthyMetrics, ...m },
});

describe('health rollup', () => {
  it('is healthy with no reasons when every signal is inside its threshold', () => {
    expect(rollUpHealth(base)).toEqual({ status: 'healthy', reasons: [], score: 0 });
  });

  it('warns on one NotReady node and goes critical below 90% Ready, naming the threshold', () => {
    const one = rollUpHealth(withMetrics({ nodesReady: 19, nodesNotReady: 1 }));
    expect(one.status).toBe('warning');
    expect(one.reasons[0]?.message).toBe('1 of 20 nodes not Ready (warning at ≥ 1)');
    const many = rollUpHealth(withMetrics({ nodesReady: 8, nodesNotReady: 1, nodesUnknown: 1 }));
    expect(many.status).toBe('critical');
    expect(many.reasons[0]).toMatchObject({
      signal: 'node-readiness',
      layer: 'L1',
      threshold: HEALTH_THRESHOLDS.nodesReadyCritical,
    });
    expect(many.reasons[0]?.message).toContain('80% Ready (critical below 90%)');
  });

  it('uses the CPU and memory thresholds at their exact boundary', () => {
    expect(rollUpHealth(withMetrics({ cpu: 0.7999 })).status).toBe('healthy');
    expect(rollUpHealth(withMetrics({ cpu: 0.8 })).reasons[0]?.message).toBe('Node CPU at 80% (warning at ≥ 80%)');
    expect(rollUpHealth(withMetrics({ memory: 0.9 })).status).toBe('critical');
  });

  it('reports workload trouble on L3', () => {
    const h = rollUpHealth(withMetrics({ crashLooping: 2, podsFailed: 1, podsPending: 3 }));
    expect(h.status).toBe('warning');
    expect(h.reasons.map((r) => r.signal).sort()).toEqual(['crash-loops', 'pods-failed', 'pods-pending']);
    expect(h.reasons.every((r) => r.layer === 'L3')).toBe(true);
    expect(rollUpHealth(withMetrics({ crashLooping: HEALTH_THRESHOLDS.crashLoopCritical })).status).toBe('critical');
  });

  it('counts fired alerts: Sev0/Sev1 critical, any other severity a warning, none when the source did not answer', () => {
    const info = rollUpHealth({
      ...base,
      alerts: [
        { rule: 'KubeContainerWaiting', severity: 'Sev3' },
        { rule: 'KubePodCrashLooping', severity: 'Sev4' },
        { rule: 'KubePodCrashLooping', severity: 'Sev4' },
      ],
    });
    expect(info.status).toBe('warning');
    expect(info.reasons).toEqual([
      {
        signal: 'alerts',
        severity: 'warning',
        layer: 'alerts',
        value: 3,
        message:
          '3 alerts firing, worst Sev3: KubeContainerWaiting, KubePodCrashLooping (critical at Sev0/Sev1/critical, else warning)',
      },
    ]);
    const sev1 = rollUpHealth({
      ...base,
      alerts: [
        { rule: 'B', severity: 'Sev2' },
        { rule: 'A', severity: 'Sev1' },
        { rule: 'C', severity: 'Sev4' },
        { rule: 'D', severity: 'Sev3' },
      ],
    });
    expect(sev1.status).toBe('critical');
    expect(sev1.reasons[0]?.message).toBe(
      '4 alerts firing, worst Sev1: A, B +2 (critical at Sev0/Sev1/critical, else warning)',
    );
    expect(rollUpHealth({ ...base, alerts: [] })).toEqual({ status: 'healthy', reasons: [], score: 0 });
    expect(rollUpHealth({ ...base, alerts: null }).status).toBe('healthy');
    // Prometheus rules name their severity in words, and count firing series.
    const prom = rollUpHealth({
      ...base,
      alerts: [
        { rule: 'KubePodCrashLooping', severity: 'warning', count: 3 },
        { rule: 'KubeNodeNotReady', severity: 'critical', count: 1 },
      ],
    });
    expect(prom.status).toBe('critical');
    expect(prom.reasons[0]?.message).toBe(
      '4 alerts firing, worst critical: KubeNodeNotReady, KubePodCrashLooping (critical at Sev0/Sev1/critical, else warning)',
    );
    // A stopped cluster's stale alerts do not outrank "stopped".
    expect(
      rollUpHealth({ ...base, powerState: 'Stopped', alerts: [{ rule: 'A', severity: 'Sev0' }] }).reasons.map(
        (r) => r.signal,
      ),
    ).toEqual(['power-state']);
  });

  it('is unknown without metrics and says why', () => {
    const h = rollUpHealth({
      ...base,
      metrics: null,
      noMetricsReason: 'No metrics: managed Prometheus is not enabled on this cluster',
    });
    expect(h).toEqual({
      status: 'unknown',
      score: 0,
      reasons: [
        expect.objectContaining({
          signal: 'no-metrics',
          message: 'No metrics: managed Prometheus is not enabled on this cluster',
        }),
      ],
    });
  });

  it('says a stopped cluster is stopped rather than unmonitored', () => {
    const h = rollUpHealth({ ...base, powerState: 'Stopped', metrics: null });
    expect(h.status).toBe('unknown');
    expect(h.reasons[0]?.signal).toBe('power-state');
  });

  it('a blind cluster is unknown first, its version warning second; only a known critical outranks blindness', () => {
    const blind = { ...base, kubernetesVersion: '1.31.4', versionSupport: 'out-of-support' as const, metrics: null };
    const h = rollUpHealth(blind);
    expect(h.status).toBe('unknown');
    expect(h.reasons.map((r) => r.signal)).toEqual(['no-metrics', 'version-support']);
    expect(h.reasons[1]?.message).toBe('Kubernetes 1.31.4 is out of support (supported: 1.34–1.36)');
    const failed = rollUpHealth({ ...blind, provisioningState: 'Failed' });
    expect(failed.status).toBe('critical');
    expect(failed.reasons.map((r) => r.signal)).toEqual(['provisioning-state', 'no-metrics', 'version-support']);
  });

  it('says when node CPU or memory is missing, without calling the cluster unhealthy', () => {
    const h = rollUpHealth(withMetrics({ cpu: null, memory: null }));
    expect(h.status).toBe('healthy');
    expect(h.reasons).toEqual([
      {
        signal: 'no-usage',
        severity: 'info',
        layer: 'L1',
        message: 'No node CPU or memory usage: node-exporter is not scraped for this cluster',
      },
    ]);
    const ci = rollUpHealth({ ...withMetrics({ cpu: null, memory: null }), usageSource: 'container-insights' });
    expect(ci.reasons[0]?.message).toMatch(/^No node CPU or memory usage: Container insights reports readiness/);
    // An info reason never outranks a real one.
    const sick = rollUpHealth(withMetrics({ memory: null, crashLooping: 2 }));
    expect(sick.status).toBe('warning');
    expect(sick.reasons.map((r) => r.signal)).toEqual(['crash-loops', 'no-usage']);
  });
});

describe('severity score: the worst first within a status', () => {
  it('ranks 17 of 60 nodes down above 1 of 8, and weighs crash loops, failed pods and production', () => {
    const big = rollUpHealth(withMetrics({ nodesReady: 43, nodesNotReady: 17 }));
    const small = rollUpHealth(withMetrics({ nodesReady: 7, nodesNotReady: 1 }));
    expect([big.status, small.status]).toEqual(['critical', 'critical']);
    expect(big.score).toBe(Math.round(((100 * 17) / 60) * 100) / 100 + 10);
    expect(small.score).toBe(12.5 + 10);
    expect(big.score).toBeGreaterThan(small.score);
    const loops = rollUpHealth(withMetrics({ crashLooping: 200, podsFailed: 3 }));
    expect(loops.score).toBe(10 + 25 + 1.5);
    expect(rollUpHealth({ ...withMetrics({ crashLooping: 200, podsFailed: 3 }), production: true }).score).toBe(
      1.5 * (10 + 25 + 1.5),
    );
    expect(rollUpHealth(base).score).toBe(0);
  });

  it('a workload with no replica available is critical, one short of replicas a warning, naming kinds', () => {
    const down = rollUpHealth({ ...base, workloads: { down: { Deployment: 2, DaemonSet: 1 }, partial: {} } });
    expect(down.status).toBe('critical');
    expect(down.reasons[0]).toMatchObject({
      signal: 'workloads-down',
      layer: 'L3',
      value: 3,
      message: '2 Deployments and 1 DaemonSet with no replica available (critical at ≥ 1)',
    });
    const partial = rollUpHealth({ ...base, workloads: { down: {}, partial: { StatefulSet: 1 } } });
    expect(partial.status).toBe('warning');
    expect(partial.reasons.map((r) => r.message)).toEqual(['1 StatefulSet short of desired replicas (warning at ≥ 1)']);
    // Nothing short: no reason; unknown availability (Container insights) says nothing either.
    expect(rollUpHealth({ ...base, workloads: { down: {}, partial: {} } }).status).toBe('healthy');
    expect(rollUpHealth({ ...base, workloads: null }).status).toBe('healthy');
    // Each workload down adds 5 to the score, at most 25.
    const score = (n: number): number =>
      rollUpHealth({ ...base, workloads: { down: { Deployment: n }, partial: {} } }).score;
    expect(score(1)).toBe(15);
    expect(score(3)).toBe(25);
    expect(score(9)).toBe(35);
  });

  it('knows production by its environment tag first, else by a prod part of its name', () => {
    expect(isProduction('aks-dev-eus-001', { env: 'prod' })).toBe(true);
    expect(isProduction('aks-prod-eus-001', { Environment: 'staging' })).toBe(false);
    expect(isProduction('aks-prod-eus-001', {})).toBe(true);
    expect(isProduction('aks-production_weu', {})).toBe(true);
    expect(isProduction('product-catalog', {})).toBe(false);
  });
});

describe('states Azure reports', () => {
  it('Failed and Canceled provisioning are critical, an operation under way a warning, Succeeded nothing', () => {
    expect(rollUpHealth({ ...base, provisioningState: 'Failed' })).toEqual({
      status: 'critical',
      score: 10,
      reasons: [
        {
          signal: 'provisioning-state',
          severity: 'critical',
          layer: 'fleet',
          message: 'Provisioning state Failed: the last operation on the cluster resource did not complete (critical)',
        },
      ],
    });
    expect(rollUpHealth({ ...base, provisioningState: 'Canceled' }).status).toBe('critical');
    const upgrading = rollUpHealth({ ...base, provisioningState: 'Upgrading' });
    expect(upgrading.status).toBe('warning');
    expect(upgrading.reasons[0]?.message).toBe(
      'Provisioning state Upgrading: an operation is in progress, stuck if it stays so (warning)',
    );
    for (const s of ['Updating', 'Creating', 'Deleting', 'Scaling'])
      expect(rollUpHealth({ ...base, provisioningState: s }).status, s).toBe('warning');
    expect(rollUpHealth({ ...base, provisioningState: 'Succeeded' }).status).toBe('healthy');
    expect(rollUpHealth({ ...base, provisioningState: null }).status).toBe('healthy');
  });

  it('an Offline Arc agent says since when and replaces "no metrics"; Connecting is a warning', () => {
    const offline = rollUpHealth({
      ...base,
      metrics: null,
      noMetricsReason: 'No metrics: no kube-state-metrics series with cluster="x"',
      arc: { connectivityStatus: 'Offline', lastConnectivityTime: '2026-11-30T08:12:45.000Z' },
    });
    expect(offline).toEqual({
      status: 'critical',
      score: 10,
      reasons: [
        {
          signal: 'arc-connectivity',
          severity: 'critical',
          layer: 'fleet',
          message: 'Arc agent offline since 2026-11-30 08:12 UTC (connectivityStatus Offline)',
        },
      ],
    });
    const expired = rollUpHealth({
      ...base,
      arc: { connectivityStatus: 'Expired', lastConnectivityTime: '2026-08-01T00:00:00Z' },
    });
    expect(expired.reasons[0]?.message).toContain(
      'Arc agent offline since 2026-08-01 00:00 UTC, its certificate expired',
    );
    const connecting = rollUpHealth({
      ...base,
      metrics: null,
      arc: { connectivityStatus: 'Connecting', lastConnectivityTime: null },
    });
    // Blind while it connects: unknown first, the warning that explains it second.
    expect(connecting.status).toBe('unknown');
    expect(connecting.reasons.map((r) => [r.signal, r.severity])).toEqual([
      ['no-metrics', 'unknown'],
      ['arc-connectivity', 'warning'],
    ]);
    expect(rollUpHealth({ ...base, arc: { connectivityStatus: 'Connected', lastConnectivityTime: null } }).status).toBe(
      'healthy',
    );
  });
});
