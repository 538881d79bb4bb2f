import 'server-only';
import { createDemoDiagnosticsReader } from '../demo/onboarding-answers';
import { getDemoFleet } from '../demo/fleet';
import { loadOnboardingInputs, type LoadedOnboarding } from '../fleet/onboarding-load';
import { createArmDiagnosticsReader } from '../sources/azure/arm-diagnostics';
import type { DiagnosticSettingsReader } from '../sources/azure/diagnostic-settings-wire';
import { createServerCredential } from './azure-backends';
import { getQueryRunner } from './backends';
import { TtlCache } from './cache';
import { getConfig, type AppConfig } from './config';
import { getInsightsConfig } from './insights-config';

let cache: TtlCache<LoadedOnboarding> | null = null;

/** Diagnostic settings come from ARM; the demo answers them from its model. */
let armReader: { config: AppConfig; reader: DiagnosticSettingsReader } | null = null;

function diagnosticsReader(config: AppConfig): DiagnosticSettingsReader | null {
  if (config.mode === 'demo') return createDemoDiagnosticsReader(getDemoFleet(config.demo.seed, config.demo.clusters));
  if (!config.azure) return null;
  if (armReader?.config !== config) {
    armReader = { config, reader: createArmDiagnosticsReader({ endpoint: config.azure.resourceManagerEndpoint, credential: createServerCredential(config.azure) }) };
  }
  return armReader.reader;
}

/** The onboarding inputs for "now", shared briefly by everyone with the same configuration. */
export function loadOnboarding(config: AppConfig = getConfig(), nowMs = Date.now()): Promise<LoadedOnboarding> {
  const insights = getInsightsConfig();
  const bucketMs = Math.max(1000, config.cacheSeconds * 1000);
  const at = Math.floor(nowMs / bucketMs) * bucketMs;
  cache ??= new TtlCache<LoadedOnboarding>(bucketMs, 20);
  const key = `${config.mode}|${config.demo.seed}|${config.demo.clusters}|${config.prometheus.urls.join(',')}|${insights.silenceMinutes}|${at}`;
  return cache.get(key, () =>
    loadOnboardingInputs(getQueryRunner(config), diagnosticsReader(config), { now: at / 1000, clusterLabel: config.prometheus.clusterLabel, silenceMinutes: insights.silenceMinutes }),
  );
}
