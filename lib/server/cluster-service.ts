import 'server-only';
import type { ClusterSummary } from '../fleet/types';
import type { DataAccess } from './access';
import { loadFleetOverview } from './fleet-service';

/**
 * The cluster a cluster page or route is about: its summary from the cached fleet overview, so
 * health and its reasons are the ones the overview showed. Panels run their own queries
 * through loadPanel (./panels.ts).
 */
export async function findCluster(access: DataAccess, name: string): Promise<ClusterSummary | null> {
  const overview = await loadFleetOverview(access);
  return overview.clusters.find((c) => c.name === name) ?? null;
}
