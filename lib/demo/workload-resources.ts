import type { DemoCluster, DemoWorkload } from './fleet-model';
import { hash32 } from './random';

/**
 * Limits and last termination reasons of the demo's containers, derived from the workload by
 * hash (like the apps' request rates) so the fleet's random streams do not move. Every
 * container sets a memory limit at or above its request; about half set a CPU limit. The
 * working set (signals.ts, 50–70 % of the request) therefore stays under every memory limit,
 * and the containers that the OOM killer stops are the crash-looping ones whose limit equals
 * their request.
 */

export type CrashReason = 'OOMKilled' | 'Error';

/**
 * Why a crash-looping workload's containers last terminated: every second crash-looping
 * workload of a cluster (in the cluster's workload order) runs out of memory, the others exit
 * on an error (the "connection refused" of their logs). Null for workloads that do not crash.
 */
export function crashReason(c: DemoCluster, w: DemoWorkload): CrashReason | null {
  if (w.crashLooping === 0) return null;
  const index = c.workloads.filter((x) => x.crashLooping > 0).indexOf(w);
  return index % 2 === 1 ? 'OOMKilled' : 'Error';
}

const MEMORY_LIMIT_FACTORS = [1, 1.5, 2] as const;

/** resources.limits.memory: the request (Guaranteed), 1.5× or 2×; OOM-killed workloads sit at their request. */
export function memoryLimitBytes(c: DemoCluster, w: DemoWorkload): number {
  if (crashReason(c, w) === 'OOMKilled') return w.memoryRequestBytes;
  const factor =
    MEMORY_LIMIT_FACTORS[hash32(`${w.namespace}/${w.name}/memory-limit`) % MEMORY_LIMIT_FACTORS.length] ?? 1;
  return Math.round(w.memoryRequestBytes * factor);
}

/** resources.limits.cpu: twice the request for about half the workloads, none for the rest. */
export function cpuLimitCores(w: DemoWorkload): number | null {
  return hash32(`${w.namespace}/${w.name}/cpu-limit`) % 2 === 0 ? null : Math.round(w.cpuRequestCores * 200) / 100;
}
