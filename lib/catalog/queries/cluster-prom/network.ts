import { clusterSelector, rangeQuery, shareOf, type ClusterPromParams } from './query-kit';

/** L5 network and external: the ingress controller at the cluster's edge (ingress-nginx). */

const NETWORK = ['network-engineer', 'platform-engineer'] as const;

/**
 * ingress-nginx's request rate with the ingress's own namespace in `namespace`: scraped by a
 * ServiceMonitor without honorLabels (kube-prometheus-stack's default) it arrives as
 * `exported_namespace` and `namespace` is the controller's; with honorLabels it is `namespace`.
 */
function ingressRequests(p: ClusterPromParams, raw: readonly string[] = []): string {
  return `label_replace(rate(nginx_ingress_controller_requests${clusterSelector(p, {}, raw)}[5m]), "namespace", "$1", "exported_namespace", "(.+)")`;
}

export const ingressRequestRate = rangeQuery({
  id: 'prom.cluster.ingress-request-rate',
  layer: 'L5',
  personas: NETWORK,
  title: 'Ingress requests per ingress',
  description: 'Requests per second ingress-nginx forwards to each ingress, over 5-minute windows.',
  build: (p) => `sum by (namespace, ingress) (${ingressRequests(p)})`,
});

export const ingressErrorRatio = rangeQuery({
  id: 'prom.cluster.ingress-error-ratio',
  layer: 'L5',
  personas: NETWORK,
  title: 'Ingress 5xx ratio',
  description: "Share of each ingress's requests answered with a 5xx status at the edge, over 5-minute windows.",
  build: (p) => shareOf('namespace, ingress', ingressRequests(p, ['status=~"5.."']), ingressRequests(p)),
});
