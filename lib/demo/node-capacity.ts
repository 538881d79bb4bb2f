import type { DemoCluster, DemoNode } from './fleet-model';
import { podsOf, type DemoPod } from './pods';
import { memAvailableBytes, rootFsAvailBytes } from './signals';

/**
 * What a demo node can hold beyond CPU and memory: its pod budget (max pods) and its OS disk.
 * Derived from the cluster by hash, like the ingress controller, so the fleet's random
 * streams (names, counts, signals) do not move.
 */

export { maxPodsOf, networkPluginOf, type NetworkPlugin } from './pod-budget';

function countByNode(c: DemoCluster, keep: (p: DemoPod) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of podsOf(c)) if (p.node && keep(p)) out.set(p.node.name, (out.get(p.node.name) ?? 0) + 1);
  return out;
}

/** Pods with a running sandbox on each node: kubelet_running_pods (running and crash-looping pods). */
export function runningPodsByNode(c: DemoCluster): Map<string, number> {
  return countByNode(c, (p) => p.state === 'running' || p.state === 'crashLooping');
}

/** Every pod bound to each node, finished ones included: what its kubelet syncs and relists. */
export function podsByNode(c: DemoCluster): Map<string, number> {
  return countByNode(c, () => true);
}

/** OS disk size: AKS' default 128 GiB managed disk, 64 GiB on k3s edge boxes, 100 GiB elsewhere. */
export function osDiskGiB(c: DemoCluster): number {
  if (c.provider === 'aks') return 128;
  return c.distribution === 'k3s' ? 64 : 100;
}

const BLOCK = 4096;

/** node_filesystem_size_bytes of the root filesystem: the disk less ext4's metadata, in whole blocks. */
export function rootFsSizeBytes(c: DemoCluster): number {
  return Math.floor((osDiskGiB(c) * 1024 ** 3 * 0.984) / BLOCK) * BLOCK;
}

/** The EFI system partition next to it (vfat, 106 MiB, almost static). */
export const EFI_SIZE_BYTES = 106 * 1024 ** 2;
export const EFI_AVAIL_BYTES = 100 * 1024 ** 2;

/**
 * The kubelet's default hard eviction thresholds (memory.available<100Mi, nodefs.available<10%):
 * below them it reports MemoryPressure or DiskPressure and starts evicting pods.
 * https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/#hard-eviction-thresholds
 */
export const EVICTION_HARD = { memoryAvailableBytes: 100 * 1024 ** 2, nodefsAvailable: 0.1 } as const;

export const PRESSURE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;
export type PressureCondition = (typeof PRESSURE_CONDITIONS)[number];

/**
 * A node's pressure conditions at the sample time t, as kube-state-metrics reports them. A node
 * whose kubelet stopped posting status (Ready unknown) has every condition Unknown, as the node
 * lifecycle controller sets them; no demo process leaks PIDs.
 */
export function nodePressure(
  c: DemoCluster,
  n: DemoNode,
  t: number,
): Record<PressureCondition, 'true' | 'false' | 'unknown'> {
  if (n.ready === 'unknown') return { MemoryPressure: 'unknown', DiskPressure: 'unknown', PIDPressure: 'unknown' };
  const size = rootFsSizeBytes(c);
  return {
    MemoryPressure: memAvailableBytes(n, t) < EVICTION_HARD.memoryAvailableBytes ? 'true' : 'false',
    DiskPressure: rootFsAvailBytes(n, size, t) < EVICTION_HARD.nodefsAvailable * size ? 'true' : 'false',
    PIDPressure: 'false',
  };
}
