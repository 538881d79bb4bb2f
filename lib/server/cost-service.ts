import 'server-only';
import { loadCostInputs, type LoadedCost } from '../fleet/cost-load';
import type { PriceTable } from '../fleet/prices';
import type { DataAccess } from './access';
import { sharedTtlCache } from './cache';
import { getInsightsConfig } from './insights-config';
import { loadPrices } from './prices-service';

/** The cost inputs and the node prices to apply to them. */
export interface CostLoad extends LoadedCost {
  prices: PriceTable;
}

/** Cost inputs for "now" (usage averaged over the last hour), shared briefly by everyone with the same access. */
export function loadCost(access: DataAccess, nowMs = Date.now()): Promise<CostLoad> {
  const { config } = access;
  const insights = getInsightsConfig();
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  const at = Math.floor(nowMs / bucketMs) * bucketMs;
  // Shared by pages and route handlers (Next.js gives each layer its own module instance).
  const cache = sharedTtlCache<CostLoad>('cost', bucketMs, 100);
  const key = `${access.scope}|${config.mode}|${config.demo.seed}|${config.demo.clusters}|${insights.teamLabel}|${at}`;
  return cache.get(key, async () => {
    const loaded = await loadCostInputs(access.runner, { now: at / 1000, teamLabel: insights.teamLabel, window: 'PT1H' });
    const prices = await loadPrices(config, loaded.inputs.inventory, loaded.inputs.nodePools, { nowMs });
    return { ...loaded, prices: prices.table, notices: prices.notice ? [...loaded.notices, prices.notice] : loaded.notices };
  });
}
