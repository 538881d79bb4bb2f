import type { QueryRequest } from '../catalog/types';
import type { LogsResponse } from '../catalog/wire';
import {
  clusterEvents,
  containerLogs,
  NODE_EVENT_LIMIT,
  nodeEvents,
  nodeInventory,
  type ClusterEventsParams,
  type ContainerLogsParams,
  type NodeLogsParams,
} from '../catalog/queries/cluster-logs';
import type { DemoCluster, DemoFleet } from './fleet-model';
import {
  kubeEvents,
  KUBE_EVENTS_COLUMNS,
  kubeNodeInventory,
  KUBE_NODE_INVENTORY_COLUMNS,
  type LaTable,
} from './azure-tables';
import { demoOnboarding } from './onboarding';
import { podsOf, type DemoPod } from './pods';
import { hash32 } from './random';
import { crashReason, type CrashReason } from './workload-resources';

/**
 * Demo answers to the cluster pages' Log Analytics queries. Container log lines are a
 * closed-form function of time: pod p writes line k at k·period + offset, so any window —
 * last hour, or "after the tail's cursor" — has the same lines whenever it is asked, and a
 * line becomes visible the second it is "written".
 */

const iso = (t: number): string => new Date(t * 1000).toISOString();

export interface DemoLogLine {
  time: number;
  pod: DemoPod;
  level: 'INFO' | 'WARN' | 'ERROR';
  message: string;
}

const ROUTES = ['/api/orders', '/api/cart', '/healthz', '/api/items', '/api/users/me', '/metrics'];
/** What a crash-looping container writes between two starts, by why it stops (workload-resources.ts). */
const CRASH: Record<CrashReason, ReadonlyArray<{ level: DemoLogLine['level']; msg: string }>> = {
  Error: [
    { level: 'INFO', msg: 'starting server' },
    { level: 'INFO', msg: 'connecting to upstream database' },
    { level: 'ERROR', msg: 'connection refused: upstream unavailable' },
    { level: 'ERROR', msg: 'exiting after fatal error' },
  ],
  // The OOM killer's SIGKILL leaves no last word.
  OOMKilled: [
    { level: 'INFO', msg: 'starting server' },
    { level: 'INFO', msg: 'warming cache: loading catalog into memory' },
    { level: 'WARN', msg: 'memory use near the container limit' },
  ],
};

/** Seconds between two lines of a pod: crash loops are chatty, steady pods calmer. */
function periodOf(pod: DemoPod): number {
  return pod.state === 'crashLooping' ? 4 : 6 + (hash32(`${pod.namespace}/${pod.name}/log`) % 25);
}

function lineOf(cluster: DemoCluster, pod: DemoPod, k: number, time: number): DemoLogLine {
  const reason = pod.state === 'crashLooping' ? crashReason(cluster, pod.workload) : null;
  if (reason) {
    const script = CRASH[reason];
    const step = script[k % script.length] as (typeof script)[number];
    return {
      time,
      pod,
      level: step.level,
      message: JSON.stringify({
        level: step.level.toLowerCase(),
        msg: step.msg,
        attempt: Math.floor(k / script.length) % 100,
      }),
    };
  }
  const h = hash32(`${pod.name}/${k}`);
  const slow = h % 17 === 0;
  const status = h % 53 === 0 ? 503 : 200;
  const level = status >= 500 ? 'ERROR' : slow ? 'WARN' : 'INFO';
  const route = ROUTES[h % ROUTES.length] as string;
  return {
    time,
    pod,
    level,
    message: JSON.stringify({
      level: level.toLowerCase(),
      msg: `GET ${route} ${status}`,
      duration_ms: slow ? 800 + (h % 400) : 3 + (h % 40),
    }),
  };
}

/** Lines in (from, to], newest first, at most `limit` per pod (enough for a merged top-`limit`). */
export function demoLogLines(
  cluster: DemoCluster,
  from: number,
  to: number,
  opts: { namespace?: string; workload?: string; search?: string; limit: number },
): DemoLogLine[] {
  const needle = opts.search?.toLowerCase();
  const out: DemoLogLine[] = [];
  for (const pod of podsOf(cluster)) {
    if ((pod.state !== 'running' && pod.state !== 'crashLooping') || !pod.node) continue;
    if (opts.namespace && pod.namespace !== opts.namespace) continue;
    if (opts.workload && pod.container !== opts.workload) continue;
    const period = periodOf(pod);
    const offset = hash32(`${pod.name}/offset`) % period;
    let found = 0;
    // Scanning is bounded so a rare search text cannot walk the whole hour of every pod.
    for (
      let k = Math.floor((to - offset) / period), scanned = 0;
      k * period + offset > from && found < opts.limit && scanned < 2000;
      k--, scanned++
    ) {
      const line = lineOf(cluster, pod, k, k * period + offset);
      if (needle && !line.message.toLowerCase().includes(needle)) continue;
      out.push(line);
      found++;
    }
  }
  out.sort((a, b) => b.time - a.time || (a.pod.name < b.pod.name ? -1 : a.pod.name > b.pod.name ? 1 : 0));
  return out.slice(0, opts.limit);
}

function clusterById(fleet: DemoFleet, id: string): DemoCluster | null {
  const wanted = id.toLowerCase();
  const c = fleet.clusters.find((x) => x.id.toLowerCase() === wanted);
  // Only clusters with Container insights send rows to a workspace.
  return c && c.monitoring.containerInsights ? c : null;
}

const table = (columns: Array<[string, string]>, rows: unknown[][]): LogsResponse => ({
  tables: [{ name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows }],
});

/** Answers the cluster pages' logs queries; null for any other id. */
export function answerClusterLogs(
  fleet: DemoFleet,
  request: QueryRequest,
  now: number,
  lookback: number,
): LogsResponse | null {
  if (request.query.id === containerLogs.id) {
    const p = request.params as ContainerLogsParams;
    const c = clusterById(fleet, p.clusterId);
    const after = p.after ? Date.parse(p.after) / 1000 : -Infinity;
    // A cluster whose data collection rule does not send ContainerLogV2 has no rows in that table.
    const lines =
      c && demoOnboarding(fleet, c).containerLogV2
        ? demoLogLines(c, Math.max(now - lookback, after), now, {
            namespace: p.namespace,
            workload: p.workload,
            search: p.search,
            limit: p.limit,
          })
        : [];
    return table(
      [
        ['TimeGenerated', 'datetime'],
        ['PodNamespace', 'string'],
        ['PodName', 'string'],
        ['ContainerName', 'string'],
        ['LogLevel', 'string'],
        ['LogSource', 'string'],
        ['LogMessage', 'dynamic'],
      ],
      lines.map((l) => [
        iso(l.time),
        l.pod.namespace,
        l.pod.name,
        l.pod.container,
        l.level,
        l.level === 'INFO' ? 'stdout' : 'stderr',
        l.message,
      ]),
    );
  }
  if (request.query.id === clusterEvents.id) {
    const p = request.params as ClusterEventsParams;
    const c = clusterById(fleet, p.clusterId);
    const cols = KUBE_EVENTS_COLUMNS.map((col) => col.name);
    const at = (name: string): number => cols.indexOf(name);
    const rows = (c ? kubeEvents([c], now).rows : [])
      .filter(
        (r) =>
          (!p.namespace || r[at('Namespace')] === p.namespace) &&
          (!p.workload || String(r[at('Name')]).startsWith(p.workload)),
      )
      .sort(
        (a, b) =>
          String(b[at('LastSeen')]).localeCompare(String(a[at('LastSeen')])) ||
          String(a[at('Name')]).localeCompare(String(b[at('Name')])),
      )
      .slice(0, 200);
    const projected = [
      'TimeGenerated',
      'KubeEventType',
      'Namespace',
      'ObjectKind',
      'Name',
      'Reason',
      'Message',
      'Count',
      'LastSeen',
    ];
    return table(
      projected.map((name) => [name, KUBE_EVENTS_COLUMNS.find((col) => col.name === name)?.type ?? 'string']),
      rows.map((r) => projected.map((name) => r[at(name)])),
    );
  }
  if (request.query.id === nodeEvents.id || request.query.id === nodeInventory.id) {
    const p = request.params as NodeLogsParams;
    const c = clusterById(fleet, p.clusterId);
    // The agent reports the inventory once a minute; events as they happen.
    const source: LaTable | null = !c
      ? null
      : request.query.id === nodeEvents.id
        ? kubeEvents([c], now)
        : kubeNodeInventory([c], Math.floor(now / 60) * 60);
    const projected =
      request.query.id === nodeEvents.id
        ? ['TimeGenerated', 'KubeEventType', 'Reason', 'Message', 'SourceComponent', 'Count', 'FirstSeen', 'LastSeen']
        : ['TimeGenerated', 'Status', 'LastTransitionTimeReady', 'KubeletVersion', 'OperatingSystem', 'DockerVersion'];
    const columns = request.query.id === nodeEvents.id ? KUBE_EVENTS_COLUMNS : KUBE_NODE_INVENTORY_COLUMNS;
    const cols = columns.map((col) => col.name);
    const at = (name: string): number => cols.indexOf(name);
    const rows = (source?.rows ?? [])
      .filter((r) =>
        request.query.id === nodeEvents.id
          ? r[at('ObjectKind')] === 'Node' && r[at('Name')] === p.node
          : r[at('Computer')] === p.node,
      )
      .sort(
        (a, b) =>
          String(b[at('LastSeen')] ?? '').localeCompare(String(a[at('LastSeen')] ?? '')) ||
          String(a[at('Reason')] ?? '').localeCompare(String(b[at('Reason')] ?? '')),
      )
      .slice(0, request.query.id === nodeEvents.id ? NODE_EVENT_LIMIT : 1);
    return table(
      projected.map((name) => [name, columns.find((col) => col.name === name)?.type ?? 'string']),
      rows.map((r) => projected.map((name) => r[at(name)])),
    );
  }
  return null;
}
