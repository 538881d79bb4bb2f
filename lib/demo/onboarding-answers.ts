import type { QueryRequest } from '../catalog/types';
import type { ArgResponse } from '../catalog/wire';
import * as ob from '../catalog/queries/onboarding';
import { firedAzureAlerts } from '../catalog/queries/alerts';
import type { DemoCluster, DemoFleet } from './fleet-model';
import { guidFrom } from './random';
import { alertDescription, firingRecommendedAlerts } from './alert-state';
import { lowerBag, readLowerPath } from '../catalog/kql-bags';
import { armResourceOf, onboardingRowOf } from './azure-resources';
import {
  demoAccountOf,
  demoActivityLogExport,
  demoGrafanas,
  demoOnboarding,
  type DemoDiagnosticSetting,
} from './onboarding';

/**
 * Demo answers for the onboarding and alert-coverage Resource Graph queries
 * (queries/onboarding.ts), in the row shape their KQL projects, plus the ARM list of
 * diagnostic settings per resource. Everything derives from fleet.ts and onboarding.ts.
 */

function argAnswer(data: Record<string, unknown>[]): ArgResponse {
  return { totalRecords: data.length, count: data.length, resultTruncated: 'false', data };
}

export function answerOnboardingArg(fleet: DemoFleet, request: QueryRequest): ArgResponse | null {
  switch (request.query.id) {
    case ob.onboardingClusters.id: {
      // Projected from each cluster's ARM body the way the KQL reads it (azure-resources.ts).
      const at = request.time.kind === 'instant' ? request.time.at : request.time.end;
      return argAnswer(fleet.clusters.map((c) => onboardingRowOf(armResourceOf(fleet, c, at))));
    }
    case ob.arcMonitoringExtensions.id:
      return argAnswer(
        fleet.clusters
          .filter((c) => c.provider === 'arc')
          .flatMap((c) => {
            const o = demoOnboarding(fleet, c);
            const ext = (type: string, name: string, workspaceResourceId = ''): Record<string, unknown> => ({
              id: `${c.id}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`,
              clusterId: c.id.toLowerCase(),
              extensionType: type,
              // Lower-cased with the extension's properties, as the KQL reads them.
              workspaceResourceId: workspaceResourceId.toLowerCase(),
            });
            return [
              ...(c.monitoring.workspaceResourceId
                ? [
                    ext(
                      ob.ARC_EXTENSIONS.containerInsights,
                      'azuremonitor-containers',
                      c.monitoring.workspaceResourceId,
                    ),
                  ]
                : []),
              ...(c.monitoring.managedPrometheus
                ? [ext(ob.ARC_EXTENSIONS.managedPrometheus, 'azuremonitor-metrics')]
                : []),
              ...(o.defender ? [ext(ob.ARC_EXTENSIONS.defender, 'microsoft.azuredefender.kubernetes')] : []),
            ];
          }),
      );
    case ob.containerInsightsSettings.id:
      return argAnswer(
        fleet.clusters
          .filter((c) => c.monitoring.containerInsights && c.monitoring.workspaceResourceId)
          .map((c) => {
            const dcr = demoContainerInsightsDcr(fleet, c);
            // The KQL reads the rule lower-cased (kql-bags.ts): so does the demo.
            const ext = readLowerPath(lowerBag(dcr.properties), 'dataSources', 'extensions') as Array<
              Record<string, unknown>
            >;
            const ci = ext.find((e) => e.extensionname === 'containerinsights') ?? {};
            const settings = (readLowerPath(ci, 'extensionSettings', 'dataCollectionSettings') ?? {}) as Record<
              string,
              unknown
            >;
            return {
              id: `${c.id}/providers/Microsoft.Insights/dataCollectionRuleAssociations/ContainerInsightsExtension`,
              clusterId: c.id.toLowerCase(),
              dataCollectionRuleId: dcr.id.toLowerCase(),
              streams: ci.streams,
              interval: settings.interval,
              namespaceFilteringMode: settings.namespacefilteringmode,
              namespaces: settings.namespaces,
              enableContainerLogV2: settings.enablecontainerlogv2,
            };
          }),
      );
    case ob.prometheusRuleGroups.id:
      return argAnswer(
        fleet.clusters.flatMap((c) => {
          const account = demoAccountOf(fleet, c);
          return demoOnboarding(fleet, c).recommendedRuleGroups.map((g) => {
            const name = `KubernetesAlert-RecommendedMetricAlerts${c.name}-${g.level}`;
            return {
              id: `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.AlertsManagement/prometheusRuleGroups/${name}`,
              name,
              resourceGroup: c.resourceGroup.toLowerCase(),
              subscriptionId: c.subscriptionId,
              clusterName: c.name,
              enabled: g.enabled,
              scopes: [account?.resourceId ?? '', c.id].filter(Boolean),
              alertRules: g.level === 'Cluster-level' ? 11 : g.level === 'Node-level' ? 3 : 16,
            };
          });
        }),
      );
    case ob.managedGrafanas.id:
      return argAnswer(
        demoGrafanas(fleet).map((g) => ({
          id: g.id,
          name: g.name,
          resourceGroup: g.resourceGroup,
          subscriptionId: g.subscriptionId,
          monitorWorkspaces: g.linkedAccounts.map((a) => ({ azuremonitorworkspaceresourceid: a.toLowerCase() })),
        })),
      );
    case firedAzureAlerts.id: {
      const only = (request.params as { clusterIds?: string[] }).clusterIds?.map((id) => id.toLowerCase());
      const at = request.time.kind === 'instant' ? request.time.at : request.time.end;
      return argAnswer(demoFiredAlerts(fleet, at).filter((a) => !only || only.includes(String(a.targetResource))));
    }
    default:
      return null;
  }
}

/**
 * Azure Monitor alerts fired by the recommended Prometheus rule groups: one per series a rule
 * fires on (alert-state.ts reads them from the model) in a scraped, running cluster, where the
 * rule's group exists and is enabled. Azure Monitor names the alert after the rule and starts it
 * when the rule's `for` has passed.
 */
function demoFiredAlerts(fleet: DemoFleet, at: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const c of fleet.clusters) {
    if (!c.monitoring.managedPrometheus || c.powerState !== 'Running') continue;
    const enabled = new Set(
      demoOnboarding(fleet, c)
        .recommendedRuleGroups.filter((g) => g.enabled)
        .map((g) => g.level),
    );
    if (enabled.size === 0) continue;
    for (const a of firingRecommendedAlerts(c, at)) {
      if (!enabled.has(a.rule.level)) continue;
      const group = `KubernetesAlert-RecommendedMetricAlerts${c.name}-${a.rule.level}`;
      const series = Object.entries(a.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      out.push({
        id: `${c.id}/providers/Microsoft.AlertsManagement/alerts/${guidFrom(`${c.id}/${a.rule.alert}/${series}`)}`,
        name: a.rule.alert,
        severity: `Sev${a.rule.azureSeverity}`,
        monitorService: 'Prometheus',
        signalType: 'Metric',
        alertState: 'New',
        alertRule: `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.AlertsManagement/prometheusRuleGroups/${group}`,
        targetResource: c.id.toLowerCase(),
        startDateTime: new Date(a.since * 1000).toISOString(),
        description: alertDescription(a, c.name),
      });
    }
  }
  return out.sort((a, b) => String(b.startDateTime).localeCompare(String(a.startDateTime)));
}

/** The ARM list body for one resource's diagnostic settings (exactly the REST shape). */
function armList(resourceId: string, settings: DemoDiagnosticSetting[]): unknown {
  return {
    value: settings.map((s) => ({
      id: `${resourceId}/providers/microsoft.insights/diagnosticSettings/${s.name}`,
      type: 'Microsoft.Insights/diagnosticSettings',
      name: s.name,
      properties: {
        ...(s.storageAccountId ? { storageAccountId: s.storageAccountId } : {}),
        ...(s.workspaceId ? { workspaceId: s.workspaceId } : {}),
        logs: s.logs.map((l) => ({
          category: l.category,
          enabled: l.enabled,
          retentionPolicy: { enabled: false, days: 0 },
        })),
        metrics: [{ category: 'AllMetrics', enabled: false, retentionPolicy: { enabled: false, days: 0 } }],
      },
    })),
  };
}

/** ARM's answer for GET {resourceId}/providers/Microsoft.Insights/diagnosticSettings, or null for 404. */
export function demoDiagnosticSettingsWire(fleet: DemoFleet, resourceId: string): unknown {
  const id = resourceId.toLowerCase();
  const cluster = fleet.clusters.find((c) => c.id.toLowerCase() === id);
  if (cluster) return armList(cluster.id, demoOnboarding(fleet, cluster).diagnosticSettings);
  const sub = /^\/subscriptions\/([^/]+)$/.exec(id)?.[1];
  if (sub && fleet.clusters.some((c) => c.subscriptionId.toLowerCase() === sub))
    return armList(`/subscriptions/${sub}`, demoActivityLogExport(fleet, sub));
  return null;
}

/**
 * A cluster's Container insights data collection rule, in the shape of the onboarding template
 * (ContainerInsights.onboarding-template.EXCERPT.json). ContainerLogV2 is on either through the
 * rule's enableContainerLogV2 with the default stream group (what current onboarding writes)
 * or through the explicit Microsoft-ContainerLogV2 stream.
 */
export function demoContainerInsightsDcr(
  fleet: DemoFleet,
  c: DemoCluster,
): { id: string; properties: Record<string, unknown> } {
  const o = demoOnboarding(fleet, c);
  const id =
    `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Insights/dataCollectionRules/MSCI-${c.location}-${c.name}`.slice(
      0,
      400,
    );
  const grouped = c.index % 2 === 0;
  const streams = grouped
    ? ['Microsoft-ContainerInsights-Group-Default']
    : o.containerLogV2
      ? ['Microsoft-ContainerLogV2', 'Microsoft-KubeEvents', 'Microsoft-KubePodInventory']
      : ['Microsoft-ContainerLog', 'Microsoft-KubeEvents', 'Microsoft-KubePodInventory', 'Microsoft-Perf'];
  return {
    id,
    properties: {
      dataSources: {
        extensions: [
          {
            name: 'ContainerInsightsExtension',
            streams,
            extensionSettings: {
              dataCollectionSettings: {
                interval: o.collectionInterval,
                namespaceFilteringMode: o.costOptimized ? 'Exclude' : 'Off',
                namespaces: o.costOptimized ? ['kube-system', 'gatekeeper-system'] : [],
                enableContainerLogV2: o.containerLogV2,
              },
            },
            extensionName: 'ContainerInsights',
          },
        ],
      },
      destinations: { logAnalytics: [{ workspaceResourceId: c.monitoring.workspaceResourceId, name: 'ciworkspace' }] },
      dataFlows: [{ streams, destinations: ['ciworkspace'] }],
    },
  };
}
