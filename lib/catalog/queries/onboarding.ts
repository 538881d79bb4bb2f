import { z } from 'zod';
import type { ArgQuery } from '../types';
import { argRows } from '../wire';
import { kqlStringList } from '../escape';
import { CLUSTER_RESOURCES, CLUSTER_TYPES, MONITORING_ADDON_COLUMNS } from './fleet';

/**
 * Resource Graph queries behind the onboarding matrix: which of the seed's recommended
 * monitoring settings each cluster has. Resource shapes: ../shared/reference/arg/resource-shapes/
 * (managedClusters 2024-09-01, connectedClusters, DCRs, Grafana, prometheusRuleGroups).
 * Diagnostic settings are not in Resource Graph: see lib/sources/azure/arm-diagnostics.ts.
 */

const PERSONAS = ['fleet-architect', 'platform-engineer'] as const;
const noParams = z.object({}).strict();
type NoParams = z.infer<typeof noParams>;

const optBool = z.boolean().nullish().transform((v) => v ?? null);
const optString = z.string().nullish().transform((v) => (v ? v : null));

const onboardingClusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  clusterKind: z.enum(['aks', 'arc']),
  location: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  powerState: z.string().nullish().transform((v) => v ?? ''),
  containerInsightsEnabled: optBool,
  containerInsightsWorkspace: optString,
  managedPrometheusEnabled: optBool,
  entraIntegration: optBool,
  autoscalePools: z.number().int().nonnegative().nullish().transform((v) => v ?? 0),
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
  description: 'Add-ons and profiles that the monitoring guide recommends, read from each AKS and Arc cluster resource.',
  params: noParams,
  build: () =>
    [
      ...CLUSTER_RESOURCES,
      '| extend powerState = tostring(properties.powerState.code)',
      ...MONITORING_ADDON_COLUMNS,
      // guard logs exist only with Entra ID integration; cluster-autoscaler only where a pool autoscales.
      '| extend entraIntegration = tobool(properties.aadProfile.managed)',
      '| extend autoscalePools = array_length(extract_all(@\'"enableAutoScaling":\\s*(true)\', tostring(properties.agentPoolProfiles)))',
      '| extend networkObservability = tobool(properties.networkProfile.advancedNetworking.observability.enabled)',
      '| extend costAnalysis = tobool(properties.metricsProfile.costAnalysis.enabled)',
      '| extend defender = tobool(properties.securityProfile.defender.securityMonitoring.enabled)',
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
      '| extend extensionType = tolower(tostring(properties.extensionType))',
      `| where extensionType in~ ${kqlStringList(Object.values(ARC_EXTENSIONS))}`,
      '| extend clusterId = tolower(substring(id, 0, indexof(tolower(id), "/providers/microsoft.kubernetesconfiguration/extensions/")))',
      '| project id, clusterId, extensionType,',
      '    workspaceResourceId = tostring(properties.configurationSettings.logAnalyticsWorkspaceResourceID)',
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => arcExtensionSchema.parse(row)),
};

const ciSettingsSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  dataCollectionRuleId: z.string(),
  streams: z.array(z.string()).nullish().transform((s) => s ?? []),
  interval: optString,
  namespaceFilteringMode: optString,
});
export type ContainerInsightsSettingsRow = z.infer<typeof ciSettingsSchema>;

export const containerInsightsSettings: ArgQuery<NoParams, ContainerInsightsSettingsRow> = {
  id: 'arg.container-insights-settings',
  kind: 'arg',
  layer: 'onboarding',
  personas: PERSONAS,
  title: 'Container insights collection settings',
  description: 'For each cluster, the Container insights data collection rule: whether it collects ContainerLogV2 and its cost settings (interval, namespace filtering).',
  params: noParams,
  build: () =>
    [
      'insightsresources',
      '| where type =~ "microsoft.insights/datacollectionruleassociations"',
      '| extend clusterId = tolower(substring(id, 0, indexof(tolower(id), "/providers/microsoft.insights/datacollectionruleassociations/")))',
      `| where clusterId has_any ${kqlStringList(Object.values(CLUSTER_TYPES))}`,
      '| extend dataCollectionRuleId = tolower(tostring(properties.dataCollectionRuleId))',
      '| join kind=inner (',
      '    resources',
      '    | where type =~ "microsoft.insights/datacollectionrules"',
      '    | mv-expand extension = properties.dataSources.extensions',
      '    | where tostring(extension.extensionName) == "ContainerInsights"',
      '    | project dataCollectionRuleId = tolower(id), streams = extension.streams,',
      '        settings = extension.extensionSettings.dataCollectionSettings',
      '  ) on dataCollectionRuleId',
      '| project id, clusterId, dataCollectionRuleId, streams,',
      '    interval = tostring(settings.interval), namespaceFilteringMode = tostring(settings.namespaceFilteringMode)',
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
  enabled: z.boolean().nullish().transform((v) => v ?? true),
  scopes: z.array(z.string()).nullish().transform((s) => (s ?? []).map((x) => x.toLowerCase())),
  alertRules: z.number().int().nonnegative().nullish().transform((v) => v ?? 0),
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
      '| project id, name, resourceGroup, subscriptionId, clusterName = tostring(properties.clusterName),',
      '    enabled = tobool(properties.enabled), scopes = properties.scopes,',
      '    alertRules = array_length(extract_all(@\'"alert":\\s*"([^"]+)"\', tostring(properties.rules)))',
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
    .array(z.object({ azureMonitorWorkspaceResourceId: z.string() }))
    .nullish()
    .transform((l) => (l ?? []).map((w) => w.azureMonitorWorkspaceResourceId.toLowerCase())),
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
      '| project id, name, resourceGroup, subscriptionId,',
      '    monitorWorkspaces = properties.grafanaIntegrations.azureMonitorWorkspaceIntegrations',
      '| order by id asc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => grafanaSchema.parse(row)),
};

export const ONBOARDING_QUERIES = [onboardingClusters, arcMonitoringExtensions, containerInsightsSettings, prometheusRuleGroups, managedGrafanas] as const;
