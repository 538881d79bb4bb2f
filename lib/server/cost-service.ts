import 'server-only';
import { loadCostInputs, type LoadedCost } from '../fleet/cost-load';
import type { DataAccess } from './access';
import { TtlCache } from './cache';
import { getInsightsConfig } from './insights-config';

let cache: TtlCache<LoadedCost> | null = null;

/** Cost inputs for "now" (usage averaged over the last hour), shared briefly by everyone with the same access. */
export function loadCost(access: DataAccess, nowMs = Date.now()): Promise<LoadedCost> {
  const { config } = access;
  const insights = getInsightsConfig();
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  const at = Math.floor(nowMs / bucketMs) * bucketMs;
  cache ??= new TtlCache<LoadedCost>(bucketMs, 100);
  const key = `${access.scope}|${config.mode}|${config.demo.seed}|${config.demo.clusters}|${insights.teamLabel}|${at}`;
  return cache.get(key, () => loadCostInputs(access.runner, { now: at / 1000, teamLabel: insights.teamLabel, window: 'PT1H' }));
}
