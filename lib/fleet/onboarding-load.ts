import { azure as az, onboarding as ob, promInventory, rest } from '../catalog';
import { SOURCE_NAMES } from '../catalog/sources';
import type { DiagnosticSettingsResult } from './onboarding';
import type { ExecutedQuery, QueryRunner } from '../sources/runner';
import type { OnboardingInputs } from './onboarding';
import type { NodeStateRow, WorkspaceRow } from '../catalog/queries/azure';
import type { OnboardingClusterRow } from '../catalog/queries/onboarding';
import type { QueryOutcome } from '../sources/runner';
import { outcomeNotices, rowsOrNull } from './outcomes';
import type { PanelNotice } from './types';

export interface OnboardingLoadOptions {
  now: number;
  clusterLabel: string;
  /** Minutes without data after which an enabled add-on counts as silent. */
  silenceMinutes: number;
}

export interface LoadedOnboarding {
  inputs: OnboardingInputs;
  notices: PanelNotice[];
  queries: ExecutedQuery[];
  generatedAt: string;
}

/**
 * Runs the onboarding queries (one aggregated query per question, never one per cluster)
 * and reads diagnostic settings, which only ARM has, per cluster and per subscription.
 */
export async function loadOnboardingInputs(runner: QueryRunner, o: OnboardingLoadOptions): Promise<LoadedOnboarding> {
  const instant = { kind: 'instant', at: o.now } as const;
  const window = `PT${Math.round(o.silenceMinutes)}M`;
  const [clusters, arcExtensions, ciSettings, ruleGroups, grafanas, dcras, dcrDest, metrics, logs, workspaces] =
    await Promise.all([
      runner.run(ob.onboardingClusters, {}, instant),
      runner.run(ob.arcMonitoringExtensions, {}, instant),
      runner.run(ob.containerInsightsSettings, {}, instant),
      runner.run(ob.prometheusRuleGroups, {}, instant),
      runner.run(ob.managedGrafanas, {}, instant),
      runner.run(az.clusterDcrAssociations, {}, instant),
      runner.run(az.dcrMonitorDestinations, {}, instant),
      // Silence: clusters whose series are in Prometheus now (5-minute lookback) and whose
      // Container insights node records arrived within the window.
      runner.run(promInventory.promFleetInventory, { clusterLabel: o.clusterLabel }, instant),
      runner.run(az.nodeStateByCluster, {}, instant, window),
      // Which workspace each customer id is, to tell "may not read" from "no data".
      runner.run(az.logAnalyticsWorkspaces, {}, instant),
    ]);
  const outcomes = [
    clusters,
    arcExtensions,
    ciSettings,
    ruleGroups,
    grafanas,
    dcras,
    dcrDest,
    metrics,
    logs,
    workspaces,
  ];
  const notices = outcomes.flatMap((x) => outcomeNotices(x));
  const rows = clusters.ok ? clusters.rows : [];
  // One ARM read per AKS cluster and per subscription (its activity log); the backend keeps a
  // few in flight. One that fails is that resource's "unknown", never the page's.
  const ids = [
    ...new Set([
      ...rows.filter((c) => c.clusterKind === 'aks').map((c) => c.id),
      ...rows.map((c) => `/subscriptions/${c.subscriptionId}`),
    ]),
  ];
  const reads = await Promise.all(
    ids.map((resourceId) => runner.run(rest.diagnosticSettings, { resourceId }, instant)),
  );
  const diag = new Map<string, DiagnosticSettingsResult>();
  ids.forEach((id, i) => {
    const r = reads[i];
    if (r) diag.set(id.toLowerCase(), r.ok ? { ok: true, settings: r.rows } : { ok: false, error: r.error });
  });
  const base = { queryId: rest.diagnosticSettings.id, panel: 'Diagnostic settings', source: SOURCE_NAMES.arm };
  const failed = reads.filter((r) => !r.ok);
  const first = failed[0];
  if (first && !first.ok && first.error.failure === 'not-configured') {
    diag.clear();
    notices.push({
      ...base,
      severity: 'info',
      message: 'Azure Resource Manager is not configured: control-plane log and activity-log columns are unknown',
    });
  } else if (first && !first.ok) {
    notices.push({
      ...base,
      severity: 'warning',
      message: `${failed.length} of ${reads.length} resources could not be read: ${first.error.message}`,
    });
  }
  return {
    inputs: {
      clusters: rows,
      arcExtensions: rowsOrNull(arcExtensions),
      ciSettings: rowsOrNull(ciSettings),
      ruleGroups: rowsOrNull(ruleGroups),
      grafanas: rowsOrNull(grafanas),
      dcrAssociations: rowsOrNull(dcras),
      dcrDestinations: rowsOrNull(dcrDest),
      diagnostics: new Map([...diag].map(([k, v]) => [k.toLowerCase(), v])),
      metricsSeen: metrics.ok ? new Set(metrics.rows.map((r) => r.cluster)) : null,
      logsSeen: logs.ok ? new Set(logs.rows.map((r) => r.ClusterId.toLowerCase())) : null,
      unreadableWorkspaces: unreadableWorkspaces(rows, logs, workspaces),
      silenceMinutes: o.silenceMinutes,
    },
    notices,
    queries: [...outcomes.map((x) => x.executed), ...reads.slice(0, 1).map((x) => x.executed)],
    generatedAt: new Date(o.now * 1000).toISOString(),
  };
}

/**
 * Workspaces (lower-cased resource ids) whose silence means nothing: Log Analytics refused them
 * (403: the identity lacks Log Analytics Reader), or Resource Graph does not list them at all.
 */
export function unreadableWorkspaces(
  clusters: readonly OnboardingClusterRow[],
  logs: QueryOutcome<NodeStateRow>,
  workspaces: QueryOutcome<WorkspaceRow>,
): Map<string, 'forbidden' | 'not-visible'> {
  const out = new Map<string, 'forbidden' | 'not-visible'>();
  if (!workspaces.ok) return out;
  const byCustomerId = new Map(workspaces.rows.map((w) => [w.customerId.toLowerCase(), w.id.toLowerCase()]));
  const known = new Set(workspaces.rows.map((w) => w.id.toLowerCase()));
  const refused = new Set<string>();
  for (const n of logs.notices)
    if (n.workspace && (n.workspace.failure === 'forbidden' || n.workspace.status === 403))
      refused.add(n.workspace.id.toLowerCase());
  // Every workspace refused: the whole query failed, its scope names the (single) workspace.
  if (!logs.ok && logs.error.failure === 'forbidden') {
    const one = /^workspace (\S+)$/.exec(logs.error.scope ?? '')?.[1];
    if (one) refused.add(one.toLowerCase());
  }
  for (const id of refused) {
    const resourceId = byCustomerId.get(id);
    if (resourceId) out.set(resourceId, 'forbidden');
  }
  for (const c of clusters) {
    const ws = c.containerInsightsWorkspace?.toLowerCase();
    if (ws && !known.has(ws) && !out.has(ws)) out.set(ws, 'not-visible');
  }
  return out;
}
