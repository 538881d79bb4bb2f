import 'server-only';
import { loadCostInputs, type LoadedCost } from '../fleet/cost-load';
import { getQueryRunner } from './backends';
import { TtlCache } from './cache';
import { getConfig, type AppConfig } from './config';
import { getInsightsConfig } from './insights-config';

let cache: TtlCache<LoadedCost> | null = null;

/** Cost inputs for "now" (usage averaged over the last hour), shared briefly by everyone with the same configuration. */
export function loadCost(config: AppConfig = getConfig(), nowMs = Date.now()): Promise<LoadedCost> {
  const insights = getInsightsConfig();
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  const at = Math.floor(nowMs / bucketMs) * bucketMs;
  cache ??= new TtlCache<LoadedCost>(bucketMs, 20);
  const key = `${config.mode}|${config.demo.seed}|${config.demo.clusters}|${insights.teamLabel}|${at}`;
  return cache.get(key, () => loadCostInputs(getQueryRunner(config), { now: at / 1000, teamLabel: insights.teamLabel, window: 'PT1H' }));
}
