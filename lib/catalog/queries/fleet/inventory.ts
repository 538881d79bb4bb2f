import { z } from 'zod';
import type { ArgQuery, LogsQuery, PromQuery } from '../../types';
import { argRows, logsRows, promVector, type PromSample } from '../../wire';
import { kqlStringList } from '../../escape';
import { argLowerBag, argPath, canonicalEnum } from '../../kql-bags';
import { fleetPromParamsSchema, selector, type FleetPromParams } from '../../prom-params';

const FLEET_PERSONAS = ['fleet-architect', 'platform-engineer'] as const;

// ---------------------------------------------------------------------------
// Resource Graph: the inventory of AKS and Arc-connected clusters.

export const CLUSTER_TYPES = {
  aks: 'microsoft.containerservice/managedclusters',
  arc: 'microsoft.kubernetes/connectedclusters',
} as const;

/** The column holding the lower-cased copy of a cluster's properties (kql-bags.ts). */
export const CLUSTER_PROPS = 'lprops';

/** AKS and Arc clusters in Resource Graph, each marked aks or arc, with their properties readable in any case. */
export const CLUSTER_RESOURCES = [
  'resources',
  `| where type in~ ${kqlStringList(Object.values(CLUSTER_TYPES))}`,
  `| extend clusterKind = iff(type =~ "${CLUSTER_TYPES.aks}", "aks", "arc")`,
  argLowerBag(CLUSTER_PROPS),
] as const;

const prop = (...path: string[]): string => argPath(CLUSTER_PROPS, ...path);

/**
 * Where an AKS cluster says Container insights and managed Prometheus are on. A documented
 * property that is absent (no addonProfiles.omsagent, no azureMonitorProfile) means off, not
 * unknown. Arc clusters carry these as extensions instead: null here.
 */
export const MONITORING_ADDON_COLUMNS = [
  `| extend containerInsightsEnabled = iff(clusterKind == "aks", coalesce(tobool(${prop('addonProfiles', 'omsagent', 'enabled')}), false), bool(null))`,
  // The config key is written logAnalyticsWorkspaceResourceID or …ResourceId: lower-cased, both read alike.
  `| extend containerInsightsWorkspace = tostring(${prop('addonProfiles', 'omsagent', 'config', 'logAnalyticsWorkspaceResourceID')})`,
  `| extend managedPrometheusEnabled = iff(clusterKind == "aks", coalesce(tobool(${prop('azureMonitorProfile', 'metrics', 'enabled')}), false), bool(null))`,
] as const;

/** ARM's provisioning states (managedClusters and connectedClusters), in their documented spelling. */
export const PROVISIONING_STATES = ['Succeeded', 'Failed', 'Canceled', 'Creating', 'Updating', 'Upgrading', 'Deleting', 'Scaling', 'Migrating', 'Starting', 'Stopping', 'Provisioning', 'Accepted'] as const;
/** connectedClusters 2024-01-01 `connectivityStatus` (AgentNotInstalled from later versions). */
export const CONNECTIVITY_STATUSES = ['Connecting', 'Connected', 'Offline', 'Expired', 'AgentNotInstalled'] as const;
const POWER_STATES = ['Running', 'Stopped'] as const;

const enumOf = (known: readonly string[]) => z.string().nullish().transform((v) => canonicalEnum(v, known));

/** An Azure size read lower-cased ("standard_d4s_v5") in its usual spelling; lookups are case-insensitive anyway. */
const vmSizeName = (v: string | undefined): string | undefined => (v && /^standard_./i.test(v) ? `Standard_${v.charAt(9).toUpperCase()}${v.slice(10)}` : v);

const nodePoolSchema = z
  .object({
    name: z.string(),
    mode: enumOf(['System', 'User']),
    vmsize: z.string().optional(),
    count: z.number().int().nonnegative().optional(),
    ostype: enumOf(['Linux', 'Windows']),
    orchestratorversion: z.string().optional(),
    currentorchestratorversion: z.string().optional(),
    nodeimageversion: z.string().optional(),
    enableautoscaling: z.boolean().optional(),
    mincount: z.number().int().optional(),
    maxcount: z.number().int().optional(),
  })
  // Keys arrive lower-cased (kql-bags.ts); the rest of the portal reads the documented names.
  .transform((p) => ({
    name: p.name,
    mode: p.mode ?? undefined,
    vmSize: vmSizeName(p.vmsize),
    count: p.count,
    osType: p.ostype ?? undefined,
    orchestratorVersion: p.orchestratorversion,
    currentOrchestratorVersion: p.currentorchestratorversion,
    nodeImageVersion: p.nodeimageversion,
    enableAutoScaling: p.enableautoscaling,
    minCount: p.mincount,
    maxCount: p.maxcount,
  }));
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
  powerState: z.string().nullish().transform((v) => canonicalEnum(v, POWER_STATES) ?? ''),
  provisioningState: enumOf(PROVISIONING_STATES),
  connectivityStatus: enumOf(CONNECTIVITY_STATUSES),
  // Lower-cased with the bag ("2024-05-01t10:00:00z"): ISO 8601 again.
  lastConnectivityTime: z.string().nullish().transform((v) => (v ? v.toUpperCase() : null)),
  nodePools: z.array(nodePoolSchema).nullish().transform((p) => p ?? []),
  totalNodeCount: z.number().int().nullish(),
  totalCoreCount: z.number().int().nullish(),
  containerInsightsEnabled: z.boolean().nullish(),
  containerInsightsWorkspace: z.string().nullish(),
  managedPrometheusEnabled: z.boolean().nullish(),
});
export type ClusterInventoryRow = z.infer<typeof inventoryRowSchema>;

/** A cluster page's scope: the clusters it names (case-insensitive, as ARM names are); absent means the whole fleet. */
const inventoryParams = z
  .object({
    names: z.array(z.string().min(1).max(253)).max(1000).optional(),
  })
  .strict();
type InventoryParams = z.infer<typeof inventoryParams>;

export const fleetInventory: ArgQuery<InventoryParams, ClusterInventoryRow> = {
  id: 'arg.fleet-inventory',
  kind: 'arg',
  layer: 'fleet',
  personas: FLEET_PERSONAS,
  title: 'Cluster inventory',
  description: 'Every AKS and Arc-connected cluster the scope can read, with version, provisioning and connectivity state, node pools and monitoring add-ons.',
  params: inventoryParams,
  build: (p) =>
    [
      ...CLUSTER_RESOURCES,
      ...(p.names?.length ? [`| where name in~ ${kqlStringList(p.names)}`] : []),
      `| extend kubernetesVersion = coalesce(tostring(${prop('currentKubernetesVersion')}), tostring(${prop('kubernetesVersion')}))`,
      `| extend distribution = iff(clusterKind == "aks", "aks", tostring(${prop('distribution')}))`,
      `| extend powerState = tostring(${prop('powerState', 'code')}), provisioningState = tostring(${prop('provisioningState')})`,
      `| extend connectivityStatus = tostring(${prop('connectivityStatus')}), lastConnectivityTime = tostring(${prop('lastConnectivityTime')})`,
      `| extend nodePools = ${prop('agentPoolProfiles')}, totalNodeCount = toint(${prop('totalNodeCount')}), totalCoreCount = toint(${prop('totalCoreCount')})`,
      ...MONITORING_ADDON_COLUMNS,
      '| project id, name, type, clusterKind, location, resourceGroup, subscriptionId, tags, kubernetesVersion,',
      '    distribution, powerState, provisioningState, connectivityStatus, lastConnectivityTime, nodePools,',
      '    totalNodeCount, totalCoreCount, containerInsightsEnabled, containerInsightsWorkspace, managedPrometheusEnabled',
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

export const lastUpgradeByCluster: LogsQuery<UpgradeParams, LastUpgradeRow> = {
  id: 'logs.last-upgrade-by-cluster',
  kind: 'logs',
  layer: 'fleet',
  personas: ['fleet-architect'],
  title: 'Last successful upgrade per cluster',
  description: 'The seed\'s upgrade query summarised to one row per cluster: when it was last upgraded, and how often.',
  defaultTimespan: 'P90D',
  params: upgradeParams,
  build: (p) =>
    [
      ...SEED_UPGRADE_QUERY,
      ...(p.clusterIds?.length ? [`| where _ResourceId in~ ${kqlStringList(p.clusterIds)}`] : []),
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
