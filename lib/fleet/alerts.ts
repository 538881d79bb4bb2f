import type { FiredAlertRow, FiringPromAlertRow } from '../catalog/queries/alerts';
import { alertSeverityRank, isMetaAlert } from './alert-severity';
import type { OnboardingInputs } from './onboarding';
import { recommendedCoverage } from './onboarding-checks';
import { buildOnboardingData } from './onboarding-matrix';
import { RECOMMENDED_RULES } from './recommended-rules';

/**
 * Alerts across the fleet: fired Azure Monitor alerts and alerts a Prometheus ruler reports
 * firing (ALERTS), grouped by cluster, severity or rule,
 * and each cluster's coverage by Azure's recommended Prometheus rule groups with the fix and
 * the alert type that suits the data the cluster has (seed: "Choose an alert type").
 */

export const ALERT_GROUPS = ['cluster', 'severity', 'rule'] as const;
export type AlertGroupBy = (typeof ALERT_GROUPS)[number];
export const SEVERITIES = ['Sev0', 'Sev1', 'Sev2', 'Sev3', 'Sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertFilters {
  group: AlertGroupBy;
  severity: Severity | null;
  q: string;
  /** Only clusters whose recommended coverage is incomplete. */
  coverageGaps: boolean;
}

export interface FiredAlert {
  id: string;
  rule: string;
  severity: string;
  cluster: string | null;
  service: string;
  /** When it fired; '' when the source does not say (Prometheus' ALERTS carries no start). */
  since: string;
  description: string;
  /** Firing instances behind this entry: 1 for an Azure alert, the series count for a Prometheus rule. */
  instances: number;
}

export interface AlertGroup {
  key: string;
  count: number;
  worstSeverity: string;
  alerts: FiredAlert[];
}

export type AlertTypeAdvice = 'metric' | 'log' | 'none';

export interface CoverageRow {
  cluster: string;
  provider: 'aks' | 'arc';
  levels: Array<{ level: string; present: boolean; enabled: boolean }>;
  enabledRules: number;
  firing: number;
  advice: AlertTypeAdvice;
  adviceText: string;
  fix: string | null;
}

export interface AlertsData {
  totals: { firing: number; clustersFiring: number; coveredClusters: number; clusters: number };
  groups: AlertGroup[];
  coverage: CoverageRow[];
  rules: Array<{
    alert: string;
    level: string;
    azureSeverity: number;
    for: string;
    firing: number;
    logEquivalent: string | null;
  }>;
}

const RULES_BY_LEVEL = new Map<string, number>();
for (const r of RECOMMENDED_RULES) RULES_BY_LEVEL.set(r.level, (RULES_BY_LEVEL.get(r.level) ?? 0) + 1);
const LOG_RULES = RECOMMENDED_RULES.filter((r) => r.logEquivalent).length;

/** An Azure Monitor alert as the alert lists show it. */
export function azureAlert(a: FiredAlertRow, cluster: string | null): FiredAlert {
  return {
    id: a.id,
    rule: a.name,
    severity: a.severity,
    cluster,
    service: a.monitorService,
    since: a.startDateTime,
    description: a.description,
    instances: 1,
  };
}

const sevRank = alertSeverityRank;

/** Worst first, then by rule: the order every list of alerts is shown in. */
export function bySeverity(a: FiredAlert, b: FiredAlert): number {
  return sevRank(a.severity) - sevRank(b.severity) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** One entry per cluster × rule × severity, named as the inventory names the cluster; meta alerts left out. */
export function prometheusAlerts(
  rows: readonly FiringPromAlertRow[],
  names: ReadonlyMap<string, string> = new Map(),
): FiredAlert[] {
  return rows
    .filter((r) => !isMetaAlert(r.severity))
    .map((r) => ({
      id: `prom/${r.cluster}/${r.alertname}/${r.severity}`,
      rule: r.alertname,
      severity: r.severity || 'no severity',
      cluster: names.get(r.cluster.toLowerCase()) ?? r.cluster,
      service: 'Prometheus ruler (ALERTS)',
      since: '',
      description: `${r.count} firing series`,
      instances: r.count,
    }));
}

export function buildAlertsData(
  inputs: OnboardingInputs,
  fired: readonly FiredAlertRow[] | null,
  f: AlertFilters,
  firing: readonly FiringPromAlertRow[] | null = null,
): AlertsData {
  const q = f.q.trim().toLowerCase();
  const nameById = new Map(inputs.clusters.map((c) => [c.id.toLowerCase(), c.name]));
  const names = new Map(inputs.clusters.map((c) => [c.name.toLowerCase(), c.name]));
  const every = [
    ...(fired ?? []).map((a) => azureAlert(a, nameById.get(a.targetResource) ?? null)),
    ...prometheusAlerts(firing ?? [], names),
  ];
  const alerts = every.filter(
    (a) => (!f.severity || a.severity === f.severity) && (!q || (a.cluster ?? '').toLowerCase().includes(q)),
  );
  const instances = (list: readonly FiredAlert[]): number => list.reduce((n, a) => n + a.instances, 0);
  const keyOf = (a: FiredAlert): string =>
    f.group === 'cluster' ? (a.cluster ?? '(not a cluster)') : f.group === 'severity' ? a.severity : a.rule;
  const byKey = new Map<string, FiredAlert[]>();
  for (const a of alerts) byKey.set(keyOf(a), [...(byKey.get(keyOf(a)) ?? []), a]);
  const groups = [...byKey]
    .map(([key, list]) => ({
      key,
      count: instances(list),
      worstSeverity: [...list].sort((x, y) => sevRank(x.severity) - sevRank(y.severity))[0]?.severity ?? '',
      alerts: list,
    }))
    .sort(
      (a, b) => sevRank(a.worstSeverity) - sevRank(b.worstSeverity) || b.count - a.count || (a.key < b.key ? -1 : 1),
    );

  const fixes = buildOnboardingData(inputs, {
    persona: 'all',
    gapsOnly: false,
    q: '',
    capability: 'recommended-alerts',
  });
  const firingCount = new Map<string, number>();
  for (const a of every) if (a.cluster) firingCount.set(a.cluster, (firingCount.get(a.cluster) ?? 0) + a.instances);
  const coverage: CoverageRow[] = [...inputs.clusters]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => {
      const cov = recommendedCoverage(c, inputs.ruleGroups ?? []);
      const prom =
        c.clusterKind === 'aks' ? c.managedPrometheusEnabled === true : inputs.metricsSeen?.has(c.name) === true;
      const ci =
        c.clusterKind === 'aks'
          ? c.containerInsightsEnabled === true
          : (inputs.arcExtensions ?? []).some(
              (e) =>
                e.clusterId.toLowerCase() === c.id.toLowerCase() &&
                e.extensionType === 'microsoft.azuremonitor.containers',
            );
      const advice: AlertTypeAdvice = prom ? 'metric' : ci ? 'log' : 'none';
      const adviceText = prom
        ? 'Prometheus metric alerts: the data is in managed Prometheus, and metric alerts are more responsive and stateful'
        : ci
          ? `Log query alerts on Container insights for the ${LOG_RULES} rules with a table equivalent; enable managed Prometheus for the rest`
          : 'No monitoring data: enable managed Prometheus first';
      return {
        cluster: c.name,
        provider: c.clusterKind,
        levels: cov.groups,
        enabledRules: cov.groups.filter((g) => g.enabled).reduce((s, g) => s + (RULES_BY_LEVEL.get(g.level) ?? 0), 0),
        firing: firingCount.get(c.name) ?? 0,
        advice,
        adviceText,
        fix: fixes.rows.find((r) => r.name === c.name)?.cells[0]?.fix ?? null,
      };
    })
    .filter(
      (r) =>
        (!q || r.cluster.toLowerCase().includes(q)) && (!f.coverageGaps || r.enabledRules < RECOMMENDED_RULES.length),
    );
  const ruleFiring = new Map<string, number>();
  for (const a of alerts) ruleFiring.set(a.rule, (ruleFiring.get(a.rule) ?? 0) + a.instances);
  return {
    totals: {
      firing: instances(alerts),
      clustersFiring: new Set(alerts.map((a) => a.cluster).filter(Boolean)).size,
      coveredClusters: coverage.filter((r) => r.enabledRules === RECOMMENDED_RULES.length).length,
      clusters: coverage.length,
    },
    groups,
    coverage,
    rules: RECOMMENDED_RULES.map((r) => ({ ...r, firing: ruleFiring.get(r.alert) ?? 0 })),
  };
}
