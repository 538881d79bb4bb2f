import 'server-only';
import { z } from 'zod';
import { ConfigError } from './config';

/**
 * Settings of the cost, onboarding and alerts views, from the environment (documented in
 * the README's configuration table). Read once per process environment.
 */
const schema = z.object({
  FLEETWATCH_ONBOARDING_SILENCE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60),
  FLEETWATCH_COST_TEAM_LABEL: z
    .string()
    .regex(/^[A-Za-z0-9_./-]{1,63}$/, 'must be a Kubernetes label key')
    .default('team'),
  FLEETWATCH_ARC_VCPU_HOUR_USD: z.coerce.number().min(0).max(100).default(0.031611),
  FLEETWATCH_ARC_GIB_HOUR_USD: z.coerce.number().min(0).max(100).default(0.004237),
  FLEETWATCH_CAPACITY_REQUESTED_MAX: z.coerce.number().min(0.01).max(1).default(0.85),
  FLEETWATCH_CAPACITY_UTILIZATION_MIN: z.coerce.number().min(0).max(1).default(0.3),
  FLEETWATCH_PRICES: z.enum(['auto', 'snapshot', 'retail']).default('auto'),
  FLEETWATCH_RETAIL_PRICES_URL: z
    .string()
    .url()
    .refine((u) => new URL(u).protocol === 'https:', 'must be an https URL')
    .default('https://prices.azure.com'),
  FLEETWATCH_PRICES_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(24),
});

export interface InsightsConfig {
  silenceMinutes: number;
  teamLabel: string;
  arcVcpuHourUsd: number;
  arcGibHourUsd: number;
  requestedMax: number;
  utilizationMin: number;
  /** `auto`: the Retail Prices API in Azure mode, the snapshot otherwise. */
  prices: 'auto' | 'snapshot' | 'retail';
  retailPricesUrl: string;
  /** How long a fetched price list is used before it is asked again. */
  pricesHours: number;
}

let cached: { source: NodeJS.ProcessEnv; config: InsightsConfig } | null = null;

export function readInsightsConfig(env: NodeJS.ProcessEnv = process.env): InsightsConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    silenceMinutes: e.FLEETWATCH_ONBOARDING_SILENCE_MINUTES,
    teamLabel: e.FLEETWATCH_COST_TEAM_LABEL,
    arcVcpuHourUsd: e.FLEETWATCH_ARC_VCPU_HOUR_USD,
    arcGibHourUsd: e.FLEETWATCH_ARC_GIB_HOUR_USD,
    requestedMax: e.FLEETWATCH_CAPACITY_REQUESTED_MAX,
    utilizationMin: e.FLEETWATCH_CAPACITY_UTILIZATION_MIN,
    prices: e.FLEETWATCH_PRICES,
    retailPricesUrl: e.FLEETWATCH_RETAIL_PRICES_URL,
    pricesHours: e.FLEETWATCH_PRICES_HOURS,
  };
}

export function getInsightsConfig(): InsightsConfig {
  if (!cached || cached.source !== process.env) cached = { source: process.env, config: readInsightsConfig() };
  return cached.config;
}
