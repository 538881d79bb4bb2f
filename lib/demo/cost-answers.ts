import type { QueryRequest } from '../catalog/types';
import type { LogsResponse } from '../catalog/wire';
import { costNodePools, costPodShapes } from '../catalog/queries/cost';
import type { DemoCluster, DemoFleet } from './fleet-model';
import { podsOf } from './pods';
import { containerCpuSeconds, containerWorkingSetBytes } from './signals';

/**
 * Demo answers for the cost queries (queries/cost.ts), computed from the model the way the
 * KQL reads: only clusters with Container insights report to Log Analytics; usage is the
 * average over the window (CPU from the counter's increase, memory sampled at the end).
 */

function logsAnswer(columns: [string, string][], rows: unknown[][]): LogsResponse {
  return { tables: [{ name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows }] };
}

function inScope(request: QueryRequest): (c: DemoCluster) => boolean {
  const ids = (request.params as { clusterIds?: string[] }).clusterIds;
  if (!ids?.length) return () => true;
  const set = new Set(ids.map((id) => id.toLowerCase()));
  return (c) => set.has(c.id.toLowerCase());
}

export function answerCostLogs(
  fleet: DemoFleet,
  request: QueryRequest,
  at: number,
  lookback: number,
): LogsResponse | null {
  const scope = inScope(request);
  const clusters = fleet.clusters.filter((c) => c.monitoring.containerInsights && scope(c));
  if (request.query.id === costNodePools.id) {
    const rows: unknown[][] = [];
    for (const c of clusters) {
      for (const pool of c.nodePools) {
        const nodes = c.nodes.filter((n) => n.pool === pool.name && n.bootTime <= at);
        // Perf K8SNode capacity: every node reports its cores and memory.
        const cores = nodes.reduce((s, n) => s + n.vcpus, 0);
        const gib = nodes.reduce((s, n) => s + n.memoryBytes, 0) / 1024 ** 3;
        if (nodes.length > 0)
          rows.push([c.id.toLowerCase(), pool.name, pool.vm.name, nodes.length, cores, gib, nodes.length]);
      }
    }
    rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
    return logsAnswer(
      [
        ['ClusterId', 'string'],
        ['Pool', 'string'],
        ['InstanceType', 'string'],
        ['Nodes', 'long'],
        ['CpuCores', 'real'],
        ['MemoryGiB', 'real'],
        ['NodesWithCapacity', 'long'],
      ],
      rows,
    );
  }
  if (request.query.id === costPodShapes.id) {
    const groups = new Map<
      string,
      { key: unknown[]; pods: number; cpuUse: number; memUse: number; cpuAlloc: number; memAlloc: number }
    >();
    const from = at - lookback;
    // Pods carry the label "team"; any other key is absent, so Team is empty, as in the KQL.
    const teamLabel = (request.params as { teamLabel?: string }).teamLabel ?? 'team';
    for (const c of clusters) {
      for (const p of podsOf(c)) {
        if (p.state !== 'running' && p.state !== 'crashLooping') continue;
        if (!p.node) continue;
        const w = p.workload;
        // Crash-looping containers barely run: their usage is taken as zero.
        const cpu =
          p.state === 'running'
            ? (containerCpuSeconds(w.cpuRequestCores, p.phase, p.started, at) -
                containerCpuSeconds(w.cpuRequestCores, p.phase, p.started, from)) /
              lookback
            : 0;
        const mem = p.state === 'running' ? containerWorkingSetBytes(w.memoryRequestBytes, p.phase, at) : 0;
        const key = [
          c.id.toLowerCase(),
          p.node.pool,
          p.namespace,
          teamLabel === 'team' ? w.team : '',
          w.kind === 'Deployment' ? 'ReplicaSet' : w.kind,
          w.cpuRequestCores,
          w.memoryRequestBytes,
        ];
        const k = JSON.stringify(key);
        const g = groups.get(k) ?? { key, pods: 0, cpuUse: 0, memUse: 0, cpuAlloc: 0, memAlloc: 0 };
        g.pods += 1;
        g.cpuUse += cpu;
        g.memUse += mem;
        g.cpuAlloc += Math.max(w.cpuRequestCores, cpu);
        g.memAlloc += Math.max(w.memoryRequestBytes, mem);
        groups.set(k, g);
      }
    }
    const rows = [...groups.values()].map((g) => [...g.key, g.pods, g.cpuUse, g.memUse, g.cpuAlloc, g.memAlloc]);
    rows.sort(
      (a, b) =>
        String(a[0]).localeCompare(String(b[0])) ||
        String(a[1]).localeCompare(String(b[1])) ||
        String(a[2]).localeCompare(String(b[2])),
    );
    return logsAnswer(
      [
        ['ClusterId', 'string'],
        ['Pool', 'string'],
        ['Namespace', 'string'],
        ['Team', 'string'],
        ['ControllerKind', 'string'],
        ['CpuRequestCores', 'real'],
        ['MemoryRequestBytes', 'real'],
        ['Pods', 'long'],
        ['CpuUsageCores', 'real'],
        ['MemoryUsageBytes', 'real'],
        ['CpuAllocatedCores', 'real'],
        ['MemoryAllocatedBytes', 'real'],
      ],
      rows,
    );
  }
  return null;
}
