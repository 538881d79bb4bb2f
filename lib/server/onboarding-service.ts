import 'server-only';
import { loadOnboardingInputs, type LoadedOnboarding } from '../fleet/onboarding-load';
import type { DataAccess } from './access';
import { sharedTtlCache } from './cache';
import { getInsightsConfig } from './insights-config';

/** The onboarding inputs for "now", shared briefly by everyone with the same access. */
export function loadOnboarding(access: DataAccess, nowMs = Date.now()): Promise<LoadedOnboarding> {
  const { config } = access;
  const insights = getInsightsConfig();
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  const at = Math.floor(nowMs / bucketMs) * bucketMs;
  // Shared by pages and route handlers (Next.js gives each layer its own module instance).
  const cache = sharedTtlCache<LoadedOnboarding>('onboarding', bucketMs, 100);
  const key = `${access.scope}|${config.mode}|${config.demo.seed}|${config.demo.clusters}|${config.prometheus.urls.join(',')}|${insights.silenceMinutes}|${at}`;
  return cache.get(key, () =>
    loadOnboardingInputs(access.runner, {
      now: at / 1000,
      clusterLabel: config.prometheus.clusterLabel,
      silenceMinutes: insights.silenceMinutes,
    }),
  );
}
