import type { DemoCluster, DemoFleet } from './fleet-model';
import { guidFrom, hexFrom } from './random';

/**
 * The demo fleet's Azure monitoring resources: the Log Analytics workspaces its clusters report
 * to, the Azure Monitor workspaces (managed Prometheus) they send metrics to and the data
 * collection rules that link them. Everything derives from fleet.ts, so demo mode, the local
 * protocol servers and the Prometheus export all tell the same story.
 */

export interface DemoWorkspace {
  /** ARM resource id, as `addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID` names it. */
  resourceId: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  /** The workspace id the query API takes (`properties.customerId`). */
  customerId: string;
  clusters: DemoCluster[];
}

export interface DemoMonitorAccount {
  resourceId: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  prometheusQueryEndpoint: string;
}

export interface DemoPrometheusLink {
  cluster: DemoCluster;
  /** The data collection rule association on the cluster. */
  associationId: string;
  dataCollectionRuleId: string;
  account: DemoMonitorAccount;
}

/** A workspace's query id is a GUID derived from its resource id (case-insensitive, as ARM is). */
export function workspaceCustomerId(resourceId: string): string {
  return guidFrom(`workspace/${resourceId.toLowerCase()}`);
}

const byFleet = new WeakMap<
  DemoFleet,
  { workspaces: DemoWorkspace[]; accounts: DemoMonitorAccount[]; links: DemoPrometheusLink[] }
>();

function azureView(fleet: DemoFleet): {
  workspaces: DemoWorkspace[];
  accounts: DemoMonitorAccount[];
  links: DemoPrometheusLink[];
} {
  let view = byFleet.get(fleet);
  if (view) return view;
  const workspaces = new Map<string, DemoWorkspace>();
  const accounts = new Map<string, DemoMonitorAccount>();
  const links: DemoPrometheusLink[] = [];
  for (const c of fleet.clusters) {
    const wsId = c.monitoring.workspaceResourceId;
    if (wsId) {
      const key = wsId.toLowerCase();
      let ws = workspaces.get(key);
      if (!ws) {
        const parts = wsId.split('/');
        ws = {
          resourceId: wsId,
          name: parts[parts.length - 1] ?? wsId,
          subscriptionId: parts[2] ?? c.subscriptionId,
          resourceGroup: parts[4] ?? 'rg-monitoring',
          location: c.location,
          customerId: workspaceCustomerId(wsId),
          clusters: [],
        };
        workspaces.set(key, ws);
      }
      ws.clusters.push(c);
    }
    if (c.monitoring.managedPrometheus) {
      // One Azure Monitor workspace per subscription and environment, as platform teams tend to run them.
      const env = c.tags.env ?? 'prod';
      const name = `amw-${env}-${hexFrom(c.subscriptionId, 4)}`;
      const resourceId = `/subscriptions/${c.subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.Monitor/accounts/${name}`;
      let account = accounts.get(resourceId.toLowerCase());
      if (!account) {
        account = {
          resourceId,
          name,
          subscriptionId: c.subscriptionId,
          resourceGroup: 'rg-monitoring',
          location: c.location,
          prometheusQueryEndpoint: `https://${name}-${hexFrom(resourceId, 8)}.${c.location}.prometheus.monitor.azure.com`,
        };
        accounts.set(resourceId.toLowerCase(), account);
      }
      const dcrName = `MSProm-${c.location}-${c.name}`.slice(0, 64);
      links.push({
        cluster: c,
        associationId: `${c.id}/providers/Microsoft.Insights/dataCollectionRuleAssociations/ContainerInsightsMetricsExtension`,
        dataCollectionRuleId: `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Insights/dataCollectionRules/${dcrName}`,
        account,
      });
    }
  }
  view = { workspaces: [...workspaces.values()], accounts: [...accounts.values()], links };
  byFleet.set(fleet, view);
  return view;
}

export function demoWorkspaces(fleet: DemoFleet): DemoWorkspace[] {
  return azureView(fleet).workspaces;
}

export function demoMonitorAccounts(fleet: DemoFleet): DemoMonitorAccount[] {
  return azureView(fleet).accounts;
}

export function demoPrometheusLinks(fleet: DemoFleet): DemoPrometheusLink[] {
  return azureView(fleet).links;
}

/** The clusters whose Container insights data (and, in the demo, activity log) lands in a workspace. */
export function clustersInWorkspace(fleet: DemoFleet, customerId: string): DemoCluster[] {
  const id = customerId.toLowerCase();
  return demoWorkspaces(fleet).find((w) => w.customerId === id || w.resourceId.toLowerCase() === id)?.clusters ?? [];
}

/** A fleet restricted to some clusters, for answering one workspace's share of a question. */
export function subFleet(fleet: DemoFleet, clusters: readonly DemoCluster[]): DemoFleet {
  return { seed: fleet.seed, clusters: [...clusters], byName: new Map(clusters.map((c) => [c.name, c])) };
}
