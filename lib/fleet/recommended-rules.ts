/**
 * Azure's recommended Prometheus alert rules, as deployed by Default_recommendedMetricAlerts.json
 * (../shared/reference/azure-prometheus/DERIVED.recommendedMetricAlerts.prometheus-rules.yaml):
 * group, severity and `for` of each, and where Container insights holds the same signal for a
 * log alert when a cluster has no managed Prometheus (seed: "Choose an alert type").
 */
export interface RecommendedRule {
  alert: string;
  level: 'Cluster-level' | 'Node-level' | 'Pod-level';
  azureSeverity: number;
  for: string;
  /** The Log Analytics table a log query alert could use instead; null when only metrics have it. */
  logEquivalent: string | null;
}

export const RECOMMENDED_RULES: readonly RecommendedRule[] = [
  { alert: 'KubeCPUQuotaOvercommit', level: 'Cluster-level', azureSeverity: 3, for: '5m', logEquivalent: null },
  { alert: 'KubeMemoryQuotaOvercommit', level: 'Cluster-level', azureSeverity: 3, for: '5m', logEquivalent: null },
  {
    alert: 'KubeContainerOOMKilledCount',
    level: 'Cluster-level',
    azureSeverity: 4,
    for: '5m',
    logEquivalent: 'KubePodInventory (ContainerLastStatus has "OOMKilled")',
  },
  { alert: 'KubeClientErrors', level: 'Cluster-level', azureSeverity: 3, for: '15m', logEquivalent: null },
  { alert: 'KubePersistentVolumeFillingUp', level: 'Cluster-level', azureSeverity: 4, for: '60m', logEquivalent: null },
  {
    alert: 'KubePersistentVolumeInodesFillingUp',
    level: 'Cluster-level',
    azureSeverity: 4,
    for: '15m',
    logEquivalent: null,
  },
  { alert: 'KubePersistentVolumeErrors', level: 'Cluster-level', azureSeverity: 4, for: '5m', logEquivalent: null },
  {
    alert: 'KubeContainerWaiting',
    level: 'Cluster-level',
    azureSeverity: 3,
    for: '60m',
    logEquivalent: 'KubePodInventory (ContainerStatus == "waiting")',
  },
  { alert: 'KubeDaemonSetNotScheduled', level: 'Cluster-level', azureSeverity: 3, for: '15m', logEquivalent: null },
  { alert: 'KubeDaemonSetMisScheduled', level: 'Cluster-level', azureSeverity: 3, for: '15m', logEquivalent: null },
  { alert: 'KubeQuotaAlmostFull', level: 'Cluster-level', azureSeverity: 3, for: '15m', logEquivalent: null },
  {
    alert: 'KubeNodeUnreachable',
    level: 'Node-level',
    azureSeverity: 3,
    for: '15m',
    logEquivalent: 'KubeNodeInventory (Status != "Ready")',
  },
  {
    alert: 'KubeNodeReadinessFlapping',
    level: 'Node-level',
    azureSeverity: 3,
    for: '15m',
    logEquivalent: 'KubeNodeInventory (Status changes)',
  },
  {
    alert: 'KubeNodeDiskUsageHigh',
    level: 'Node-level',
    azureSeverity: 3,
    for: '15m',
    logEquivalent: 'InsightsMetrics (container.azm.ms/disk used_percent)',
  },
  {
    alert: 'KubePodCrashLooping',
    level: 'Pod-level',
    azureSeverity: 4,
    for: '15m',
    logEquivalent: 'KubePodInventory (ContainerStatusReason == "CrashLoopBackOff")',
  },
  { alert: 'KubeJobStale', level: 'Pod-level', azureSeverity: 4, for: '360m', logEquivalent: null },
  {
    alert: 'KubePodContainerRestart',
    level: 'Pod-level',
    azureSeverity: 4,
    for: '15m',
    logEquivalent: 'KubePodInventory (ContainerRestartCount increase)',
  },
  { alert: 'KubePodReadyStateLow', level: 'Pod-level', azureSeverity: 4, for: '5m', logEquivalent: null },
  {
    alert: 'KubePodFailedState',
    level: 'Pod-level',
    azureSeverity: 4,
    for: '5m',
    logEquivalent: 'KubePodInventory (PodStatus == "Failed")',
  },
  { alert: 'KubePodNotReadyByController', level: 'Pod-level', azureSeverity: 3, for: '15m', logEquivalent: null },
  { alert: 'KubeStatefulSetGenerationMismatch', level: 'Pod-level', azureSeverity: 3, for: '15m', logEquivalent: null },
  {
    alert: 'KubeJobFailed',
    level: 'Pod-level',
    azureSeverity: 3,
    for: '15m',
    logEquivalent: 'KubePodInventory (ControllerKind == "Job" and PodStatus == "Failed")',
  },
  {
    alert: 'KubeContainerAverageCPUHigh',
    level: 'Pod-level',
    azureSeverity: 4,
    for: '5m',
    logEquivalent: 'Perf (K8SContainer cpuUsageNanoCores)',
  },
  {
    alert: 'KubeContainerAverageMemoryHigh',
    level: 'Pod-level',
    azureSeverity: 4,
    for: '10m',
    logEquivalent: 'Perf (K8SContainer memoryWorkingSetBytes)',
  },
  { alert: 'KubeletPodStartUpLatencyHigh', level: 'Pod-level', azureSeverity: 4, for: '10m', logEquivalent: null },
  { alert: 'KubePVUsageHigh', level: 'Pod-level', azureSeverity: 3, for: '15m', logEquivalent: null },
  {
    alert: 'KubeDeploymentReplicasMismatch',
    level: 'Pod-level',
    azureSeverity: 4,
    for: '15m',
    logEquivalent: 'KubePodInventory (pods per ControllerName below desired)',
  },
  { alert: 'KubeStatefulSetReplicasMismatch', level: 'Pod-level', azureSeverity: 4, for: '15m', logEquivalent: null },
  { alert: 'KubeHpaReplicasMismatch', level: 'Pod-level', azureSeverity: 4, for: '15m', logEquivalent: null },
  { alert: 'KubeHpaMaxedOut', level: 'Pod-level', azureSeverity: 4, for: '15m', logEquivalent: null },
];
