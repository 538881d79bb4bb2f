import { z } from 'zod';
import type { ArgQuery } from '../types';
import { argRows } from '../wire';
import { kqlStringList } from '../escape';
import { argLowerBag, argPath, canonicalEnum } from '../kql-bags';
import { CLUSTER_PROPS, CLUSTER_RESOURCES, CLUSTER_TYPES, MONITORING_ADDON_COLUMNS } from './fleet/inventory';

const prop = (...path: string[]): string => argPath(CLUSTER_PROPS, ...path);

/**
 * Resource Graph queries behind the onboarding matrix: which of the seed's recommended
 * monitoring settings each cluster has. Resource shapes: ../shared/reference/arg/resource-shapes/
 * (managedClusters 2024-09-01, connectedClusters, DCRs, Grafana, prometheusRuleGroups).
 * Diagnostic settings are not in Resource Graph: see lib/sources/azure/arm-diagnostics.ts.
 */

const PERSONAS = ['fleet-architect', 'platform-engineer'] as const;
const noParams = z.object({}).strict();
type NoParams = z.infer<typeof noParams>;

const optBool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);
const optString = z
  .string()
  .nullish()
  .transform((v) => (v ? v : null));

const onboardingClusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  clusterKind: z.enum(['aks', 'arc']),
  location: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  powerState: z
    .string()
    .nullish()
    .transform((v) => canonicalEnum(v, ['Running', 'Stopped']) ?? ''),
  containerInsightsEnabled: optBool,
  containerInsightsWorkspace: optString,
  managedPrometheusEnabled: optBool,
  entraIntegration: optBool,
  autoscalePools: z
    .number()
    .int()
    .nonnegative()
    .nullish()
    .transform((v) => v ?? 0),
  networkObservability: optBool,
  costAnalysis: optBool,
  defender: optBool,
});
export type OnboardingClusterRow = z.infer<typeof onboardingClusterSchema>;

export const onboardingClusters: ArgQuery<NoParams, OnboardingClusterRow> = {
  id: 'arg.onboarding-clusters',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Monitoring settings of every cluster',
  description:
    'Add-ons and profiles that the monitoring guide recommends, read from each AKS and Arc cluster resource.',
  params: noParams,
  build: () =>
    [
      ...CLUSTER_RESOURCES,
      `| extend powerState = tostring(${prop('powerState', 'code')})`,
      ...MONITORING_ADDON_COLUMNS,
      // guard logs exist only with Entra ID integration; cluster-autoscaler only where a pool autoscales.
      `| extend entraIntegration = tobool(${prop('aadProfile', 'managed')})`,
      // The bag is lower-cased, so the key is matched in lower case.
      `| extend autoscalePools = array_length(extract_all(@'"enableautoscaling":\\s*(true)', tostring(${prop('agentPoolProfiles')})))`,
      `| extend networkObservability = tobool(${prop('networkProfile', 'advancedNetworking', 'observability', 'enabled')})`,
      `| extend costAnalysis = tobool(${prop('metricsProfile', 'costAnalysis', 'enabled')})`,
      `| extend defender = tobool(${prop('securityProfile', 'defender', 'securityMonitoring', 'enabled')})`,
      '| project id, name, clusterKind, location, resourceGroup, subscriptionId, powerState,',
      '    containerInsightsEnabled, containerInsightsWorkspace, managedPrometheusEnabled, entraIntegration,',
      '    autoscalePools, networkObservability, costAnalysis, defender',
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => onboardingClusterSchema.parse(row)),
};

const arcExtensionSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  extensionType: z.string(),
  workspaceResourceId: optString,
});
export type ArcExtensionRow = z.infer<typeof arcExtensionSchema>;

/** Extension types that carry monitoring to Arc-connected clusters. */
export const ARC_EXTENSIONS = {
  containerInsights: 'microsoft.azuremonitor.containers',
  managedPrometheus: 'microsoft.azuremonitor.containers.metrics',
  defender: 'microsoft.azuredefender.kubernetes',
} as const;

export const arcMonitoringExtensions: ArgQuery<NoParams, ArcExtensionRow> = {
  id: 'arg.arc-monitoring-extensions',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Monitoring extensions on Arc clusters',
  description: 'Container insights, managed Prometheus and Defender extensions installed on Arc-connected clusters.',
  params: noParams,
  build: () =>
    [
      'kubernetesconfigurationresources',
      '| where type =~ "microsoft.kubernetesconfiguration/extensions"',
      argLowerBag('lprops'),
      `| extend extensionType = tostring(${argPath('lprops', 'extensionType')})`,
      `| where extensionType in~ ${kqlStringList(Object.values(ARC_EXTENSIONS))}`,
      '| extend clusterId = tolower(substring(id, 0, indexof(tolower(id), "/providers/microsoft.kubernetesconfiguration/extensions/")))',
      '| project id, clusterId, extensionType,',
      `    workspaceResourceId = tostring(${argPath('lprops', 'configurationSettings', 'logAnalyticsWorkspaceResourceID')})`,
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => arcExtensionSchema.parse(row)),
};

/** Container insights streams in their documented spelling (the DCR is read lower-cased). */
export const CONTAINER_INSIGHTS_STREAMS = [
  'Microsoft-ContainerInsights-Group-Default',
  'Microsoft-ContainerLog',
  'Microsoft-ContainerLogV2',
  'Microsoft-ContainerLogV2-HighScale',
  'Microsoft-KubeEvents',
  'Microsoft-KubePodInventory',
  'Microsoft-KubeNodeInventory',
  'Microsoft-KubePVInventory',
  'Microsoft-KubeServices',
  'Microsoft-KubeMonAgentEvents',
  'Microsoft-InsightsMetrics',
  'Microsoft-ContainerInventory',
  'Microsoft-ContainerNodeInventory',
  'Microsoft-Perf',
] as const;

const ciSettingsSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  dataCollectionRuleId: z.string(),
  streams: z
    .array(z.string())
    .nullish()
    .transform((s) => (s ?? []).map((x) => canonicalEnum(x, CONTAINER_INSIGHTS_STREAMS) ?? x)),
  interval: optString,
  namespaceFilteringMode: z
    .string()
    .nullish()
    .transform((v) => canonicalEnum(v, ['Off', 'Include', 'Exclude'])),
  namespaces: z
    .array(z.string())
    .nullish()
    .transform((s) => s ?? null),
  /** dataCollectionSettings.enableContainerLogV2; null when the rule does not say. */
  enableContainerLogV2: optBool,
});
export type ContainerInsightsSettingsRow = z.infer<typeof ciSettingsSchema>;

export const containerInsightsSettings: ArgQuery<NoParams, ContainerInsightsSettingsRow> = {
  id: 'arg.container-insights-settings',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Container insights collection settings',
  description:
    'For each cluster, the Container insights data collection rule: its streams, whether it writes ContainerLogV2 (enableContainerLogV2) and its cost settings (interval, namespace filtering).',
  params: noParams,
  build: () =>
    [
      'insightsresources',
      '| where type =~ "microsoft.insights/datacollectionruleassociations"',
      '| extend clusterId = tolower(substring(id, 0, indexof(tolower(id), "/providers/microsoft.insights/datacollectionruleassociations/")))',
      `| where clusterId has_any ${kqlStringList(Object.values(CLUSTER_TYPES))}`,
      argLowerBag('lprops'),
      `| extend dataCollectionRuleId = tostring(${argPath('lprops', 'dataCollectionRuleId')})`,
      '| join kind=inner (',
      '    resources',
      '    | where type =~ "microsoft.insights/datacollectionrules"',
      `    ${argLowerBag('lprops')}`,
      `    | mv-expand extension = ${argPath('lprops', 'dataSources', 'extensions')}`,
      // Values are lower-cased with the bag: "ContainerInsights" reads "containerinsights".
      `    | where tostring(${argPath('extension', 'extensionName')}) == "containerinsights"`,
      `    | project dataCollectionRuleId = tolower(id), streams = ${argPath('extension', 'streams')},`,
      `        settings = ${argPath('extension', 'extensionSettings', 'dataCollectionSettings')}`,
      '  ) on dataCollectionRuleId',
      '| project id, clusterId, dataCollectionRuleId, streams,',
      `    interval = tostring(${argPath('settings', 'interval')}), namespaceFilteringMode = tostring(${argPath('settings', 'namespaceFilteringMode')}),`,
      `    namespaces = ${argPath('settings', 'namespaces')}, enableContainerLogV2 = tobool(${argPath('settings', 'enableContainerLogV2')})`,
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => ciSettingsSchema.parse(row)),
};

const ruleGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  clusterName: optString,
  enabled: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
  scopes: z
    .array(z.string())
    .nullish()
    .transform((s) => (s ?? []).map((x) => x.toLowerCase())),
  alertRules: z
    .number()
    .int()
    .nonnegative()
    .nullish()
    .transform((v) => v ?? 0),
});
export type PrometheusRuleGroupRow = z.infer<typeof ruleGroupSchema>;

export const prometheusRuleGroups: ArgQuery<NoParams, PrometheusRuleGroupRow> = {
  id: 'arg.prometheus-rule-groups',
  kind: 'arg',
  layer: 'alerts',
  personas: PERSONAS,
  title: 'Prometheus rule groups',
  description: 'Azure Monitor Prometheus rule groups, the cluster each is scoped to, and whether it is enabled.',
  params: noParams,
  build: () =>
    [
      'resources',
      '| where type =~ "microsoft.alertsmanagement/prometheusrulegroups"',
      argLowerBag('lprops'),
      `| project id, name, resourceGroup, subscriptionId, clusterName = tostring(${argPath('lprops', 'clusterName')}),`,
      `    enabled = tobool(${argPath('lprops', 'enabled')}), scopes = ${argPath('lprops', 'scopes')},`,
      `    alertRules = array_length(extract_all(@'"alert":\\s*"([^"]+)"', tostring(${argPath('lprops', 'rules')})))`,
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => ruleGroupSchema.parse(row)),
};

const grafanaSchema = z.object({
  id: z.string(),
  name: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  monitorWorkspaces: z
    .array(z.object({ azuremonitorworkspaceresourceid: z.string() }))
    .nullish()
    .transform((l) => (l ?? []).map((w) => w.azuremonitorworkspaceresourceid.toLowerCase())),
});
export type GrafanaRow = z.infer<typeof grafanaSchema>;

export const managedGrafanas: ArgQuery<NoParams, GrafanaRow> = {
  id: 'arg.managed-grafanas',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Azure Managed Grafana workspaces',
  description: 'Managed Grafana instances and the Azure Monitor workspaces each is linked to.',
  params: noParams,
  build: () =>
    [
      'resources',
      '| where type =~ "microsoft.dashboard/grafana"',
      argLowerBag('lprops'),
      '| project id, name, resourceGroup, subscriptionId,',
      `    monitorWorkspaces = ${argPath('lprops', 'grafanaIntegrations', 'azureMonitorWorkspaceIntegrations')}`,
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => grafanaSchema.parse(row)),
};

export const ONBOARDING_QUERIES = [
  onboardingClusters,
  arcMonitoringExtensions,
  containerInsightsSettings,
  prometheusRuleGroups,
  managedGrafanas,
] as const;
