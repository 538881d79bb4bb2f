import { z } from 'zod';
import type { ArgQuery } from '../../types';
import { argRows } from '../../wire';
import { kqlStringList } from '../../escape';
import { argLowerBag, argPath, canonicalEnum } from '../../kql-bags';

/** The personas of the fleet pages' queries. */
export const FLEET_PERSONAS = ['fleet-architect', 'platform-engineer'] as const;

/** Resource Graph: the inventory of AKS and Arc-connected clusters. */

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
export const PROVISIONING_STATES = [
  'Succeeded',
  'Failed',
  'Canceled',
  'Creating',
  'Updating',
  'Upgrading',
  'Deleting',
  'Scaling',
  'Migrating',
  'Starting',
  'Stopping',
  'Provisioning',
  'Accepted',
] as const;
/** connectedClusters 2024-01-01 `connectivityStatus` (AgentNotInstalled from later versions). */
export const CONNECTIVITY_STATUSES = ['Connecting', 'Connected', 'Offline', 'Expired', 'AgentNotInstalled'] as const;
const POWER_STATES = ['Running', 'Stopped'] as const;

const enumOf = (known: readonly string[]) =>
  z
    .string()
    .nullish()
    .transform((v) => canonicalEnum(v, known));

/** An Azure size read lower-cased ("standard_d4s_v5") in its usual spelling; lookups are case-insensitive anyway. */
const vmSizeName = (v: string | undefined): string | undefined =>
  v && /^standard_./i.test(v) ? `Standard_${v.charAt(9).toUpperCase()}${v.slice(10)}` : v;

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
  tags: z
    .record(z.string(), z.string())
    .nullish()
    .transform((t) => t ?? {}),
  kubernetesVersion: z.string(),
  distribution: z.string(),
  powerState: z
    .string()
    .nullish()
    .transform((v) => canonicalEnum(v, POWER_STATES) ?? ''),
  provisioningState: enumOf(PROVISIONING_STATES),
  connectivityStatus: enumOf(CONNECTIVITY_STATUSES),
  // Lower-cased with the bag ("2024-05-01t10:00:00z"): ISO 8601 again.
  lastConnectivityTime: z
    .string()
    .nullish()
    .transform((v) => (v ? v.toUpperCase() : null)),
  nodePools: z
    .array(nodePoolSchema)
    .nullish()
    .transform((p) => p ?? []),
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
  description:
    'Every AKS and Arc-connected cluster the scope can read, with version, provisioning and connectivity state, node pools and monitoring add-ons.',
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
