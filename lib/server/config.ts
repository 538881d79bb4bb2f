import 'server-only';
import { z } from 'zod';
import { DEMO_LATEST_MINOR } from '../demo/fleet';
import type { PrometheusAuth } from '../sources/prometheus/auth';
import { LABEL_PROFILE_IDS, type LabelProfileId } from '../catalog/label-profiles';
import { AZURE_ENV, azureConfig, type AzureConfig } from './azure-config';

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
  PROMETHEUS_URL: z.string().max(4000).optional(),
  PROMETHEUS_AUTH: z.enum(['none', 'bearer', 'basic', 'azure']).default('none'),
  PROMETHEUS_BEARER_TOKEN: z.string().min(1).optional(),
  PROMETHEUS_USERNAME: z.string().min(1).optional(),
  PROMETHEUS_PASSWORD: z.string().min(1).optional(),
  PROMETHEUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  PROMETHEUS_LABEL_PROFILE: z.enum(['auto', ...LABEL_PROFILE_IDS]).default('auto'),
  ...AZURE_ENV,
});

export type AppConfig = {
  /** Real backends join with the Prometheus and Azure work; until then every query is the demo's. */
  mode: 'demo' | 'live';
  demo: { seed: string; clusters: number };
  latestMinor: number;
  cacheSeconds: number;
  prometheus: {
    clusterLabel: string;
    /** Query endpoints (PROMETHEUS_URL, comma-separated); empty means the demo answers PromQL. */
    urls: string[];
    auth: PrometheusAuth;
    timeoutMs: number;
    /** PROMETHEUS_LABEL_PROFILE; undefined: detected per endpoint. */
    labelProfile?: LabelProfileId;
  };
  /** Resource Graph and Log Analytics (AZURE_TENANT_ID set), or null. */
  azure: AzureConfig | null;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** PROMETHEUS_URL as a list of http(s) URLs; credentials belong in the auth variables, not the URL. */
function prometheusUrls(raw: string | undefined): string[] {
  const urls = (raw ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`invalid configuration: PROMETHEUS_URL "${url.slice(0, 80)}" is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new ConfigError('invalid configuration: PROMETHEUS_URL must use http or https');
    if (parsed.username || parsed.password)
      throw new ConfigError(
        'invalid configuration: put Prometheus credentials in PROMETHEUS_USERNAME/PROMETHEUS_PASSWORD, not in PROMETHEUS_URL',
      );
  }
  return urls;
}

function prometheusAuth(e: z.infer<typeof envSchema>): PrometheusAuth {
  switch (e.PROMETHEUS_AUTH) {
    case 'none':
      return { kind: 'none' };
    case 'azure':
      return { kind: 'azure' };
    case 'bearer':
      if (!e.PROMETHEUS_BEARER_TOKEN)
        throw new ConfigError('invalid configuration: PROMETHEUS_AUTH=bearer needs PROMETHEUS_BEARER_TOKEN');
      return { kind: 'bearer', token: e.PROMETHEUS_BEARER_TOKEN };
    case 'basic':
      if (!e.PROMETHEUS_USERNAME || !e.PROMETHEUS_PASSWORD)
        throw new ConfigError(
          'invalid configuration: PROMETHEUS_AUTH=basic needs PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD',
        );
      return { kind: 'basic', username: e.PROMETHEUS_USERNAME, password: e.PROMETHEUS_PASSWORD };
  }
}

let cached: { source: NodeJS.ProcessEnv; config: AppConfig } | null = null;

export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const e = parsed.data;
  const prometheusUrlList = prometheusUrls(e.PROMETHEUS_URL);
  const azure = azureConfig(e);
  return {
    mode: prometheusUrlList.length > 0 || azure ? 'live' : 'demo',
    demo: { seed: e.FLEETWATCH_DEMO_SEED, clusters: e.FLEETWATCH_DEMO_CLUSTERS },
    latestMinor: e.FLEETWATCH_LATEST_K8S_MINOR,
    cacheSeconds: e.FLEETWATCH_CACHE_SECONDS,
    prometheus: {
      clusterLabel: e.PROMETHEUS_CLUSTER_LABEL,
      urls: prometheusUrlList,
      auth: prometheusAuth(e),
      timeoutMs: e.PROMETHEUS_TIMEOUT_MS,
      labelProfile: e.PROMETHEUS_LABEL_PROFILE === 'auto' ? undefined : e.PROMETHEUS_LABEL_PROFILE,
    },
    azure,
  };
}

/** The process configuration, read once. */
export function getConfig(): AppConfig {
  if (!cached || cached.source !== process.env) cached = { source: process.env, config: readConfig() };
  return cached.config;
}
