import { z } from 'zod';
import { fleetPromParamsSchema, selector, type FleetPromParams } from '../prom-params';
import type { ArgQuery, PromQuery } from '../types';
import { argRows, promVector } from '../wire';
import { kqlStringList } from '../escape';

/**
 * Fired Azure Monitor alerts from Resource Graph (alertsmanagementresources), after the
 * "View recent Azure Monitor alerts" sample
 * (https://learn.microsoft.com/azure/azure-monitor/resource-graph-samples). Prometheus rule
 * groups in Azure fire here too (monitorService "Prometheus").
 */

/** The resources whose alerts to list (a cluster page's one cluster); absent means every fired alert. */
const firedParams = z
  .object({
    clusterIds: z.array(z.string().min(1).max(1024)).max(1000).optional(),
  })
  .strict();
type FiredParams = z.infer<typeof firedParams>;

const firedAlertSchema = z.object({
  id: z.string(),
  name: z.string(),
  severity: z.string(),
  monitorService: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  signalType: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  alertState: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  alertRule: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  targetResource: z
    .string()
    .nullish()
    .transform((v) => (v ?? '').toLowerCase()),
  startDateTime: z.string(),
  description: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
});
export type FiredAlertRow = z.infer<typeof firedAlertSchema>;

export const firedAzureAlerts: ArgQuery<FiredParams, FiredAlertRow> = {
  id: 'arg.fired-alerts',
  kind: 'arg',
  layer: 'alerts',
  personas: ['fleet-architect', 'platform-engineer', 'developer', 'network-engineer'],
  title: 'Fired Azure Monitor alerts',
  description: 'Alerts whose condition is currently fired, with severity, rule and target resource.',
  params: firedParams,
  build: (p) =>
    [
      'alertsmanagementresources',
      '| where type =~ "microsoft.alertsmanagement/alerts"',
      '| where tostring(properties.essentials.monitorCondition) == "Fired"',
      ...(p.clusterIds?.length
        ? [`| where tostring(properties.essentials.targetResource) in~ ${kqlStringList(p.clusterIds)}`]
        : []),
      '| project id, name,',
      '    severity = tostring(properties.essentials.severity),',
      '    monitorService = tostring(properties.essentials.monitorService),',
      '    signalType = tostring(properties.essentials.signalType),',
      '    alertState = tostring(properties.essentials.alertState),',
      '    alertRule = tostring(properties.essentials.alertRule),',
      '    targetResource = tolower(tostring(properties.essentials.targetResource)),',
      '    startDateTime = tostring(properties.essentials.startDateTime),',
      '    description = tostring(properties.essentials.description)',
      '| order by startDateTime desc',
    ].join('\n'),
  parse: (wire) => argRows(wire).map((row) => firedAlertSchema.parse(row)),
};

export interface FiringPromAlertRow {
  cluster: string;
  alertname: string;
  /** The rule's `severity` label (kubernetes-mixin: critical, warning, info); '' when it has none. */
  severity: string;
  /** Firing series of this alert on this cluster (one per pod, node, …). */
  count: number;
}

/**
 * Alerts a Prometheus-compatible ruler reports firing (Prometheus, Thanos Ruler, Mimir ruler,
 * vmalert with remote write): the synthetic ALERTS series it writes for every active alert.
 * https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/#inspecting-alerts-during-runtime
 * Azure managed Prometheus writes none: its rule groups fire Azure Monitor alerts instead.
 */
export const firingPrometheusAlerts: PromQuery<FleetPromParams, FiringPromAlertRow> = {
  id: 'prom.fleet.firing-alerts',
  kind: 'prom',
  mode: 'instant',
  layer: 'alerts',
  personas: ['fleet-architect', 'platform-engineer', 'developer', 'network-engineer'],
  title: 'Firing Prometheus alerts by cluster',
  description:
    'Alerting rules evaluated by a Prometheus-compatible ruler that are firing now (the ALERTS series), counted by cluster, alert and severity.',
  params: fleetPromParamsSchema,
  build: (p) => `count by (${p.clusterLabel}, alertname, severity) (ALERTS${selector(p, { alertstate: 'firing' })})`,
  parse: (wire, p) =>
    promVector(wire).flatMap((s) => {
      const cluster = s.labels[p.clusterLabel];
      const alertname = s.labels['alertname'];
      if (cluster === undefined || alertname === undefined || !Number.isFinite(s.value)) return [];
      return [{ cluster, alertname, severity: s.labels['severity'] ?? '', count: s.value }];
    }),
};

export const ALERT_QUERIES = [firedAzureAlerts, firingPrometheusAlerts] as const;
