import { clusterProm as cq } from '../../../catalog';
import { ask, type PanelContext, type PanelSpec } from './types';

/** L5: traffic at the cluster's edge, per ingress, from the ingress controller's metrics. */

const prom = (ctx: PanelContext): PanelContext['prom'] => ctx.prom;
const selectedNamespace = (ctx: PanelContext) =>
  ctx.view.namespace ? [{ label: 'namespace', value: ctx.view.namespace }] : [];
const NO_INGRESS =
  'No ingress controller found: this cluster has no ingress-nginx metrics (nginx_ingress_controller_requests).';

export const NETWORK_PANELS: readonly PanelSpec[] = [
  {
    id: 'ingress-request-rate',
    page: 'network',
    view: 'timeseries',
    source: ask(cq.ingressRequestRate, prom),
    unit: 'rps',
    rank: { keep: 'highest', measure: 'peak', what: 'request rate', word: 'busiest' },
    nameBy: ['ingress'],
    only: selectedNamespace,
    empty: NO_INGRESS,
  },
  {
    id: 'ingress-error-ratio',
    page: 'network',
    view: 'timeseries',
    source: ask(cq.ingressErrorRatio, prom),
    unit: 'percent',
    rank: { keep: 'highest', measure: 'peak', what: '5xx ratio' },
    nameBy: ['ingress'],
    only: selectedNamespace,
    empty: NO_INGRESS,
  },
];
