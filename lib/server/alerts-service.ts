import 'server-only';
import { alerts as aq } from '../catalog';
import type { FiredAlertRow } from '../catalog/queries/alerts';
import type { LoadedOnboarding } from '../fleet/onboarding-load';
import { outcomeNotices } from '../fleet/outcomes';
import type { DataAccess } from './access';
import { loadOnboarding } from './onboarding-service';

export interface LoadedAlerts extends LoadedOnboarding {
  fired: FiredAlertRow[] | null;
}

/** Fired alerts plus the onboarding inputs (rule groups, clusters, workspaces) the coverage needs. */
export async function loadAlerts(access: DataAccess, nowMs = Date.now()): Promise<LoadedAlerts> {
  const [onboarding, fired] = await Promise.all([loadOnboarding(access, nowMs), access.runner.run(aq.firedAzureAlerts, {}, { kind: 'instant', at: Math.floor(nowMs / 1000) })]);
  return {
    ...onboarding,
    fired: fired.ok ? fired.rows : null,
    notices: [...outcomeNotices(fired), ...onboarding.notices.filter((n) => n.queryId === 'arg.prometheus-rule-groups' || n.queryId === 'arg.onboarding-clusters')],
    queries: [fired.executed, ...onboarding.queries.filter((q) => q.id === 'arg.prometheus-rule-groups' || q.id === 'arg.onboarding-clusters')],
  };
}
