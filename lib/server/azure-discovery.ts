import 'server-only';
import { azure as az, fleet as q } from '../catalog';
import type { Notice } from '../catalog/types';
import type { QueryOutcome, QueryRunner } from '../sources/runner';
import { SourceError } from '../sources/errors';
import { TtlCache } from './cache';

/**
 * Discovery: with nothing configured but the tenant, Resource Graph tells us every cluster,
 * the Log Analytics workspace its Container insights agent writes to
 * (addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID → the workspace's
 * customerId) and the Azure Monitor workspace its managed Prometheus sends to (data
 * collection rule association → rule → monitoringAccounts destination → the account's
 * prometheusQueryEndpoint); Arc clusters name their workspace in the Azure Monitor
 * containers extension instead. Six Resource Graph queries, each paged, cached for a while.
 */

export interface DiscoveredCluster {
  id: string;
  name: string;
  kind: 'aks' | 'arc';
  workspaceResourceId: string | null;
  /** The workspace id the query API takes; null when not readable or not onboarded. */
  workspaceId: string | null;
  prometheusQueryEndpoints: string[];
}

export interface AzureDiscovery {
  clusters: DiscoveredCluster[];
  /** Workspaces (customer ids) at least one cluster reports to. */
  workspaceIds: string[];
  /** Managed-Prometheus query endpoints at least one cluster sends to. */
  prometheusQueryEndpoints: string[];
  notices: Notice[];
  discoveredAt: string;
}

function rowsOr<R>(outcome: QueryOutcome<R>, notices: Notice[], what: string): R[] {
  if (outcome.ok) {
    notices.push(...outcome.notices);
    return outcome.rows;
  }
  notices.push({
    severity: 'warning',
    source: 'arg',
    message: `discovery could not read ${what}: ${outcome.error.message}`,
  });
  return [];
}

export async function discoverAzure(runner: QueryRunner, nowMs = Date.now()): Promise<AzureDiscovery> {
  const time = { kind: 'instant', at: Math.floor(nowMs / 1000) } as const;
  const [inventory, workspaces, accounts, associations, destinations, arcExtensions] = await Promise.all([
    runner.run(q.fleetInventory, {}, time),
    runner.run(az.logAnalyticsWorkspaces, {}, time),
    runner.run(az.monitorAccounts, {}, time),
    runner.run(az.clusterDcrAssociations, {}, time),
    runner.run(az.dcrMonitorDestinations, {}, time),
    runner.run(az.arcContainerInsightsExtensions, {}, time),
  ]);
  if (!inventory.ok) {
    // Without the cluster list there is nothing to discover; failing keeps it out of the cache.
    const e = inventory.error;
    throw new SourceError(`discovery could not list clusters: ${e.message}`, {
      source: 'arg',
      failure: e.failure,
      status: e.status,
      scope: e.scope,
    });
  }
  const notices: Notice[] = [...inventory.notices];
  const customerIdOf = new Map(
    rowsOr(workspaces, notices, 'Log Analytics workspaces').map((w) => [
      w.id.toLowerCase(),
      w.customerId.toLowerCase(),
    ]),
  );
  const endpointOf = new Map(
    rowsOr(accounts, notices, 'Azure Monitor workspaces').map((a) => [a.id.toLowerCase(), a.prometheusQueryEndpoint]),
  );
  const accountsOfRule = new Map<string, string[]>();
  for (const d of rowsOr(destinations, notices, 'data collection rules')) {
    const list = accountsOfRule.get(d.id.toLowerCase()) ?? [];
    list.push(d.accountResourceId.toLowerCase());
    accountsOfRule.set(d.id.toLowerCase(), list);
  }
  const rulesOfCluster = new Map<string, string[]>();
  for (const a of rowsOr(associations, notices, 'data collection rule associations')) {
    const list = rulesOfCluster.get(a.clusterId.toLowerCase()) ?? [];
    list.push(a.dataCollectionRuleId.toLowerCase());
    rulesOfCluster.set(a.clusterId.toLowerCase(), list);
  }

  const arcWorkspaceOf = new Map(
    rowsOr(arcExtensions, notices, 'Arc cluster extensions').map((e) => [
      e.clusterId.toLowerCase(),
      e.workspaceResourceId,
    ]),
  );

  let unreadableWorkspaces = 0;
  const clusters: DiscoveredCluster[] = inventory.rows.map((row) => {
    const workspaceResourceId = row.containerInsightsWorkspace || arcWorkspaceOf.get(row.id.toLowerCase()) || null;
    const workspaceId = workspaceResourceId ? (customerIdOf.get(workspaceResourceId.toLowerCase()) ?? null) : null;
    if (workspaceResourceId && !workspaceId) unreadableWorkspaces++;
    const endpoints = new Set<string>();
    for (const rule of rulesOfCluster.get(row.id.toLowerCase()) ?? []) {
      for (const account of accountsOfRule.get(rule) ?? []) {
        const endpoint = endpointOf.get(account);
        if (endpoint) endpoints.add(endpoint);
      }
    }
    return {
      id: row.id,
      name: row.name,
      kind: row.clusterKind,
      workspaceResourceId,
      workspaceId,
      prometheusQueryEndpoints: [...endpoints],
    };
  });
  if (unreadableWorkspaces > 0) {
    notices.push({
      severity: 'warning',
      source: 'arg',
      message: `${unreadableWorkspaces} cluster${unreadableWorkspaces === 1 ? ' reports' : 's report'} to Log Analytics workspaces this identity cannot see (Reader on the workspace's subscription is needed to discover it)`,
    });
  }
  return {
    clusters,
    workspaceIds: [...new Set(clusters.flatMap((c) => (c.workspaceId ? [c.workspaceId] : [])))].sort(),
    prometheusQueryEndpoints: [...new Set(clusters.flatMap((c) => c.prometheusQueryEndpoints))].sort(),
    notices,
    discoveredAt: new Date(nowMs).toISOString(),
  };
}

export interface AzureDiscoverySource {
  get(): Promise<AzureDiscovery>;
}

/**
 * Discovery shared by every request for `ttlSeconds`. The key is the server identity's
 * scope; when requests bring the signed-in user's credential the key must include the user.
 */
export function createAzureDiscovery(
  runner: QueryRunner,
  options: { ttlSeconds: number; scopeKey: string },
): AzureDiscoverySource {
  const cache = new TtlCache<AzureDiscovery>(options.ttlSeconds * 1000, 10);
  return { get: () => cache.get(options.scopeKey, () => discoverAzure(runner)) };
}
