import { alerts as aq, azure as ci, fleet as q, promInventory } from '../catalog';
import type { ClusterStateCount, ClusterValue, ClusterWorkloadState } from '../catalog/queries/fleet/signals';
import type { FiringPromAlertRow } from '../catalog/queries/alerts';
import type { QueryOutcome, QueryRunner } from '../sources/runner';
import { isMetaAlert } from './alert-severity';
import {
  isProduction,
  rollUpHealth,
  workloadTotal,
  type FiredAlertInput,
  type HealthInputs,
  type WorkloadAvailability,
} from './health';
import { fromResourceGraph, inventoryFromMetrics, type InventoryEntry } from './overview-inventory';
import { outcomeNotices } from './outcomes';
import { minorOf, versionSupport } from './versions';
import type { ClusterSummary, FleetOverview, PanelNotice } from './types';

/** Cluster ids one scoped Container insights query may name (the catalog's limit); more ask fleet-wide. */
const MAX_SCOPED_CLUSTERS = 1000;

export interface FleetOverviewOptions {
  /** Evaluation time, unix seconds. */
  now: number;
  clusterLabel: string;
  latestMinor: number;
  /**
   * One cluster's summary by name (a cluster page): every query is scoped to it, so the page
   * costs the same at any fleet size and its figures are the overview's by the same rules.
   */
  only?: string;
}

/** Meta alerts say nothing about a cluster's health, and "info" alerts are meant to be read, not paged on. */
function countsForHealth(a: FiringPromAlertRow): boolean {
  return !isMetaAlert(a.severity) && a.severity.toLowerCase() !== 'info';
}

/** Several panels of one unconfigured source make one notice, not one each. */
function mergeNotConfigured(notices: PanelNotice[]): PanelNotice[] {
  const out: PanelNotice[] = [];
  const merged = new Map<string, PanelNotice>();
  for (const n of notices) {
    if (n.failure !== 'not-configured') {
      out.push(n);
      continue;
    }
    const seen = merged.get(n.source);
    if (seen) seen.panel = `${seen.panel}, ${n.panel}`;
    else {
      const copy = { ...n };
      merged.set(n.source, copy);
      out.push(copy);
    }
  }
  return out;
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

function workloadAvailabilityOf(rows: readonly ClusterWorkloadState[] | undefined): WorkloadAvailability {
  const down: Record<string, number> = {};
  const partial: Record<string, number> = {};
  for (const r of rows ?? []) {
    const into = r.state === 'down' ? down : partial;
    into[r.kind] = (into[r.kind] ?? 0) + r.count;
  }
  return { down, partial };
}

function valueOf(map: Map<string, ClusterValue[]> | null, key: string): number | null {
  const rows = map?.get(key);
  return rows && rows.length ? rows.reduce((sum, r) => sum + r.value, 0) : null;
}

/**
 * The fleet overview: one Resource Graph inventory, one activity-log summary and one
 * PromQL query per signal for the whole fleet, joined by cluster. Any of them may fail;
 * the overview then says which, and shows what the others answered. With no Resource Graph
 * configured (Prometheus-only mode) the clusters come from kube_node_info instead.
 */
export async function getFleetOverview(runner: QueryRunner, options: FleetOverviewOptions): Promise<FleetOverview> {
  const instant = { kind: 'instant', at: options.now } as const;
  const only = options.only;
  const promParams = { clusterLabel: options.clusterLabel, ...(only ? { clusters: [only] } : {}) };
  const argInventory = runner.run(q.fleetInventory, only ? { names: [only] } : {}, instant);
  // An unconfigured source answers at once, so the fallback starts without waiting on anything slow.
  const metricsInventory = argInventory.then((o) =>
    !o.ok && o.error.failure === 'not-configured'
      ? runner.run(promInventory.promFleetInventory, promParams, instant)
      : null,
  );
  // Scoped, the activity log and Azure alerts are asked about the ids the inventory found (none: not asked).
  const byIds = <T>(ask: (scope: { clusterIds?: string[] }) => Promise<T>): Promise<T | null> =>
    only
      ? argInventory.then((inv) =>
          inv.ok && inv.rows.length > 0 ? ask({ clusterIds: inv.rows.map((r) => r.id) }) : null,
        )
      : ask({});
  const readinessQuery = runner.run(q.nodeReadiness, promParams, instant);
  // Container insights is asked only about clusters Prometheus does not cover (not at all when
  // it covers every one): the inventory and readiness decide which, and scope the two queries.
  const containerInsights = Promise.all([argInventory, readinessQuery]).then(([inv, ready]) => {
    if (!inv.ok) return null;
    const covered = new Set(ready.ok ? ready.rows.map((r) => r.cluster.toLowerCase()) : []);
    const ids = inv.rows
      .filter(
        (r) => r.containerInsightsEnabled !== false && r.powerState !== 'Stopped' && !covered.has(r.name.toLowerCase()),
      )
      .map((r) => r.id);
    if (ids.length === 0) return null;
    const scope = ids.length <= MAX_SCOPED_CLUSTERS ? { clusterIds: ids } : {};
    return Promise.all([
      runner.run(ci.nodeStateByCluster, scope, instant),
      runner.run(ci.podStateByCluster, scope, instant),
    ]);
  });
  const [
    inventory,
    fromMetrics,
    upgrades,
    readiness,
    phases,
    crashLoops,
    restarts,
    cpu,
    memory,
    workloadStates,
    insights,
    fired,
    firing,
  ] = await Promise.all([
    argInventory,
    metricsInventory,
    byIds((scope) => runner.run(q.lastUpgradeByCluster, scope, instant)),
    readinessQuery,
    runner.run(q.podPhases, promParams, instant),
    runner.run(q.crashLoopingContainers, promParams, instant),
    runner.run(q.containerRestarts, promParams, instant),
    runner.run(q.cpuUtilization, promParams, instant),
    runner.run(q.memoryUtilization, promParams, instant),
    runner.run(q.workloadAvailability, promParams, instant),
    containerInsights,
    byIds((scope) => runner.run(aq.firedAzureAlerts, scope, instant)),
    runner.run(aq.firingPrometheusAlerts, promParams, instant),
  ]);
  const [ciNodes, ciPods] = insights ?? [null, null];
  const listing = fromMetrics ?? inventory;
  const outcomes = [
    listing,
    upgrades,
    readiness,
    phases,
    crashLoops,
    restarts,
    cpu,
    memory,
    workloadStates,
    ...(insights ?? []),
    fired,
    firing,
  ].filter((o) => o !== null) as QueryOutcome<unknown>[];
  const ciNodesBy = ciNodes?.ok ? new Map(ciNodes.rows.map((r) => [r.ClusterId.toLowerCase(), r])) : null;
  const ciPodsBy = ciPods?.ok ? new Map(ciPods.rows.map((r) => [r.ClusterId.toLowerCase(), r])) : null;
  const entries: InventoryEntry[] = fromMetrics
    ? fromMetrics.ok
      ? inventoryFromMetrics(fromMetrics.rows)
      : []
    : inventory.ok
      ? inventory.rows.map(fromResourceGraph)
      : [];

  const readinessBy = byCluster(readiness);
  const phasesBy = byCluster(phases);
  const crashBy = byCluster(crashLoops);
  const restartsBy = byCluster(restarts);
  const cpuBy = byCluster(cpu);
  const memoryBy = byCluster(memory);
  const workloadsBy = byCluster(workloadStates);
  const lastUpgrade = upgrades?.ok
    ? new Map(upgrades.rows.map((r) => [r.ResourceId.toLowerCase(), r.LastUpgrade]))
    : null;
  const metricsFailed = !readiness.ok ? readiness.error.message : null;
  // Azure alerts name their target by resource id, Prometheus alerts by the cluster label; an
  // unanswered source leaves its alerts out of the rollup.
  const alertsBy = new Map<string, FiredAlertInput[]>();
  const addAlert = (key: string, a: FiredAlertInput): void => void alertsBy.set(key, [...(alertsBy.get(key) ?? []), a]);
  if (fired?.ok) for (const a of fired.rows) addAlert(a.targetResource, { rule: a.name, severity: a.severity });
  if (firing.ok)
    for (const a of firing.rows)
      if (countsForHealth(a))
        addAlert(`name:${a.cluster.toLowerCase()}`, { rule: a.alertname, severity: a.severity, count: a.count });

  const clusters: ClusterSummary[] = entries.map((row) => {
    const key = row.name.toLowerCase();
    const nodeStates = readinessBy?.get(key);
    const support = versionSupport(row.kubernetesVersion, options.latestMinor);
    const powerState = row.powerState;
    const poolTotal = row.inventoryNodes;

    let metrics: HealthInputs['metrics'] = null;
    let noMetricsReason: string | undefined;
    const ciNode = nodeStates ? undefined : ciNodesBy?.get(row.id.toLowerCase());
    const ciPod = ciPodsBy?.get(row.id.toLowerCase());
    if (ciNode) {
      // Container insights knows readiness and phases, not utilisation: CPU and memory stay unknown.
      metrics = {
        nodesReady: ciNode.NodesReady,
        nodesNotReady: ciNode.NodesNotReady,
        nodesUnknown: 0,
        podsPending: ciPod?.Pending ?? 0,
        podsFailed: ciPod?.Failed ?? 0,
        crashLooping: ciPod?.CrashLooping ?? 0,
        cpu: null,
        memory: null,
      };
    } else if (nodeStates) {
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
        row.managedPrometheus === false
          ? 'No metrics: managed Prometheus is not enabled on this cluster'
          : `No metrics: no kube-state-metrics series with ${options.clusterLabel}="${row.name}"`;
    }
    // Prometheus answers availability for the clusters it scrapes; no series there means none is short.
    const workloads: WorkloadAvailability | null =
      metrics && !ciNode && workloadsBy ? workloadAvailabilityOf(workloadsBy.get(key)) : null;
    const alerts =
      fired?.ok || firing.ok
        ? [...(alertsBy.get(row.id.toLowerCase()) ?? []), ...(alertsBy.get(`name:${key}`) ?? [])]
        : null;
    const health = rollUpHealth({
      powerState,
      kubernetesVersion: row.kubernetesVersion,
      versionSupport: support,
      latestMinor: options.latestMinor,
      metrics,
      workloads,
      noMetricsReason,
      alerts,
      provisioningState: row.provisioningState ?? null,
      arc: row.arc ?? null,
      usageSource: ciNode ? 'container-insights' : 'prometheus',
      production: isProduction(row.name, row.tags),
    });
    const podStates = ciNode
      ? ciPod
        ? { Running: ciPod.Running, Pending: ciPod.Pending, Failed: ciPod.Failed }
        : null
      : metrics
        ? stateCounts(phasesBy?.get(key))
        : null;
    const podsKnown = ciNode ? ciPod !== undefined : phasesBy !== null;
    const nodesTotal = metrics ? metrics.nodesReady + metrics.nodesNotReady + metrics.nodesUnknown : poolTotal;

    return {
      id: row.id,
      name: row.name,
      provider: row.provider,
      distribution: row.distribution,
      subscriptionId: row.subscriptionId,
      resourceGroup: row.resourceGroup,
      region: row.region,
      kubernetesVersion: row.kubernetesVersion,
      kubernetesMinor: minorOf(row.kubernetesVersion),
      versionSupport: support,
      powerState,
      tags: row.tags,
      health,
      nodes: { ready: metrics ? metrics.nodesReady : null, total: powerState === 'Stopped' ? poolTotal : nodesTotal },
      nodePools: row.nodePools,
      pods: {
        running: podStates && podsKnown ? (podStates['Running'] ?? 0) : null,
        pending: podStates && podsKnown ? (podStates['Pending'] ?? 0) : null,
        failed: podStates && podsKnown ? (podStates['Failed'] ?? 0) : null,
      },
      containers: {
        crashLooping: metrics && (ciNode ? ciPod !== undefined : crashBy !== null) ? metrics.crashLooping : null,
        restartsLastHour: metrics && !ciNode ? valueOf(restartsBy, key) : null,
      },
      workloads: {
        down: workloads ? workloadTotal(workloads.down) : null,
        partial: workloads ? workloadTotal(workloads.partial) : null,
      },
      cpu: { utilization: metrics?.cpu ?? null },
      memory: { utilization: metrics?.memory ?? null },
      lastUpgrade: lastUpgrade?.get(row.id.toLowerCase()) ?? null,
      monitoring: {
        metrics: metrics !== null && !ciNode,
        nodeSource: ciNode ? 'container-insights' : metrics ? 'prometheus' : null,
        containerInsights: row.containerInsights,
        managedPrometheus: row.managedPrometheus,
      },
    };
  });

  return {
    generatedAt: new Date(options.now * 1000).toISOString(),
    clusters,
    notices: mergeNotConfigured(outcomes.flatMap((o) => outcomeNotices(o))),
    queries: outcomes.map((o) => o.executed),
    inventoryFailure: listing.ok || listing.error.failure === 'not-configured' ? null : listing.error,
  };
}
