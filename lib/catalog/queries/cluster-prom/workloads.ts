import { clusterSelector, instantQuery, PLATFORM, rangeQuery, type ClusterPromParams } from './query-kit';

/** L3 workloads: pod phases, controllers' replicas, crashes and restarts, usage against requests and limits. */

/** Desired against actual replicas of one kind of controller; the `replicas` label says which. */
function desiredVs(objectLabel: string, desired: string, actual: string, actualName: string): string {
  return [
    `sum by (namespace, ${objectLabel}, replicas) (`,
    `  label_replace(${desired}, "replicas", "desired", "", "")`,
    `  or label_replace(${actual}, "replicas", "${actualName}", "", "")`,
    `)`,
  ].join('\n');
}

/**
 * Usage next to the requests and limits of the pods that hold them (Pending or Running, as the
 * kubernetes-mixin's namespace_*:kube_pod_container_resource_* rules count them), per namespace;
 * the `measure` label says which. Containers without a limit add nothing to `limits`.
 */
function usageVsRequests(p: ClusterPromParams, usage: string, resource: 'cpu' | 'memory'): string {
  const active = `max by (namespace, pod) (kube_pod_status_phase${clusterSelector(p, {}, ['phase=~"Pending|Running"'])} == 1)`;
  const of = (metric: string): string =>
    `${metric}${clusterSelector(p, { resource })} * on (namespace, pod) group_left () ${active}`;
  return [
    `sum by (namespace, measure) (`,
    `  label_replace(${usage}, "measure", "usage", "", "")`,
    `  or label_replace(${of('kube_pod_container_resource_requests')}, "measure", "requests", "", "")`,
    `  or label_replace(${of('kube_pod_container_resource_limits')}, "measure", "limits", "", "")`,
    `)`,
  ].join('\n');
}

export const podPhasesOverTime = rangeQuery({
  id: 'prom.cluster.pod-phases',
  layer: 'L3',
  personas: PLATFORM,
  title: 'Pods by phase',
  description: 'Pods in each phase over time (kube-state-metrics kube_pod_status_phase).',
  build: (p) => `sum by (phase) (kube_pod_status_phase${clusterSelector(p)})`,
});

export const deploymentReplicas = instantQuery({
  id: 'prom.cluster.deployment-replicas',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Deployments: desired vs available',
  description: 'Desired replicas (spec) and available replicas of every Deployment; the `replicas` label says which.',
  build: (p) =>
    desiredVs(
      'deployment',
      `kube_deployment_spec_replicas${clusterSelector(p)}`,
      `kube_deployment_status_replicas_available${clusterSelector(p)}`,
      'available',
    ),
});

export const statefulSetReplicas = instantQuery({
  id: 'prom.cluster.statefulset-replicas',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'StatefulSets: desired vs ready',
  description:
    'Desired replicas (spec, or the replicas created where the spec is not scraped) and ready replicas of every StatefulSet; the `replicas` label says which.',
  build: (p) =>
    desiredVs(
      'statefulset',
      // The spec when scraped; Azure's minimal profile keeps only the replicas the controller created.
      `(kube_statefulset_replicas${clusterSelector(p)} or kube_statefulset_status_replicas${clusterSelector(p)})`,
      `kube_statefulset_status_replicas_ready${clusterSelector(p)}`,
      'ready',
    ),
});

export const daemonSetPods = instantQuery({
  id: 'prom.cluster.daemonset-pods',
  layer: 'L3',
  personas: PLATFORM,
  title: 'DaemonSets: desired vs ready',
  description:
    "Nodes that should run each DaemonSet's pod, and nodes where that pod is ready; the `replicas` label says which.",
  build: (p) =>
    desiredVs(
      'daemonset',
      `kube_daemonset_status_desired_number_scheduled${clusterSelector(p)}`,
      `kube_daemonset_status_number_ready${clusterSelector(p)}`,
      'ready',
    ),
});

export const oomKilledContainers = instantQuery({
  id: 'prom.cluster.oomkilled-containers',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'OOM-killed containers',
  description:
    "Containers whose last termination was the kernel's OOM killer: they reached their memory limit (kube-state-metrics), by namespace, pod and container.",
  build: (p) =>
    `sum by (namespace, pod, container) (kube_pod_container_status_last_terminated_reason${clusterSelector(p, { reason: 'OOMKilled' })})`,
});

export const crashLoopingPods = instantQuery({
  id: 'prom.cluster.crashlooping-containers',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Containers in CrashLoopBackOff',
  description: 'Containers waiting in CrashLoopBackOff right now, by namespace, pod and container.',
  build: (p) =>
    `sum by (namespace, pod, container) (kube_pod_container_status_waiting_reason${clusterSelector(p, { reason: 'CrashLoopBackOff' })})`,
});

export const restartsByNamespace = instantQuery({
  id: 'prom.cluster.restarts-by-namespace',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Container restarts in the last hour by namespace',
  description: 'How many times containers restarted over the last hour, per namespace.',
  build: (p) => `sum by (namespace) (increase(kube_pod_container_status_restarts_total${clusterSelector(p)}[1h]))`,
});

export const namespaceCpu = rangeQuery({
  id: 'prom.cluster.namespace-cpu',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Container CPU by namespace',
  description: 'Cores the containers of each namespace use, over 5-minute windows (cAdvisor).',
  build: (p) =>
    `sum by (namespace) (rate(container_cpu_usage_seconds_total${clusterSelector(p, {}, ['container!=""'])}[5m]))`,
});

export const namespaceMemory = rangeQuery({
  id: 'prom.cluster.namespace-memory',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Container memory working set by namespace',
  description: 'Bytes of working set of the containers of each namespace (cAdvisor).',
  build: (p) => `sum by (namespace) (container_memory_working_set_bytes${clusterSelector(p, {}, ['container!=""'])})`,
});

export const namespaceCpuVsRequests = instantQuery({
  id: 'prom.cluster.namespace-cpu-requests-limits',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'CPU: usage vs requests and limits by namespace',
  description:
    "Cores each namespace's containers use (cAdvisor, 5-minute rate) next to the cores its Pending and Running pods request and the CPU limits they set (kube-state-metrics).",
  build: (p) =>
    usageVsRequests(
      p,
      `rate(container_cpu_usage_seconds_total${clusterSelector(p, {}, ['container!=""'])}[5m])`,
      'cpu',
    ),
});

export const namespaceMemoryVsRequests = instantQuery({
  id: 'prom.cluster.namespace-memory-requests-limits',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Memory: usage vs requests and limits by namespace',
  description:
    "Working set of each namespace's containers (cAdvisor) next to the memory its Pending and Running pods request and the limits they set (kube-state-metrics); at its limit a container is OOM-killed.",
  build: (p) =>
    usageVsRequests(p, `container_memory_working_set_bytes${clusterSelector(p, {}, ['container!=""'])}`, 'memory'),
});
