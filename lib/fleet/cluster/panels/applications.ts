import { clusterProm as cq } from '../../../catalog';
import { ask, type PanelContext, type PanelSpec, type SeriesFilter } from './types';

/** L4: what the apps' users feel — request rate, latency and the share answered with errors, per app. */

const prom = (ctx: PanelContext): PanelContext['prom'] => ctx.prom;
const app = (ctx: PanelContext): SeriesFilter | null =>
  ctx.view.workload ? { label: 'service', value: ctx.view.workload } : null;
const namespace = (ctx: PanelContext): SeriesFilter | null =>
  ctx.view.namespace ? { label: 'namespace', value: ctx.view.namespace } : null;
/** One app when one is selected, else the namespace's apps. */
const selection = (ctx: PanelContext): SeriesFilter[] => [app(ctx) ?? namespace(ctx)].filter((f) => f !== null);

export const APPLICATIONS_PANELS: readonly PanelSpec[] = [
  {
    id: 'app-request-rate',
    page: 'applications',
    view: 'timeseries',
    source: ask(cq.appRequestRate, prom),
    unit: 'rps',
    rank: { keep: 'highest', measure: 'peak', what: 'request rate', word: 'busiest' },
    nameBy: ['service'],
    only: selection,
    empty:
      'No app exposes http_requests_total in this cluster (instrument it with a Prometheus client library or OpenTelemetry).',
  },
  {
    id: 'app-error-ratio',
    page: 'applications',
    view: 'timeseries',
    source: ask(cq.appErrorRatio, prom),
    unit: 'percent',
    rank: { keep: 'highest', measure: 'peak', what: 'error ratio' },
    nameBy: ['service'],
    only: selection,
    empty: 'No HTTP requests recorded for the selection.',
  },
  // One app: its p50, p95 and p99. Several: the p99 of each, slowest kept when there are many.
  {
    id: 'app-latency',
    page: 'applications',
    view: 'timeseries',
    source: ask(cq.appLatency, prom),
    unit: 'seconds',
    rank: { keep: 'highest', measure: 'peak', what: 'latency' },
    title: (ctx) => (app(ctx) ? cq.appLatency.title : 'Request latency per app'),
    nameBy: (ctx) => (app(ctx) ? ['percentile'] : ['service']),
    only: (ctx) => {
      const one = app(ctx);
      const ns = namespace(ctx);
      return one ? [one] : [...(ns ? [ns] : []), { label: 'percentile', value: 'p99' }];
    },
    empty: 'No app exposes an http_request_duration_seconds histogram for the selection.',
  },
];
