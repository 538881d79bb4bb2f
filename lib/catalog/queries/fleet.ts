import { z } from 'zod';
import type { ArgQuery, LogsQuery, PromQuery } from '../types';
import { argRows, logsRows, promVector, type PromSample } from '../wire';
import { kqlStringList } from '../escape';
import { fleetPromParamsSchema, selector, type FleetPromParams } from '../prom-params';

const FLEET_PERSONAS = ['fleet-architect', 'platform-engineer'] as const;
const noParams = z.object({}).strict();
type NoParams = z.infer<typeof noParams>;

// ---------------------------------------------------------------------------
// Resource Graph: the inventory of AKS and Arc-connected clusters.

export const CLUSTER_TYPES = {
  aks: 'microsoft.containerservice/managedclusters',
  arc: 'microsoft.kubernetes/connectedclusters',
} as const;

/** AKS and Arc clusters in Resource Graph, each marked aks or arc. */
export const CLUSTER_RESOURCES = [
  'resources',
  `| where type in~ ${kqlStringList(Object.values(CLUSTER_TYPES))}`,
  `| extend clusterKind = iff(type =~ "${CLUSTER_TYPES.aks}", "aks", "arc")`,
] as const;

/** Where a cluster resource says Container insights and managed Prometheus are on. */
export const MONITORING_ADDON_COLUMNS = [
  '| extend containerInsightsEnabled = tobool(properties.addonProfiles.omsagent.enabled)',
  '| extend containerInsightsWorkspace = tostring(properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID)',
  '| extend managedPrometheusEnabled = tobool(properties.azureMonitorProfile.metrics.enabled)',
] as const;

const nodePoolSchema = z.object({
  name: z.string(),
  mode: z.string().optional(),
  vmSize: z.string().optional(),
  count: z.number().int().nonnegative().optional(),
  osType: z.string().optional(),
  orchestratorVersion: z.string().optional(),
  currentOrchestratorVersion: z.string().optional(),
  nodeImageVersion: z.string().optional(),
  enableAutoScaling: z.boolean().optional(),
  minCount: z.number().int().optional(),
  maxCount: z.number().int().optional(),
});
export type NodePoolRow = z.infer<typeof nodePoolSchema>;

const inventoryRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  clusterKind: z.enum(['aks', 'arc']),
  location: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  tags: z.record(z.string(), z.string()).nullish().transform((t) => t ?? {}),
  kubernetesVersion: z.string(),
  distribution: z.string(),
  powerState: z.string(),
  nodePools: z.array(nodePoolSchema).nullish().transform((p) => p ?? []),
  totalNodeCount: z.number().int().nullish(),
  containerInsightsEnabled: z.boolean().nullish(),
  containerInsightsWorkspace: z.string().nullish(),
  managedPrometheusEnabled: z.boolean().nullish(),
});
export type ClusterInventoryRow = z.infer<typeof inventoryRowSchema>;

export const fleetInventory: ArgQuery<NoParams, ClusterInventoryRow> = {
  id: 'arg.fleet-inventory',
  kind: 'arg',
  layer: 'fleet',
  personas: FLEET_PERSONAS,
  title: 'Cluster inventory',
  description: 'Every AKS and Arc-connected cluster the scope can read, with version, node pools and monitoring add-ons.',
  params: noParams,
  build: () =>
    [
      ...CLUSTER_RESOURCES,
      '| extend kubernetesVersion = coalesce(tostring(properties.currentKubernetesVersion), tostring(properties.kubernetesVersion))',
      '| extend distribution = iff(clusterKind == "aks", "aks", tolower(tostring(properties.distribution)))',
      '| extend powerState = tostring(properties.powerState.code)',
      '| extend nodePools = properties.agentPoolProfiles, totalNodeCount = toint(properties.totalNodeCount)',
      ...MONITORING_ADDON_COLUMNS,
      '| project id, name, type, clusterKind, location, resourceGroup, subscriptionId, tags, kubernetesVersion,',
      '    distribution, powerState, nodePools, totalNodeCount, containerInsightsEnabled,',
      '    containerInsightsWorkspace, managedPrometheusEnabled',
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => inventoryRowSchema.parse(row)),
};

// ---------------------------------------------------------------------------
// Log Analytics: upgrade history from the activity log (the seed's fleet-architect query).

const upgradeParams = z.object({
  clusterIds: z.array(z.string().min(1).max(1024)).max(1000).optional(),
});
type UpgradeParams = z.infer<typeof upgradeParams>;

const SEED_UPGRADE_QUERY = [
  'AzureActivity',
  '| where CategoryValue == "Administrative"',
  '| where OperationNameValue == "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/WRITE"',
  '| extend properties=parse_json(Properties_d)',
  '| where properties.message == "Upgrade Succeeded"',
];

const upgradeEventSchema = z.object({
  TimeGenerated: z.string(),
  _ResourceId: z.string(),
  ResourceGroup: z.string().nullish(),
  SubscriptionId: z.string().nullish(),
  Caller: z.string().nullish(),
});
export type UpgradeEventRow = z.infer<typeof upgradeEventSchema>;

export const upgradeStatus: LogsQuery<UpgradeParams, UpgradeEventRow> = {
  id: 'logs.upgrade-status',
  kind: 'logs',
  layer: 'fleet',
  personas: ['fleet-architect'],
  title: 'Cluster upgrades',
  description: 'Successful AKS upgrades recorded in the activity log, newest first (the seed\'s patch-status query).',
  defaultTimespan: 'P90D',
  params: upgradeParams,
  build: (p) =>
    [
      ...SEED_UPGRADE_QUERY,
      ...(p.clusterIds?.length ? [`| where _ResourceId in~ ${kqlStringList(p.clusterIds)}`] : []),
      '| project TimeGenerated, _ResourceId, ResourceGroup, SubscriptionId, Caller',
      '| order by TimeGenerated desc',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => upgradeEventSchema.parse(row)),
};

const lastUpgradeSchema = z.object({
  ResourceId: z.string(),
  LastUpgrade: z.string(),
  Upgrades: z.number(),
});
export type LastUpgradeRow = z.infer<typeof lastUpgradeSchema>;

export const lastUpgradeByCluster: LogsQuery<NoParams, LastUpgradeRow> = {
  id: 'logs.last-upgrade-by-cluster',
  kind: 'logs',
  layer: 'fleet',
  personas: ['fleet-architect'],
  title: 'Last successful upgrade per cluster',
  description: 'The seed\'s upgrade query summarised to one row per cluster: when it was last upgraded, and how often.',
  defaultTimespan: 'P90D',
  params: noParams,
  build: () =>
    [
      ...SEED_UPGRADE_QUERY,
      '| summarize LastUpgrade = max(TimeGenerated), Upgrades = count() by ResourceId = tolower(_ResourceId)',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => lastUpgradeSchema.parse(row)),
};

// ---------------------------------------------------------------------------
// Prometheus: one aggregated query per signal, grouped by cluster (never one per cluster).

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
  description: 'Pods per cluster in each phase (Running, Pending, Succeeded, Failed, Unknown), from kube-state-metrics.',
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
  description: 'Share of node CPU time not idle over the last 5 minutes, averaged over every CPU of every node (node-exporter).',
  build: (p) => `1 - avg by (${p.clusterLabel}) (rate(node_cpu_seconds_total${selector(p, { mode: 'idle' })}[5m]))`,
  row: clusterValue,
});

export const memoryUtilization = byClusterQuery({
  id: 'prom.fleet.memory-utilization',
  layer: 'L1',
  title: 'Node memory utilisation by cluster',
  description: 'Share of node memory not available to new workloads, summed over the nodes of each cluster (node-exporter).',
  build: (p) =>
    `1 - sum by (${p.clusterLabel}) (node_memory_MemAvailable_bytes${selector(p)}) / sum by (${p.clusterLabel}) (node_memory_MemTotal_bytes${selector(p)})`,
  row: clusterValue,
});

export const FLEET_PROM_QUERIES = [
  nodeReadiness,
  podPhases,
  crashLoopingContainers,
  containerRestarts,
  cpuUtilization,
  memoryUtilization,
] as const;
