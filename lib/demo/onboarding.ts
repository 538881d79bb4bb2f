import type { DemoCluster, DemoFleet } from './fleet-model';
import { demoMonitorAccounts, demoPrometheusLinks, type DemoMonitorAccount } from './azure-workspaces';
import { createRng, hexFrom } from './random';

/**
 * The demo fleet's monitoring configuration beyond the two add-ons fleet.ts models: the
 * settings the seed recommends (ContainerLogV2, cost presets, control-plane diagnostic
 * settings, activity log export, Grafana, recommended alert rules, network observability,
 * cost analysis, Defender). Drawn from its own random stream per cluster
 * (`${seed}/onboarding/${index}`), so adding it changed no existing cluster or number.
 */

export interface DemoDiagnosticLog {
  category: string;
  enabled: boolean;
}

/** One Microsoft.Insights/diagnosticSettings resource, in the fields the ARM API returns. */
export interface DemoDiagnosticSetting {
  name: string;
  workspaceId: string | null;
  storageAccountId: string | null;
  logs: DemoDiagnosticLog[];
}

export interface DemoOnboarding {
  /** Entra ID integration (aadProfile.managed): decides whether the guard category applies. */
  entraIntegration: boolean;
  /** The Container insights DCR collects the Microsoft-ContainerLogV2 stream. */
  containerLogV2: boolean;
  /** The Container insights DCR uses a cost preset (interval above 1m or namespace filtering). */
  costOptimized: boolean;
  collectionInterval: string;
  diagnosticSettings: DemoDiagnosticSetting[];
  networkObservability: boolean;
  costAnalysis: boolean;
  defender: boolean;
  /** Names of the recommended rule groups that exist, and whether each is enabled. */
  recommendedRuleGroups: Array<{ level: 'Cluster-level' | 'Node-level' | 'Pod-level'; enabled: boolean }>;
}

export const RECOMMENDED_LEVELS = ['Cluster-level', 'Node-level', 'Pod-level'] as const;
const LA_CATEGORIES = [
  'kube-apiserver',
  'kube-audit-admin',
  'kube-controller-manager',
  'cluster-autoscaler',
  'guard',
] as const;

const cache = new WeakMap<DemoCluster, DemoOnboarding>();

export function demoOnboarding(fleet: DemoFleet, cluster: DemoCluster): DemoOnboarding {
  const hit = cache.get(cluster);
  if (hit) return hit;
  const rng = createRng(`${fleet.seed}/onboarding/${cluster.index}`);
  const aks = cluster.provider === 'aks';
  const ci = cluster.monitoring.containerInsights;
  const entraIntegration = aks && rng.chance(0.6);
  const containerLogV2 = ci && rng.chance(0.7);
  const costOptimized = ci && rng.chance(0.5);
  const workspace = cluster.monitoring.workspaceResourceId;
  const pattern = aks
    ? rng.weighted([
        ['recommended', 45],
        ['apiserver-only', 20],
        ['audit-to-workspace', 10],
        ['none', 25],
      ] as const)
    : 'none';
  const storage = `/subscriptions/${cluster.subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.Storage/storageAccounts/staudit${hexFrom(cluster.subscriptionId, 8)}`;
  const diagnosticSettings: DemoDiagnosticSetting[] = [];
  const laTarget =
    workspace ??
    `/subscriptions/${cluster.subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-${cluster.tags.env ?? 'prod'}-diag`;
  if (pattern === 'recommended') {
    const autoscale = cluster.nodePools.some((p) => p.autoscale !== null);
    // Some "recommended" clusters forgot the conditional categories: realistic partial gaps.
    const skipConditional = rng.chance(0.3);
    diagnosticSettings.push({
      name: 'control-plane-to-law',
      workspaceId: laTarget,
      storageAccountId: null,
      logs: LA_CATEGORIES.filter((c) =>
        c === 'cluster-autoscaler'
          ? autoscale && !skipConditional
          : c === 'guard'
            ? entraIntegration && !skipConditional
            : true,
      ).map((category) => ({ category, enabled: true })),
    });
    diagnosticSettings.push({
      name: 'audit-to-storage',
      workspaceId: null,
      storageAccountId: storage,
      logs: [{ category: 'kube-audit', enabled: true }],
    });
  } else if (pattern === 'apiserver-only') {
    diagnosticSettings.push({
      name: 'apiserver',
      workspaceId: laTarget,
      storageAccountId: null,
      logs: [
        { category: 'kube-apiserver', enabled: true },
        { category: 'kube-scheduler', enabled: false },
      ],
    });
  } else if (pattern === 'audit-to-workspace') {
    // kube-audit sent to the workspace instead of storage: costly, and not where the seed wants it.
    diagnosticSettings.push({
      name: 'everything-to-law',
      workspaceId: laTarget,
      storageAccountId: null,
      logs: ['kube-apiserver', 'kube-audit', 'kube-audit-admin', 'kube-controller-manager'].map((category) => ({
        category,
        enabled: true,
      })),
    });
  }
  const ruleGroups = cluster.monitoring.managedPrometheus
    ? rng.weighted([
        ['all', 55],
        ['none', 30],
        ['one-disabled', 15],
      ] as const)
    : 'none';
  const disabledLevel = rng.pick(RECOMMENDED_LEVELS);
  const recommendedRuleGroups =
    ruleGroups === 'none'
      ? []
      : RECOMMENDED_LEVELS.map((level) => ({ level, enabled: ruleGroups === 'all' || level !== disabledLevel }));
  const value: DemoOnboarding = {
    entraIntegration,
    containerLogV2,
    costOptimized,
    collectionInterval: costOptimized ? rng.pick(['5m', '10m']) : '1m',
    diagnosticSettings,
    networkObservability: aks && rng.chance(0.35),
    costAnalysis: aks && rng.chance(0.4),
    defender: rng.chance(aks ? 0.65 : 0.3),
    recommendedRuleGroups,
  };
  cache.set(cluster, value);
  return value;
}

/** Whether a subscription exports its activity log to a workspace: one draw per subscription. */
export function demoActivityLogExport(fleet: DemoFleet, subscriptionId: string): DemoDiagnosticSetting[] {
  const rng = createRng(`${fleet.seed}/onboarding/subscription/${subscriptionId}`);
  if (!rng.chance(0.6)) return [];
  return [
    {
      name: 'activity-log-to-law',
      workspaceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-activity`,
      storageAccountId: null,
      logs: [
        'Administrative',
        'Security',
        'ServiceHealth',
        'Alert',
        'Recommendation',
        'Policy',
        'Autoscale',
        'ResourceHealth',
      ].map((category) => ({ category, enabled: true })),
    },
  ];
}

export interface DemoGrafana {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  location: string;
  linkedAccounts: string[];
}

/** One Managed Grafana per subscription that has Azure Monitor workspaces; some workspaces are not linked. */
export function demoGrafanas(fleet: DemoFleet): DemoGrafana[] {
  const bySub = new Map<string, DemoMonitorAccount[]>();
  for (const a of demoMonitorAccounts(fleet)) bySub.set(a.subscriptionId, [...(bySub.get(a.subscriptionId) ?? []), a]);
  return [...bySub].map(([subscriptionId, accounts]) => {
    const name = `grafana-${hexFrom(subscriptionId, 6)}`;
    return {
      id: `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.Dashboard/grafana/${name}`,
      name,
      resourceGroup: 'rg-monitoring',
      subscriptionId,
      location: accounts[0]?.location ?? 'westeurope',
      linkedAccounts: accounts
        .filter((a) => createRng(`${fleet.seed}/onboarding/grafana/${a.resourceId.toLowerCase()}`).chance(0.6))
        .map((a) => a.resourceId),
    };
  });
}

/** The Azure Monitor workspace a cluster's metrics go to, if any. */
export function demoAccountOf(fleet: DemoFleet, cluster: DemoCluster): DemoMonitorAccount | null {
  return demoPrometheusLinks(fleet).find((l) => l.cluster === cluster)?.account ?? null;
}
