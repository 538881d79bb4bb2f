import { z } from 'zod';
import type { LogsQuery } from '../types';
import { logsRows } from '../wire';
import { kqlString, kqlStringList } from '../escape';

/**
 * Cost inputs from Container insights (../shared/reference/la-tables/): node pools with
 * their instance types, and running pods' requests and usage grouped by cluster, pool,
 * namespace, team label and request shape. One aggregated query each for the whole
 * fleet; the shapes feed both allocation and the node-size packing simulation.
 */

const PERSONAS = ['fleet-architect', 'platform-engineer'] as const;
const count = z.number().int().nonnegative();
const num = z.number().finite().nonnegative();

const costScope = z.object({
  clusterIds: z.array(z.string().min(1).max(1024)).max(1000).optional(),
});
type CostScope = z.infer<typeof costScope>;

const scoped = (p: CostScope): string[] =>
  p.clusterIds?.length ? [`| where ClusterId in~ ${kqlStringList(p.clusterIds)}`] : [];

// The pool a node belongs to, whichever platform labelled it. coalesce() takes one type: the
// labels are made strings first (an absent one is "", which coalesce skips), then "default".
const POOL_EXPR =
  'coalesce(tostring(labels["kubernetes.azure.com/agentpool"]), tostring(labels["agentpool"]), tostring(labels["eks.amazonaws.com/nodegroup"]), tostring(labels["cloud.google.com/gke-nodepool"]), "default")';

const nodePoolRowSchema = z.object({
  ClusterId: z.string(),
  Pool: z.string(),
  InstanceType: z.string(),
  Nodes: count,
  /** Cores and memory of the pool's nodes (Perf K8SNode capacity), over the nodes that reported them. */
  CpuCores: num.nullish().transform((v) => v ?? null),
  MemoryGiB: num.nullish().transform((v) => v ?? null),
  NodesWithCapacity: count.nullish().transform((v) => v ?? 0),
});
export type CostNodePoolRow = z.infer<typeof nodePoolRowSchema>;

export const costNodePools: LogsQuery<CostScope, CostNodePoolRow> = {
  id: 'logs.cost-node-pools',
  kind: 'logs',
  layer: 'cost',
  personas: PERSONAS,
  title: 'Nodes by pool and instance type',
  description:
    "Each cluster's nodes from the latest KubeNodeInventory record per node, counted by pool and VM size (node.kubernetes.io/instance-type), with their cores and memory (Perf K8SNode capacity) to price machines that have no Azure size.",
  defaultTimespan: 'PT30M',
  params: costScope,
  build: (p) =>
    [
      'let capacity = Perf',
      '    | where ObjectName == "K8SNode" and CounterName in ("cpuCapacityNanoCores", "memoryCapacityBytes")',
      '    | summarize arg_max(TimeGenerated, CounterValue) by InstanceName, CounterName',
      // A K8SNode InstanceName is {cluster resource id}/{node name}; ids differ in case between tables.
      '    | summarize NodeCores = maxif(CounterValue, CounterName == "cpuCapacityNanoCores") / 1e9,',
      '        NodeMemoryBytes = maxif(CounterValue, CounterName == "memoryCapacityBytes") by InstanceName = tolower(InstanceName);',
      'KubeNodeInventory',
      ...scoped(p),
      '| summarize arg_max(TimeGenerated, Labels) by ClusterId = tolower(ClusterId), Computer',
      '| extend labels = parse_json(Labels)[0]',
      `| extend Pool = ${POOL_EXPR}, InstanceType = tostring(labels["node.kubernetes.io/instance-type"])`,
      '| extend InstanceName = tolower(strcat(ClusterId, "/", Computer))',
      '| join kind=leftouter capacity on InstanceName',
      '| summarize Nodes = count(), CpuCores = sum(NodeCores), MemoryGiB = sum(NodeMemoryBytes) / 1073741824,',
      '    NodesWithCapacity = countif(isnotnull(NodeCores) and isnotnull(NodeMemoryBytes)) by ClusterId, Pool, InstanceType',
      '| order by ClusterId asc, Pool asc',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => nodePoolRowSchema.parse(row)),
};

const costPodsParams = costScope.extend({
  /** The pod label that names the owning team (FLEETWATCH_COST_TEAM_LABEL). */
  teamLabel: z
    .string()
    .regex(/^[A-Za-z0-9_./-]{1,63}$/)
    .default('team'),
});
type CostPodsParams = z.infer<typeof costPodsParams>;

const podShapeRowSchema = z.object({
  ClusterId: z.string(),
  Pool: z.string(),
  Namespace: z.string(),
  Team: z.string(),
  ControllerKind: z.string(),
  CpuRequestCores: num,
  MemoryRequestBytes: num,
  Pods: count,
  CpuUsageCores: num,
  MemoryUsageBytes: num,
  CpuAllocatedCores: num,
  MemoryAllocatedBytes: num,
});
export type CostPodShapeRow = z.infer<typeof podShapeRowSchema>;

export const costPodShapes: LogsQuery<CostPodsParams, CostPodShapeRow> = {
  id: 'logs.cost-pod-shapes',
  kind: 'logs',
  layer: 'cost',
  personas: PERSONAS,
  title: 'Running pods: requests, usage and allocation',
  description:
    'Running pods grouped by cluster, node pool, namespace, team label and request shape: average CPU and memory requested and used over the window, and allocated as max(request, usage) per container, the way OpenCost allocates.',
  defaultTimespan: 'PT1H',
  params: costPodsParams,
  build: (p) =>
    [
      'let nodes = KubeNodeInventory',
      ...scoped(p).map((l) => `    ${l}`),
      '    | summarize arg_max(TimeGenerated, Labels) by ClusterId, Computer',
      '    | extend labels = parse_json(Labels)[0]',
      `    | project ClusterId, Computer, Pool = ${POOL_EXPR};`,
      'let pods = KubePodInventory',
      ...scoped(p).map((l) => `    ${l}`),
      '    | where PodStatus == "Running"',
      '    | summarize arg_max(TimeGenerated, Namespace, Computer, ControllerKind, PodLabel) by ClusterId, PodUid',
      `    | extend Team = tostring(parse_json(PodLabel)[0][${kqlString(p.teamLabel)}])`,
      '    | project ClusterId, PodUid, Namespace, Computer, ControllerKind, Team;',
      'Perf',
      '| where ObjectName == "K8SContainer"',
      '| where CounterName in ("cpuRequestNanoCores", "cpuUsageNanoCores", "memoryRequestBytes", "memoryWorkingSetBytes")',
      // InstanceName is {cluster resource id}/{pod uid}/{container}.
      '| extend PodUid = extract(@"/([^/]+)/[^/]+$", 1, InstanceName)',
      '| summarize CpuReq = avgif(CounterValue, CounterName == "cpuRequestNanoCores") / 1e9,',
      '    CpuUse = avgif(CounterValue, CounterName == "cpuUsageNanoCores") / 1e9,',
      '    MemReq = avgif(CounterValue, CounterName == "memoryRequestBytes"),',
      '    MemUse = avgif(CounterValue, CounterName == "memoryWorkingSetBytes") by PodUid, InstanceName',
      '| summarize CpuRequestCores = sum(CpuReq), CpuUsageCores = sum(CpuUse), MemoryRequestBytes = sum(MemReq), MemoryUsageBytes = sum(MemUse),',
      '    CpuAllocatedCores = sum(max_of(CpuReq, CpuUse)), MemoryAllocatedBytes = sum(max_of(MemReq, MemUse)) by PodUid',
      '| join kind=inner pods on PodUid',
      '| join kind=leftouter nodes on ClusterId, Computer',
      '| summarize Pods = count(), CpuUsageCores = sum(CpuUsageCores), MemoryUsageBytes = sum(MemoryUsageBytes),',
      '    CpuAllocatedCores = sum(CpuAllocatedCores), MemoryAllocatedBytes = sum(MemoryAllocatedBytes)',
      '    by ClusterId = tolower(ClusterId), Pool = coalesce(Pool, "default"), Namespace, Team, ControllerKind, CpuRequestCores, MemoryRequestBytes',
      '| order by ClusterId asc, Pool asc, Namespace asc',
    ].join('\n'),
  parse: (wire) => logsRows(wire).map((row) => podShapeRowSchema.parse(row)),
};

export const COST_QUERIES = [costNodePools, costPodShapes] as const;
