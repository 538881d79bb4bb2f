import { z } from 'zod';
import { eventRowSchema } from '../catalog/queries/cluster-logs';
import type { Notice } from '../catalog/types';
import type { KqlDiagnostic } from '../explore/kql-check';
import type { FiredAlert } from '../fleet/alerts';
import type { LogLine } from '../fleet/cluster/logs';
import type { PanelData } from '../fleet/cluster/panels/types';
import type { CostData } from '../fleet/cost';
import { CAPABILITY_IDS, type CapabilityId, type OnboardingData } from '../fleet/onboarding';
import type { ExecutedQuery, QueryFailure } from '../sources/runner';
import type { ClusterSummary, PanelNotice } from '../fleet/types';
import { API_ERROR_CODES, type ApiErrorBody } from './errors';

/**
 * The answer of every /api route as a zod schema: the browser validates what it fetches with
 * them, the e2e tests import them instead of redefining shapes, and `satisfies` ties each one
 * to the domain type the route serialises, so a field added there fails the type check here.
 * Objects are strict: a field the schema does not know is a contract change, not noise.
 */

const backendKind = z.enum(['arg', 'logs', 'prom', 'arm', 'prices']);
const sourceName = z.enum(['arg', 'logs', 'prom', 'arm', 'prices', 'demo']);
const failureKind = z.enum(['not-configured', 'unreachable', 'timeout', 'throttled', 'unauthorized', 'forbidden', 'bad-query', 'server-error', 'bad-response', 'unsupported']);
const layer = z.enum(['fleet', 'L1', 'L2', 'L3', 'L4', 'L5', 'cost', 'onboarding', 'alerts']);
const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
const share = z.number().nullable();

export const apiErrorSchema = z.strictObject({
  error: z.strictObject({
    status: z.number().int().min(400).max(599),
    code: z.enum(API_ERROR_CODES),
    message: z.string().min(1),
    params: z.array(z.strictObject({ param: z.string(), message: z.string() })).optional(),
    source: z.string().optional(),
    query: z.string().optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
  }),
}) satisfies z.ZodType<ApiErrorBody>;

const queryTime = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('instant'), at: z.number() }),
  z.strictObject({ kind: z.literal('range'), start: z.number(), end: z.number(), step: z.number().positive() }),
]);

export const executedQuerySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: backendKind,
  text: z.string(),
  backend: z.string(),
  durationMs: z.number().nonnegative(),
  time: queryTime,
  params: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<ExecutedQuery>;

export const queryFailureSchema = z.strictObject({
  source: sourceName,
  failure: failureKind,
  message: z.string(),
  status: z.number().int().optional(),
  scope: z.string().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
}) satisfies z.ZodType<QueryFailure>;

export const noticeSchema = z.strictObject({
  severity: z.enum(['info', 'warning', 'error']),
  source: sourceName,
  message: z.string(),
  workspace: z.strictObject({ id: z.string(), failure: z.string(), status: z.number().int().optional() }).optional(),
}) satisfies z.ZodType<Notice>;

export const panelNoticeSchema = z.strictObject({
  queryId: z.string(),
  panel: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  source: z.string(),
  message: z.string(),
  failure: failureKind.optional(),
}) satisfies z.ZodType<PanelNotice>;

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
    reasons: z.array(
      z.strictObject({
        signal: healthSignal,
        severity: z.enum(['critical', 'warning', 'unknown']),
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
  totals: z.strictObject({ nodeCents: cents, allocatedCents: cents, idleCents: cents, monthlyProjectionCents: cents, unpricedPools: count }),
  allocation: z.array(z.strictObject({ key: z.string(), cents, cpuCores: z.number(), memoryGiB: z.number(), clusters: count })),
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
      source: z.enum(['container-insights', 'resource-graph', 'none']),
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
      kind: z.enum(['over-requested', 'underutilised']),
      resource: z.enum(['cpu', 'memory']),
      value: z.number(),
      threshold: z.number(),
    }),
  ),
}) satisfies z.ZodType<CostData>;

/** GET /api/cost */
export const costResponseSchema = costData.extend({ generatedAt: isoTime, notices: z.array(panelNoticeSchema), queries: z.array(executedQuerySchema) });
export type CostResponse = z.infer<typeof costResponseSchema>;

const capabilityId = z.enum(CAPABILITY_IDS as [CapabilityId, ...CapabilityId[]]);
const onboardingData = z.strictObject({
  columns: z.array(z.strictObject({ id: capabilityId, label: z.string(), short: z.string(), gaps: count, script: z.string() })),
  rows: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      provider: z.enum(['aks', 'arc']),
      resourceGroup: z.string(),
      subscriptionId: z.string(),
      location: z.string(),
      cells: z.array(z.strictObject({ capability: capabilityId, status: z.enum(['ok', 'gap', 'silent', 'n/a', 'unknown']), detail: z.string(), fix: z.string().nullable() })),
      gaps: count,
    }),
  ),
  totals: z.strictObject({ clusters: count, clustersWithGaps: count, gaps: count, silent: count }),
}) satisfies z.ZodType<OnboardingData>;

/** GET /api/onboarding */
export const onboardingResponseSchema = onboardingData.extend({ generatedAt: isoTime, notices: z.array(panelNoticeSchema), queries: z.array(executedQuerySchema) });
export type OnboardingResponse = z.infer<typeof onboardingResponseSchema>;

export const logLineSchema = z.strictObject({
  key: z.string(),
  time: z.string(),
  namespace: z.string(),
  pod: z.string(),
  container: z.string(),
  level: z.string(),
  message: z.string(),
}) satisfies z.ZodType<LogLine>;

/** GET /api/clusters/{cluster}/logs */
export const logsTailResponseSchema = z.strictObject({ lines: z.array(logLineSchema), servedAt: isoTime });
export type LogsTailResponse = z.infer<typeof logsTailResponseSchema>;

const tableColumn = z.strictObject({ header: z.string(), align: z.literal('right').optional(), title: z.string().optional() });
const firedAlert = z.strictObject({
  id: z.string(),
  rule: z.string(),
  severity: z.string(),
  cluster: z.string().nullable(),
  service: z.string(),
  since: z.string(),
  description: z.string(),
  instances: count,
}) satisfies z.ZodType<FiredAlert>;
const num = z.number().nullable();
const tableRows = [
  z.strictObject({
    table: z.literal('nodes'),
    rows: z.array(z.strictObject({ name: z.string(), ready: z.enum(['true', 'false', 'unknown']).nullable(), cpuCores: num, memoryBytes: num, podsRunning: num, podsCapacity: num })),
  }),
  z.strictObject({ table: z.literal('pressure'), summary: z.strictObject({ nodes: count, pressed: z.array(z.strictObject({ node: z.string(), condition: z.string() })) }) }),
  z.strictObject({ table: z.literal('containers'), label: z.string(), rows: z.array(z.strictObject({ namespace: z.string(), pod: z.string(), container: z.string() })) }),
  z.strictObject({ table: z.literal('replicas'), label: z.string(), rows: z.array(z.strictObject({ namespace: z.string(), name: z.string(), desired: z.number(), actual: z.number() })) }),
  z.strictObject({ table: z.literal('restarts'), rows: z.array(z.strictObject({ namespace: z.string(), restarts: z.number() })) }),
  z.strictObject({
    table: z.literal('resources'),
    label: z.string(),
    unit: z.enum(['cores', 'bytes']),
    rows: z.array(z.strictObject({ namespace: z.string(), usage: num, requests: num, limits: num })),
  }),
  z.strictObject({ table: z.literal('events'), rows: z.array(eventRowSchema.strict()) }),
  z.strictObject({ table: z.literal('logs'), lines: z.array(logLineSchema) }),
  z.strictObject({ table: z.literal('alerts'), rows: z.array(firedAlert), at: z.number() }),
] as const;
const tableView = { kind: z.literal('table'), columns: z.array(tableColumn) };
const valueUnit = z.enum(['percent', 'bytes', 'cores', 'count', 'rps', 'seconds']);
const panelView = z.union([
  z.strictObject({
    kind: z.literal('timeseries'),
    unit: valueUnit,
    chart: z.strictObject({ series: z.array(z.strictObject({ key: z.string(), name: z.string() })), rows: z.array(z.record(z.string(), z.number())) }),
    dropped: count,
    series: count,
    span: z.number().nonnegative(),
  }),
  z.strictObject({ kind: z.literal('stat'), unit: valueUnit, value: z.number().nullable() }),
  ...tableRows.map((t) => t.extend(tableView)),
]);

/** GET /api/clusters/{cluster}/panels/{id} */
export const panelResponseSchema = z.strictObject({
  id: z.string(),
  page: z.enum(['summary', 'nodes', 'control-plane', 'workloads', 'applications', 'network']),
  title: z.string(),
  description: z.string().nullable(),
  wide: z.boolean(),
  status: z.enum(['ok', 'empty', 'error', 'unavailable']),
  empty: z.string(),
  unavailable: z.strictObject({ what: z.string(), capability: z.string() }).nullable(),
  view: panelView.nullable(),
  notices: z.array(noticeSchema),
  executed: z.array(executedQuerySchema),
  failures: z.array(queryFailureSchema),
}) satisfies z.ZodType<PanelData>;

/** POST /api/explore/kql */
export const kqlCheckResponseSchema = z.strictObject({
  diagnostics: z.array(
    z.strictObject({ start: z.number().int().nonnegative(), length: z.number().int().nonnegative(), severity: z.enum(['error', 'warning', 'suggestion']), message: z.string() }),
  ),
}) satisfies z.ZodType<{ diagnostics: KqlDiagnostic[] }>;

/** GET /api/health */
export const healthResponseSchema = z.strictObject({ status: z.literal('ok'), time: isoTime });

/** POST /api/auth/session */
export const sessionResponseSchema = z.strictObject({
  user: z.strictObject({ name: z.string(), username: z.string(), roles: z.array(z.string()), expiresAt: z.number().int() }).nullable(),
});

/** /api/explore/prometheus/*: Prometheus's own envelope (the editor's client reads it). */
export const promApiResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('success'), data: z.unknown() }),
  z.strictObject({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);
