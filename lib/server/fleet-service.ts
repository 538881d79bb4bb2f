import 'server-only';
import { getFleetOverview } from '../fleet/overview';
import type { FleetOverview } from '../fleet/types';
import type { DataAccess } from './access';
import { sharedTtlCache, type TtlCache } from './cache';
import { getConfig, type AppConfig } from './config';

function overviewCache(config: AppConfig): TtlCache<FleetOverview> {
  return sharedTtlCache<FleetOverview>('fleet.overview', config.cacheSeconds * 1000, 100);
}

/** The start of the cache period `nowMs` falls in: the instant every figure of that period is about. */
export function overviewBucket(config: AppConfig, nowMs: number): number {
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  return Math.floor(nowMs / bucketMs) * bucketMs;
}

/** Everything that changes an overview's answer but the clusters it covers. */
export function overviewKey(access: DataAccess, at: number): string {
  const { config } = access;
  return `${access.scope}|${config.mode}|${config.demo.seed}|${config.demo.clusters}|${config.prometheus.urls.join(',')}|${at}`;
}

/**
 * The overview for "now", shared for a few seconds by everyone with the same access (all
 * users with the server's identity; one user with on-behalf-of). The evaluation time is
 * bucketed to the cache period so a cached answer is the answer for its bucket, not a stale
 * answer for a later time.
 */
export function loadFleetOverview(access: DataAccess, nowMs = Date.now()): Promise<FleetOverview> {
  const { config } = access;
  const at = overviewBucket(config, nowMs);
  return overviewCache(config).get(overviewKey(access, at), () =>
    getFleetOverview(access.runner, {
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
  return {
    mode: config.mode,
    label: `Demo fleet · ${config.demo.clusters.toLocaleString('en')} clusters · seed ${config.demo.seed}`,
  };
}
