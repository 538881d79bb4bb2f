import 'server-only';
import { getFleetOverview } from '../fleet/overview';
import type { FleetOverview } from '../fleet/types';
import { TtlCache } from './cache';
import { getQueryRunner } from './backends';
import { getConfig, type AppConfig } from './config';

let cache: { ttl: number; store: TtlCache<FleetOverview> } | null = null;

function overviewCache(config: AppConfig): TtlCache<FleetOverview> {
  const ttl = config.cacheSeconds * 1000;
  if (!cache || cache.ttl !== ttl) cache = { ttl, store: new TtlCache<FleetOverview>(ttl, 20) };
  return cache.store;
}

/**
 * The overview for "now", shared by everyone with the same configuration for a few seconds.
 * The evaluation time is bucketed to the cache period so a cached answer is the answer
 * for its bucket, not a stale answer for a later time.
 */
export function loadFleetOverview(config: AppConfig = getConfig(), nowMs = Date.now()): Promise<FleetOverview> {
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  const at = Math.floor(nowMs / bucketMs) * bucketMs;
  const key = `${config.mode}|${config.demo.seed}|${config.demo.clusters}|${config.prometheus.urls.join(',')}|${at}`;
  return overviewCache(config).get(key, () =>
    getFleetOverview(getQueryRunner(config), {
      now: at / 1000,
      clusterLabel: config.prometheus.clusterLabel,
      latestMinor: config.latestMinor,
    }),
  );
}

export function describeMode(config: AppConfig = getConfig()): { mode: AppConfig['mode']; label: string } {
  if (config.mode === 'live') {
    const n = config.prometheus.urls.length;
    const parts = [
      config.azure ? `Azure tenant ${config.azure.tenantId.slice(0, 8)}…` : null,
      n ? `Prometheus (${n === 1 ? '1 endpoint' : `${n} endpoints`})` : null,
    ].filter(Boolean);
    return { mode: config.mode, label: ['Live', ...parts].join(' · ') };
  }
  return { mode: config.mode, label: `Demo fleet · ${config.demo.clusters.toLocaleString('en')} clusters · seed ${config.demo.seed}` };
}
