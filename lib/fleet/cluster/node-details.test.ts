import { describe, expect, it } from 'vitest';
import type { NodeEventRow, NodeInventoryRow } from '../../catalog/queries/cluster-logs';
import type { SampleRow, SeriesRow } from '../../catalog/queries/cluster-prom/query-kit';
import {
  buildNodeDetails,
  conditionsByNode,
  formatAge,
  formatUtc,
  nodeVerdict,
  poolOf,
  readyChanges,
  troubleOf,
  withTriage,
  type NodeDetailAnswers,
} from './node-details';

const sample = (labels: Record<string, string>, value = 1): SampleRow => ({ labels, value });
const series = (labels: Record<string, string>, times: number[]): SeriesRow => ({
  labels,
  points: times.map((t) => [t, 1]),
});
const RANGE = { start: 1_000, end: 1_000 + 6 * 3600 };

describe('node triage builders', () => {
  it('read the pool from the AKS label first, then agentpool, else none', () => {
    expect(poolOf({ label_kubernetes_azure_com_agentpool: 'user1', label_agentpool: 'old' })).toBe('user1');
    expect(poolOf({ label_agentpool: 'nodepool1' })).toBe('nodepool1');
    expect(poolOf({ node: 'n1' })).toBeNull();
  });

  it('keep the status each condition reports (value 1), Ready first, and name the ones in trouble', () => {
    const byNode = conditionsByNode([
      sample({ node: 'n1', condition: 'MemoryPressure', status: 'false' }),
      sample({ node: 'n1', condition: 'DiskPressure', status: 'true' }),
      sample({ node: 'n1', condition: 'Ready', status: 'unknown' }),
      sample({ node: 'n1', condition: 'PIDPressure', status: 'true' }, 0),
      sample({ node: 'n2', condition: 'Ready', status: 'true' }),
      sample({ node: 'n2', condition: 'NetworkUnavailable', status: 'unknown' }),
    ]);
    expect(byNode.get('n1')).toEqual([
      { condition: 'Ready', status: 'unknown' },
      { condition: 'DiskPressure', status: 'true' },
      { condition: 'MemoryPressure', status: 'false' },
    ]);
    expect(troubleOf(byNode.get('n1') ?? [])).toEqual([
      { condition: 'Ready', status: 'unknown' },
      { condition: 'DiskPressure', status: 'true' },
    ]);
    expect(troubleOf(byNode.get('n2') ?? [])).toEqual([{ condition: 'NetworkUnavailable', status: 'unknown' }]);
  });

  it('find the latest change of Ready over the range, or say it held throughout', () => {
    const changes = readyChanges([
      // n1: Ready, then False at 400, Unknown at 700 (the latest change).
      series({ node: 'n1', status: 'true' }, [100, 200, 300]),
      series({ node: 'n1', status: 'false' }, [400, 500, 600]),
      series({ node: 'n1', status: 'unknown' }, [700, 800]),
      // n2: False at every sample, a gap in the middle is not a change.
      series({ node: 'n2', status: 'false' }, [100, 200, 500]),
      // n3 recovered.
      series({ node: 'n3', status: 'false' }, [100]),
      series({ node: 'n3', status: 'true' }, [200, 300]),
    ]);
    expect(changes.get('n1')).toEqual({ kind: 'changed', at: 700, from: 'false', to: 'unknown' });
    expect(changes.get('n2')).toEqual({ kind: 'steady', since: 100, status: 'false' });
    expect(changes.get('n3')).toEqual({ kind: 'changed', at: 200, from: 'false', to: 'true' });
    expect(changes.get('n4')).toBeUndefined();
  });

  it('add pool, trouble and the Ready change to the table rows; a failed query leaves its part empty', () => {
    const base = [
      { name: 'n1', ready: 'false' as const, cpuCores: 4, memoryBytes: 1, podsRunning: 0, podsCapacity: 30 },
      { name: 'n2', ready: 'true' as const, cpuCores: 4, memoryBytes: 1, podsRunning: 9, podsCapacity: 30 },
    ];
    const rows = withTriage(
      base,
      [sample({ node: 'n1', label_kubernetes_azure_com_agentpool: 'user1' })],
      [sample({ node: 'n1', condition: 'Ready', status: 'false' })],
      [series({ node: 'n1', status: 'false' }, [100, 200])],
    );
    expect(rows[0]).toMatchObject({
      name: 'n1',
      pool: 'user1',
      trouble: [{ condition: 'Ready', status: 'false' }],
      readyChange: { kind: 'steady', since: 100, status: 'false' },
    });
    expect(rows[1]).toMatchObject({ name: 'n2', pool: null, trouble: [], readyChange: null });
    expect(withTriage(base, null, null, null).map((r) => r.pool)).toEqual([null, null]);
  });
});

const EVENT: NodeEventRow = {
  TimeGenerated: '2026-12-04T02:00:00Z',
  KubeEventType: 'Warning',
  Reason: 'NodeNotReady',
  Message: 'Node n1 status is now: NodeNotReady',
  SourceComponent: 'node-controller',
  Count: 1,
  FirstSeen: '2026-12-04T01:00:00Z',
  LastSeen: '2026-12-04T01:59:00Z',
};
const INVENTORY: NodeInventoryRow = {
  TimeGenerated: '2026-12-04T02:05:00Z',
  Status: 'NotReady',
  LastTransitionTimeReady: '2026-12-04T00:30:00Z',
  KubeletVersion: 'v1.31.2',
  OperatingSystem: 'Ubuntu 22.04.5 LTS',
  DockerVersion: 'containerd://1.7.27',
};

function answers(over: Partial<NodeDetailAnswers> = {}): NodeDetailAnswers {
  return {
    info: [
      sample({
        node: 'n1',
        kubelet_version: 'v1.31.2',
        os_image: 'Ubuntu 22.04.5 LTS',
        kernel_version: '5.15.0-1089-azure',
        container_runtime_version: 'containerd://1.7.27',
      }),
      sample({
        node: 'n2',
        kubelet_version: 'v1.30.0',
        os_image: 'x',
        kernel_version: 'y',
        container_runtime_version: 'z',
      }),
    ],
    pool: [sample({ node: 'n1', label_kubernetes_azure_com_agentpool: 'user1' })],
    conditions: [
      sample({ node: 'n1', condition: 'Ready', status: 'unknown' }),
      sample({ node: 'n1', condition: 'MemoryPressure', status: 'unknown' }),
      sample({ node: 'n2', condition: 'Ready', status: 'true' }),
    ],
    history: [
      series({ node: 'n1', status: 'true' }, [RANGE.start, RANGE.start + 60]),
      series({ node: 'n1', status: 'unknown' }, [RANGE.start + 120, RANGE.end]),
    ],
    taints: [
      sample({ node: 'n1', key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }),
      sample({ node: 'n1', key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }),
      sample({ node: 'n2', key: 'sku', value: 'gpu', effect: 'NoSchedule' }),
    ],
    unschedulable: [sample({ node: 'n1' }, 0)],
    scrapes: [
      { labels: { node: 'n1', exporter: 'node-exporter' }, points: [[RANGE.end - 60, 1]] },
      {
        labels: { node: 'n1', exporter: 'kubelet' },
        points: [
          [RANGE.start, 1],
          [RANGE.start + 60, 1],
        ],
      },
    ],
    inventory: [INVENTORY],
    events: [EVENT],
    ...over,
  };
}

describe('node details', () => {
  it('keep the selected node only: pool, versions, conditions, taints, cordon, last scrapes, Container insights', () => {
    const d = buildNodeDetails('n1', answers(), { available: true }, RANGE);
    expect(d).toMatchObject({
      node: 'n1',
      known: true,
      pool: 'user1',
      info: { kubeletVersion: 'v1.31.2', osImage: 'Ubuntu 22.04.5 LTS', kernel: '5.15.0-1089-azure' },
      ready: 'unknown',
      readyChange: { kind: 'changed', at: RANGE.start + 120, from: 'true', to: 'unknown' },
      unschedulable: false,
      lastScrape: [
        { exporter: 'kubelet', at: RANGE.start + 60 },
        { exporter: 'node-exporter', at: RANGE.end - 60 },
      ],
    });
    expect(d.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', value: '', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', value: '', effect: 'NoSchedule' },
    ]);
    expect(d.trouble.map((c) => c.condition)).toEqual(['Ready', 'MemoryPressure']);
    expect(d.insights).toMatchObject({
      status: 'ok',
      inventory: { lastReport: INVENTORY.TimeGenerated, status: 'NotReady' },
      events: [{ reason: 'NodeNotReady', source: 'node-controller' }],
    });
  });

  it('say the parts a failed query held are unknown, and Container insights unavailable where it is off', () => {
    const d = buildNodeDetails(
      'n1',
      answers({ taints: null, history: null, scrapes: null }),
      { available: false, reason: 'Node events' },
      RANGE,
    );
    expect(d.taints).toBeNull();
    expect(d.readyChange).toBeNull();
    expect(d.lastScrape).toBeNull();
    expect(d.insights).toEqual({ status: 'unavailable', reason: 'Node events' });
    expect(
      buildNodeDetails('n1', answers({ inventory: null, events: null }), { available: true }, RANGE).insights,
    ).toEqual({
      status: 'error',
    });
    const unknown = buildNodeDetails('nope', answers({ inventory: [], events: [] }), { available: true }, RANGE);
    expect(unknown.known).toBe(false);
    expect(unknown.pool).toBeNull();
    expect(unknown.lastScrape).toEqual([
      { exporter: 'kubelet', at: null },
      { exporter: 'node-exporter', at: null },
    ]);
  });

  it('state a not-Ready node: since when and the reason its newest Warning event gives', () => {
    const d = buildNodeDetails('n1', answers(), { available: true }, RANGE);
    expect(nodeVerdict(d)).toEqual({
      title: 'Not Ready (status Unknown: the kubelet stopped posting status)',
      since: `since ${formatUtc(RANGE.start + 120)} (was True)`,
      reason: 'NodeNotReady: Node n1 status is now: NodeNotReady (node-controller)',
    });
    // Without Container insights the conditions are the reason; a steady range points at the inventory's transition.
    const steady = buildNodeDetails(
      'n1',
      answers({ history: [series({ node: 'n1', status: 'unknown' }, [RANGE.start, RANGE.end])] }),
      { available: false, reason: 'x' },
      RANGE,
    );
    expect(nodeVerdict(steady)).toEqual({
      title: 'Not Ready (status Unknown: the kubelet stopped posting status)',
      since: `for the whole range (no change since ${formatUtc(RANGE.start)})`,
      reason: 'Ready=Unknown, MemoryPressure=Unknown',
    });
    const withInventory = buildNodeDetails(
      'n1',
      answers({ history: [series({ node: 'n1', status: 'unknown' }, [RANGE.start])], events: [] }),
      { available: true },
      RANGE,
    );
    expect(nodeVerdict(withInventory)?.since).toBe(
      `for the whole range (no change since ${formatUtc(RANGE.start)}); Container insights: Ready last changed 2026-12-04 00:30 UTC`,
    );
    expect(nodeVerdict(buildNodeDetails('n2', answers(), { available: true }, RANGE))).toBeNull();
  });

  it('formats instants in UTC and ages roughly', () => {
    expect(formatUtc(Date.parse('2026-12-04T02:51:30Z') / 1000)).toBe('2026-12-04 02:51 UTC');
    expect([45, 720, 3 * 3600 + 300, 3 * 3600, 2 * 86_400 + 4 * 3600].map(formatAge)).toEqual([
      '45 s',
      '12 min',
      '3 h 5 min',
      '3 h',
      '2 d 4 h',
    ]);
  });
});
