import { z } from 'zod';
import type { Layer, Persona, PromQuery } from '../types';
import { parsePromNumber, promMatrix, promResponseSchema, promVector, type PromSample, type PromSeries } from '../wire';
import { promMatcher } from '../escape';

/**
 * PromQL of the cluster pages, L1–L3: one query per panel, scoped to one cluster through
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
});
export type ClusterPromParams = z.infer<typeof clusterPromParamsSchema>;

/** `{cluster="…", k="v"}` with the fixed matchers first and the cluster last. */
export function clusterSelector(p: ClusterPromParams, fixed: Record<string, string> = {}, raw: readonly string[] = []): string {
  const parts = [...Object.entries(fixed).map(([k, v]) => promMatcher(k, v)), ...raw, promMatcher(p.clusterLabel, p.cluster)];
  return `{${parts.join(', ')}}`;
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

// ---------------------------------------------------------------------------
// L1 nodes

export const nodeCpu = rangeQuery({
  id: 'prom.cluster.node-cpu',
  layer: 'L1',
  personas: PLATFORM,
  title: 'CPU utilisation per node',
  description: 'Share of each node\'s CPU time not idle over 5-minute windows, averaged over its CPUs (node-exporter).',
  build: (p) => `1 - avg by (node) (rate(node_cpu_seconds_total${clusterSelector(p, { mode: 'idle' })}[5m]))`,
});

export const nodeMemory = rangeQuery({
  id: 'prom.cluster.node-memory',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Memory utilisation per node',
  description: 'Share of each node\'s memory not available to new workloads (node-exporter MemAvailable / MemTotal).',
  build: (p) =>
    `1 - sum by (node) (node_memory_MemAvailable_bytes${clusterSelector(p)}) / sum by (node) (node_memory_MemTotal_bytes${clusterSelector(p)})`,
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

export const nodeRunningPods = instantQuery({
  id: 'prom.cluster.node-running-pods',
  layer: 'L1',
  personas: PLATFORM,
  title: 'Running pods per node (kubelet)',
  description: 'Pods with a running sandbox on each node, as its kubelet reports them.',
  build: (p) => `sum by (node) (kubelet_running_pods${clusterSelector(p)})`,
});

// ---------------------------------------------------------------------------
// L2 control plane

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
  description: 'Mean seconds per request by verb over 5-minute windows (duration histogram _sum / _count; WATCH is not timed).',
  build: (p) =>
    `sum by (verb) (rate(apiserver_request_duration_seconds_sum${clusterSelector(p)}[5m])) / sum by (verb) (rate(apiserver_request_duration_seconds_count${clusterSelector(p)}[5m]))`,
});

export const kubeletPodSync = rangeQuery({
  id: 'prom.cluster.kubelet-pod-sync',
  layer: 'L2',
  personas: PLATFORM,
  title: 'Kubelet pod sync mean duration per node',
  description: 'Mean seconds each node\'s kubelet takes to sync a pod over 5-minute windows (kubelet_pod_worker_duration_seconds _sum / _count).',
  build: (p) =>
    `sum by (node) (rate(kubelet_pod_worker_duration_seconds_sum${clusterSelector(p)}[5m])) / sum by (node) (rate(kubelet_pod_worker_duration_seconds_count${clusterSelector(p)}[5m]))`,
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
  build: (p) =>
    [
      `sum by (namespace, deployment, replicas) (`,
      `  label_replace(kube_deployment_spec_replicas${clusterSelector(p)}, "replicas", "desired", "", "")`,
      `  or label_replace(kube_deployment_status_replicas_available${clusterSelector(p)}, "replicas", "available", "", "")`,
      `)`,
    ].join('\n'),
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
    `sum by (namespace, service) (rate(http_requests_total${clusterSelector(p, {}, ['code=~"5.."'])}[5m])) / sum by (namespace, service) (rate(http_requests_total${clusterSelector(p)}[5m]))`,
});

// ---------------------------------------------------------------------------
// L5 network and external: the ingress controller at the cluster's edge (ingress-nginx)

const NETWORK = ['network-engineer', 'platform-engineer'] as const;

export const ingressRequestRate = rangeQuery({
  id: 'prom.cluster.ingress-request-rate',
  layer: 'L5',
  personas: NETWORK,
  title: 'Ingress requests per ingress',
  description: 'Requests per second ingress-nginx forwards to each ingress, over 5-minute windows.',
  build: (p) => `sum by (namespace, ingress) (rate(nginx_ingress_controller_requests${clusterSelector(p)}[5m]))`,
});

export const ingressErrorRatio = rangeQuery({
  id: 'prom.cluster.ingress-error-ratio',
  layer: 'L5',
  personas: NETWORK,
  title: 'Ingress 5xx ratio',
  description: 'Share of each ingress\'s requests answered with a 5xx status at the edge, over 5-minute windows.',
  build: (p) =>
    `sum by (namespace, ingress) (rate(nginx_ingress_controller_requests${clusterSelector(p, {}, ['status=~"5.."'])}[5m])) / sum by (namespace, ingress) (rate(nginx_ingress_controller_requests${clusterSelector(p)}[5m]))`,
});

export const CLUSTER_PROM_QUERIES = [
  nodeCpu,
  nodeMemory,
  nodeReady,
  nodeAllocatable,
  nodeRunningPods,
  apiserverRequests,
  apiserverLatency,
  kubeletPodSync,
  podPhasesOverTime,
  deploymentReplicas,
  crashLoopingPods,
  restartsByNamespace,
  namespaceCpu,
  namespaceMemory,
  appRequestRate,
  appErrorRatio,
  ingressRequestRate,
  ingressErrorRatio,
] as const;
