import { z } from 'zod';
import type { ArgQuery } from '../types';
import { argRows } from '../wire';

/**
 * Fired Azure Monitor alerts from Resource Graph (alertsmanagementresources), after the
 * "View recent Azure Monitor alerts" sample
 * (https://learn.microsoft.com/azure/azure-monitor/resource-graph-samples). Prometheus rule
 * groups in Azure fire here too (monitorService "Prometheus").
 */

const noParams = z.object({}).strict();
type NoParams = z.infer<typeof noParams>;

const firedAlertSchema = z.object({
  id: z.string(),
  name: z.string(),
  severity: z.string(),
  monitorService: z.string().nullish().transform((v) => v ?? ''),
  signalType: z.string().nullish().transform((v) => v ?? ''),
  alertState: z.string().nullish().transform((v) => v ?? ''),
  alertRule: z.string().nullish().transform((v) => v ?? ''),
  targetResource: z.string().nullish().transform((v) => (v ?? '').toLowerCase()),
  startDateTime: z.string(),
  description: z.string().nullish().transform((v) => v ?? ''),
});
export type FiredAlertRow = z.infer<typeof firedAlertSchema>;

export const firedAzureAlerts: ArgQuery<NoParams, FiredAlertRow> = {
  id: 'arg.fired-alerts',
  kind: 'arg',
  layer: 'alerts',
  personas: ['fleet-architect', 'platform-engineer', 'developer', 'network-engineer'],
  title: 'Fired Azure Monitor alerts',
  description: 'Alerts whose condition is currently fired, with severity, rule and target resource.',
  params: noParams,
  build: () =>
    [
      'alertsmanagementresources',
      '| where type =~ "microsoft.alertsmanagement/alerts"',
      '| where tostring(properties.essentials.monitorCondition) == "Fired"',
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

export const ALERT_QUERIES = [firedAzureAlerts] as const;
