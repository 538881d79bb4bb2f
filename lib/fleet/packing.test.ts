import { describe, expect, it } from 'vitest';
import { packPods, type PodShape } from './packing';
import type { VmSize } from './vm-sizes';

const vm = (name: string, vcpus: number, memoryGiB: number): VmSize => ({
  name,
  vcpus,
  memoryGiB,
  gpus: 0,
  family: 'test',
});
const D2 = vm('D2', 2, 8);
const D4 = vm('D4', 4, 16);
const D8 = vm('D8', 8, 32);
const E8 = vm('E8', 8, 64);
const exact = { headroom: 0, minNodes: 1 };
const pods = (cpuCores: number, memoryGiB: number, count: number, daemon = false): PodShape => ({
  cpuCores,
  memoryGiB,
  count,
  daemon,
});

describe('packPods (hand-checked)', () => {
  it('four 1-CPU pods fill one 4-vCPU node, or two 2-vCPU nodes', () => {
    expect(packPods([pods(1, 2, 4)], D4, exact).nodes).toBe(1);
    expect(packPods([pods(1, 2, 4)], D2, exact).nodes).toBe(2);
    expect(packPods([pods(1, 2, 4)], D4, exact).cpuRequestedShare).toBe(1);
  });

  it('memory decides when pods are memory-heavy: 3 × 12 GiB fit one E8 (64 GiB) but need two D8 (32 GiB)', () => {
    expect(packPods([pods(1, 12, 3)], E8, exact).nodes).toBe(1);
    expect(packPods([pods(1, 12, 3)], D8, exact).nodes).toBe(2);
  });

  it('DaemonSets cost a share of every node, which favours fewer, larger nodes', () => {
    // 0.5 CPU of DaemonSets per node; six 1-CPU pods. D2 leaves 1.5 → 1 pod/node → 6 nodes;
    // D4 leaves 3.5 → 3 pods/node → 2 nodes; D8 leaves 7.5 → all 6 on 1 node.
    const shape = [pods(0.5, 0.25, 1, true), pods(1, 1, 6)];
    expect(packPods(shape, D2, exact).nodes).toBe(6);
    expect(packPods(shape, D4, exact).nodes).toBe(2);
    expect(packPods(shape, D8, exact).nodes).toBe(1);
    // D4: (6 + 0.5 × 2) / 8 requested.
    expect(packPods(shape, D4, exact).cpuRequestedShare).toBeCloseTo(7 / 8, 12);
  });

  it('first-fit decreasing pairs large with small: 0.6, 0.6, 0.4, 0.4 CPU on 1-CPU nodes → 2 nodes', () => {
    const one = vm('one', 1, 100);
    expect(packPods([pods(0.4, 1, 2), pods(0.6, 1, 2)], one, exact).nodes).toBe(2);
  });

  it('headroom packs to a fraction of the node', () => {
    // 80 % of 4 vCPU = 3.2: three 1-CPU pods per node → 4 pods need 2 nodes.
    expect(packPods([pods(1, 1, 4)], D4, { headroom: 0.2, minNodes: 1 }).nodes).toBe(2);
  });

  it('says when a pod cannot fit a size at all', () => {
    expect(packPods([pods(3, 1, 1)], D2, exact)).toMatchObject({ nodes: null, cpuRequestedShare: null });
    expect(packPods([pods(0.1, 1, 1), pods(2, 1, 1, true)], D2, exact).nodes).toBeNull();
  });

  it('an empty pool keeps its minimum', () => {
    expect(packPods([], D4, { headroom: 0, minNodes: 1 }).nodes).toBe(1);
    expect(packPods([], D4, { headroom: 0, minNodes: 0 })).toMatchObject({ nodes: 0, cpuRequestedShare: 0 });
  });
});
