import { constant, KSM, type Family } from './family-kit';
import type { DemoCluster, DemoWorkload, WorkloadKind } from './fleet-model';
import { podsOf, type DemoPod } from './pods';
import { hexFrom } from './random';
import { CRASHLOOP_PERIOD, crashLoopSince } from './signals';
import { cpuLimitCores, crashReason, memoryLimitBytes } from './workload-resources';

/**
 * L3 kube-state-metrics families of the demo fleet's controllers and containers: replicas of
 * Deployments, StatefulSets and DaemonSets, container requests and limits, and the reason a
 * container last terminated.
 * https://github.com/kubernetes/kube-state-metrics/tree/main/docs/metrics/workload
 */

export function podUid(c: DemoCluster, p: DemoPod): string {
  return hexFrom(`${c.name}/${p.name}/uid`, 32);
}

/**
 * Whether a pod is Ready. DaemonSet pods stay on a node that is not Ready (they tolerate its
 * taints) and turn unready with it; other pods there are evicted and replaced elsewhere, which
 * the model counts as running.
 */
export function podReady(p: DemoPod): boolean {
  if (p.state !== 'running') return false;
  return p.workload.kind !== 'DaemonSet' || p.node?.ready === 'true';
}

/** Nodes running a Ready pod of the DaemonSet: kube_daemonset_status_number_ready. */
export function daemonSetReady(c: DemoCluster, w: DemoWorkload): number {
  return podsOf(c).filter((p) => p.workload === w && podReady(p)).length;
}

type Gauge = readonly [name: string, help: string, value: (c: DemoCluster, w: DemoWorkload) => number];

/** One gauge per workload of a kind, labelled the way kube-state-metrics names that kind. */
function controllerFamilies(kind: WorkloadKind, label: string, gauges: readonly Gauge[]): Family[] {
  return gauges.map(([name, help, value]) => ({
    name,
    type: 'gauge',
    help,
    *series(c, base) {
      for (const w of c.workloads)
        if (w.kind === kind)
          yield { labels: { ...base, ...KSM, namespace: w.namespace, [label]: w.name }, value: constant(value(c, w)) };
    },
  }));
}

/** Pods the controller owns right now: running, crash-looping or waiting to be scheduled. */
const current = (_: DemoCluster, w: DemoWorkload): number => w.running + w.crashLooping + w.pending;
const generation = (): number => 1;

export const CONTROLLER_FAMILIES: Family[] = [
  ...controllerFamilies('Deployment', 'deployment', [
    ['kube_deployment_spec_replicas', 'Number of desired pods for a deployment.', (_, w) => w.desired],
    ['kube_deployment_status_replicas', 'The number of replicas per deployment.', current],
    [
      'kube_deployment_status_replicas_available',
      'The number of available replicas per deployment.',
      (_, w) => w.running,
    ],
    ['kube_deployment_status_replicas_ready', 'The number of ready replicas per deployment.', (_, w) => w.running],
    ['kube_deployment_status_replicas_updated', 'The number of updated replicas per deployment.', (_, w) => w.desired],
    [
      'kube_deployment_status_replicas_unavailable',
      'The number of unavailable replicas per deployment.',
      (_, w) => w.desired - w.running,
    ],
    [
      'kube_deployment_metadata_generation',
      'Sequence number representing a specific generation of the desired state.',
      generation,
    ],
    ['kube_deployment_status_observed_generation', 'The generation observed by the deployment controller.', generation],
  ]),
  ...controllerFamilies('StatefulSet', 'statefulset', [
    ['kube_statefulset_replicas', 'Number of desired pods for a StatefulSet.', (_, w) => w.desired],
    ['kube_statefulset_status_replicas', 'The number of replicas per StatefulSet.', current],
    ['kube_statefulset_status_replicas_current', 'The number of current replicas per StatefulSet.', current],
    ['kube_statefulset_status_replicas_ready', 'The number of ready replicas per StatefulSet.', (_, w) => w.running],
    [
      'kube_statefulset_status_replicas_available',
      'The number of available replicas per StatefulSet.',
      (_, w) => w.running,
    ],
    ['kube_statefulset_status_replicas_updated', 'The number of updated replicas per StatefulSet.', current],
    [
      'kube_statefulset_metadata_generation',
      'Sequence number representing a specific generation of the desired state for the StatefulSet.',
      generation,
    ],
    [
      'kube_statefulset_status_observed_generation',
      'The generation observed by the StatefulSet controller.',
      generation,
    ],
  ]),
  ...controllerFamilies('DaemonSet', 'daemonset', [
    [
      'kube_daemonset_status_desired_number_scheduled',
      'The number of nodes that should be running the daemon pod.',
      (_, w) => w.desired,
    ],
    [
      'kube_daemonset_status_current_number_scheduled',
      'The number of nodes running at least one daemon pod and are supposed to.',
      (_, w) => w.running,
    ],
    [
      'kube_daemonset_status_number_ready',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
      daemonSetReady,
    ],
    [
      'kube_daemonset_status_number_available',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      daemonSetReady,
    ],
    [
      'kube_daemonset_status_updated_number_scheduled',
      'The total number of nodes that are running updated daemon pod.',
      (_, w) => w.running,
    ],
    [
      'kube_daemonset_status_number_misscheduled',
      'The number of nodes running a daemon pod but are not supposed to.',
      () => 0,
    ],
  ]),
];

function containerLabels(c: DemoCluster, base: Record<string, string>, p: DemoPod): Record<string, string> {
  return { ...base, ...KSM, namespace: p.namespace, pod: p.name, uid: podUid(c, p), container: p.container };
}

/** A container's request or limit of one resource; null when it sets none. */
type ResourceValue = (c: DemoCluster, w: DemoWorkload) => number | null;

function resourceFamily(name: string, help: string, cpu: ResourceValue, memory: ResourceValue): Family {
  return {
    name,
    type: 'gauge',
    help,
    *series(c, base) {
      // kube-state-metrics lists every pod the API server holds, finished ones included.
      for (const p of podsOf(c)) {
        const labels = { ...containerLabels(c, base, p), node: p.node?.name ?? '' };
        for (const [resource, unit, value] of [
          ['cpu', 'core', cpu(c, p.workload)],
          ['memory', 'byte', memory(c, p.workload)],
        ] as const) {
          if (value !== null) yield { labels: { ...labels, resource, unit }, value: constant(value) };
        }
      }
    },
  };
}

export const CONTAINER_FAMILIES: Family[] = [
  resourceFamily(
    'kube_pod_container_resource_requests',
    'The number of requested request resource by a container. It is recommended to use the kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more precise.',
    (_, w) => w.cpuRequestCores,
    (_, w) => w.memoryRequestBytes,
  ),
  resourceFamily(
    'kube_pod_container_resource_limits',
    'The number of requested limit resource by a container. It is recommended to use the kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more precise.',
    (_, w) => cpuLimitCores(w),
    memoryLimitBytes,
  ),
  {
    name: 'kube_pod_container_status_last_terminated_reason',
    type: 'gauge',
    help: 'Describes the last reason the container was in terminated state.',
    *series(c, base) {
      for (const p of podsOf(c)) {
        const reason = p.state === 'crashLooping' ? crashReason(c, p.workload) : null;
        if (reason === null) continue;
        // It appears with the first restart (kube_pod_container_status_restarts_total turns 1 then).
        yield {
          labels: { ...containerLabels(c, base, p), reason },
          value: constant(1, crashLoopSince(c, p.workload.name, p.replica) + CRASHLOOP_PERIOD),
        };
      }
    },
  },
];
