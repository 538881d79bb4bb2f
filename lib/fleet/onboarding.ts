import type { Persona } from '../catalog/types';
import type {
  ArcExtensionRow,
  ContainerInsightsSettingsRow,
  GrafanaRow,
  OnboardingClusterRow,
  PrometheusRuleGroupRow,
} from '../catalog/queries/onboarding';
import type { DcrAssociationRow, DcrDestinationRow } from '../catalog/queries/azure';
import type { DiagnosticSetting } from '../catalog/queries/rest';
import type { QueryFailure } from '../sources/runner';

/** One resource's diagnostic settings, or why they could not be read. */
export type DiagnosticSettingsResult = { ok: true; settings: DiagnosticSetting[] } | { ok: false; error: QueryFailure };

/**
 * The onboarding matrix: clusters × the monitoring guide's recommendations (seed.md,
 * "Prerequisites", "Cost optimization", "Collect control plane logs", "Alerts"). Each gap
 * carries the exact az CLI command that closes it for that cluster, built from the
 * cluster's real resource group, name and workspaces. Pure: inputs are parsed rows.
 * This module is the model (capabilities, cells, inputs); onboarding-checks.ts fills the cells,
 * onboarding-fixes.ts writes the commands, onboarding-matrix.ts assembles the page.
 */

export const CAPABILITIES = [
  {
    id: 'managed-prometheus',
    label: 'Managed Prometheus',
    short: 'Prom',
    personas: ['fleet-architect', 'platform-engineer', 'developer'],
  },
  {
    id: 'container-insights',
    label: 'Container insights',
    short: 'CI',
    personas: ['fleet-architect', 'platform-engineer', 'developer'],
  },
  { id: 'container-log-v2', label: 'ContainerLogV2', short: 'LogV2', personas: ['platform-engineer', 'developer'] },
  {
    id: 'cost-optimized',
    label: 'Cost-optimised collection',
    short: 'Cost cfg',
    personas: ['fleet-architect', 'platform-engineer'],
  },
  {
    id: 'activity-log',
    label: 'Activity log → Log Analytics',
    short: 'Activity',
    personas: ['fleet-architect', 'platform-engineer'],
  },
  {
    id: 'diag-kube-apiserver',
    label: 'kube-apiserver logs',
    short: 'apiserver',
    personas: ['platform-engineer', 'network-engineer'],
  },
  {
    id: 'diag-kube-audit',
    label: 'kube-audit → storage',
    short: 'audit',
    personas: ['fleet-architect', 'platform-engineer'],
  },
  {
    id: 'diag-kube-audit-admin',
    label: 'kube-audit-admin logs',
    short: 'audit-admin',
    personas: ['platform-engineer'],
  },
  {
    id: 'diag-kube-controller-manager',
    label: 'kube-controller-manager logs',
    short: 'ctrl-mgr',
    personas: ['platform-engineer'],
  },
  {
    id: 'diag-cluster-autoscaler',
    label: 'cluster-autoscaler logs',
    short: 'autoscaler',
    personas: ['platform-engineer'],
  },
  { id: 'diag-guard', label: 'guard logs (Entra ID)', short: 'guard', personas: ['platform-engineer'] },
  {
    id: 'grafana',
    label: 'Managed Grafana linked',
    short: 'Grafana',
    personas: ['fleet-architect', 'platform-engineer', 'developer'],
  },
  {
    id: 'recommended-alerts',
    label: 'Recommended Prometheus alerts',
    short: 'Alerts',
    personas: ['fleet-architect', 'platform-engineer'],
  },
  {
    id: 'network-observability',
    label: 'Network observability',
    short: 'Net obs',
    personas: ['network-engineer', 'platform-engineer'],
  },
  {
    id: 'cost-analysis',
    label: 'AKS cost analysis',
    short: 'Cost',
    personas: ['fleet-architect', 'platform-engineer'],
  },
  {
    id: 'defender',
    label: 'Defender for Containers',
    short: 'Defender',
    personas: ['fleet-architect', 'platform-engineer', 'network-engineer'],
  },
] as const satisfies ReadonlyArray<{ id: string; label: string; short: string; personas: readonly Persona[] }>;

export type CapabilityId = (typeof CAPABILITIES)[number]['id'];
export const CAPABILITY_IDS = CAPABILITIES.map((c) => c.id) as CapabilityId[];

/** ok: in place · gap: missing, with a fix · silent: on, but no data arrived · n/a: does not apply · unknown: its source failed. */
export type CellStatus = 'ok' | 'gap' | 'silent' | 'n/a' | 'unknown';

export interface OnboardingCell {
  capability: CapabilityId;
  status: CellStatus;
  detail: string;
  /** The exact command that closes the gap (gap and silent cells). */
  fix: string | null;
}

export interface OnboardingClusterRowOut {
  id: string;
  name: string;
  provider: 'aks' | 'arc';
  resourceGroup: string;
  subscriptionId: string;
  location: string;
  cells: OnboardingCell[];
  gaps: number;
}

export interface OnboardingInputs {
  clusters: OnboardingClusterRow[];
  arcExtensions: ArcExtensionRow[] | null;
  ciSettings: ContainerInsightsSettingsRow[] | null;
  ruleGroups: PrometheusRuleGroupRow[] | null;
  grafanas: GrafanaRow[] | null;
  dcrAssociations: DcrAssociationRow[] | null;
  dcrDestinations: DcrDestinationRow[] | null;
  /** Diagnostic settings by lower-cased resource id (clusters and `/subscriptions/{id}`). */
  diagnostics: ReadonlyMap<string, DiagnosticSettingsResult>;
  /** Cluster names with metrics in the silence window; null when Prometheus could not be asked. */
  metricsSeen: ReadonlySet<string> | null;
  /** Lower-cased cluster ids with Container insights data in the silence window; null when unknown. */
  logsSeen: ReadonlySet<string> | null;
  /**
   * Log Analytics workspaces (lower-cased resource ids) the portal may not read (403), or cannot
   * even see in Resource Graph: their clusters' data is unknown, not silent. Absent: none.
   */
  unreadableWorkspaces?: ReadonlyMap<string, 'forbidden' | 'not-visible'>;
  silenceMinutes: number;
}

export interface OnboardingFilters {
  persona: Persona | 'all';
  /** Only clusters with at least one gap (or silent cell). */
  gapsOnly: boolean;
  q: string;
  capability: CapabilityId | null;
}

export interface OnboardingData {
  columns: Array<{ id: CapabilityId; label: string; short: string; gaps: number; script: string }>;
  rows: OnboardingClusterRowOut[];
  totals: { clusters: number; clustersWithGaps: number; gaps: number; silent: number };
}

export function columnsFor(persona: Persona | 'all'): CapabilityId[] {
  return CAPABILITIES.filter((c) => persona === 'all' || (c.personas as readonly string[]).includes(persona)).map(
    (c) => c.id,
  );
}
