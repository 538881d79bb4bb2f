import { z } from 'zod';
import { eventRowSchema } from '../catalog/queries/cluster-logs';
import type { FiredAlert } from '../fleet/alerts';
import type { LogLine } from '../fleet/cluster/logs';
import type { NodeCondition, NodeDetails, ReadyChange } from '../fleet/cluster/node-details';
import type { PanelData } from '../fleet/cluster/panels/types';
import { count, executedQuerySchema, isoTime, noticeSchema, queryFailureSchema } from './common-schemas';

/** The cluster pages' answers: one panel as JSON, and the live tail. */

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

const tableColumn = z.strictObject({
  header: z.string(),
  align: z.literal('right').optional(),
  title: z.string().optional(),
});
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
const conditionStatus = z.enum(['true', 'false', 'unknown']);
const nodeCondition = z.strictObject({
  condition: z.string(),
  status: conditionStatus,
}) satisfies z.ZodType<NodeCondition>;
const readyChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('changed'), at: z.number(), from: conditionStatus, to: conditionStatus }),
  z.strictObject({ kind: z.literal('steady'), since: z.number(), status: conditionStatus }),
  z.strictObject({ kind: z.literal('none') }),
]) satisfies z.ZodType<ReadyChange>;
const nodeInsights = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('ok'),
    inventory: z
      .strictObject({
        lastReport: z.string(),
        status: z.string(),
        lastTransitionReady: z.string(),
        kubeletVersion: z.string(),
        osImage: z.string(),
        containerRuntime: z.string(),
      })
      .nullable(),
    events: z
      .array(
        z.strictObject({
          type: z.string(),
          reason: z.string(),
          message: z.string(),
          source: z.string(),
          count: z.number(),
          firstSeen: z.string(),
          lastSeen: z.string(),
        }),
      )
      .nullable(),
  }),
  z.strictObject({ status: z.literal('unavailable'), reason: z.string() }),
  z.strictObject({ status: z.literal('error') }),
]);
const nodeDetails = z.strictObject({
  node: z.string(),
  known: z.boolean(),
  pool: z.string().nullable(),
  info: z
    .strictObject({
      kubeletVersion: z.string(),
      osImage: z.string(),
      kernel: z.string(),
      containerRuntime: z.string(),
    })
    .nullable(),
  conditions: z.array(nodeCondition).nullable(),
  ready: conditionStatus.nullable(),
  trouble: z.array(nodeCondition),
  readyChange: readyChange.nullable(),
  taints: z.array(z.strictObject({ key: z.string(), value: z.string(), effect: z.string() })).nullable(),
  unschedulable: z.boolean().nullable(),
  lastScrape: z.array(z.strictObject({ exporter: z.string(), at: z.number().nullable() })).nullable(),
  insights: nodeInsights,
  range: z.strictObject({ start: z.number(), end: z.number() }),
}) satisfies z.ZodType<NodeDetails>;
const tableRows = [
  z.strictObject({
    table: z.literal('nodes'),
    rows: z.array(
      z.strictObject({
        name: z.string(),
        ready: z.enum(['true', 'false', 'unknown']).nullable(),
        cpuCores: num,
        memoryBytes: num,
        podsRunning: num,
        podsCapacity: num,
        pool: z.string().nullable(),
        trouble: z.array(nodeCondition),
        readyChange: readyChange.nullable(),
      }),
    ),
  }),
  z.strictObject({ table: z.literal('node-details'), details: nodeDetails.nullable() }),
  z.strictObject({
    table: z.literal('pressure'),
    summary: z.strictObject({
      nodes: count,
      pressed: z.array(z.strictObject({ node: z.string(), condition: z.string() })),
    }),
  }),
  z.strictObject({
    table: z.literal('containers'),
    label: z.string(),
    rows: z.array(z.strictObject({ namespace: z.string(), pod: z.string(), container: z.string() })),
  }),
  z.strictObject({
    table: z.literal('replicas'),
    label: z.string(),
    rows: z.array(z.strictObject({ namespace: z.string(), name: z.string(), desired: z.number(), actual: z.number() })),
  }),
  z.strictObject({
    table: z.literal('restarts'),
    rows: z.array(z.strictObject({ namespace: z.string(), restarts: z.number() })),
  }),
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
    chart: z.strictObject({
      series: z.array(
        z.strictObject({
          key: z.string(),
          name: z.string(),
          color: z.string(),
          dash: z.string(),
          highlight: z.boolean(),
          value: num,
        }),
      ),
      rows: z.array(z.record(z.string(), z.number())),
    }),
    rank: z.strictObject({
      keep: z.enum(['highest', 'lowest']),
      measure: z.enum(['peak', 'latest']),
      what: z.string(),
      word: z.enum(['worst', 'busiest']).optional(),
    }),
    dropped: count,
    hidden: z.array(z.strictObject({ name: z.string(), value: num, highlight: z.boolean() })),
    highlight: z.string().nullable(),
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
