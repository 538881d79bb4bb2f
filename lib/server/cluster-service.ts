import 'server-only';
import type { CatalogQuery, QueryTime } from '../catalog/types';
import type { ClusterSummary } from '../fleet/types';
import type { QueryOutcome } from '../sources/runner';
import { requestAccess, type DataAccess } from './access';
import { getConfig } from './config';
import { loadFleetOverview } from './fleet-service';

/**
 * What the cluster pages ask the server: the cluster's summary (from the cached fleet
 * overview, so health and its reasons are the ones the overview showed) and one catalog
 * query per panel. Outcomes are plain data, so panels hand them to client charts as props.
 */

export async function findCluster(access: DataAccess, name: string): Promise<ClusterSummary | null> {
  const overview = await loadFleetOverview(access);
  return overview.clusters.find((c) => c.name === name) ?? null;
}

/** A panel's query with the rights of the request being rendered (server components only). */
export async function runPanelQuery<P, R>(query: CatalogQuery<P, R>, params: P, time: QueryTime, timespan?: string): Promise<QueryOutcome<R>> {
  return (await requestAccess()).runner.run(query, params, time, timespan);
}

export function clusterLabel(): string {
  return getConfig().prometheus.clusterLabel;
}

/**
 * Whether Container insights (KubeEvents, ContainerLogV2) can hold rows for this cluster.
 * Arc clusters' add-on state is unknown to the inventory (null): ask the workspace anyway.
 */
export function hasContainerInsights(c: ClusterSummary): boolean {
  return c.monitoring.containerInsights !== false;
}
