import type { PromQuery } from '../../types';
import { promVector, type PromSample } from '../../wire';
import { fleetPromParamsSchema, selector, type FleetPromParams } from '../../prom-params';
import { FLEET_PERSONAS } from './inventory';

/** Prometheus: one aggregated query per signal, grouped by cluster (never one per cluster). */

function byClusterQuery<R>(spec: {
  id: string;
  layer: PromQuery<FleetPromParams, R>['layer'];
  title: string;
  description: string;
  build: (p: FleetPromParams) => string;
  row: (sample: PromSample, clusterLabel: string) => R | null;
}): PromQuery<FleetPromParams, R> {
  return {
    id: spec.id,
    kind: 'prom',
    mode: 'instant',
    layer: spec.layer,
    personas: FLEET_PERSONAS,
    title: spec.title,
    description: spec.description,
    params: fleetPromParamsSchema,
    build: spec.build,
    parse: (wire, p) =>
      promVector(wire).flatMap((s) => {
        const row = spec.row(s, p.clusterLabel);
        return row === null ? [] : [row];
      }),
  };
}

export interface ClusterValue {
  cluster: string;
  value: number;
}
export interface ClusterStateCount {
  cluster: string;
  state: string;
  count: number;
}

const clusterValue = (s: PromSample, label: string): ClusterValue | null => {
  const cluster = s.labels[label];
  return cluster === undefined || !Number.isFinite(s.value) ? null : { cluster, value: s.value };
};
const clusterState =
  (stateLabel: string) =>
  (s: PromSample, label: string): ClusterStateCount | null => {
    const cluster = s.labels[label];
    const state = s.labels[stateLabel];
    return cluster === undefined || state === undefined ? null : { cluster, state, count: s.value };
  };

export const nodeReadiness = byClusterQuery({
  id: 'prom.fleet.node-readiness',
  layer: 'L1',
  title: 'Node readiness by cluster',
  description: 'Nodes per cluster by their Ready condition (true, false, unknown), from kube-state-metrics.',
  build: (p) => `sum by (${p.clusterLabel}, status) (kube_node_status_condition${selector(p, { condition: 'Ready' })})`,
  row: clusterState('status'),
});

export const podPhases = byClusterQuery({
  id: 'prom.fleet.pod-phases',
  layer: 'L3',
  title: 'Pods by phase by cluster',
  description:
    'Pods per cluster in each phase (Running, Pending, Succeeded, Failed, Unknown), from kube-state-metrics.',
  build: (p) => `sum by (${p.clusterLabel}, phase) (kube_pod_status_phase${selector(p)})`,
  row: clusterState('phase'),
});

export const crashLoopingContainers = byClusterQuery({
  id: 'prom.fleet.crashlooping-containers',
  layer: 'L3',
  title: 'Crash-looping containers by cluster',
  description: 'Containers waiting in CrashLoopBackOff right now, per cluster.',
  build: (p) =>
    `sum by (${p.clusterLabel}) (kube_pod_container_status_waiting_reason${selector(p, { reason: 'CrashLoopBackOff' })})`,
  row: clusterValue,
});

export const containerRestarts = byClusterQuery({
  id: 'prom.fleet.container-restarts',
  layer: 'L3',
  title: 'Container restarts in the last hour by cluster',
  description: 'How many times containers restarted over the last hour, per cluster.',
  build: (p) => `sum by (${p.clusterLabel}) (increase(kube_pod_container_status_restarts_total${selector(p)}[1h]))`,
  row: clusterValue,
});

export const cpuUtilization = byClusterQuery({
  id: 'prom.fleet.cpu-utilization',
  layer: 'L1',
  title: 'Node CPU utilisation by cluster',
  description:
    'Share of node CPU time not idle over the last 5 minutes, averaged over every CPU of every node (node-exporter).',
  build: (p) => `1 - avg by (${p.clusterLabel}) (rate(node_cpu_seconds_total${selector(p, { mode: 'idle' })}[5m]))`,
  row: clusterValue,
});

export const memoryUtilization = byClusterQuery({
  id: 'prom.fleet.memory-utilization',
  layer: 'L1',
  title: 'Node memory utilisation by cluster',
  description:
    'Share of node memory not available to new workloads, summed over the nodes of each cluster (node-exporter).',
  build: (p) =>
    `1 - sum by (${p.clusterLabel}) (node_memory_MemAvailable_bytes${selector(p)}) / sum by (${p.clusterLabel}) (node_memory_MemTotal_bytes${selector(p)})`,
  row: clusterValue,
});

/** The controllers whose availability the health rollup reads, with the object label kube-state-metrics gives each. */
export const WORKLOAD_KINDS = [
  {
    kind: 'Deployment',
    label: 'deployment',
    desired: 'kube_deployment_spec_replicas',
    actual: 'kube_deployment_status_replicas_available',
    updated: 'kube_deployment_status_replicas_updated',
  },
  // Azure's minimal ingestion profile keeps kube_statefulset_status_replicas but drops the spec's
  // kube_statefulset_replicas: the spec when scraped, else the replicas the controller created.
  {
    kind: 'StatefulSet',
    label: 'statefulset',
    desired: ['kube_statefulset_replicas', 'kube_statefulset_status_replicas'],
    actual: 'kube_statefulset_status_replicas_ready',
    updated: 'kube_statefulset_status_replicas_updated',
  },
  // number_available is not in Azure's minimal profile; number_ready is (and is what L3 draws).
  {
    kind: 'DaemonSet',
    label: 'daemonset',
    desired: 'kube_daemonset_status_desired_number_scheduled',
    actual: 'kube_daemonset_status_number_ready',
    updated: 'kube_daemonset_status_updated_number_scheduled',
  },
] as const;
export type WorkloadKindName = (typeof WORKLOAD_KINDS)[number]['kind'];

export interface ClusterWorkloadState {
  cluster: string;
  kind: WorkloadKindName;
  /** `down`: none of the desired replicas available; `partial`: some, fewer than desired. */
  state: 'down' | 'partial';
  count: number;
}

/** Desired replicas of one kind, per object; a list reads its first series present. */
function desiredOf(p: FleetPromParams, desired: string | readonly string[]): string {
  const names = typeof desired === 'string' ? [desired] : desired;
  const parts = names.map((n) => `${n}${selector(p)}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`;
}

/**
 * Controllers with no replica available (down) or fewer than desired (partial), counted per
 * cluster, kind and state. Scaled to zero on purpose is neither: only desired > 0 counts. A
 * rollout under way (updated replicas changed in the last 10 minutes, the guard of Azure's
 * recommended *ReplicasMismatch rules) is not partial; no replica available is down regardless.
 */
export const workloadAvailability = byClusterQuery({
  id: 'prom.fleet.workload-availability',
  layer: 'L3',
  title: 'Workloads down or short of replicas by cluster',
  description:
    'Deployments (available), StatefulSets (ready) and DaemonSets (ready) against their desired replicas, counted per cluster: none available (down) or fewer than desired (partial); scaled to zero is ignored.',
  build: (p) => {
    const parts = WORKLOAD_KINDS.flatMap((k) => {
      const on = `on (${p.clusterLabel}, namespace, ${k.label})`;
      const desired = desiredOf(p, k.desired);
      const actual = `${k.actual}${selector(p)}`;
      const tag = (expr: string, state: string): string =>
        `label_replace(label_replace(${expr}, "kind", "${k.kind}", "", ""), "state", "${state}", "", "")`;
      return [
        tag(`(${actual} == 0) and ${on} (${desired} > 0)`, 'down'),
        tag(
          `((${actual} > 0) < ${on} ${desired}) unless ${on} (changes(${k.updated}${selector(p)}[10m]) > 0)`,
          'partial',
        ),
      ];
    });
    return [`count by (${p.clusterLabel}, kind, state) (`, `  ${parts.join('\n  or ')}`, `)`].join('\n');
  },
  row: (s, label): ClusterWorkloadState | null => {
    const cluster = s.labels[label];
    const kind = WORKLOAD_KINDS.find((k) => k.kind === s.labels['kind'])?.kind;
    const state = s.labels['state'];
    if (cluster === undefined || !kind || (state !== 'down' && state !== 'partial')) return null;
    return { cluster, kind, state, count: s.value };
  },
});

export const FLEET_PROM_QUERIES = [
  nodeReadiness,
  podPhases,
  crashLoopingContainers,
  containerRestarts,
  cpuUtilization,
  memoryUtilization,
  workloadAvailability,
] as const;
