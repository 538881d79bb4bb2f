import { z } from 'zod';
import type { KqlDiagnostic } from '../explore/kql-check';
import type { CostData } from '../fleet/cost';
import { CAPABILITY_IDS, type CapabilityId, type OnboardingData } from '../fleet/onboarding';
import type { ClusterSummary } from '../fleet/types';
import { count, executedQuerySchema, isoTime, layer, panelNoticeSchema, share } from './common-schemas';

/**
 * The answer of every /api route as a zod schema: the browser validates what it fetches with
 * them, the e2e tests import them instead of redefining shapes, and `satisfies` ties each one
 * to the domain type the route serialises, so a field added there fails the type check here.
 * Objects are strict: a field the schema does not know is a contract change, not noise.
 */

export * from './common-schemas';
export * from './panel-schemas';

const healthStatus = z.enum(['critical', 'warning', 'unknown', 'healthy']);
const healthSignal = z.enum([
  'node-readiness',
  'pods-failed',
  'pods-pending',
  'crash-loops',
  'cpu',
  'memory',
  'version-support',
  'power-state',
  'no-metrics',
  'alerts',
  'provisioning-state',
  'arc-connectivity',
  'no-usage',
  'workloads-down',
  'workloads-partial',
]);

export const clusterSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  provider: z.enum(['aks', 'arc', 'prometheus']),
  distribution: z.enum(['aks', 'eks', 'gke', 'k3s', 'openshift', 'other']),
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  region: z.string(),
  kubernetesVersion: z.string(),
  kubernetesMinor: z.string().nullable(),
  versionSupport: z.enum(['supported', 'out-of-support', 'unknown']),
  powerState: z.enum(['Running', 'Stopped', 'Unknown']),
  tags: z.record(z.string(), z.string()),
  health: z.strictObject({
    status: healthStatus,
    score: z.number().nonnegative(),
    reasons: z.array(
      z.strictObject({
        signal: healthSignal,
        severity: z.enum(['critical', 'warning', 'unknown', 'info']),
        message: z.string(),
        layer,
        value: z.number().optional(),
        threshold: z.number().optional(),
      }),
    ),
  }),
  nodes: z.strictObject({ ready: count.nullable(), total: count }),
  nodePools: count,
  pods: z.strictObject({ running: count.nullable(), pending: count.nullable(), failed: count.nullable() }),
  containers: z.strictObject({ crashLooping: count.nullable(), restartsLastHour: z.number().nonnegative().nullable() }),
  workloads: z.strictObject({ down: count.nullable(), partial: count.nullable() }),
  cpu: z.strictObject({ utilization: share }),
  memory: z.strictObject({ utilization: share }),
  lastUpgrade: isoTime.nullable(),
  monitoring: z.strictObject({
    metrics: z.boolean(),
    nodeSource: z.enum(['prometheus', 'container-insights']).nullable(),
    containerInsights: z.boolean().nullable(),
    managedPrometheus: z.boolean().nullable(),
  }),
}) satisfies z.ZodType<ClusterSummary>;

/** GET /api/fleet */
export const fleetResponseSchema = z.strictObject({
  generatedAt: isoTime,
  total: count,
  matching: count,
  offset: count,
  clusters: z.array(clusterSummarySchema),
  notices: z.array(panelNoticeSchema),
  queries: z.array(executedQuerySchema),
});
export type FleetResponse = z.infer<typeof fleetResponseSchema>;

const cents = z.number().int();
const sizeOption = z.strictObject({
  vmSize: z.string(),
  vcpus: z.number().positive(),
  memoryGiB: z.number().positive(),
  nodes: count,
  monthlyCost: z.number().nonnegative(),
  cpuRequestedShare: z.number(),
  memoryRequestedShare: z.number(),
});

const costData = z.strictObject({
  range: z.enum(['24h', '7d', '30d']),
  hours: z.number().positive(),
  currency: z.string(),
  priceDate: z.string(),
  priceSource: z.enum(['snapshot', 'retail-api']),
  totals: z.strictObject({
    nodeCents: cents,
    allocatedCents: cents,
    idleCents: cents,
    monthlyProjectionCents: cents,
    unpricedPools: count,
  }),
  allocation: z.array(
    z.strictObject({ key: z.string(), cents, cpuCores: z.number(), memoryGiB: z.number(), clusters: count }),
  ),
  clusters: z.array(
    z.strictObject({
      cluster: z.string(),
      id: z.string(),
      provider: z.enum(['aks', 'arc']),
      region: z.string(),
      nodeCents: cents,
      allocatedCents: cents,
      idleCents: cents,
      hasUsage: z.boolean(),
      source: z.enum(['container-insights', 'prometheus', 'resource-graph', 'none']),
      unpricedPools: count,
    }),
  ),
  density: z.array(
    z.strictObject({
      cluster: z.string(),
      pool: z.string(),
      vmSize: z.string(),
      nodes: count,
      cpuAllocatable: z.number(),
      memoryAllocatableGiB: z.number(),
      cpuRequested: z.number(),
      cpuUsed: z.number(),
      memoryRequestedGiB: z.number(),
      memoryUsedGiB: z.number(),
      hourlyCost: z.number().nullable(),
      priceSource: z.enum(['retail', 'arc-rate', 'unknown']),
      hasUsage: z.boolean(),
    }),
  ),
  advice: z.array(
    z.strictObject({
      cluster: z.string(),
      pool: z.string(),
      current: z.strictObject({ vmSize: z.string(), nodes: count, monthlyCost: z.number() }),
      options: z.array(sizeOption),
      best: sizeOption.nullable(),
      monthlySavings: z.number(),
    }),
  ),
  alerts: z.array(
    z.strictObject({
      cluster: z.string(),
      pool: z.string().nullable(),
      kind: z.enum(['overcommitted', 'over-requested', 'underutilised']),
      resource: z.enum(['cpu', 'memory']),
      value: z.number(),
      threshold: z.number(),
    }),
  ),
}) satisfies z.ZodType<CostData>;

/** GET /api/cost */
export const costResponseSchema = costData.extend({
  generatedAt: isoTime,
  notices: z.array(panelNoticeSchema),
  queries: z.array(executedQuerySchema),
});
export type CostResponse = z.infer<typeof costResponseSchema>;

const capabilityId = z.enum(CAPABILITY_IDS as [CapabilityId, ...CapabilityId[]]);
const onboardingData = z.strictObject({
  columns: z.array(
    z.strictObject({ id: capabilityId, label: z.string(), short: z.string(), gaps: count, script: z.string() }),
  ),
  rows: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      provider: z.enum(['aks', 'arc']),
      resourceGroup: z.string(),
      subscriptionId: z.string(),
      location: z.string(),
      cells: z.array(
        z.strictObject({
          capability: capabilityId,
          status: z.enum(['ok', 'gap', 'silent', 'n/a', 'unknown']),
          detail: z.string(),
          fix: z.string().nullable(),
        }),
      ),
      gaps: count,
    }),
  ),
  totals: z.strictObject({ clusters: count, clustersWithGaps: count, gaps: count, silent: count }),
}) satisfies z.ZodType<OnboardingData>;

/** GET /api/onboarding */
export const onboardingResponseSchema = onboardingData.extend({
  generatedAt: isoTime,
  notices: z.array(panelNoticeSchema),
  queries: z.array(executedQuerySchema),
});
export type OnboardingResponse = z.infer<typeof onboardingResponseSchema>;

/** POST /api/explore/kql */
export const kqlCheckResponseSchema = z.strictObject({
  diagnostics: z.array(
    z.strictObject({
      start: z.number().int().nonnegative(),
      length: z.number().int().nonnegative(),
      severity: z.enum(['error', 'warning', 'suggestion']),
      message: z.string(),
    }),
  ),
}) satisfies z.ZodType<{ diagnostics: KqlDiagnostic[] }>;

/** GET /api/health */
export const healthResponseSchema = z.strictObject({ status: z.literal('ok'), time: isoTime });

/** POST /api/auth/session */
export const sessionResponseSchema = z.strictObject({
  user: z
    .strictObject({ name: z.string(), username: z.string(), roles: z.array(z.string()), expiresAt: z.number().int() })
    .nullable(),
});

/** /api/explore/prometheus/*: Prometheus's own envelope (the editor's client reads it). */
export const promApiResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('success'), data: z.unknown() }),
  z.strictObject({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);
