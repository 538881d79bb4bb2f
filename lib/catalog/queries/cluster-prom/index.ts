import { nodeAllocatable, nodeCpu, nodeFilesystem, nodeMemory, nodePodCapacity, nodeReady, nodeRunningPods } from './nodes';
import { apiserverInflight, apiserverLatency, apiserverLatencyPercentiles, apiserverRejections, apiserverRequests, kubeletPlegP99, kubeletPodSync, nodePressure } from './control-plane';
import {
  crashLoopingPods,
  daemonSetPods,
  deploymentReplicas,
  namespaceCpu,
  namespaceCpuVsRequests,
  namespaceMemory,
  namespaceMemoryVsRequests,
  oomKilledContainers,
  podPhasesOverTime,
  restartsByNamespace,
  statefulSetReplicas,
} from './workloads';
import { appErrorRatio, appLatency, appRequestRate } from './applications';
import { ingressErrorRatio, ingressRequestRate } from './network';

/**
 * PromQL of the cluster pages, L1–L5, one module per layer: one query per panel, scoped to one
 * cluster. Range queries draw charts; instant queries fill tables. Every series named here is
 * one the telemetry export writes, so the agreement test runs each against a real Prometheus.
 * This index is the `clusterProm` namespace the catalog, the panels and the demo read.
 */

export { clusterPromParamsSchema, clusterSelector, type ClusterPromParams, type SampleRow, type SeriesRow } from './query-kit';
export * from './nodes';
export * from './control-plane';
export * from './workloads';
export * from './applications';
export * from './network';

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
