import type { DemoCluster } from './fleet-model';
import { nodeNotReadyEvent, nodeOs } from './node-triage';
import { guidFrom, hash32, hexFrom } from './random';
import { crashReason } from './workload-resources';

/**
 * The demo fleet's activity log and Container insights tables in their real schemas
 * (../shared/reference/la-tables/). Columns and types are those of the table reference
 * (la-tables/LA-TABLE-SCHEMAS.json); billing and system columns are left out. The workspaces
 * that hold them are in azure-workspaces.ts.
 */

export type LaType = 'string' | 'datetime' | 'int' | 'long' | 'real' | 'bool' | 'dynamic' | 'guid';
export interface LaTable {
  name: string;
  columns: { name: string; type: LaType }[];
  rows: unknown[][];
}

/**
 * Log Analytics does not keep ARM's spelling of ids: `_ResourceId` is stored lower-cased, and
 * the Container insights agent reports ClusterId as it was configured, lower-cased on some
 * clusters. Joins with Resource Graph rows must compare ids case-insensitively.
 */
export const laResourceId = (c: DemoCluster): string => c.id.toLowerCase();
export const laClusterId = (c: DemoCluster): string => (c.index % 3 === 0 ? c.id.toLowerCase() : c.id);

export const KUBE_NODE_INVENTORY_COLUMNS: LaTable['columns'] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'ClusterId', type: 'string' },
  { name: 'ClusterName', type: 'string' },
  { name: 'Status', type: 'string' },
  { name: 'LastTransitionTimeReady', type: 'datetime' },
  { name: 'KubeletVersion', type: 'string' },
  { name: 'KubeProxyVersion', type: 'string' },
  { name: 'CreationTimeStamp', type: 'datetime' },
  { name: 'Labels', type: 'string' },
  { name: 'OperatingSystem', type: 'string' },
  { name: 'DockerVersion', type: 'string' },
  { name: 'KubernetesProviderID', type: 'string' },
  { name: 'SourceSystem', type: 'string' },
  { name: '_ResourceId', type: 'string' },
];

export const KUBE_POD_INVENTORY_COLUMNS: LaTable['columns'] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'ClusterId', type: 'string' },
  { name: 'ClusterName', type: 'string' },
  { name: 'Name', type: 'string' },
  { name: 'Namespace', type: 'string' },
  { name: 'PodUid', type: 'string' },
  { name: 'PodStatus', type: 'string' },
  { name: 'PodRestartCount', type: 'int' },
  { name: 'ContainerName', type: 'string' },
  { name: 'ContainerStatus', type: 'string' },
  { name: 'ContainerStatusReason', type: 'string' },
  { name: 'ContainerRestartCount', type: 'int' },
  { name: 'ControllerKind', type: 'string' },
  { name: 'ControllerName', type: 'string' },
  { name: 'PodCreationTimeStamp', type: 'datetime' },
  { name: 'ServiceName', type: 'string' },
  { name: 'SourceSystem', type: 'string' },
  { name: '_ResourceId', type: 'string' },
];

export const KUBE_EVENTS_COLUMNS: LaTable['columns'] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'ClusterId', type: 'string' },
  { name: 'ClusterName', type: 'string' },
  { name: 'KubeEventType', type: 'string' },
  { name: 'Reason', type: 'string' },
  { name: 'Message', type: 'string' },
  { name: 'Name', type: 'string' },
  { name: 'Namespace', type: 'string' },
  { name: 'ObjectKind', type: 'string' },
  { name: 'SourceComponent', type: 'string' },
  { name: 'Count', type: 'real' },
  { name: 'FirstSeen', type: 'datetime' },
  { name: 'LastSeen', type: 'datetime' },
  { name: 'SourceSystem', type: 'string' },
  { name: '_ResourceId', type: 'string' },
];

export const CONTAINER_LOG_V2_COLUMNS: LaTable['columns'] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'ContainerId', type: 'string' },
  { name: 'ContainerName', type: 'string' },
  { name: 'PodName', type: 'string' },
  { name: 'PodNamespace', type: 'string' },
  { name: 'LogMessage', type: 'dynamic' },
  { name: 'LogSource', type: 'string' },
  { name: 'LogLevel', type: 'string' },
  { name: 'KubernetesMetadata', type: 'dynamic' },
  { name: 'SourceSystem', type: 'string' },
  { name: '_ResourceId', type: 'string' },
];

export const AZURE_ACTIVITY_COLUMNS: LaTable['columns'] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'CategoryValue', type: 'string' },
  { name: 'OperationNameValue', type: 'string' },
  { name: 'ActivityStatusValue', type: 'string' },
  { name: 'Level', type: 'string' },
  { name: 'Caller', type: 'string' },
  { name: 'CorrelationId', type: 'string' },
  { name: 'Properties_d', type: 'dynamic' },
  { name: 'ResourceProviderValue', type: 'string' },
  { name: 'ResourceGroup', type: 'string' },
  { name: 'SubscriptionId', type: 'string' },
  { name: '_ResourceId', type: 'string' },
];

const iso = (t: number): string => new Date(t * 1000).toISOString();

/**
 * The activity log of AKS upgrades: each upgrade is a managedClusters/write that starts
 * ("Accepted") and ends ("Upgrade Succeeded"), the rows the seed's upgrade query filters.
 * `anchor` is the start of the day upgrades are counted back from (see answers.ts).
 */
export function azureActivity(clusters: readonly DemoCluster[], anchor: number, from: number, to: number): LaTable {
  const rows: unknown[][] = [];
  for (const c of clusters) {
    for (const u of c.upgrades) {
      const done = anchor - u.ageSeconds;
      const correlation = guidFrom(`${c.id}/upgrade/${u.toVersion}`);
      const row = (t: number, status: string, message: string): unknown[] => [
        iso(t),
        'Administrative',
        'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/WRITE',
        status,
        'Informational',
        u.caller,
        correlation,
        JSON.stringify({
          message,
          eventCategory: 'Administrative',
          entity: c.id,
          kubernetesVersion: u.toVersion,
          previousKubernetesVersion: u.fromVersion,
        }),
        'MICROSOFT.CONTAINERSERVICE',
        c.resourceGroup.toUpperCase(),
        c.subscriptionId,
        c.id.toLowerCase(),
      ];
      if (done - 1800 >= from && done - 1800 <= to) rows.push(row(done - 1800, 'Start', 'Upgrade Started'));
      if (done >= from && done <= to) rows.push(row(done, 'Success', 'Upgrade Succeeded'));
    }
  }
  return { name: 'AzureActivity', columns: AZURE_ACTIVITY_COLUMNS, rows };
}

/** Nodes of the running clusters as the Container insights agent reports them (one inventory snapshot). */
export function kubeNodeInventory(clusters: readonly DemoCluster[], at: number): LaTable {
  const rows: unknown[][] = [];
  for (const c of clusters) {
    if (!c.monitoring.containerInsights) continue;
    for (const n of c.nodes) {
      if (n.bootTime > at) continue;
      const status = n.ready === 'true' ? 'Ready' : n.ready === 'false' ? 'NotReady' : 'Unknown';
      rows.push([
        iso(at),
        n.name,
        laClusterId(c),
        c.name,
        status,
        iso(n.bootTime + 120),
        n.kubeletVersion,
        n.kubeletVersion,
        iso(n.bootTime),
        JSON.stringify([{ 'kubernetes.azure.com/agentpool': n.pool, 'kubernetes.io/os': 'linux' }]),
        nodeOs(c).osImage,
        nodeOs(c).runtime,
        c.provider === 'aks'
          ? `azure:///subscriptions/${c.subscriptionId}/vmss/${n.name}`
          : `${c.distribution}://${n.name}`,
        'Container',
        laResourceId(c),
      ]);
    }
  }
  return { name: 'KubeNodeInventory', columns: KUBE_NODE_INVENTORY_COLUMNS, rows };
}

export type PodState = { status: string; containerStatus: string; reason: string; restarts: number };

/** The pods a workload owns right now, as KubePodInventory's PodStatus / ContainerStatusReason see them. */
export function podStates(w: DemoCluster['workloads'][number]): PodState[] {
  const out: PodState[] = [];
  for (let i = 0; i < w.running; i++)
    out.push({ status: 'Running', containerStatus: 'running', reason: '', restarts: 0 });
  for (let i = 0; i < w.crashLooping; i++)
    out.push({ status: 'Running', containerStatus: 'waiting', reason: 'CrashLoopBackOff', restarts: 20 + i * 7 });
  for (let i = 0; i < w.pending; i++)
    out.push({ status: 'Pending', containerStatus: 'waiting', reason: 'ContainerCreating', restarts: 0 });
  for (let i = 0; i < w.failed; i++)
    out.push({ status: 'Failed', containerStatus: 'terminated', reason: 'Error', restarts: 0 });
  for (let i = 0; i < w.succeeded; i++)
    out.push({ status: 'Succeeded', containerStatus: 'terminated', reason: 'Completed', restarts: 0 });
  return out;
}

/** One row per pod (single-container pods), the latest inventory snapshot. */
export function kubePodInventory(clusters: readonly DemoCluster[], at: number): LaTable {
  const rows: unknown[][] = [];
  for (const c of clusters) {
    if (!c.monitoring.containerInsights) continue;
    for (const w of c.workloads) {
      podStates(w).forEach((p, i) => {
        const pod = `${w.name}-${hexFrom(`${c.name}/${w.name}`, 9)}-${hexFrom(`${c.name}/${w.name}/${i}`, 5)}`;
        const uid = guidFrom(`${c.id}/${w.namespace}/${pod}`);
        const node = c.nodes.length ? (c.nodes[hash32(pod) % c.nodes.length]?.name ?? '') : '';
        const controllerKind = w.kind === 'Deployment' ? 'ReplicaSet' : w.kind;
        rows.push([
          iso(at),
          p.status === 'Pending' ? '' : node,
          laClusterId(c),
          c.name,
          pod,
          w.namespace,
          uid,
          p.status,
          p.restarts,
          `${uid}/${w.name}`,
          p.containerStatus,
          p.reason,
          p.restarts,
          controllerKind,
          w.name,
          iso(at - 86_400 * 3),
          '',
          'Container',
          laResourceId(c),
        ]);
      });
    }
  }
  return { name: 'KubePodInventory', columns: KUBE_POD_INVENTORY_COLUMNS, rows };
}

/** Warning events for the troubles the fleet model has: crash loops, pending pods, failed jobs, nodes not ready. */
export function kubeEvents(clusters: readonly DemoCluster[], at: number): LaTable {
  const rows: unknown[][] = [];
  for (const c of clusters) {
    if (!c.monitoring.containerInsights) continue;
    const push = (
      kind: string,
      name: string,
      namespace: string,
      reason: string,
      message: string,
      component: string,
      count: number,
    ): void => {
      rows.push([
        iso(at),
        '',
        laClusterId(c),
        c.name,
        'Warning',
        reason,
        message,
        name,
        namespace,
        kind,
        component,
        count,
        iso(at - 3600),
        iso(at - 60),
        'Container',
        laResourceId(c),
      ]);
    };
    for (const w of c.workloads) {
      if (w.crashLooping)
        push(
          'Pod',
          w.name,
          w.namespace,
          'BackOff',
          `Back-off restarting failed container ${w.name}`,
          'kubelet',
          20 * w.crashLooping,
        );
      if (w.pending)
        push(
          'Pod',
          w.name,
          w.namespace,
          'FailedScheduling',
          '0/3 nodes are available: 3 Insufficient cpu.',
          'default-scheduler',
          5 * w.pending,
        );
      if (w.failed)
        push(
          'Job',
          w.name,
          w.namespace,
          'BackoffLimitExceeded',
          'Job has reached the specified backoff limit',
          'job-controller',
          w.failed,
        );
    }
    for (const n of c.nodes) {
      const event = nodeNotReadyEvent(n);
      if (event) push('Node', n.name, '', event.reason, event.message, event.component, 1);
    }
  }
  return { name: 'KubeEvents', columns: KUBE_EVENTS_COLUMNS, rows };
}

/** A few log lines per crash-looping or failed workload, as ContainerLogV2 stores them (dynamic as JSON text on the wire). */
export function containerLogV2(clusters: readonly DemoCluster[], at: number): LaTable {
  const rows: unknown[][] = [];
  for (const c of clusters) {
    if (!c.monitoring.containerInsights) continue;
    for (const w of c.workloads) {
      const bad = w.crashLooping + w.failed;
      if (!bad) continue;
      for (let i = 0; i < Math.min(3, bad * 2); i++) {
        const pod = `${w.name}-${hexFrom(`${c.name}/${w.name}`, 9)}-${hexFrom(`${c.name}/${w.name}/${i}`, 5)}`;
        // OOM-killed containers leave no error behind, only the warning before the kill.
        const oom = crashReason(c, w) === 'OOMKilled';
        const message = oom
          ? { level: 'warning', msg: 'memory use near the container limit', attempt: i + 1 }
          : {
              level: 'error',
              msg: i === 0 ? 'connection refused: upstream unavailable' : 'exiting after fatal error',
              attempt: i + 1,
            };
        rows.push([
          iso(at - (i + 1) * 30),
          c.nodes[0]?.name ?? '',
          hexFrom(`${pod}/container`, 64),
          w.name,
          pod,
          w.namespace,
          JSON.stringify(message),
          'stderr',
          message.level.toUpperCase(),
          JSON.stringify({
            podUid: guidFrom(`${c.id}/${w.namespace}/${pod}`),
            image: `contoso.example/${w.name}:1.4.${i}`,
          }),
          'Container',
          c.id,
        ]);
      }
    }
  }
  return { name: 'ContainerLogV2', columns: CONTAINER_LOG_V2_COLUMNS, rows };
}
