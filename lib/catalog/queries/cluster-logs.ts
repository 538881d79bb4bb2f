import { z } from 'zod';
import type { LogsQuery } from '../types';
import { logsRows } from '../wire';
import { kqlString } from '../escape';

/**
 * Log Analytics queries of the cluster pages: Kubernetes events (KubeEvents) and container
 * logs (ContainerLogV2) of one cluster. Every user value — cluster id, namespace, workload,
 * search text, the tail's cursor — reaches the text through kqlString.
 * Schemas: ../shared/reference/la-tables/.
 */

const name = z.string().min(1).max(253);
/** What the URL may select; the same for events and logs. */
const selection = {
  clusterId: z.string().min(1).max(1024),
  namespace: name.optional(),
  workload: name.optional(),
};

export const clusterEventsParams = z.object(selection);
export type ClusterEventsParams = z.infer<typeof clusterEventsParams>;

export const eventRowSchema = z.object({
  TimeGenerated: z.string(),
  KubeEventType: z.string(),
  Namespace: z.string(),
  ObjectKind: z.string(),
  Name: z.string(),
  Reason: z.string(),
  Message: z.string(),
  Count: z.number().nonnegative(),
  LastSeen: z.string(),
});
export type ClusterEventRow = z.infer<typeof eventRowSchema>;

export const clusterEvents: LogsQuery<ClusterEventsParams, ClusterEventRow> = {
  id: 'logs.cluster.events',
  kind: 'logs',
  layer: 'L3',
  personas: ['platform-engineer', 'developer'],
  title: 'Kubernetes events',
  description:
    'Events of the cluster from KubeEvents (Container insights), newest first, for the selected namespace and workload.',
  defaultTimespan: 'PT1H',
  params: clusterEventsParams,
  build: (p) =>
    [
      'KubeEvents',
      `| where ClusterId =~ ${kqlString(p.clusterId)}`,
      ...(p.namespace ? [`| where Namespace == ${kqlString(p.namespace)}`] : []),
      // Events name the object (a pod, a job); pods of a workload carry its name as a prefix.
      ...(p.workload ? [`| where Name startswith ${kqlString(p.workload)}`] : []),
      '| project TimeGenerated, KubeEventType, Namespace, ObjectKind, Name, Reason, Message, Count, LastSeen',
      '| order by LastSeen desc, Name asc',
      '| take 200',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => eventRowSchema.parse(row)),
};

export const LOG_LIMIT = 200;

export const containerLogsParams = z.object({
  ...selection,
  /** Case-insensitive substring of the log message. */
  search: z
    .string()
    .max(200)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters')
    .optional(),
  /** The live tail's cursor: only lines after this instant (ISO-8601). */
  after: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(1000).default(LOG_LIMIT),
});
export type ContainerLogsParams = z.infer<typeof containerLogsParams>;

const logRowSchema = z.object({
  TimeGenerated: z.string(),
  PodNamespace: z.string(),
  PodName: z.string(),
  ContainerName: z.string(),
  LogLevel: z.string(),
  LogSource: z.string(),
  // dynamic columns arrive as JSON text on the wire
  LogMessage: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .transform((m) => (typeof m === 'string' ? m : JSON.stringify(m))),
});
export type ContainerLogRow = z.infer<typeof logRowSchema>;

export const containerLogs: LogsQuery<ContainerLogsParams, ContainerLogRow> = {
  id: 'logs.cluster.container-logs',
  kind: 'logs',
  layer: 'L3',
  personas: ['platform-engineer', 'developer'],
  title: 'Container logs',
  description:
    'The newest lines from ContainerLogV2 for the selection, optionally matching a search text; the live tail asks for lines after the last one it has.',
  defaultTimespan: 'PT1H',
  params: containerLogsParams,
  build: (p) =>
    [
      'ContainerLogV2',
      `| where _ResourceId =~ ${kqlString(p.clusterId)}`,
      ...(p.after ? [`| where TimeGenerated > todatetime(${kqlString(p.after)})`] : []),
      ...(p.namespace ? [`| where PodNamespace == ${kqlString(p.namespace)}`] : []),
      ...(p.workload ? [`| where ContainerName == ${kqlString(p.workload)}`] : []),
      ...(p.search ? [`| where tostring(LogMessage) contains ${kqlString(p.search)}`] : []),
      '| project TimeGenerated, PodNamespace, PodName, ContainerName, LogLevel, LogSource, LogMessage',
      '| order by TimeGenerated desc, PodName asc',
      `| take ${p.limit}`,
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => logRowSchema.parse(row)),
};

export const CLUSTER_LOGS_QUERIES = [clusterEvents, containerLogs] as const;
