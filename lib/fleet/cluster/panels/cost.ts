import type { ExecutedQuery } from '../../../sources/runner';
import { COST_RANGES, type ClusterCost, type CostData } from '../../cost';

/** One cluster's cost as its summary page shows it: plain data, the cost model's own numbers. */
export interface ClusterCostSummary {
  /** The cluster's row of the cost view; null when the cost model did not price it. */
  cluster: Pick<ClusterCost, 'nodeCents' | 'allocatedCents' | 'idleCents' | 'source' | 'unpricedPools'> | null;
  currency: string;
  priceDate: string;
  days: number;
  /** The most expensive namespaces, by name within the cluster. */
  namespaces: Array<{ name: string; cents: number }>;
  /** The first error the cost inputs reported, said above the numbers. */
  failure: string | null;
  executed: ExecutedQuery[];
}

const TOP_NAMESPACES = 5;

/** `data` is the cost view filtered to the cluster (/cost?cluster=<name>), so its first row is the cluster's. */
export function summariseClusterCost(
  data: CostData,
  cluster: string,
  failure: string | null,
  executed: ExecutedQuery[],
): ClusterCostSummary {
  const mine = data.clusters[0];
  return {
    cluster: mine
      ? {
          nodeCents: mine.nodeCents,
          allocatedCents: mine.allocatedCents,
          idleCents: mine.idleCents,
          source: mine.source,
          unpricedPools: mine.unpricedPools,
        }
      : null,
    currency: data.currency,
    priceDate: data.priceDate,
    days: COST_RANGES[data.range] / 24,
    namespaces: data.allocation
      .filter((r) => r.cents > 0)
      .slice(0, TOP_NAMESPACES)
      .map((r) => ({ name: r.key.slice(cluster.length + 1), cents: r.cents })),
    failure,
    executed,
  };
}
