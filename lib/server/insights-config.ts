import 'server-only';
import { z } from 'zod';
import { ConfigError } from './config';

/**
 * Settings of the cost, onboarding and alerts views, from the environment (documented in
 * the README's configuration table). Read once per process environment.
 */
const schema = z.object({
  FLEETWATCH_ONBOARDING_SILENCE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(60),
  FLEETWATCH_COST_TEAM_LABEL: z.string().regex(/^[A-Za-z0-9_.\/-]{1,63}$/, 'must be a Kubernetes label key').default('team'),
  FLEETWATCH_ARC_VCPU_HOUR_USD: z.coerce.number().min(0).max(100).default(0.031611),
  FLEETWATCH_ARC_GIB_HOUR_USD: z.coerce.number().min(0).max(100).default(0.004237),
  FLEETWATCH_CAPACITY_REQUESTED_MAX: z.coerce.number().min(0.01).max(1).default(0.85),
  FLEETWATCH_CAPACITY_UTILIZATION_MIN: z.coerce.number().min(0).max(1).default(0.3),
});

export interface InsightsConfig {
  silenceMinutes: number;
  teamLabel: string;
  arcVcpuHourUsd: number;
  arcGibHourUsd: number;
  requestedMax: number;
  utilizationMin: number;
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
  };
}

export function getInsightsConfig(): InsightsConfig {
  if (!cached || cached.source !== process.env) cached = { source: process.env, config: readInsightsConfig() };
  return cached.config;
}
