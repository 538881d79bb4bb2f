import type { QueryRequest, QueryTime } from '../catalog/types';
import type { FleetPromParams } from '../catalog/prom-params';
import type { ArgResponse, LogsResponse, PromResponse } from '../catalog/wire';
import { alerts, costProm, fleet as q, promInventory, rest } from '../catalog';
import { SourceError } from '../sources/errors';
import type { DemoCluster, DemoFleet } from './fleet-model';
import { answerAzureArg, answerAzureLogs } from './azure-answers';
import { answerOnboardingArg, demoDiagnosticSettingsWire } from './onboarding-answers';
import { armResourceOf, inventoryRowOf } from './azure-resources';
import { answerCostLogs } from './cost-answers';
import { providerScheme } from './providers';
import {
  containerCpuSeconds,
  containerWorkingSetBytes,
  counterRate,
  crashLoopRestarts,
  crashLoopSince,
  gridAt,
  idleCpuSeconds,
  memAvailableBytes,
} from './signals';
import { clusterPromEvaluator } from './cluster-answers';
import { controllerReplicasUp } from './capacity-answers';
import { booted } from './evaluator-kit';
import { podsOf } from './pods';
import { answerClusterLogs } from './cluster-logs';

/**
 * The demo backend's answers, by catalog query id, in exactly the wire shape of the real
 * service. Every number is computed from the fleet model in fleet.ts and signals.ts the way
 * the query's text defines it, so parsers and the domain run unchanged in demo mode.
 */

export class DemoUnsupportedQueryError extends Error {
  override name = 'DemoUnsupportedQueryError';
}

interface Sample {
  labels: Record<string, string>;
  value: number;
}
type PromEvaluator = (fleet: DemoFleet, params: FleetPromParams, t: number) => Sample[];

/** Clusters whose metrics reach Prometheus: running, with a metrics agent, inside the query's scope. */
function scrapedClusters(fleet: DemoFleet, params: FleetPromParams): DemoCluster[] {
  const scope = params.clusters?.length ? new Set(params.clusters) : null;
  return fleet.clusters.filter(
    (c) => c.monitoring.managedPrometheus && c.powerState === 'Running' && (!scope || scope.has(c.name)),
  );
}

const PROM_EVALUATORS: Record<string, PromEvaluator> = {
  // The demo fleet's metrics go to Azure managed Prometheus, whose rule groups fire Azure Monitor
  // alerts (answered from Resource Graph) and write no ALERTS series: nothing to count here.
  [alerts.firingPrometheusAlerts.id]: () => [],
  [promInventory.promFleetInventory.id]: (fleet, p, t) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      // count by (cluster, kubelet_version, provider) (kube_node_info): nodes exist once booted.
      const byVersion = new Map<string, number>();
      for (const n of c.nodes)
        if (n.bootTime <= t) byVersion.set(n.kubeletVersion, (byVersion.get(n.kubeletVersion) ?? 0) + 1);
      const provider = providerScheme(c);
      return [...byVersion].map(([kubelet_version, value]) => ({
        labels: { [p.clusterLabel]: c.name, kubelet_version, ...(provider ? { provider } : {}) },
        value,
      }));
    }),
  [costProm.promCostNodePools.id]: (fleet, p, t) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      // kube_node_labels by pool, instance type and region, with kube_node_status_capacity's cores and memory.
      const pools = new Map<string, { labels: Record<string, string>; nodes: number; cpu: number; mem: number }>();
      for (const n of c.nodes) {
        if (n.bootTime > t) continue;
        const vm = c.nodePools.find((np) => np.name === n.pool)?.vm.name;
        const labels: Record<string, string> = {
          [p.clusterLabel]: c.name,
          [costProm.NODE_POOL_LABEL]: n.pool,
          ...(vm ? { [costProm.NODE_INSTANCE_TYPE_LABEL]: vm } : {}),
          [costProm.NODE_REGION_LABEL]: c.location,
        };
        const key = JSON.stringify(labels);
        const e = pools.get(key) ?? { labels, nodes: 0, cpu: 0, mem: 0 };
        e.nodes++;
        e.cpu += n.vcpus;
        e.mem += n.memoryBytes;
        pools.set(key, e);
      }
      return [...pools.values()].flatMap((e) => [
        { labels: { ...e.labels, measure: 'nodes' }, value: e.nodes },
        { labels: { ...e.labels, measure: 'reporting' }, value: e.nodes },
        { labels: { ...e.labels, measure: 'cpu' }, value: e.cpu },
        { labels: { ...e.labels, measure: 'memory' }, value: e.mem },
      ]);
    }),
  [costProm.promCostPodShapes.id]: (fleet, p, t) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      // Running pods (crash loops too) on a node kube_node_labels already lists, by pool, namespace
      // and owner kind (kube_pod_info); cAdvisor writes usage for steady containers only, so a
      // crash-looping one is allocated its request. One container per demo pod.
      const groups = new Map<string, { labels: Record<string, string>; m: Record<string, number> }>();
      for (const pod of podsOf(c)) {
        if ((pod.state !== 'running' && pod.state !== 'crashLooping') || !pod.node) continue;
        if (!booted(pod.node.bootTime, t)) continue;
        const labels: Record<string, string> = {
          [p.clusterLabel]: c.name,
          [costProm.NODE_POOL_LABEL]: pod.node.pool,
          namespace: pod.namespace,
          created_by_kind: pod.ownerKind,
        };
        const key = JSON.stringify(labels);
        const e = groups.get(key) ?? { labels, m: {} };
        const add = (measure: costProm.PodShapeMeasure, v: number): void => {
          e.m[measure] = (e.m[measure] ?? 0) + v;
        };
        const w = pod.workload;
        const steady = pod.state === 'running';
        const cpuUse = steady
          ? counterRate((s) => containerCpuSeconds(w.cpuRequestCores, pod.phase, pod.started, s), t, 300, true)
          : null;
        const memUse = steady ? containerWorkingSetBytes(w.memoryRequestBytes, pod.phase, gridAt(t)) : null;
        add('pods', 1);
        add('cpu_request', w.cpuRequestCores);
        add('memory_request', w.memoryRequestBytes);
        if (cpuUse !== null) add('cpu_usage', cpuUse);
        if (memUse !== null) add('memory_usage', memUse);
        add('cpu_allocated', Math.max(w.cpuRequestCores, cpuUse ?? -Infinity));
        add('memory_allocated', Math.max(w.memoryRequestBytes, memUse ?? -Infinity));
        groups.set(key, e);
      }
      return [...groups.values()].flatMap((e) =>
        costProm.POD_SHAPE_MEASURES.flatMap((measure) => {
          const value = e.m[measure];
          return value === undefined ? [] : [{ labels: { ...e.labels, measure }, value }];
        }),
      );
    }),
  [q.nodeReadiness.id]: (fleet, p, t) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      const counts = { true: 0, false: 0, unknown: 0 };
      for (const n of c.nodes) if (n.bootTime <= t) counts[n.ready]++;
      return (['true', 'false', 'unknown'] as const).map((status) => ({
        labels: { [p.clusterLabel]: c.name, status },
        value: counts[status],
      }));
    }),
  [q.podPhases.id]: (fleet, p) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      // kube-state-metrics exposes all five phases per pod, 1 for the current one; crash loops are Running.
      const phases = { Pending: 0, Running: 0, Succeeded: 0, Failed: 0, Unknown: 0 };
      for (const w of c.workloads) {
        phases.Running += w.running + w.crashLooping;
        phases.Pending += w.pending;
        phases.Failed += w.failed;
        phases.Succeeded += w.succeeded;
      }
      return Object.entries(phases).map(([phase, value]) => ({ labels: { [p.clusterLabel]: c.name, phase }, value }));
    }),
  [q.crashLoopingContainers.id]: (fleet, p) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      const n = c.workloads.reduce((sum, w) => sum + w.crashLooping, 0);
      // kube-state-metrics v2 only exposes the series while a container is waiting.
      return n > 0 ? [{ labels: { [p.clusterLabel]: c.name }, value: n }] : [];
    }),
  [q.containerRestarts.id]: (fleet, p, t) =>
    scrapedClusters(fleet, p).map((c) => {
      let total = 0;
      for (const w of c.workloads) {
        for (let r = 0; r < w.crashLooping; r++) {
          const since = crashLoopSince(c, w.name, r);
          total += counterRate((s) => crashLoopRestarts(since, s), t, 3600, false) ?? 0;
        }
      }
      return { labels: { [p.clusterLabel]: c.name }, value: total };
    }),
  [q.cpuUtilization.id]: (fleet, p, t) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      let weighted = 0;
      let cpus = 0;
      for (const n of c.nodes) {
        const idle = counterRate((s) => idleCpuSeconds(n, s), t, 300, true);
        if (idle === null) continue;
        weighted += idle * n.vcpus;
        cpus += n.vcpus;
      }
      return cpus === 0 ? [] : [{ labels: { [p.clusterLabel]: c.name }, value: 1 - weighted / cpus }];
    }),
  [q.workloadAvailability.id]: (fleet, p) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      // Desired > 0 only; the model's controllers never roll out, so no partial one is excused.
      const counts = new Map<string, Sample>();
      for (const w of c.workloads) {
        if (w.kind === 'Job' || w.desired <= 0) continue;
        const up = controllerReplicasUp(c, w);
        const state = up === 0 ? 'down' : up < w.desired ? 'partial' : null;
        if (!state) continue;
        const labels = { [p.clusterLabel]: c.name, kind: w.kind, state };
        const k = JSON.stringify(labels);
        const e = counts.get(k) ?? { labels, value: 0 };
        e.value++;
        counts.set(k, e);
      }
      return [...counts.values()];
    }),
  [q.memoryUtilization.id]: (fleet, p, t) =>
    scrapedClusters(fleet, p).flatMap((c) => {
      const at = gridAt(t);
      let available = 0;
      let total = 0;
      for (const n of c.nodes) {
        if (n.bootTime > at) continue;
        available += memAvailableBytes(n, at);
        total += n.memoryBytes;
      }
      return total === 0 ? [] : [{ labels: { [p.clusterLabel]: c.name }, value: 1 - available / total }];
    }),
};

/** Prometheus prints floats with Go's strconv 'f' -1 format: shortest, never exponent. */
export function formatPromValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(20).replace(/\.?0+$/, '');
}

function answerProm(fleet: DemoFleet, request: QueryRequest): PromResponse {
  const evaluate = (PROM_EVALUATORS[request.query.id] ?? clusterPromEvaluator(request.query.id)) as
    PromEvaluator | null | undefined;
  if (!evaluate) throw new DemoUnsupportedQueryError(`the demo fleet does not answer ${request.query.id}`);
  const params = request.params as FleetPromParams;
  const time: QueryTime = request.time;
  if (time.kind === 'instant') {
    return {
      status: 'success',
      data: {
        resultType: 'vector',
        result: evaluate(fleet, params, time.at).map((s) => ({
          metric: s.labels,
          value: [time.at, formatPromValue(s.value)],
        })),
      },
    };
  }
  const series = new Map<string, { metric: Record<string, string>; values: Array<[number, string]> }>();
  for (let t = time.start; t <= time.end; t += time.step) {
    for (const s of evaluate(fleet, params, t)) {
      const key = JSON.stringify(s.labels);
      let entry = series.get(key);
      if (!entry) series.set(key, (entry = { metric: s.labels, values: [] }));
      entry.values.push([t, formatPromValue(s.value)]);
    }
  }
  return { status: 'success', data: { resultType: 'matrix', result: [...series.values()] } };
}

function answerArg(fleet: DemoFleet, request: QueryRequest): ArgResponse {
  if (request.query.id !== q.fleetInventory.id) {
    const azure = answerAzureArg(fleet, request);
    if (azure) return azure;
    const onboarding = answerOnboardingArg(fleet, request);
    if (onboarding) return onboarding;
    throw new DemoUnsupportedQueryError(`the demo fleet does not answer ${request.query.id}`);
  }
  // Projected from each cluster's ARM body the way the inventory KQL reads it (azure-resources.ts).
  const at = request.time.kind === 'instant' ? request.time.at : request.time.end;
  const names = (request.params as { names?: string[] }).names?.map((n) => n.toLowerCase());
  const data = fleet.clusters
    .filter((c) => !names || names.includes(c.name.toLowerCase()))
    .map((c) => inventoryRowOf(armResourceOf(fleet, c, at)));
  return { totalRecords: data.length, count: data.length, resultTruncated: 'false', data };
}

const DAY = 86_400;

/** Parses the ISO-8601 durations the catalog uses (PnD, PTnH, PTnM). */
export function isoDurationSeconds(duration: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!m) throw new DemoUnsupportedQueryError(`unsupported timespan ${duration}`);
  return Number(m[1] ?? 0) * DAY + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60;
}

function upgradeEvents(fleet: DemoFleet, now: number, lookback: number) {
  // Upgrades are anchored to the start of today (UTC), so history reads the same all day.
  const anchor = Math.floor(now / DAY) * DAY;
  return fleet.clusters.flatMap((c) =>
    c.upgrades
      .map((u) => ({ cluster: c, upgrade: u, time: anchor - u.ageSeconds }))
      .filter((e) => e.time <= now && e.time >= now - lookback),
  );
}

function answerLogs(fleet: DemoFleet, request: QueryRequest): LogsResponse {
  const now = request.time.kind === 'instant' ? request.time.at : request.time.end;
  const lookback = isoDurationSeconds(request.timespan ?? 'P1D');
  const iso = (t: number) => new Date(t * 1000).toISOString();
  if (request.query.id === q.upgradeStatus.id) {
    const only = (request.params as { clusterIds?: string[] }).clusterIds?.map((id) => id.toLowerCase());
    const rows = upgradeEvents(fleet, now, lookback)
      .filter((e) => !only || only.includes(e.cluster.id.toLowerCase()))
      .sort((a, b) => b.time - a.time)
      .map((e) => [
        iso(e.time),
        e.cluster.id.toLowerCase(),
        e.cluster.resourceGroup.toUpperCase(),
        e.cluster.subscriptionId,
        e.upgrade.caller,
      ]);
    return {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: '_ResourceId', type: 'string' },
            { name: 'ResourceGroup', type: 'string' },
            { name: 'SubscriptionId', type: 'string' },
            { name: 'Caller', type: 'string' },
          ],
          rows,
        },
      ],
    };
  }
  if (request.query.id === q.lastUpgradeByCluster.id) {
    const only = (request.params as { clusterIds?: string[] }).clusterIds?.map((id) => id.toLowerCase());
    const last = new Map<string, { time: number; count: number }>();
    for (const e of upgradeEvents(fleet, now, lookback)) {
      if (only && !only.includes(e.cluster.id.toLowerCase())) continue;
      const key = e.cluster.id.toLowerCase();
      const prev = last.get(key);
      last.set(key, { time: Math.max(prev?.time ?? 0, e.time), count: (prev?.count ?? 0) + 1 });
    }
    return {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'ResourceId', type: 'string' },
            { name: 'LastUpgrade', type: 'datetime' },
            { name: 'Upgrades', type: 'long' },
          ],
          rows: [...last].map(([id, v]) => [id, iso(v.time), v.count]),
        },
      ],
    };
  }
  const cluster = answerClusterLogs(fleet, request, now, lookback);
  if (cluster) return cluster;
  const cost = answerCostLogs(fleet, request, now, lookback);
  if (cost) return cost;
  const azure = answerAzureLogs(fleet, request, now);
  if (azure) return azure;
  throw new DemoUnsupportedQueryError(`the demo fleet does not answer ${request.query.id}`);
}

/** ARM reads: diagnostic settings, as GET …/diagnosticSettings lists them; an unknown resource is ARM's 404. */
function answerArm(fleet: DemoFleet, request: QueryRequest): unknown {
  if (request.query.id !== rest.diagnosticSettings.id)
    throw new DemoUnsupportedQueryError(`the demo fleet does not answer ${request.query.id}`);
  const id = (request.params as { resourceId: string }).resourceId;
  const wire = demoDiagnosticSettingsWire(fleet, id);
  if (wire === null)
    throw new SourceError(`Azure Resource Manager answered 404 for ${id}: ResourceNotFound`, {
      source: 'arm',
      failure: 'bad-query',
      status: 404,
      scope: id,
    });
  return wire;
}

/** Answers one catalog request from the demo fleet, in the real service's wire shape. */
export function answerDemoQuery(fleet: DemoFleet, request: QueryRequest): unknown {
  switch (request.query.kind) {
    case 'prom':
      return answerProm(fleet, request);
    case 'arg':
      return answerArg(fleet, request);
    case 'logs':
      return answerLogs(fleet, request);
    case 'arm':
      return answerArm(fleet, request);
    case 'prices':
      throw new DemoUnsupportedQueryError('the demo prices nodes from the snapshot');
  }
}
