import { CLUSTER_TYPES } from '../catalog/queries/fleet/inventory';
import { lowerBag, readLowerPath } from '../catalog/kql-bags';
import type { DemoCluster, DemoFleet } from './fleet-model';
import { demoOnboarding } from './onboarding';

/**
 * The demo clusters as ARM resources, in the shapes of Microsoft's REST examples
 * (../shared/reference/arg/resource-shapes/: managedClusters ManagedClustersGet 2024-09-01,
 * connectedClusters GetClusterExample 2024-01-01, the Container insights onboarding
 * template's addonProfiles.omsagent, the managed-Prometheus template's azureMonitorProfile),
 * with the key spellings and states each cluster's DemoArmState gives it. The Resource Graph
 * rows of the inventory and onboarding queries are projected from these bodies with the
 * catalog's own case-insensitive reader (kql-bags.ts), so the demo reads Azure the way the KQL does.
 */

export interface ArmResource {
  id: string;
  name: string;
  type: string;
  location: string;
  resourceGroup: string;
  subscriptionId: string;
  tags: Record<string, string>;
  properties: Record<string, unknown>;
}

/** The ARM body of a demo cluster at unix time `at` (an Arc agent's last heartbeat depends on it). */
export function armResourceOf(fleet: DemoFleet, c: DemoCluster, at: number): ArmResource {
  const aks = c.provider === 'aks';
  const o = demoOnboarding(fleet, c);
  const base = {
    id: c.id,
    name: c.name,
    location: c.location,
    resourceGroup: c.resourceGroup.toLowerCase(),
    subscriptionId: c.subscriptionId,
    tags: c.tags,
  };
  if (!aks) {
    const conn = c.arm.connectivity;
    return {
      ...base,
      type: 'Microsoft.Kubernetes/connectedClusters',
      properties: {
        kubernetesVersion: c.kubernetesVersion,
        totalNodeCount: c.nodePools.reduce((sum, p) => sum + p.count, 0),
        totalCoreCount: c.nodePools.reduce((sum, p) => sum + p.count * p.vm.vcpus, 0),
        agentVersion: '1.21.10',
        provisioningState: c.arm.provisioningState,
        distribution: c.distribution,
        connectivityStatus: conn?.status ?? 'Connected',
        lastConnectivityTime: new Date((at - (conn?.silentSeconds ?? 60)) * 1000).toISOString(),
        privateLinkState: 'Disabled',
        azureHybridBenefit: 'NotApplicable',
      },
    };
  }
  const ws = c.monitoring.workspaceResourceId;
  const properties: Record<string, unknown> = {
    provisioningState: c.arm.provisioningState,
    powerState: { code: c.powerState },
    kubernetesVersion: c.kubernetesVersion,
    currentKubernetesVersion: c.kubernetesVersion,
    agentPoolProfiles: c.nodePools.map((p) => ({
      name: p.name,
      count: p.count,
      vmSize: p.vm.name,
      osType: p.osType,
      mode: p.mode,
      provisioningState: c.arm.provisioningState,
      orchestratorVersion: c.kubernetesVersion,
      currentOrchestratorVersion: c.kubernetesVersion,
      nodeImageVersion: p.nodeImageVersion,
      enableAutoScaling: p.autoscale !== null,
      ...(p.autoscale ? { minCount: p.autoscale.min, maxCount: p.autoscale.max } : {}),
    })),
    // AKS writes the add-on key in more than one case; a cluster never onboarded has none.
    ...(c.monitoring.containerInsights
      ? {
          addonProfiles: {
            [c.arm.addonKey]: { enabled: true, config: { [c.arm.workspaceKey]: ws ?? '', useAADAuth: 'true' } },
          },
        }
      : c.index % 2 === 0
        ? { addonProfiles: { [c.arm.addonKey]: { enabled: false, config: null } } }
        : {}),
    // Managed Prometheus never enabled: no azureMonitorProfile at all (documented as absent = off).
    ...(c.monitoring.managedPrometheus
      ? {
          azureMonitorProfile: {
            metrics: { enabled: true, kubeStateMetrics: { metricLabelsAllowlist: '', metricAnnotationsAllowList: '' } },
          },
        }
      : c.arm.monitorProfileAbsent
        ? {}
        : { azureMonitorProfile: { metrics: { enabled: false } } }),
    aadProfile: o.entraIntegration ? { managed: true, enableAzureRBAC: true } : null,
    networkProfile: {
      networkPlugin: 'azure',
      advancedNetworking: o.networkObservability ? { enabled: true, observability: { enabled: true } } : null,
    },
    metricsProfile: { costAnalysis: { enabled: o.costAnalysis } },
    securityProfile: o.defender ? { defender: { securityMonitoring: { enabled: true } } } : {},
  };
  return { ...base, type: 'Microsoft.ContainerService/ManagedClusters', properties };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const bool = (v: unknown): boolean | null =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null;
const int = (v: unknown): number | null => (typeof v === 'number' ? Math.trunc(v) : null);

/** The columns the inventory KQL (queries/fleet/inventory.ts) projects, computed the same way from an ARM body. */
export function inventoryRowOf(r: ArmResource): Record<string, unknown> {
  const p = lowerBag(r.properties);
  const at = (...path: string[]): unknown => readLowerPath(p, ...path);
  const aks = r.type.toLowerCase() === CLUSTER_TYPES.aks;
  return {
    id: r.id,
    name: r.name,
    type: r.type.toLowerCase(),
    clusterKind: aks ? 'aks' : 'arc',
    location: r.location,
    resourceGroup: r.resourceGroup,
    subscriptionId: r.subscriptionId,
    tags: r.tags,
    kubernetesVersion: str(at('currentKubernetesVersion')) || str(at('kubernetesVersion')),
    distribution: aks ? 'aks' : str(at('distribution')),
    powerState: str(at('powerState', 'code')),
    provisioningState: str(at('provisioningState')),
    connectivityStatus: str(at('connectivityStatus')),
    lastConnectivityTime: str(at('lastConnectivityTime')),
    nodePools: at('agentPoolProfiles'),
    totalNodeCount: int(at('totalNodeCount')),
    totalCoreCount: int(at('totalCoreCount')),
    ...addonColumns(aks, at),
  };
}

/** MONITORING_ADDON_COLUMNS in JavaScript: absent on AKS means off, Arc has none. */
export function addonColumns(aks: boolean, at: (...path: string[]) => unknown): Record<string, unknown> {
  return {
    containerInsightsEnabled: aks ? (bool(at('addonProfiles', 'omsagent', 'enabled')) ?? false) : null,
    containerInsightsWorkspace: str(at('addonProfiles', 'omsagent', 'config', 'logAnalyticsWorkspaceResourceID')),
    managedPrometheusEnabled: aks ? (bool(at('azureMonitorProfile', 'metrics', 'enabled')) ?? false) : null,
  };
}

/** The columns of the onboarding clusters KQL (queries/onboarding.ts) from an ARM body. */
export function onboardingRowOf(r: ArmResource): Record<string, unknown> {
  const p = lowerBag(r.properties);
  const at = (...path: string[]): unknown => readLowerPath(p, ...path);
  const aks = r.type.toLowerCase() === CLUSTER_TYPES.aks;
  const pools = JSON.stringify(at('agentPoolProfiles') ?? null);
  return {
    id: r.id,
    name: r.name,
    clusterKind: aks ? 'aks' : 'arc',
    location: r.location,
    resourceGroup: r.resourceGroup,
    subscriptionId: r.subscriptionId,
    powerState: str(at('powerState', 'code')),
    ...addonColumns(aks, at),
    entraIntegration: bool(at('aadProfile', 'managed')),
    autoscalePools: [...pools.matchAll(/"enableautoscaling":\s*(true)/g)].length,
    networkObservability: bool(at('networkProfile', 'advancedNetworking', 'observability', 'enabled')),
    costAnalysis: bool(at('metricsProfile', 'costAnalysis', 'enabled')),
    defender: bool(at('securityProfile', 'defender', 'securityMonitoring', 'enabled')),
  };
}

export function demoArmResources(fleet: DemoFleet, at: number): ArmResource[] {
  return fleet.clusters.map((c) => armResourceOf(fleet, c, at));
}
