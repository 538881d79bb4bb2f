import { alerts as aq } from '../../../catalog';
import { azureAlert, bySeverity, prometheusAlerts } from '../../alerts';
import { ask, tablePanel, type PanelSpec } from './types';

/**
 * The summary's queried panel; health, versions, size and add-ons come with the cluster
 * itself, and cost from the cost model.
 */
export const SUMMARY_PANELS: readonly PanelSpec[] = [
  /** Alerts firing on this cluster now, Azure Monitor's and a Prometheus ruler's, worst first. */
  tablePanel({
    id: 'firing-alerts',
    page: 'summary',
    view: 'table',
    title: 'Firing alerts',
    body: 'table',
    description:
      'Azure Monitor alerts whose target is this cluster (Resource Graph) and alerts a Prometheus ruler reports firing for it (ALERTS).',
    sources: {
      azure: ask(aq.firedAzureAlerts, (ctx) => ({ clusterIds: [ctx.cluster.id] })),
      ruler: ask(aq.firingPrometheusAlerts, (ctx) => ({
        clusterLabel: ctx.prom.clusterLabel,
        clusters: [ctx.cluster.name],
      })),
    },
    rows: (a, ctx) => {
      const { id, name } = ctx.cluster;
      const azure = (a.azure ?? [])
        .filter((r) => r.targetResource === id.toLowerCase())
        .map((r) => azureAlert(r, name));
      return {
        table: 'alerts',
        rows: [...azure, ...prometheusAlerts(a.ruler ?? [])].sort(bySeverity),
        at: ctx.range.end,
      };
    },
    empty: 'Nothing is firing on this cluster.',
    // A source that is not configured is not news on every cluster page; a failing one is.
    quiet: 'not-configured',
  }),
];
