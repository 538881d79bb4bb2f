import type { VmSize } from './vm-sizes';

/**
 * Node-size advice by simulation: pack a pool's pod requests onto nodes of a candidate
 * size with first-fit decreasing over two dimensions (CPU, memory), DaemonSet pods taking
 * their share on every node. Requests, not usage, decide where the scheduler can place pods.
 */

export interface PodShape {
  cpuCores: number;
  memoryGiB: number;
  count: number;
  /** DaemonSet pods run once on every node, whatever the node count. */
  daemon: boolean;
}

export interface PackOptions {
  /** Fraction of each node kept free as headroom while packing (0.2 packs to 80 %). */
  headroom: number;
  /** Never fewer nodes than this (a pool keeps at least one node). */
  minNodes: number;
}

export interface PackResult {
  size: VmSize;
  /** Nodes needed; null when some pod does not fit on one node of this size. */
  nodes: number | null;
  /** Requested share of the allocatable CPU and memory after packing (DaemonSets included). */
  cpuRequestedShare: number | null;
  memoryRequestedShare: number | null;
}

export function packPods(pods: readonly PodShape[], size: VmSize, options: PackOptions): PackResult {
  const capCpu = size.vcpus * (1 - options.headroom);
  const capMem = size.memoryGiB * (1 - options.headroom);
  const daemonCpu = pods.filter((p) => p.daemon).reduce((s, p) => s + p.cpuCores, 0);
  const daemonMem = pods.filter((p) => p.daemon).reduce((s, p) => s + p.memoryGiB, 0);
  const freeCpu = capCpu - daemonCpu;
  const freeMem = capMem - daemonMem;
  const items: Array<{ cpu: number; mem: number }> = [];
  for (const p of pods)
    if (!p.daemon) for (let i = 0; i < p.count; i++) items.push({ cpu: p.cpuCores, mem: p.memoryGiB });
  const eps = 1e-9;
  if (freeCpu < -eps || freeMem < -eps || items.some((i) => i.cpu > freeCpu + eps || i.mem > freeMem + eps)) {
    return { size, nodes: null, cpuRequestedShare: null, memoryRequestedShare: null };
  }
  // Largest first by the dimension it strains most; ties by the other, so the order is stable.
  const weight = (i: { cpu: number; mem: number }): number =>
    Math.max(freeCpu > 0 ? i.cpu / freeCpu : 0, freeMem > 0 ? i.mem / freeMem : 0);
  items.sort((a, b) => weight(b) - weight(a) || b.cpu - a.cpu || b.mem - a.mem);
  const bins: Array<{ cpu: number; mem: number }> = [];
  for (const item of items) {
    const bin = bins.find((b) => b.cpu + item.cpu <= freeCpu + eps && b.mem + item.mem <= freeMem + eps);
    if (bin) {
      bin.cpu += item.cpu;
      bin.mem += item.mem;
    } else bins.push({ cpu: item.cpu, mem: item.mem });
  }
  const nodes = Math.max(options.minNodes, bins.length);
  const podCpu = items.reduce((s, i) => s + i.cpu, 0);
  const podMem = items.reduce((s, i) => s + i.mem, 0);
  return {
    size,
    nodes,
    cpuRequestedShare: nodes === 0 ? 0 : (podCpu + daemonCpu * nodes) / (size.vcpus * nodes),
    memoryRequestedShare: nodes === 0 ? 0 : (podMem + daemonMem * nodes) / (size.memoryGiB * nodes),
  };
}
