import { clusterSelector, instantQuery, kubelet, percentiles, PLATFORM, rangeQuery } from './query-kit';

/** L2 control plane: the API server's traffic and latency, the kubelets' sync loops, node pressure. */

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

export const apiserverRequestsByResource = rangeQuery({
  id: 'prom.cluster.apiserver-requests-by-resource',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server requests by resource',
  description:
    'Requests per second the API server answered, by API group and resource (pods, leases, events…), over 5-minute windows: which objects the load is about. Non-resource URLs such as /healthz carry no resource and are left out.',
  build: (p) =>
    `sum by (group, resource) (rate(apiserver_request_total${clusterSelector(p, {}, ['resource!=""'])}[5m]))`,
});

export const apiserverLatency = rangeQuery({
  id: 'prom.cluster.apiserver-latency',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server mean latency by verb',
  description:
    'Mean seconds per request by verb over 5-minute windows (duration histogram _sum / _count), without the long-running WATCH and CONNECT.',
  build: (p) =>
    `sum by (verb) (rate(apiserver_request_duration_seconds_sum${clusterSelector(p, {}, [LONG_RUNNING])}[5m])) / sum by (verb) (rate(apiserver_request_duration_seconds_count${clusterSelector(p, {}, [LONG_RUNNING])}[5m]))`,
});

export const apiserverLatencyPercentiles = rangeQuery({
  id: 'prom.cluster.apiserver-latency-percentiles',
  layer: 'L2',
  personas: PLATFORM,
  title: 'API server latency p50, p95, p99',
  description:
    "Request latency percentiles over every verb but the long-running WATCH and CONNECT, from the duration histogram's buckets over 5-minute windows; the `percentile` label says which.",
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
  description:
    'Requests per second answered 429 (throttled by API Priority and Fairness) or 5xx (server errors), by code, over 5-minute windows.',
  // With requests and none rejected, one zero line (code="none") says so instead of an empty chart.
  build: (p) =>
    `sum by (code) (rate(apiserver_request_total${clusterSelector(p, {}, ['code=~"429|5.."'])}[5m]))\n  or on () label_replace(0 * sum(rate(apiserver_request_total${clusterSelector(p)}[5m])), "code", "none", "", "")`,
});

export const kubeletPodSync = rangeQuery({
  id: 'prom.cluster.kubelet-pod-sync',
  layer: 'L2',
  personas: PLATFORM,
  title: 'Kubelet pod sync mean duration per node',
  description:
    "Mean seconds each node's kubelet takes to sync a pod over 5-minute windows (kubelet_pod_worker_duration_seconds _sum / _count).",
  build: (p) =>
    `sum by (node) (${kubelet(p, `rate(kubelet_pod_worker_duration_seconds_sum${clusterSelector(p)}[5m])`)}) / sum by (node) (${kubelet(p, `rate(kubelet_pod_worker_duration_seconds_count${clusterSelector(p)}[5m])`)})`,
});

export const kubeletPlegP99 = rangeQuery({
  id: 'prom.cluster.kubelet-pleg-p99',
  layer: 'L2',
  personas: PLATFORM,
  title: 'Kubelet PLEG relist p99 per node',
  description:
    "99th percentile of the seconds each kubelet takes to relist its node's containers (the pod lifecycle event generator) over 5-minute windows; a relist over 3 minutes turns the node NotReady.",
  build: (p) =>
    `histogram_quantile(0.99, sum by (node, le) (${kubelet(p, `rate(kubelet_pleg_relist_duration_seconds_bucket${clusterSelector(p)}[5m])`)}))`,
});

export const nodePressure = instantQuery({
  id: 'prom.cluster.node-pressure',
  layer: 'L2',
  personas: PLATFORM,
  title: 'Node pressure (kubelet eviction signals)',
  description:
    'Nodes whose kubelet reports MemoryPressure, DiskPressure or PIDPressure: past its eviction thresholds it evicts pods (kube-state-metrics).',
  build: (p) =>
    `sum by (node, condition) (kube_node_status_condition${clusterSelector(p, { status: 'true' }, ['condition=~"MemoryPressure|DiskPressure|PIDPressure"'])})`,
});
