import 'server-only';
import { alerts as aq } from '../catalog';
import type { FiredAlertRow, FiringPromAlertRow } from '../catalog/queries/alerts';
import type { LoadedOnboarding } from '../fleet/onboarding-load';
import { outcomeNotices } from '../fleet/outcomes';
import type { DataAccess } from './access';
import { loadOnboarding } from './onboarding-service';

export interface LoadedAlerts extends LoadedOnboarding {
  fired: FiredAlertRow[] | null;
  /** What a Prometheus ruler reports firing (ALERTS), or null when Prometheus did not answer. */
  firing: FiringPromAlertRow[] | null;
}

/** Fired alerts plus the onboarding inputs (rule groups, clusters, workspaces) the coverage needs. */
export async function loadAlerts(access: DataAccess, nowMs = Date.now()): Promise<LoadedAlerts> {
  const at = { kind: 'instant', at: Math.floor(nowMs / 1000) } as const;
  const [onboarding, fired, firing] = await Promise.all([
    loadOnboarding(access, nowMs),
    access.runner.run(aq.firedAzureAlerts, {}, at),
    access.runner.run(aq.firingPrometheusAlerts, { clusterLabel: access.config.prometheus.clusterLabel }, at),
  ]);
  return {
    ...onboarding,
    fired: fired.ok ? fired.rows : null,
    firing: firing.ok ? firing.rows : null,
    notices: [
      ...outcomeNotices(fired),
      ...outcomeNotices(firing),
      ...onboarding.notices.filter(
        (n) => n.queryId === 'arg.prometheus-rule-groups' || n.queryId === 'arg.onboarding-clusters',
      ),
    ],
    queries: [
      fired.executed,
      firing.executed,
      ...onboarding.queries.filter((q) => q.id === 'arg.prometheus-rule-groups' || q.id === 'arg.onboarding-clusters'),
    ],
  };
}
