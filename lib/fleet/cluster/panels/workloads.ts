import { clusterLogs, clusterProm as cq } from '../../../catalog';
import type { ClusterPromParams, SampleRow } from '../../../catalog/queries/cluster-prom/query-kit';
import type { PromQuery } from '../../../catalog/types';
import { buildContainerRows, buildReplicaRows, buildResourceRows } from '../build';
import { toLogLines } from '../logs';
import { ask, tablePanel, type PanelContext, type PanelSpec, type TimeSeriesSpec } from './types';

/**
 * L3: failing containers and controllers short of replicas first (they are why users come),
 * then events and logs, then what the namespaces use against what they request and may use.
 */

type InstantQuery = PromQuery<ClusterPromParams, SampleRow>;

const prom = (ctx: PanelContext): PanelContext['prom'] => ctx.prom;
const selectedNamespace = (ctx: PanelContext) =>
  ctx.view.namespace ? [{ label: 'namespace', value: ctx.view.namespace }] : [];
const inNamespace = <R extends { namespace: string }>(ctx: PanelContext, rows: R[]): R[] =>
  ctx.view.namespace ? rows.filter((r) => r.namespace === ctx.view.namespace) : rows;
const selection = (ctx: PanelContext) => ({
  clusterId: ctx.cluster.id,
  namespace: ctx.view.namespace ?? undefined,
  workload: ctx.view.workload ?? undefined,
});
/** What the events and logs are of, in words. */
export const scopeText = (ctx: PanelContext): string =>
  ctx.view.workload
    ? `workload ${ctx.view.workload}`
    : ctx.view.namespace
      ? `namespace ${ctx.view.namespace}`
      : 'the whole cluster';

function containers(id: string, query: InstantQuery, label: string, empty: string): PanelSpec {
  return tablePanel({
    id,
    page: 'workloads',
    view: 'table',
    body: 'table',
    sources: { containers: ask(query, prom) },
    rows: (a) => ({ table: 'containers', label, rows: buildContainerRows(a.containers ?? []) }),
    empty,
  });
}

/** Desired against available or ready replicas of one kind of controller; short ones first. */
function replicas(
  id: string,
  query: InstantQuery,
  objectLabel: string,
  actualName: 'available' | 'ready',
  plural: string,
  column: string,
): PanelSpec {
  return tablePanel({
    id,
    page: 'workloads',
    view: 'table',
    body: 'table',
    sources: { replicas: ask(query, prom) },
    columns: [
      { header: column },
      { header: `${actualName === 'available' ? 'Available' : 'Ready'} / desired`, align: 'right' },
    ],
    rows: (a, ctx) => ({
      table: 'replicas',
      label: `${column}s`,
      rows: inNamespace(ctx, buildReplicaRows(a.replicas ?? [], objectLabel, actualName)),
    }),
    description: (_ctx, t) => {
      const rows = t.table === 'replicas' ? t.rows : [];
      const short = rows.filter((r) => r.actual < r.desired).length;
      return rows.length
        ? `${rows.length} ${plural}, ${short ? `${short} short of ${actualName} replicas` : `all ${actualName}`}.`
        : query.description;
    },
    empty: `No ${plural} in the selection.`,
  });
}

/** Each namespace's usage next to the requests and limits of its pods, the biggest users first. */
function resources(id: string, query: InstantQuery, unit: 'cores' | 'bytes', label: string): PanelSpec {
  return tablePanel({
    id,
    page: 'workloads',
    view: 'table',
    body: 'table',
    sources: { measures: ask(query, prom) },
    columns: [
      { header: 'Namespace' },
      { header: `Used${unit === 'cores' ? ' (cores)' : ''}`, align: 'right' },
      { header: 'Requests', align: 'right' },
      { header: 'Limits', align: 'right' },
      { header: '% of req.', align: 'right', title: 'Usage as a share of requests' },
    ],
    rows: (a, ctx) => ({
      table: 'resources',
      label,
      unit,
      rows: inNamespace(ctx, buildResourceRows(a.measures ?? [])),
    }),
    empty: 'No usage, requests or limits for the selection.',
  });
}

function chart(
  id: string,
  query: TimeSeriesSpec['source']['query'],
  unit: TimeSeriesSpec['unit'],
  nameBy: string,
  empty: string,
  byNamespace: boolean,
  what: string,
): TimeSeriesSpec {
  return {
    id,
    page: 'workloads',
    view: 'timeseries',
    source: ask(query, prom),
    unit,
    // Pods per phase and namespaces' usage: the biggest in the range are kept.
    rank: { keep: 'highest', measure: 'peak', what, word: 'busiest' },
    nameBy: [nameBy],
    only: byNamespace ? selectedNamespace : undefined,
    empty,
  };
}

const containerInsights = (what: string) => ({ capability: 'container-insights', what }) as const;

export const WORKLOADS_PANELS: readonly PanelSpec[] = [
  containers(
    'crashlooping-containers',
    cq.crashLoopingPods,
    'Crash-looping containers',
    'No container is crash-looping.',
  ),
  containers(
    'oomkilled-containers',
    cq.oomKilledContainers,
    'OOM-killed containers',
    "No container's last termination was the OOM killer.",
  ),
  replicas('deployment-replicas', cq.deploymentReplicas, 'deployment', 'available', 'deployments', 'Deployment'),
  replicas('statefulset-replicas', cq.statefulSetReplicas, 'statefulset', 'ready', 'StatefulSets', 'StatefulSet'),
  tablePanel({
    id: 'events',
    page: 'workloads',
    view: 'table',
    title: 'Kubernetes events',
    wide: true,
    body: 'table',
    requires: containerInsights('Kubernetes events (KubeEvents)'),
    sources: { events: ask(clusterLogs.clusterEvents, selection) },
    columns: [
      { header: 'Last seen' },
      { header: 'Object' },
      { header: 'Reason' },
      { header: 'Message' },
      { header: 'Count', align: 'right' },
    ],
    rows: (a) => ({ table: 'events', rows: a.events ?? [] }),
    description: (ctx) => `Events of ${scopeText(ctx)}, newest first (KubeEvents).`,
    empty: (ctx) => `No events for ${scopeText(ctx)} in the range.`,
  }),
  tablePanel({
    id: 'container-logs',
    page: 'workloads',
    view: 'table',
    title: 'Container logs',
    wide: true,
    body: 'log',
    requires: containerInsights('Container logs (ContainerLogV2)'),
    // The newest 200 lines at load; the live tail follows from there.
    sources: {
      lines: ask(clusterLogs.containerLogs, (ctx) => ({
        ...selection(ctx),
        search: ctx.view.q || undefined,
        limit: 200,
      })),
    },
    rows: (a) => ({ table: 'logs', lines: toLogLines(a.lines ?? []) }),
    description: (ctx) =>
      `The newest lines of ${scopeText(ctx)} (ContainerLogV2)${ctx.view.q ? `, containing “${ctx.view.q}”` : ''}.`,
    empty: (ctx) =>
      `No ContainerLogV2 lines for ${scopeText(ctx)} in the range: nothing was written, or the cluster's data collection rule does not send ContainerLogV2 (Onboarding shows that gap).`,
  }),
  replicas('daemonset-pods', cq.daemonSetPods, 'daemonset', 'ready', 'DaemonSets', 'DaemonSet'),
  tablePanel({
    id: 'restarts-by-namespace',
    page: 'workloads',
    view: 'table',
    body: 'table',
    sources: { restarts: ask(cq.restartsByNamespace, prom) },
    rows: (a) => ({
      table: 'restarts',
      rows: (a.restarts ?? [])
        .flatMap((s) =>
          s.labels['namespace'] && s.value > 0 ? [{ namespace: s.labels['namespace'], restarts: s.value }] : [],
        )
        .sort((x, y) => y.restarts - x.restarts),
    }),
    empty: 'No container restarted in the last hour.',
  }),
  resources('namespace-cpu-requests-limits', cq.namespaceCpuVsRequests, 'cores', 'CPU by namespace'),
  resources('namespace-memory-requests-limits', cq.namespaceMemoryVsRequests, 'bytes', 'Memory by namespace'),
  chart(
    'pod-phases',
    cq.podPhasesOverTime,
    'count',
    'phase',
    'No kube-state-metrics pod series for this cluster.',
    false,
    'pod count',
  ),
  chart(
    'namespace-cpu',
    cq.namespaceCpu,
    'cores',
    'namespace',
    'No cAdvisor CPU series for the selection.',
    true,
    'CPU use',
  ),
  chart(
    'namespace-memory',
    cq.namespaceMemory,
    'bytes',
    'namespace',
    'No cAdvisor memory series for the selection.',
    true,
    'memory use',
  ),
];
