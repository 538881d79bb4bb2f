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

/** One node of one cluster: its events and its Container insights inventory. */
export const nodeLogsParams = z.object({ clusterId: selection.clusterId, node: name });
export type NodeLogsParams = z.infer<typeof nodeLogsParams>;

export const NODE_EVENT_LIMIT = 50;

export const nodeEventRowSchema = z.object({
  TimeGenerated: z.string(),
  KubeEventType: z.string(),
  Reason: z.string(),
  Message: z.string(),
  SourceComponent: z.string(),
  Count: z.number().nonnegative(),
  FirstSeen: z.string(),
  LastSeen: z.string(),
});
export type NodeEventRow = z.infer<typeof nodeEventRowSchema>;

export const nodeEvents: LogsQuery<NodeLogsParams, NodeEventRow> = {
  id: 'logs.cluster.node-events',
  kind: 'logs',
  layer: 'L1',
  personas: ['platform-engineer'],
  title: 'Node events',
  description:
    'Events about one node from KubeEvents (Container insights): the kubelet and node controller say why its conditions changed (NodeNotReady, KubeletNotReady, …), newest first.',
  defaultTimespan: 'PT1H',
  params: nodeLogsParams,
  build: (p) =>
    [
      'KubeEvents',
      `| where ClusterId =~ ${kqlString(p.clusterId)}`,
      `| where ObjectKind == "Node" and Name == ${kqlString(p.node)}`,
      '| project TimeGenerated, KubeEventType, Reason, Message, SourceComponent, Count, FirstSeen, LastSeen',
      '| order by LastSeen desc, Reason asc',
      `| take ${NODE_EVENT_LIMIT}`,
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => nodeEventRowSchema.parse(row)),
};

export const nodeInventoryRowSchema = z.object({
  TimeGenerated: z.string(),
  Status: z.string(),
  LastTransitionTimeReady: z.string(),
  KubeletVersion: z.string(),
  OperatingSystem: z.string(),
  DockerVersion: z.string(),
});
export type NodeInventoryRow = z.infer<typeof nodeInventoryRowSchema>;

export const nodeInventory: LogsQuery<NodeLogsParams, NodeInventoryRow> = {
  id: 'logs.cluster.node-inventory',
  kind: 'logs',
  layer: 'L1',
  personas: ['platform-engineer'],
  title: 'Node inventory (Container insights)',
  description:
    "The Container insights agent's latest report of one node (KubeNodeInventory): its Ready status, when Ready last changed, kubelet version, OS image and container runtime. TimeGenerated is when the agent last reported it.",
  defaultTimespan: 'PT1H',
  params: nodeLogsParams,
  build: (p) =>
    [
      'KubeNodeInventory',
      `| where ClusterId =~ ${kqlString(p.clusterId)}`,
      `| where Computer == ${kqlString(p.node)}`,
      '| summarize arg_max(TimeGenerated, *) by Computer',
      '| project TimeGenerated, Status, LastTransitionTimeReady, KubeletVersion, OperatingSystem, DockerVersion',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => nodeInventoryRowSchema.parse(row)),
};

export const CLUSTER_LOGS_QUERIES = [clusterEvents, containerLogs, nodeEvents, nodeInventory] as const;
