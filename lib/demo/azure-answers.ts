import type { QueryRequest } from '../catalog/types';
import type { ArgResponse, LogsResponse } from '../catalog/wire';
import * as az from '../catalog/queries/azure';
import { kubeEvents, kubeNodeInventory, podStates, type LaTable } from './azure-tables';
import { demoMonitorAccounts, demoPrometheusLinks, demoWorkspaces } from './azure-workspaces';
import type { DemoFleet } from './fleet-model';

/**
 * Demo answers for the Azure catalog queries (queries/azure.ts), computed the way their
 * KQL reads: Resource Graph rows from the Azure view of the fleet, Log Analytics
 * summaries from the Container insights tables in azure-tables.ts.
 */

function argAnswer(data: Record<string, unknown>[]): ArgResponse {
  return { totalRecords: data.length, count: data.length, resultTruncated: 'false', data };
}

export function answerAzureArg(fleet: DemoFleet, request: QueryRequest): ArgResponse | null {
  switch (request.query.id) {
    case az.logAnalyticsWorkspaces.id:
      return argAnswer(
        demoWorkspaces(fleet).map((w) => ({
          id: w.resourceId,
          name: w.name,
          location: w.location,
          resourceGroup: w.resourceGroup.toLowerCase(),
          subscriptionId: w.subscriptionId,
          customerId: w.customerId,
        })),
      );
    case az.monitorAccounts.id:
      return argAnswer(
        demoMonitorAccounts(fleet).map((a) => ({
          id: a.resourceId,
          name: a.name,
          location: a.location,
          resourceGroup: a.resourceGroup.toLowerCase(),
          subscriptionId: a.subscriptionId,
          prometheusQueryEndpoint: a.prometheusQueryEndpoint,
        })),
      );
    case az.clusterDcrAssociations.id:
      return argAnswer(
        demoPrometheusLinks(fleet).map((l) => ({
          id: l.associationId,
          clusterId: l.cluster.id.toLowerCase(),
          dataCollectionRuleId: l.dataCollectionRuleId.toLowerCase(),
        })),
      );
    case az.dcrMonitorDestinations.id:
      return argAnswer(
        demoPrometheusLinks(fleet).map((l) => ({
          id: l.dataCollectionRuleId.toLowerCase(),
          accountResourceId: l.account.resourceId.toLowerCase(),
        })),
      );
    case az.arcContainerInsightsExtensions.id:
      return argAnswer(
        fleet.clusters
          .filter((c) => c.provider === 'arc' && c.monitoring.workspaceResourceId)
          .map((c) => ({
            id: `${c.id}/providers/Microsoft.KubernetesConfiguration/extensions/azuremonitor-containers`,
            clusterId: c.id.toLowerCase(),
            workspaceResourceId: c.monitoring.workspaceResourceId,
          })),
      );
    default:
      return null;
  }
}

function rowsOf(table: LaTable): Record<string, unknown>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]])));
}

function inScope(request: QueryRequest): (clusterId: string) => boolean {
  const ids = (request.params as { clusterIds?: string[] }).clusterIds;
  if (!ids?.length) return () => true;
  const set = new Set(ids.map((id) => id.toLowerCase()));
  return (id) => set.has(id.toLowerCase());
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function logsAnswer(columns: [string, string][], rows: unknown[][]): LogsResponse {
  return { tables: [{ name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows }] };
}

const str = (v: unknown): string => String(v ?? '');

export function answerAzureLogs(fleet: DemoFleet, request: QueryRequest, at: number): LogsResponse | null {
  const scope = inScope(request);
  const clusters = fleet.clusters.filter((c) => scope(c.id));
  switch (request.query.id) {
    case az.nodeStateByCluster.id: {
      const groups = groupBy(
        rowsOf(kubeNodeInventory(clusters, at)),
        (r) => `${str(r.ClusterId).toLowerCase()}\u0000${str(r.ClusterName)}`,
      );
      const rows = [...groups.values()].map((nodes) => {
        const first = nodes[0] ?? {};
        const ready = nodes.filter((n) => str(n.Status).split(',').includes('Ready')).length;
        const lastSeen =
          nodes
            .map((n) => str(n.TimeGenerated))
            .sort()
            .at(-1) ?? '';
        return [
          str(first.ClusterId).toLowerCase(),
          str(first.ClusterName),
          nodes.length,
          ready,
          nodes.length - ready,
          lastSeen,
        ];
      });
      rows.sort((a, b) => str(a[0]).localeCompare(str(b[0])));
      return logsAnswer(
        [
          ['ClusterId', 'string'],
          ['ClusterName', 'string'],
          ['Nodes', 'long'],
          ['NodesReady', 'long'],
          ['NodesNotReady', 'long'],
          ['LastSeen', 'datetime'],
        ],
        rows,
      );
    }
    case az.podStateByCluster.id: {
      // The same counts the KQL takes from kubePodInventory(), computed from the model
      // directly: a 2,000-cluster fleet has a quarter of a million pod rows.
      const rows = clusters
        .filter((c) => c.monitoring.containerInsights && c.workloads.length > 0)
        .map((c) => {
          const pods = c.workloads.flatMap(podStates);
          const phase = (p: string): number => pods.filter((r) => r.status === p).length;
          return [
            c.id.toLowerCase(),
            c.name,
            pods.length,
            phase('Running'),
            phase('Pending'),
            phase('Failed'),
            phase('Succeeded'),
            pods.filter((r) => r.reason === 'CrashLoopBackOff').length,
          ];
        });
      rows.sort((a, b) => str(a[0]).localeCompare(str(b[0])));
      return logsAnswer(
        [
          ['ClusterId', 'string'],
          ['ClusterName', 'string'],
          ['Pods', 'long'],
          ['Running', 'long'],
          ['Pending', 'long'],
          ['Failed', 'long'],
          ['Succeeded', 'long'],
          ['CrashLooping', 'long'],
        ],
        rows,
      );
    }
    case az.warningEventsByCluster.id: {
      const events = rowsOf(kubeEvents(clusters, at)).filter((e) => e.KubeEventType === 'Warning');
      const groups = groupBy(events, (e) => `${str(e.ClusterId).toLowerCase()}\u0000${str(e.Reason)}`);
      const rows = [...groups.values()].map((list) => {
        const first = list[0] ?? {};
        const objects = new Set(list.map((e) => `${str(e.Namespace)}/${str(e.Name)}`)).size;
        return [
          str(first.ClusterId).toLowerCase(),
          str(first.Reason),
          objects,
          list.reduce((sum, e) => sum + Number(e.Count ?? 0), 0),
        ];
      });
      rows.sort((a, b) => str(a[0]).localeCompare(str(b[0])) || Number(b[3]) - Number(a[3]));
      return logsAnswer(
        [
          ['ClusterId', 'string'],
          ['Reason', 'string'],
          ['Objects', 'long'],
          ['Events', 'real'],
        ],
        rows,
      );
    }
    default:
      return null;
  }
}
