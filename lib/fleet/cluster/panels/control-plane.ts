import { clusterProm as cq } from '../../../catalog';
import { buildPressureSummary } from '../build';
import type { SeriesRank } from '../build';
import type { ValueUnit } from '../units';
import { notReadyFirst } from './nodes';
import { ask, tablePanel, type PanelContext, type PanelSpec, type TimeSeriesSpec } from './types';

/**
 * L2: the API server's load, latency percentiles, in-flight requests and rejections; the
 * kubelets' pod sync and PLEG relist times and the pressure that makes them evict pods.
 */

const prom = (ctx: PanelContext): PanelContext['prom'] => ctx.prom;

function chart(
  id: string,
  query: TimeSeriesSpec['source']['query'],
  unit: ValueUnit,
  nameBy: readonly string[],
  empty: string,
  rank: SeriesRank,
): TimeSeriesSpec {
  // Per-node kubelet charts draw the not Ready nodes first, as the nodes page does.
  const highlight = nameBy.includes('node') ? { highlight: notReadyFirst() } : {};
  return {
    id,
    page: 'control-plane',
    view: 'timeseries',
    source: ask(query, prom),
    unit,
    rank,
    nameBy,
    empty,
    ...highlight,
  };
}

// Every control-plane chart keeps its highest points in the range: load, latency and rejections all spike.
const busiest = (what: string): SeriesRank => ({ keep: 'highest', measure: 'peak', what, word: 'busiest' });
const worst = (what: string): SeriesRank => ({ keep: 'highest', measure: 'peak', what });

export const CONTROL_PLANE_PANELS: readonly PanelSpec[] = [
  chart(
    'apiserver-requests',
    cq.apiserverRequests,
    'rps',
    ['verb', 'code'],
    'No API server request metrics for this cluster (is the apiserver scraped?).',
    busiest('request rate'),
  ),
  chart(
    'apiserver-requests-by-resource',
    cq.apiserverRequestsByResource,
    'rps',
    ['resource', 'group'],
    'No API server request metrics with a resource label for this cluster.',
    busiest('request rate'),
  ),
  chart(
    'apiserver-latency-percentiles',
    cq.apiserverLatencyPercentiles,
    'seconds',
    ['percentile'],
    'No API server latency histogram for this cluster.',
    worst('latency'),
  ),
  chart(
    'apiserver-latency',
    cq.apiserverLatency,
    'seconds',
    ['verb'],
    'No API server latency histogram for this cluster.',
    worst('latency'),
  ),
  chart(
    'apiserver-inflight',
    cq.apiserverInflight,
    'count',
    ['request_kind'],
    'No apiserver_current_inflight_requests for this cluster.',
    busiest('in-flight requests'),
  ),
  chart(
    'apiserver-rejections',
    cq.apiserverRejections,
    'rps',
    ['code'],
    'The API server answered no request with 429 or 5xx in the range.',
    worst('rate of 429 and 5xx'),
  ),
  chart(
    'kubelet-pod-sync',
    cq.kubeletPodSync,
    'seconds',
    ['node'],
    'No kubelet pod-worker histogram for this cluster.',
    worst('pod sync duration'),
  ),
  chart(
    'kubelet-pleg',
    cq.kubeletPlegP99,
    'seconds',
    ['node'],
    'No kubelet PLEG relist histogram for this cluster.',
    worst('PLEG relist p99'),
  ),
  tablePanel({
    id: 'node-pressure',
    page: 'control-plane',
    view: 'table',
    body: 'short',
    sources: { conditions: ask(cq.nodePressure, prom) },
    rows: (a) => ({ table: 'pressure', summary: buildPressureSummary(a.conditions ?? []) }),
    empty: 'No node conditions from kube-state-metrics for this cluster.',
  }),
];
