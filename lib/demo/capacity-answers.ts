import * as cq from '../catalog/queries/cluster-prom';
import { booted, sumBy, type ClusterEvaluator, type Sample } from './evaluator-kit';
import type { DemoCluster, DemoWorkload, WorkloadKind } from './fleet-model';
import { maxPodsOf, rootFsSizeBytes, runningPodsByNode } from './node-capacity';
import { podsOf, type PodState } from './pods';
import {
  containerCpuSeconds,
  containerWorkingSetBytes,
  counterRate,
  CRASHLOOP_PERIOD,
  crashLoopSince,
  gridAt,
  rootFsAvailBytes,
} from './signals';
import { cpuLimitCores, crashReason, memoryLimitBytes } from './workload-resources';
import { daemonSetReady } from './workload-telemetry';

/**
 * Demo answers to the capacity questions of the cluster pages: how full each node's disk and
 * pod budget are (L1), and what the workloads use, request and may use, how many replicas are
 * ready and which containers the OOM killer stopped (L3). Computed from the fleet model the
 * way each query's PromQL reads the series the telemetry export writes.
 */

/** rate(container_cpu_usage_seconds_total{container!=""}[5m]) of every steady container, by namespace. */
export function containerCpuUsage(c: DemoCluster, t: number): Sample[] {
  return podsOf(c).flatMap((p) => {
    if (p.state !== 'running' || !p.node) return [];
    const rate = counterRate(
      (s) => containerCpuSeconds(p.workload.cpuRequestCores, p.phase, p.started, s),
      t,
      300,
      true,
    );
    return rate === null ? [] : [{ labels: { namespace: p.namespace }, value: rate }];
  });
}

/** container_memory_working_set_bytes{container!=""} of every steady container, by namespace. */
export function containerWorkingSet(c: DemoCluster, t: number): Sample[] {
  return podsOf(c)
    .filter((p) => p.state === 'running' && p.node)
    .map((p) => ({
      labels: { namespace: p.namespace },
      value: containerWorkingSetBytes(p.workload.memoryRequestBytes, p.phase, gridAt(t)),
    }));
}

/** Phase Pending or Running (crash-looping pods are Running): the pods whose requests count. */
const ACTIVE: ReadonlySet<PodState> = new Set(['running', 'crashLooping', 'pending']);

type PerContainer = (c: DemoCluster, w: DemoWorkload) => number | null;

/** usage, requests and limits by namespace, as `usageVsRequests` in the catalog sums them. */
function usageVsRequests(c: DemoCluster, usage: Sample[], request: PerContainer, limit: PerContainer): Sample[] {
  const measured = (namespace: string, measure: string, value: number): Sample => ({
    labels: { namespace, measure },
    value,
  });
  const active = podsOf(c).filter((p) => ACTIVE.has(p.state));
  const of = (measure: string, value: PerContainer): Sample[] =>
    active.flatMap((p) => {
      const v = value(c, p.workload);
      return v === null ? [] : [measured(p.namespace, measure, v)];
    });
  return sumBy([
    ...usage.map((s) => measured(s.labels['namespace'] ?? '', 'usage', s.value)),
    ...of('requests', request),
    ...of('limits', limit),
  ]);
}

/** Desired against actual replicas of one kind of controller, labelled the way `desiredVs` in the catalog does. */
export function desiredVs(
  c: DemoCluster,
  kind: WorkloadKind,
  label: string,
  actualName: string,
  actual: (w: DemoWorkload) => number,
): Sample[] {
  return c.workloads
    .filter((w) => w.kind === kind)
    .flatMap((w) => [
      { labels: { namespace: w.namespace, [label]: w.name, replicas: 'desired' }, value: w.desired },
      { labels: { namespace: w.namespace, [label]: w.name, replicas: actualName }, value: actual(w) },
    ]);
}

/** Replicas kube-state-metrics counts as there for a controller: available (Deployment) or ready (StatefulSet, DaemonSet). */
export function controllerReplicasUp(c: DemoCluster, w: DemoWorkload): number {
  return w.kind === 'DaemonSet' ? daemonSetReady(c, w) : w.running;
}

export const CAPACITY_EVALUATORS: Record<string, ClusterEvaluator> = {
  [cq.nodeFilesystem.id]: (c, t) => {
    const size = rootFsSizeBytes(c);
    return c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? [{ labels: { node: n.name }, value: 1 - rootFsAvailBytes(n, size, gridAt(t)) / size }]
        : [],
    );
  },
  [cq.nodePodCapacity.id]: (c, t) => {
    const running = runningPodsByNode(c);
    const capacity = maxPodsOf(c);
    return c.nodes.flatMap((n) =>
      booted(n.bootTime, t) ? [{ labels: { node: n.name }, value: (running.get(n.name) ?? 0) / capacity }] : [],
    );
  },
  [cq.namespaceCpuVsRequests.id]: (c, t) =>
    usageVsRequests(
      c,
      containerCpuUsage(c, t),
      (_, w) => w.cpuRequestCores,
      (_, w) => cpuLimitCores(w),
    ),
  [cq.namespaceMemoryVsRequests.id]: (c, t) =>
    usageVsRequests(c, containerWorkingSet(c, t), (_, w) => w.memoryRequestBytes, memoryLimitBytes),
  [cq.oomKilledContainers.id]: (c, t) =>
    sumBy(
      podsOf(c).flatMap((p) => {
        if (p.state !== 'crashLooping' || crashReason(c, p.workload) !== 'OOMKilled') return [];
        // The series starts with the container's first restart.
        const first = crashLoopSince(c, p.workload.name, p.replica) + CRASHLOOP_PERIOD;
        return booted(first, t)
          ? [{ labels: { namespace: p.namespace, pod: p.name, container: p.container }, value: 1 }]
          : [];
      }),
    ),
  [cq.statefulSetReplicas.id]: (c) =>
    desiredVs(c, 'StatefulSet', 'statefulset', 'ready', (w) => controllerReplicasUp(c, w)),
  [cq.daemonSetPods.id]: (c) => desiredVs(c, 'DaemonSet', 'daemonset', 'ready', (w) => controllerReplicasUp(c, w)),
};
