import { z } from 'zod';
import type { Layer, Persona, PromQuery } from '../../types';
import { parsePromNumber, promMatrix, promResponseSchema, promVector, type PromSample, type PromSeries } from '../../wire';
import { promMatcher } from '../../escape';
import { DEFAULT_LABEL_PROFILE, LABEL_PROFILES, labelProfileIdSchema, type NodeResolution } from '../../label-profiles';

/**
 * PromQL of the cluster pages, L1–L5: one query per panel, scoped to one cluster through
 * promMatcher (the cluster name is user input from the URL). Range queries draw charts;
 * instant queries fill tables. Every series named here is one the telemetry export writes,
 * so the agreement test runs each against a real Prometheus.
 */

export const clusterPromParamsSchema = z.object({
  clusterLabel: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)
    .default('cluster'),
  cluster: z.string().min(1).max(253),
  /** The label conventions of the endpoint asked; the Prometheus backend sets each endpoint's own, so the domain never names one. */
  profile: labelProfileIdSchema.optional(),
});
export type ClusterPromParams = z.infer<typeof clusterPromParamsSchema>;

/** `{cluster="…", k="v"}` with the fixed matchers first and the cluster last. */
export function clusterSelector(p: ClusterPromParams, fixed: Record<string, string> = {}, raw: readonly string[] = []): string {
  const parts = [...Object.entries(fixed).map(([k, v]) => promMatcher(k, v)), ...raw, promMatcher(p.clusterLabel, p.cluster)];
  return `{${parts.join(', ')}}`;
}

/**
 * `expr` with a `node` label on every series, named the way the profile's scrape names it:
 * copied from `instance`, already there, or joined from the exporter pod through kube_pod_info
 * (the kubernetes-mixin's node_namespace_pod:kube_pod_info: rule, inlined).
 */
function resolveNode(p: ClusterPromParams, expr: string, how: NodeResolution): string {
  switch (how) {
    case 'node-label':
      return expr;
    case 'instance':
      return `label_replace(${expr}, "node", "$1", "instance", "(.+)")`;
    case 'kube-pod-info': {
      const on = `${p.clusterLabel}, namespace, pod`;
      return `(${expr}) * on (${on}) group_left (node) topk by (${on}) (1, max by (${on}, node) (kube_pod_info${clusterSelector(p, {}, ['node!=""'])}))`;
    }
  }
}
/** A node-exporter expression with its node named. */
const nodeExporter = (p: ClusterPromParams, expr: string): string => resolveNode(p, expr, LABEL_PROFILES[p.profile ?? DEFAULT_LABEL_PROFILE].nodeExporterNode);
/** A kubelet expression (its own /metrics) with its node named. */
const kubelet = (p: ClusterPromParams, expr: string): string => resolveNode(p, expr, LABEL_PROFILES[p.profile ?? DEFAULT_LABEL_PROFILE].kubeletNode);

/**
 * The share of `total` that `part` is, by `by`: 0 where there is traffic and no part (a counter
 * filtered to errors has no series until the first error), absent where there is no traffic.
 */
function shareOf(by: string, part: string, total: string): string {
  return `(sum by (${by}) (${part}) or 0 * sum by (${by}) (${total})) / sum by (${by}) (${total})`;
}

/** A labelled time series for a chart. */
export interface SeriesRow {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}
/** A labelled instant value for a table. */
export interface SampleRow {
  labels: Record<string, string>;
  value: number;
}

const finitePoints = (s: PromSeries): SeriesRow => ({ labels: s.labels, points: s.points.filter(([, v]) => Number.isFinite(v)) });
const finiteSample = (s: PromSample): SampleRow[] => (Number.isFinite(s.value) ? [{ labels: s.labels, value: s.value }] : []);

interface Spec {
  id: string;
  layer: Layer;
  personas: readonly Persona[];
  title: string;
  description: string;
  build: (p: ClusterPromParams) => string;
}

/** A chart query asked for one instant (explorers, the agreement test) answers one point per series. */
function seriesOf(wire: unknown): PromSeries[] {
  const parsed = promResponseSchema.safeParse(wire);
  if (parsed.success && parsed.data.data.resultType === 'vector') {
    return parsed.data.data.result.map((s) => ({ labels: s.metric, points: [[s.value[0], parsePromNumber(s.value[1])]] }));
  }
  return promMatrix(wire);
}

function rangeQuery(spec: Spec): PromQuery<ClusterPromParams, SeriesRow> {
  return { ...spec, kind: 'prom', mode: 'range', params: clusterPromParamsSchema, parse: (wire) => seriesOf(wire).map(finitePoints) };
}
function instantQuery(spec: Spec): PromQuery<ClusterPromParams, SampleRow> {
  return { ...spec, kind: 'prom', mode: 'instant', params: clusterPromParamsSchema, parse: (wire) => promVector(wire).flatMap(finiteSample) };
}

const PLATFORM = ['platform-engineer', 'fleet-architect'] as const;

/**
 * p50, p95 and p99 of a classic histogram in one query: each histogram_quantile gets a
 * `percentile` label so the three lines of a chart come back as three series.
 */
function percentiles(bucketSeries: string, by: readonly string[]): string {
  const sumBy = [...by, 'le'].join(', ');
  return ([['p50', '0.5'], ['p95', '0.95'], ['p99', '0.99']] as const)
    .map(([name, q], i) => `${i ? '  or ' : ''}label_replace(histogram_quantile(${q}, sum by (${sumBy}) (rate(${bucketSeries}[5m]))), "percentile", "${name}", "", "")`)
    .join('\n');
}

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
  const of = (metric: string): string => `${metric}${clusterSelector(p, { resource })} * on (namespace, pod) group_left () ${active}`;
  return [
    `sum by (namespace, measure) (`,
    `  label_replace(${usage}, "measure", "usage", "", "")`,
    `  or label_replace(${of('kube_pod_container_resource_requests')}, "measure", "requests", "", "")`,
    `  or label_replace(${of('kube_pod_container_resource_limits')}, "measure", "limits", "", "")`,
    `)`,
  ].join('\n');
}

// ---------------------------------------------------------------------------
// L1 nodes

export const nodeCpu = rangeQuery({
  id: 'prom.cluster.node-cpu',
  layer: 'L1',
  personas: PLATFORM,
  title: 'CPU utilisation per node',
  description: 'Share of each node\'s CPU time not idle over 5-minute windows, averaged over its CPUs (node-exporter).',
  build: (p) => `1 - avg by (node) (${nodeExporter(p, `rate(node_cpu_seconds_total${clusterSelector(p, { mode: 'idle' })}[5m])`)})`,
});

export const nodeMemory = rangeQuery({
  id: 'prom.cluster.node-memory',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Memory utilisation per node',
  description: 'Share of each node\'s memory not available to new workloads (node-exporter MemAvailable / MemTotal).',
  build: (p) =>
    `1 - sum by (node) (${nodeExporter(p, `node_memory_MemAvailable_bytes${clusterSelector(p)}`)}) / sum by (node) (${nodeExporter(p, `node_memory_MemTotal_bytes${clusterSelector(p)}`)})`,
});

export const nodeReady = instantQuery({
  id: 'prom.cluster.node-ready',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node Ready condition',
  description: 'Each node\'s Ready condition from kube-state-metrics: 1 on the status (true, false, unknown) it reports.',
  build: (p) => `sum by (node, status) (kube_node_status_condition${clusterSelector(p, { condition: 'Ready' })})`,
});

export const nodeAllocatable = instantQuery({
  id: 'prom.cluster.node-allocatable',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Node allocatable CPU, memory and pods',
  description: 'What the scheduler may place on each node (kube-state-metrics kube_node_status_allocatable).',
  build: (p) => `sum by (node, resource) (kube_node_status_allocatable${clusterSelector(p)})`,
});

export const nodeFilesystem = rangeQuery({
  id: 'prom.cluster.node-filesystem',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Root filesystem used per node',
  description:
    'Share of each node\'s root filesystem (/, where the kubelet and container runtime keep images, logs and emptyDir volumes) in use (node-exporter); the kubelet evicts pods below 10 % free.',
  build: (p) => {
    const root = (metric: string): string => nodeExporter(p, `${metric}${clusterSelector(p, { mountpoint: '/' }, ['fstype!=""'])}`);
    return `1 - sum by (node) (${root('node_filesystem_avail_bytes')}) / sum by (node) (${root('node_filesystem_size_bytes')})`;
  },
});

export const nodePodCapacity = rangeQuery({
  id: 'prom.cluster.node-pod-capacity',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Pods per node vs max pods',
  description:
    'Running pods on each node as a share of its pod capacity (max pods, kube_node_status_capacity). On Azure CNI every node reserves one subnet IP per max pod, so this is also its IP budget.',
  build: (p) => `sum by (node) (${kubelet(p, `kubelet_running_pods${clusterSelector(p)}`)}) / sum by (node) (kube_node_status_capacity${clusterSelector(p, { resource: 'pods' })})`,
});

export const nodeRunningPods = instantQuery({
  id: 'prom.cluster.node-running-pods',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Running pods per node (kubelet)',
  description: 'Pods with a running sandbox on each node, as its kubelet reports them.',
  build: (p) => `sum by (node) (${kubelet(p, `kubelet_running_pods${clusterSelector(p)}`)})`,
});

// ---------------------------------------------------------------------------
// L2 control plane

/** Long-running requests: a WATCH lasts until the server times it out (30–60 min), so latency views leave them out. */
const LONG_RUNNING = 'verb!~"WATCH|CONNECT"';

export const apiserverRequests = rangeQuery({
  id: 'prom.cluster.apiserver-requests',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server requests by verb and code',
  description: 'Requests per second the API server answered, by verb and HTTP code, over 5-minute windows.',
  build: (p) => `sum by (verb, code) (rate(apiserver_request_total${clusterSelector(p)}[5m]))`,
});

export const apiserverLatency = rangeQuery({
  id: 'prom.cluster.apiserver-latency',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server mean latency by verb',
  description: 'Mean seconds per request by verb over 5-minute windows (duration histogram _sum / _count), without the long-running WATCH and CONNECT.',
  build: (p) =>
    `sum by (verb) (rate(apiserver_request_duration_seconds_sum${clusterSelector(p, {}, [LONG_RUNNING])}[5m])) / sum by (verb) (rate(apiserver_request_duration_seconds_count${clusterSelector(p, {}, [LONG_RUNNING])}[5m]))`,
});

export const apiserverLatencyPercentiles = rangeQuery({
  id: 'prom.cluster.apiserver-latency-percentiles',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server latency p50, p95, p99',
  description:
    'Request latency percentiles over every verb but the long-running WATCH and CONNECT, from the duration histogram\'s buckets over 5-minute windows; the `percentile` label says which.',
  build: (p) => percentiles(`apiserver_request_duration_seconds_bucket${clusterSelector(p, {}, [LONG_RUNNING])}`, []),
});

export const apiserverInflight = rangeQuery({
  id: 'prom.cluster.apiserver-inflight',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server in-flight requests',
  description:
    'The most read-only and mutating requests in flight during the last second (apiserver_current_inflight_requests); past its concurrency limits the server queues and then rejects with 429.',
  build: (p) => `sum by (request_kind) (apiserver_current_inflight_requests${clusterSelector(p)})`,
});

export const apiserverRejections = rangeQuery({
  id: 'prom.cluster.apiserver-429-5xx',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server 429 and 5xx responses',
  description: 'Requests per second answered 429 (throttled by API Priority and Fairness) or 5xx (server errors), by code, over 5-minute windows.',
  // With requests and none rejected, one zero line (code="none") says so instead of an empty chart.
  build: (p) =>
    `sum by (code) (rate(apiserver_request_total${clusterSelector(p, {}, ['code=~"429|5.."'])}[5m]))\n  or on () label_replace(0 * sum(rate(apiserver_request_total${clusterSelector(p)}[5m])), "code", "none", "", "")`,
});

export const kubeletPodSync = rangeQuery({
  id: 'prom.cluster.kubelet-pod-sync',
  layer: 'L2',
  personas: PLATFORM,
  title: 'Kubelet pod sync mean duration per node',
  description: 'Mean seconds each node\'s kubelet takes to sync a pod over 5-minute windows (kubelet_pod_worker_duration_seconds _sum / _count).',
  build: (p) =>
    `sum by (node) (${kubelet(p, `rate(kubelet_pod_worker_duration_seconds_sum${clusterSelector(p)}[5m])`)}) / sum by (node) (${kubelet(p, `rate(kubelet_pod_worker_duration_seconds_count${clusterSelector(p)}[5m])`)})`,
});

export const kubeletPlegP99 = rangeQuery({
  id: 'prom.cluster.kubelet-pleg-p99',
  layer: 'L2',
  personas: PLATFORM,
  title: 'Kubelet PLEG relist p99 per node',
  description:
    '99th percentile of the seconds each kubelet takes to relist its node\'s containers (the pod lifecycle event generator) over 5-minute windows; a relist over 3 minutes turns the node NotReady.',
  build: (p) => `histogram_quantile(0.99, sum by (node, le) (${kubelet(p, `rate(kubelet_pleg_relist_duration_seconds_bucket${clusterSelector(p)}[5m])`)}))`,
});

export const nodePressure = instantQuery({
  id: 'prom.cluster.node-pressure',
  layer: 'L2',
  personas: PLATFORM,
  title: 'Node pressure (kubelet eviction signals)',
  description: 'Nodes whose kubelet reports MemoryPressure, DiskPressure or PIDPressure: past its eviction thresholds it evicts pods (kube-state-metrics).',
  build: (p) => `sum by (node, condition) (kube_node_status_condition${clusterSelector(p, { status: 'true' }, ['condition=~"MemoryPressure|DiskPressure|PIDPressure"'])})`,
});

// ---------------------------------------------------------------------------
// L3 workloads

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
  build: (p) => desiredVs('deployment', `kube_deployment_spec_replicas${clusterSelector(p)}`, `kube_deployment_status_replicas_available${clusterSelector(p)}`, 'available'),
});

export const statefulSetReplicas = instantQuery({
  id: 'prom.cluster.statefulset-replicas',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'StatefulSets: desired vs ready',
  description: 'Desired replicas (spec) and ready replicas of every StatefulSet; the `replicas` label says which.',
  build: (p) => desiredVs('statefulset', `kube_statefulset_replicas${clusterSelector(p)}`, `kube_statefulset_status_replicas_ready${clusterSelector(p)}`, 'ready'),
});

export const daemonSetPods = instantQuery({
  id: 'prom.cluster.daemonset-pods',
  layer: 'L3',
  personas: PLATFORM,
  title: 'DaemonSets: desired vs ready',
  description: 'Nodes that should run each DaemonSet\'s pod, and nodes where that pod is ready; the `replicas` label says which.',
  build: (p) =>
    desiredVs('daemonset', `kube_daemonset_status_desired_number_scheduled${clusterSelector(p)}`, `kube_daemonset_status_number_ready${clusterSelector(p)}`, 'ready'),
});

export const oomKilledContainers = instantQuery({
  id: 'prom.cluster.oomkilled-containers',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'OOM-killed containers',
  description: 'Containers whose last termination was the kernel\'s OOM killer: they reached their memory limit (kube-state-metrics), by namespace, pod and container.',
  build: (p) => `sum by (namespace, pod, container) (kube_pod_container_status_last_terminated_reason${clusterSelector(p, { reason: 'OOMKilled' })})`,
});

export const crashLoopingPods = instantQuery({
  id: 'prom.cluster.crashlooping-containers',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Containers in CrashLoopBackOff',
  description: 'Containers waiting in CrashLoopBackOff right now, by namespace, pod and container.',
  build: (p) => `sum by (namespace, pod, container) (kube_pod_container_status_waiting_reason${clusterSelector(p, { reason: 'CrashLoopBackOff' })})`,
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
  build: (p) => `sum by (namespace) (rate(container_cpu_usage_seconds_total${clusterSelector(p, {}, ['container!=""'])}[5m]))`,
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
  description: 'Cores each namespace\'s containers use (cAdvisor, 5-minute rate) next to the cores its Pending and Running pods request and the CPU limits they set (kube-state-metrics).',
  build: (p) => usageVsRequests(p, `rate(container_cpu_usage_seconds_total${clusterSelector(p, {}, ['container!=""'])}[5m])`, 'cpu'),
});

export const namespaceMemoryVsRequests = instantQuery({
  id: 'prom.cluster.namespace-memory-requests-limits',
  layer: 'L3',
  personas: [...PLATFORM, 'developer'],
  title: 'Memory: usage vs requests and limits by namespace',
  description: 'Working set of each namespace\'s containers (cAdvisor) next to the memory its Pending and Running pods request and the limits they set (kube-state-metrics); at its limit a container is OOM-killed.',
  build: (p) => usageVsRequests(p, `container_memory_working_set_bytes${clusterSelector(p, {}, ['container!=""'])}`, 'memory'),
});

// ---------------------------------------------------------------------------
// L4 applications: the apps' own HTTP metrics (Prometheus client libraries' http_requests_total)

const DEVELOPER = ['developer', 'platform-engineer'] as const;

export const appRequestRate = rangeQuery({
  id: 'prom.cluster.app-request-rate',
  layer: 'L4',
  personas: DEVELOPER,
  title: 'Request rate per app',
  description: 'HTTP requests per second each app (the service its pods back) answers, over 5-minute windows.',
  build: (p) => `sum by (namespace, service) (rate(http_requests_total${clusterSelector(p)}[5m]))`,
});

export const appErrorRatio = rangeQuery({
  id: 'prom.cluster.app-error-ratio',
  layer: 'L4',
  personas: DEVELOPER,
  title: 'Error ratio per app (5xx)',
  description: 'Share of each app\'s HTTP requests answered with a 5xx code, over 5-minute windows.',
  build: (p) =>
    shareOf('namespace, service', `rate(http_requests_total${clusterSelector(p, {}, ['code=~"5.."'])}[5m])`, `rate(http_requests_total${clusterSelector(p)}[5m])`),
});

export const appLatency = rangeQuery({
  id: 'prom.cluster.app-latency',
  layer: 'L4',
  personas: DEVELOPER,
  title: 'Request latency per app: p50, p95, p99',
  description:
    'Latency percentiles of each app\'s HTTP requests, from its http_request_duration_seconds histogram over 5-minute windows; the `percentile` label says which.',
  build: (p) => percentiles(`http_request_duration_seconds_bucket${clusterSelector(p)}`, ['namespace', 'service']),
});

// ---------------------------------------------------------------------------
// L5 network and external: the ingress controller at the cluster's edge (ingress-nginx)

const NETWORK = ['network-engineer', 'platform-engineer'] as const;

/**
 * ingress-nginx's request rate with the ingress's own namespace in `namespace`: scraped by a
 * ServiceMonitor without honorLabels (kube-prometheus-stack's default) it arrives as
 * `exported_namespace` and `namespace` is the controller's; with honorLabels it is `namespace`.
 */
function ingressRequests(p: ClusterPromParams, raw: readonly string[] = []): string {
  return `label_replace(rate(nginx_ingress_controller_requests${clusterSelector(p, {}, raw)}[5m]), "namespace", "$1", "exported_namespace", "(.+)")`;
}

export const ingressRequestRate = rangeQuery({
  id: 'prom.cluster.ingress-request-rate',
  layer: 'L5',
  personas: NETWORK,
  title: 'Ingress requests per ingress',
  description: 'Requests per second ingress-nginx forwards to each ingress, over 5-minute windows.',
  build: (p) => `sum by (namespace, ingress) (${ingressRequests(p)})`,
});

export const ingressErrorRatio = rangeQuery({
  id: 'prom.cluster.ingress-error-ratio',
  layer: 'L5',
  personas: NETWORK,
  title: 'Ingress 5xx ratio',
  description: 'Share of each ingress\'s requests answered with a 5xx status at the edge, over 5-minute windows.',
  build: (p) =>
    shareOf('namespace, ingress', ingressRequests(p, ['status=~"5.."']), ingressRequests(p)),
});

export const CLUSTER_PROM_QUERIES = [
  nodeCpu,
  nodeMemory,
  nodeReady,
  nodeAllocatable,
  nodeRunningPods,
  nodeFilesystem,
  nodePodCapacity,
  apiserverRequests,
  apiserverLatency,
  apiserverLatencyPercentiles,
  apiserverInflight,
  apiserverRejections,
  kubeletPodSync,
  kubeletPlegP99,
  nodePressure,
  podPhasesOverTime,
  deploymentReplicas,
  statefulSetReplicas,
  daemonSetPods,
  crashLoopingPods,
  oomKilledContainers,
  restartsByNamespace,
  namespaceCpu,
  namespaceMemory,
  namespaceCpuVsRequests,
  namespaceMemoryVsRequests,
  appRequestRate,
  appErrorRatio,
  appLatency,
  ingressRequestRate,
  ingressErrorRatio,
] as const;
