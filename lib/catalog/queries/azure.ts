import { z } from 'zod';
import type { ArgQuery, LogsQuery } from '../types';
import { argRows, logsRows } from '../wire';
import { kqlStringList } from '../escape';
import { argLowerBag, argPath } from '../kql-bags';
import { CLUSTER_TYPES } from './fleet/inventory';

/**
 * Azure-specific catalog queries: where each cluster's monitoring data lives (discovery),
 * and node and pod state from Container insights for clusters without Prometheus.
 * Resource shapes: ../shared/reference/arg/resource-shapes/; table schemas:
 * ../shared/reference/la-tables/.
 */

const PERSONAS = ['fleet-architect', 'platform-engineer'] as const;
const noParams = z.object({}).strict();
type NoParams = z.infer<typeof noParams>;

// ---------------------------------------------------------------------------
// Resource Graph: monitoring destinations.

const workspaceRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  customerId: z.string(),
});
export type WorkspaceRow = z.infer<typeof workspaceRowSchema>;

export const logAnalyticsWorkspaces: ArgQuery<NoParams, WorkspaceRow> = {
  id: 'arg.log-analytics-workspaces',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Log Analytics workspaces',
  description:
    'Every Log Analytics workspace the scope can read, with the workspace id the query API takes (customerId).',
  params: noParams,
  build: () =>
    [
      'resources',
      '| where type =~ "microsoft.operationalinsights/workspaces"',
      argLowerBag('lprops'),
      `| project id, name, location, resourceGroup, subscriptionId, customerId = tostring(${argPath('lprops', 'customerId')})`,
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => workspaceRowSchema.parse(row)),
};

const monitorAccountRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  prometheusQueryEndpoint: z.string(),
});
export type MonitorAccountRow = z.infer<typeof monitorAccountRowSchema>;

export const monitorAccounts: ArgQuery<NoParams, MonitorAccountRow> = {
  id: 'arg.monitor-accounts',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Azure Monitor workspaces',
  description: 'Azure Monitor workspaces (managed Prometheus) and the PromQL query endpoint of each.',
  params: noParams,
  build: () =>
    [
      'resources',
      '| where type =~ "microsoft.monitor/accounts"',
      argLowerBag('lprops'),
      '| project id, name, location, resourceGroup, subscriptionId,',
      // Lower-cased with the bag: an https origin, whose host is case-insensitive.
      `    prometheusQueryEndpoint = tostring(${argPath('lprops', 'metrics', 'prometheusQueryEndpoint')})`,
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => monitorAccountRowSchema.parse(row)),
};

const dcrAssociationRowSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  dataCollectionRuleId: z.string(),
});
export type DcrAssociationRow = z.infer<typeof dcrAssociationRowSchema>;

export const clusterDcrAssociations: ArgQuery<NoParams, DcrAssociationRow> = {
  id: 'arg.cluster-dcr-associations',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Data collection rules of clusters',
  description: "Data collection rule associations on AKS and Arc clusters: which rule sends each cluster's data where.",
  params: noParams,
  build: () =>
    [
      'insightsresources',
      '| where type =~ "microsoft.insights/datacollectionruleassociations"',
      // An association's id is the cluster's id plus /providers/Microsoft.Insights/dataCollectionRuleAssociations/{name}.
      '| extend clusterId = tolower(substring(id, 0, indexof(tolower(id), "/providers/microsoft.insights/datacollectionruleassociations/")))',
      `| where clusterId has_any ${kqlStringList(Object.values(CLUSTER_TYPES))}`,
      argLowerBag('lprops'),
      `| project id, clusterId, dataCollectionRuleId = tostring(${argPath('lprops', 'dataCollectionRuleId')})`,
      '| where isnotempty(dataCollectionRuleId)',
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => dcrAssociationRowSchema.parse(row)),
};

const dcrDestinationRowSchema = z.object({
  id: z.string(),
  accountResourceId: z.string(),
});
export type DcrDestinationRow = z.infer<typeof dcrDestinationRowSchema>;

export const dcrMonitorDestinations: ArgQuery<NoParams, DcrDestinationRow> = {
  id: 'arg.dcr-monitor-destinations',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Data collection rules sending to Azure Monitor workspaces',
  description: 'Data collection rules whose destination is an Azure Monitor workspace (managed Prometheus).',
  params: noParams,
  build: () =>
    [
      'resources',
      '| where type =~ "microsoft.insights/datacollectionrules"',
      argLowerBag('lprops'),
      `| mv-expand account = ${argPath('lprops', 'destinations', 'monitoringAccounts')}`,
      `| where isnotempty(${argPath('account', 'accountResourceId')})`,
      `| project id = tolower(id), accountResourceId = tostring(${argPath('account', 'accountResourceId')})`,
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => dcrDestinationRowSchema.parse(row)),
};

const arcExtensionRowSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  workspaceResourceId: z.string(),
});
export type ArcExtensionRow = z.infer<typeof arcExtensionRowSchema>;

export const arcContainerInsightsExtensions: ArgQuery<NoParams, ArcExtensionRow> = {
  id: 'arg.arc-container-insights',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Container insights on Arc-connected clusters',
  description:
    'The Azure Monitor containers extension on Arc-connected clusters and the Log Analytics workspace it writes to.',
  params: noParams,
  build: () =>
    [
      'kubernetesconfigurationresources',
      '| where type =~ "microsoft.kubernetesconfiguration/extensions"',
      argLowerBag('lprops'),
      `| where tostring(${argPath('lprops', 'extensionType')}) == "microsoft.azuremonitor.containers"`,
      // Arc clusters have no addonProfiles: the extension's settings name the workspace.
      '| extend clusterId = tolower(substring(id, 0, indexof(tolower(id), "/providers/microsoft.kubernetesconfiguration/extensions/")))',
      `| project id, clusterId, workspaceResourceId = tostring(${argPath('lprops', 'configurationSettings', 'logAnalyticsWorkspaceResourceID')})`,
      '| where isnotempty(workspaceResourceId)',
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => arcExtensionRowSchema.parse(row)),
};

// ---------------------------------------------------------------------------
// Log Analytics: Container insights, for clusters whose metrics do not reach Prometheus.

const clusterScope = z.object({
  clusterIds: z.array(z.string().min(1).max(1024)).max(1000).optional(),
});
type ClusterScope = z.infer<typeof clusterScope>;

function scoped(p: ClusterScope): string[] {
  return p.clusterIds?.length ? [`| where ClusterId in~ ${kqlStringList(p.clusterIds)}`] : [];
}

const count = z.number().int().nonnegative();

const nodeStateRowSchema = z.object({
  ClusterId: z.string(),
  ClusterName: z.string(),
  Nodes: count,
  NodesReady: count,
  NodesNotReady: count,
  LastSeen: z.string(),
});
export type NodeStateRow = z.infer<typeof nodeStateRowSchema>;

export const nodeStateByCluster: LogsQuery<ClusterScope, NodeStateRow> = {
  id: 'logs.node-state-by-cluster',
  kind: 'logs',
  layer: 'L1',
  personas: PERSONAS,
  title: 'Node readiness by cluster (Container insights)',
  description: "Each cluster's nodes from the latest KubeNodeInventory record per node: how many report Ready.",
  defaultTimespan: 'PT30M',
  params: clusterScope,
  build: (p) =>
    [
      'KubeNodeInventory',
      ...scoped(p),
      '| extend ClusterId = tolower(ClusterId)',
      '| summarize arg_max(TimeGenerated, Status) by ClusterId, ClusterName, Computer',
      // Status lists the node conditions that are true, e.g. "Ready" or "MemoryPressure,Ready".
      '| summarize Nodes = count(), NodesReady = countif(Status has "Ready"), LastSeen = max(TimeGenerated)',
      '    by ClusterId, ClusterName',
      '| extend NodesNotReady = Nodes - NodesReady',
      '| project ClusterId, ClusterName, Nodes, NodesReady, NodesNotReady, LastSeen',
      '| order by ClusterId asc',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => nodeStateRowSchema.parse(row)),
};

const podStateRowSchema = z.object({
  ClusterId: z.string(),
  ClusterName: z.string(),
  Pods: count,
  Running: count,
  Pending: count,
  Failed: count,
  Succeeded: count,
  CrashLooping: count,
});
export type PodStateRow = z.infer<typeof podStateRowSchema>;

export const podStateByCluster: LogsQuery<ClusterScope, PodStateRow> = {
  id: 'logs.pod-state-by-cluster',
  kind: 'logs',
  layer: 'L3',
  personas: PERSONAS,
  title: 'Pods by phase by cluster (Container insights)',
  description:
    "Each cluster's pods by phase and its containers waiting in CrashLoopBackOff, from the latest KubePodInventory record of each container (the table has one row per container).",
  defaultTimespan: 'PT30M',
  params: clusterScope,
  build: (p) =>
    [
      'KubePodInventory',
      ...scoped(p),
      // ARM ids arrive in more than one case: one cluster, one key.
      '| extend ClusterId = tolower(ClusterId)',
      '| summarize arg_max(TimeGenerated, PodStatus, ContainerStatusReason) by ClusterId, ClusterName, PodUid, ContainerName',
      '| summarize PodStatus = take_any(PodStatus), CrashLoopingContainers = countif(ContainerStatusReason == "CrashLoopBackOff")',
      '    by ClusterId, ClusterName, PodUid',
      '| summarize Pods = count(), Running = countif(PodStatus == "Running"), Pending = countif(PodStatus == "Pending"),',
      '    Failed = countif(PodStatus == "Failed"), Succeeded = countif(PodStatus == "Succeeded"),',
      '    CrashLooping = sum(CrashLoopingContainers)',
      '    by ClusterId, ClusterName',
      '| order by ClusterId asc',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => podStateRowSchema.parse(row)),
};

const warningEventRowSchema = z.object({
  ClusterId: z.string(),
  Reason: z.string(),
  Objects: count,
  Events: z.number().nonnegative(),
});
export type WarningEventRow = z.infer<typeof warningEventRowSchema>;

export const warningEventsByCluster: LogsQuery<ClusterScope, WarningEventRow> = {
  id: 'logs.warning-events-by-cluster',
  kind: 'logs',
  layer: 'L3',
  personas: PERSONAS,
  title: 'Warning events by cluster and reason',
  description:
    'Kubernetes Warning events from KubeEvents, per cluster and reason: how many objects, how many occurrences.',
  defaultTimespan: 'PT1H',
  params: clusterScope,
  build: (p) =>
    [
      'KubeEvents',
      '| where KubeEventType == "Warning"',
      ...scoped(p),
      '| summarize Objects = dcount(strcat(Namespace, "/", Name)), Events = sum(Count) by ClusterId = tolower(ClusterId), Reason',
      '| order by ClusterId asc, Events desc',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => warningEventRowSchema.parse(row)),
};

export const AZURE_QUERIES = [
  logAnalyticsWorkspaces,
  monitorAccounts,
  clusterDcrAssociations,
  dcrMonitorDestinations,
  arcContainerInsightsExtensions,
  nodeStateByCluster,
  podStateByCluster,
  warningEventsByCluster,
] as const;
