import 'server-only';
import { getFleetOverview } from '../fleet/overview';
import type { ClusterSummary, FleetOverview } from '../fleet/types';
import type { QueryFailure } from '../sources/runner';
import type { DataAccess } from './access';
import { sharedTtlCache } from './cache';
import { overviewBucket, overviewKey } from './fleet-service';

/**
 * The cluster a cluster page or route is about: the overview's summary of that one cluster,
 * computed by the same rules with every query scoped to it (never the fleet rollup, so a page
 * costs the same at 50 clusters or 5,000). Cached like the overview, per cluster: the layout,
 * the page and a 2-second log poll inside one cache period ask once. Panels run their own
 * queries through loadPanel (./panels.ts).
 */
/** A cluster, or why there is none: not in the fleet (`unavailable` null), or the inventory could not say. */
export interface ClusterLookup {
  cluster: ClusterSummary | null;
  unavailable: QueryFailure | null;
}

export async function findCluster(access: DataAccess, name: string, nowMs = Date.now()): Promise<ClusterLookup> {
  const { config } = access;
  const at = overviewBucket(config, nowMs);
  const cache = sharedTtlCache<FleetOverview>('fleet.cluster', Math.max(1000, config.cacheSeconds * 1000), 2000);
  const scoped = await cache.get(`${overviewKey(access, at)}|${name}`, () =>
    getFleetOverview(access.runner, {
      now: at / 1000,
      clusterLabel: config.prometheus.clusterLabel,
      latestMinor: config.latestMinor,
      only: name,
    }),
  );
  const cluster = scoped.clusters.find((c) => c.name === name) ?? null;
  return { cluster, unavailable: cluster ? null : scoped.inventoryFailure };
}
