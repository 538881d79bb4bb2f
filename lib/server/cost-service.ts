import 'server-only';
import { loadCostInputs, type LoadedCost } from '../fleet/cost-load';
import type { PriceTable } from '../fleet/prices';
import type { DataAccess } from './access';
import { sharedTtlCache } from './cache';
import { getInsightsConfig } from './insights-config';
import { loadPrices } from './prices-service';
import { costOptionsFor } from './cost-options';
import type { ClusterContext } from './request-context';
import { buildCostData } from '../fleet/cost-report';
import { summariseClusterCost, type ClusterCostSummary } from '../fleet/cluster/panels';
import { DEFAULT_COST, type CostView } from '../url-state/cost';

/** The cost inputs and the node prices to apply to them. */
export interface CostLoad extends LoadedCost {
  prices: PriceTable;
}

/**
 * Cost inputs for "now" (usage averaged over the last hour), shared briefly by everyone with
 * the same access; with `cluster`, that cluster's only (a cluster page never asks for the fleet).
 */
export function loadCost(access: DataAccess, nowMs = Date.now(), cluster?: string): Promise<CostLoad> {
  const { config } = access;
  const insights = getInsightsConfig();
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  const at = Math.floor(nowMs / bucketMs) * bucketMs;
  // Shared by pages and route handlers (Next.js gives each layer its own module instance).
  const cache = sharedTtlCache<CostLoad>('cost', bucketMs, 2000);
  const key = `${access.scope}|${config.mode}|${config.demo.seed}|${config.demo.clusters}|${insights.teamLabel}|${at}|${cluster ?? ''}`;
  return cache.get(key, async () => {
    const loaded = await loadCostInputs(access.runner, {
      now: at / 1000,
      teamLabel: insights.teamLabel,
      window: 'PT1H',
      only: cluster,
      clusterLabel: config.prometheus.clusterLabel,
    });
    const prices = await loadPrices(config, loaded.inputs.inventory, loaded.inputs.nodePools, { nowMs });
    return {
      ...loaded,
      prices: prices.table,
      notices: prices.notice ? [...loaded.notices, prices.notice] : loaded.notices,
    };
  });
}

/** A cluster page's cost panel: the same allocation as /cost?cluster=<name>, from that cluster's inputs alone. */
export async function loadClusterCost(ctx: ClusterContext): Promise<{ summary: ClusterCostSummary; view: CostView }> {
  const view = { ...DEFAULT_COST, cluster: ctx.cluster.name };
  const loaded = await loadCost(ctx.access, ctx.now * 1000, ctx.cluster.name);
  const data = buildCostData(loaded.inputs, costOptionsFor(view, loaded.prices));
  const failure = loaded.notices.find((n) => n.severity === 'error')?.message ?? null;
  return { summary: summariseClusterCost(data, ctx.cluster.name, failure, loaded.queries), view };
}
