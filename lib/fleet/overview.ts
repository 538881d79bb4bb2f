import { fleet as q } from '../catalog';
import type { ClusterInventoryRow, ClusterStateCount, ClusterValue } from '../catalog/queries/fleet';
import type { QueryOutcome, QueryRunner } from '../sources/runner';
import { rollUpHealth, type HealthInputs } from './health';
import { minorOf, versionSupport } from './versions';
import type { ClusterSummary, Distribution, FleetOverview, PanelNotice } from './types';
import { DISTRIBUTIONS } from './types';

export interface FleetOverviewOptions {
  /** Evaluation time, unix seconds. */
  now: number;
  clusterLabel: string;
  latestMinor: number;
}

const SOURCE_NAMES = { arg: 'Resource Graph', logs: 'Log Analytics', prom: 'Prometheus', demo: 'demo fleet' } as const;

function noticesOf(outcome: QueryOutcome<unknown>): PanelNotice[] {
  const base = { queryId: outcome.executed.id, panel: outcome.executed.title };
  const notices: PanelNotice[] = outcome.notices.map((n) => ({ ...base, severity: n.severity, source: SOURCE_NAMES[n.source], message: n.message }));
  if (!outcome.ok) {
    notices.push({
      ...base,
      severity: outcome.error.failure === 'not-configured' ? 'info' : 'error',
      source: SOURCE_NAMES[outcome.error.source],
      message: outcome.error.message,
      failure: outcome.error.failure,
    });
  }
  return notices;
}

function byCluster<R extends { cluster: string }>(outcome: QueryOutcome<R>): Map<string, R[]> | null {
  if (!outcome.ok) return null;
  const map = new Map<string, R[]>();
  for (const row of outcome.rows) {
    const key = row.cluster.toLowerCase();
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

function stateCounts(rows: ClusterStateCount[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows ?? []) out[r.state] = (out[r.state] ?? 0) + r.count;
  return out;
}

function valueOf(map: Map<string, ClusterValue[]> | null, key: string): number | null {
  const rows = map?.get(key);
  return rows && rows.length ? rows.reduce((sum, r) => sum + r.value, 0) : null;
}

function distributionOf(row: ClusterInventoryRow): Distribution {
  const d = row.distribution.toLowerCase();
  return (DISTRIBUTIONS as readonly string[]).includes(d) ? (d as Distribution) : 'other';
}

function powerStateOf(row: ClusterInventoryRow): ClusterSummary['powerState'] {
  if (row.powerState === 'Running' || row.powerState === 'Stopped') return row.powerState;
  // Arc-connected clusters have no power state in Azure: they run wherever they run.
  return row.clusterKind === 'arc' ? 'Running' : 'Unknown';
}

/**
 * The fleet overview: one Resource Graph inventory, one activity-log summary and one
 * PromQL query per signal for the whole fleet, joined by cluster. Any of them may fail;
 * the overview then says which, and shows what the others answered.
 */
export async function getFleetOverview(runner: QueryRunner, options: FleetOverviewOptions): Promise<FleetOverview> {
  const instant = { kind: 'instant', at: options.now } as const;
  const promParams = { clusterLabel: options.clusterLabel };
  const [inventory, upgrades, readiness, phases, crashLoops, restarts, cpu, memory] = await Promise.all([
    runner.run(q.fleetInventory, {}, instant),
    runner.run(q.lastUpgradeByCluster, {}, instant),
    runner.run(q.nodeReadiness, promParams, instant),
    runner.run(q.podPhases, promParams, instant),
    runner.run(q.crashLoopingContainers, promParams, instant),
    runner.run(q.containerRestarts, promParams, instant),
    runner.run(q.cpuUtilization, promParams, instant),
    runner.run(q.memoryUtilization, promParams, instant),
  ]);
  const outcomes = [inventory, upgrades, readiness, phases, crashLoops, restarts, cpu, memory] as QueryOutcome<unknown>[];

  const readinessBy = byCluster(readiness);
  const phasesBy = byCluster(phases);
  const crashBy = byCluster(crashLoops);
  const restartsBy = byCluster(restarts);
  const cpuBy = byCluster(cpu);
  const memoryBy = byCluster(memory);
  const lastUpgrade = upgrades.ok ? new Map(upgrades.rows.map((r) => [r.ResourceId.toLowerCase(), r.LastUpgrade])) : null;
  const metricsFailed = !readiness.ok ? readiness.error.message : null;

  const clusters: ClusterSummary[] = (inventory.ok ? inventory.rows : []).map((row) => {
    const key = row.name.toLowerCase();
    const nodeStates = readinessBy?.get(key);
    const support = versionSupport(row.kubernetesVersion, options.latestMinor);
    const powerState = powerStateOf(row);
    const poolTotal = row.clusterKind === 'aks' ? row.nodePools.reduce((sum, p) => sum + (p.count ?? 0), 0) : (row.totalNodeCount ?? 0);

    let metrics: HealthInputs['metrics'] = null;
    let noMetricsReason: string | undefined;
    if (nodeStates) {
      const ready = stateCounts(nodeStates);
      const pods = stateCounts(phasesBy?.get(key));
      metrics = {
        nodesReady: ready['true'] ?? 0,
        nodesNotReady: ready['false'] ?? 0,
        nodesUnknown: ready['unknown'] ?? 0,
        podsPending: pods['Pending'] ?? 0,
        podsFailed: pods['Failed'] ?? 0,
        crashLooping: crashBy ? (valueOf(crashBy, key) ?? 0) : 0,
        cpu: valueOf(cpuBy, key),
        memory: valueOf(memoryBy, key),
      };
    } else if (metricsFailed) {
      noMetricsReason = `Prometheus did not answer: ${metricsFailed}`;
    } else {
      noMetricsReason =
        row.managedPrometheusEnabled === false
          ? 'No metrics: managed Prometheus is not enabled on this cluster'
          : `No metrics: no kube-state-metrics series with ${options.clusterLabel}="${row.name}"`;
    }
    const health = rollUpHealth({ powerState, kubernetesVersion: row.kubernetesVersion, versionSupport: support, latestMinor: options.latestMinor, metrics, noMetricsReason });
    const podStates = metrics ? stateCounts(phasesBy?.get(key)) : null;
    const nodesTotal = metrics ? metrics.nodesReady + metrics.nodesNotReady + metrics.nodesUnknown : poolTotal;

    return {
      id: row.id,
      name: row.name,
      provider: row.clusterKind,
      distribution: distributionOf(row),
      subscriptionId: row.subscriptionId,
      resourceGroup: row.resourceGroup,
      region: row.location,
      kubernetesVersion: row.kubernetesVersion,
      kubernetesMinor: minorOf(row.kubernetesVersion),
      versionSupport: support,
      powerState,
      tags: row.tags,
      health,
      nodes: { ready: metrics ? metrics.nodesReady : null, total: powerState === 'Stopped' ? poolTotal : nodesTotal },
      nodePools: row.nodePools.length,
      pods: {
        running: podStates && phasesBy ? (podStates['Running'] ?? 0) : null,
        pending: podStates && phasesBy ? (podStates['Pending'] ?? 0) : null,
        failed: podStates && phasesBy ? (podStates['Failed'] ?? 0) : null,
      },
      containers: {
        crashLooping: metrics && crashBy ? metrics.crashLooping : null,
        restartsLastHour: metrics ? valueOf(restartsBy, key) : null,
      },
      cpu: { utilization: metrics?.cpu ?? null },
      memory: { utilization: metrics?.memory ?? null },
      lastUpgrade: lastUpgrade?.get(row.id.toLowerCase()) ?? null,
      monitoring: {
        metrics: metrics !== null,
        containerInsights: row.containerInsightsEnabled ?? null,
        managedPrometheus: row.managedPrometheusEnabled ?? null,
      },
    };
  });

  return {
    generatedAt: new Date(options.now * 1000).toISOString(),
    clusters,
    notices: outcomes.flatMap(noticesOf),
    queries: outcomes.map((o) => o.executed),
  };
}
