import 'server-only';
import { z } from 'zod';
import { DEMO_LATEST_MINOR } from '../demo/fleet';

/**
 * Configuration from the environment, validated once. With nothing set the portal runs on
 * the embedded demo fleet. Each variable is documented in the README's configuration table.
 */
const envSchema = z.object({
  FLEETWATCH_DEMO_SEED: z.string().min(1).max(100).default('fleetwatch'),
  FLEETWATCH_DEMO_CLUSTERS: z.coerce.number().int().min(0).max(20_000).default(40),
  FLEETWATCH_LATEST_K8S_MINOR: z.coerce.number().int().min(20).max(99).default(DEMO_LATEST_MINOR),
  FLEETWATCH_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(15),
  PROMETHEUS_CLUSTER_LABEL: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name')
    .default('cluster'),
});

export type AppConfig = {
  /** Real backends join with the Prometheus and Azure work; until then every query is the demo's. */
  mode: 'demo';
  demo: { seed: string; clusters: number };
  latestMinor: number;
  cacheSeconds: number;
  prometheus: { clusterLabel: string };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

let cached: { source: NodeJS.ProcessEnv; config: AppConfig } | null = null;

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    mode: 'demo',
    demo: { seed: e.FLEETWATCH_DEMO_SEED, clusters: e.FLEETWATCH_DEMO_CLUSTERS },
    latestMinor: e.FLEETWATCH_LATEST_K8S_MINOR,
    cacheSeconds: e.FLEETWATCH_CACHE_SECONDS,
    prometheus: { clusterLabel: e.PROMETHEUS_CLUSTER_LABEL },
  };
}

/** The process configuration, read once. */
export function getConfig(): AppConfig {
  if (!cached || cached.source !== process.env) cached = { source: process.env, config: readConfig() };
  return cached.config;
}
