import { clusterLogs, clusterProm as cq } from '../../../catalog';
import { buildNodeRows, notReadyNodes } from '../build';
import { buildNodeDetails, withTriage } from '../node-details';
import { CAPABILITIES } from './capabilities';
import { ask, tablePanel, type PanelContext, type PanelSpec, type TimeSeriesSpec } from './types';

/** L1: the node table with drill-down; CPU, memory, root disk and pod budget over time (one node when selected). */

const prom = (ctx: PanelContext): PanelContext['prom'] => ctx.prom;

/** Any per-node chart: the not Ready nodes are kept, first and highlighted (the node-ready query says which). */
export const notReadyFirst = (): NonNullable<TimeSeriesSpec['highlight']> => ({
  source: ask(cq.nodeReady, prom),
  label: 'node',
  pick: notReadyNodes,
  reason: 'not Ready',
});
const nodeLogs = (ctx: PanelContext) => ({ clusterId: ctx.cluster.id, node: ctx.view.node ?? '' });
const selectedNode = (ctx: PanelContext) => (ctx.view.node ? [{ label: 'node', value: ctx.view.node }] : []);

/**
 * The per-node utilisation charts, all shares of a whole: with more nodes than lines, the
 * fullest are kept — but the not Ready nodes always, first and highlighted (the node-ready
 * query asks which), so the broken nodes are the ones drawn.
 */
function nodeChart(
  id: string,
  query: TimeSeriesSpec['source']['query'],
  rank: TimeSeriesSpec['rank'],
  empty: string,
): TimeSeriesSpec {
  return {
    id,
    page: 'nodes',
    view: 'timeseries',
    source: ask(query, prom),
    unit: 'percent',
    rank,
    highlight: notReadyFirst(),
    nameBy: ['node'],
    only: selectedNode,
    empty,
  };
}

export const NODES_PANELS: readonly PanelSpec[] = [
  tablePanel({
    id: 'node-table',
    page: 'nodes',
    view: 'table',
    title: 'Nodes',
    wide: true,
    body: 'list',
    sources: {
      ready: ask(cq.nodeReady, prom),
      allocatable: ask(cq.nodeAllocatable, prom),
      running: ask(cq.nodeRunningPods, prom),
      pool: ask(cq.nodePool, prom),
      conditions: ask(cq.nodeConditions, prom),
      history: ask(cq.nodeReadyHistory, prom),
    },
    columns: [
      { header: 'Node' },
      { header: 'Pool' },
      {
        header: 'Ready',
        title: 'Ready status; for a node not Ready, the conditions in trouble and when Ready last changed',
      },
      { header: 'CPU', align: 'right' },
      { header: 'Memory', align: 'right' },
      { header: 'Pods vs capacity' },
    ],
    rows: (a) => ({
      table: 'nodes',
      rows: withTriage(buildNodeRows(a.ready, a.allocatable, a.running), a.pool, a.conditions, a.history),
    }),
    description: (_ctx, t) => {
      const rows = t.table === 'nodes' ? t.rows : [];
      const notReady = rows.filter((r) => r.ready !== null && r.ready !== 'true').length;
      return `${rows.length} nodes${notReady ? `, ${notReady} not Ready` : ''}. Pick a node to chart it alone.`;
    },
    empty: 'No kube-state-metrics node series for this cluster.',
  }),
  // Right under the table: a picked node's cause comes before its charts (on a phone too).
  tablePanel({
    id: 'node-details',
    page: 'nodes',
    view: 'table',
    title: (ctx) => `Node details · ${ctx.view.node ?? ''}`,
    wide: true,
    body: 'table',
    shown: (ctx) => ctx.view.node !== null,
    sources: {
      info: ask(cq.nodeInfo, prom),
      pool: ask(cq.nodePool, prom),
      conditions: ask(cq.nodeConditions, prom),
      history: ask(cq.nodeReadyHistory, prom),
      taints: ask(cq.nodeTaints, prom),
      unschedulable: ask(cq.nodeUnschedulable, prom),
      scrapes: ask(cq.nodeLastScrape, prom),
      inventory: ask(clusterLogs.nodeInventory, nodeLogs, 'container-insights'),
      events: ask(clusterLogs.nodeEvents, nodeLogs, 'container-insights'),
    },
    rows: (a, ctx) => ({
      table: 'node-details',
      details: ctx.view.node
        ? buildNodeDetails(
            ctx.view.node,
            a,
            CAPABILITIES['container-insights'].has(ctx.cluster)
              ? { available: true }
              : {
                  available: false,
                  reason:
                    'Node events, condition reasons and the agent’s node inventory (KubeEvents, KubeNodeInventory)',
                },
            { start: ctx.range.start, end: ctx.range.end },
          )
        : null,
    }),
    description: (ctx) =>
      `Pool, conditions, taints, versions and when Prometheus last heard from ${ctx.view.node ?? 'the node'} (kube-state-metrics, up); reasons and events from Container insights.`,
    empty: (ctx) =>
      ctx.view.node
        ? `Neither kube-state-metrics nor Container insights knows a node named ${ctx.view.node} in this cluster.`
        : 'Pick a node in the table to see its details.',
  }),
  // CPU and memory spike: the highest point in the range. Disk and pod count are levels: as they end.
  nodeChart(
    'node-cpu',
    cq.nodeCpu,
    { keep: 'highest', measure: 'peak', what: 'CPU use' },
    'No node-exporter CPU series for this cluster in the range.',
  ),
  nodeChart(
    'node-memory',
    cq.nodeMemory,
    { keep: 'highest', measure: 'peak', what: 'memory use' },
    'No node-exporter memory series for this cluster in the range.',
  ),
  nodeChart(
    'node-filesystem',
    cq.nodeFilesystem,
    { keep: 'highest', measure: 'latest', what: 'disk use' },
    'No node-exporter filesystem series for this cluster in the range.',
  ),
  nodeChart(
    'node-pod-capacity',
    cq.nodePodCapacity,
    { keep: 'highest', measure: 'latest', what: 'share of max pods' },
    'No kubelet pod counts or pod capacity (kube_node_status_capacity) for this cluster in the range.',
  ),
];
