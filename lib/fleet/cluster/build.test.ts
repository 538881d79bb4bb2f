import { describe, expect, it } from 'vitest';
import {
  buildChartData,
  buildContainerRows,
  buildNodeRows,
  buildPressureSummary,
  buildReplicaRows,
  buildResourceRows,
} from './build';
import { appendLines, toLogLines } from './logs';

describe('panel transforms', () => {
  it('turns series into wide chart rows, keeping the busiest lines', () => {
    const series = [
      {
        labels: { node: 'b' },
        points: [
          [10, 0.2],
          [20, 0.3],
        ] as Array<[number, number]>,
      },
      {
        labels: { node: 'a' },
        points: [
          [10, 0.9],
          [30, 0.8],
        ] as Array<[number, number]>,
      },
      { labels: { node: 'c' }, points: [[10, 0.1]] as Array<[number, number]> },
    ];
    const chart = buildChartData(series, (l) => l.node ?? '', 2);
    expect(chart.series).toEqual([
      { key: 's0', name: 'a' },
      { key: 's1', name: 'b' },
    ]);
    expect(chart.rows).toEqual([
      { t: 10, s0: 0.9, s1: 0.2 },
      { t: 20, s1: 0.3 },
      { t: 30, s0: 0.8 },
    ]);
    expect(chart.dropped).toBe(1);
  });

  it('joins readiness, allocatable and running pods into node rows, not Ready first', () => {
    const rows = buildNodeRows(
      [
        { labels: { node: 'n1', status: 'true' }, value: 1 },
        { labels: { node: 'n1', status: 'false' }, value: 0 },
        { labels: { node: 'n2', status: 'false' }, value: 1 },
      ],
      [
        { labels: { node: 'n1', resource: 'pods' }, value: 110 },
        { labels: { node: 'n1', resource: 'cpu' }, value: 4 },
      ],
      null,
    );
    expect(rows.map((r) => [r.name, r.ready])).toEqual([
      ['n2', 'false'],
      ['n1', 'true'],
    ]);
    expect(rows[1]).toMatchObject({ cpuCores: 4, podsCapacity: 110, podsRunning: null, memoryBytes: null });
  });

  it('lists controllers short of replicas first, by the label that names them, and containers by namespace', () => {
    const replicas = (label: string, namespace: string, name: string, counts: Record<string, number>) =>
      Object.entries(counts).map(([kind, value]) => ({ labels: { namespace, [label]: name, replicas: kind }, value }));
    const deployments = buildReplicaRows(
      [
        ...replicas('deployment', 'a', 'ok', { desired: 2, available: 2 }),
        ...replicas('deployment', 'b', 'bad', { desired: 3, available: 1 }),
      ],
      'deployment',
      'available',
    );
    expect(deployments.map((d) => [d.name, d.actual, d.desired])).toEqual([
      ['bad', 1, 3],
      ['ok', 2, 2],
    ]);
    // Another controller's label or another count is not this table's.
    const daemonSets = buildReplicaRows(
      [
        ...replicas('daemonset', 'kube-system', 'kube-proxy', { desired: 8, ready: 7, available: 1 }),
        ...replicas('statefulset', 'kube-system', 'x', { desired: 1 }),
      ],
      'daemonset',
      'ready',
    );
    expect(daemonSets).toEqual([{ namespace: 'kube-system', name: 'kube-proxy', desired: 8, actual: 7 }]);
    expect(
      buildContainerRows([
        { labels: { namespace: 'z', pod: 'p', container: 'c' }, value: 1 },
        { labels: { namespace: 'a', pod: 'q' }, value: 1 },
        { labels: { namespace: 'a', pod: 'r', container: 'c' }, value: 0 },
      ]),
    ).toEqual([{ namespace: 'z', pod: 'p', container: 'c' }]);
  });

  it('joins usage, requests and limits per namespace, biggest user first, a missing measure as null', () => {
    const rows = buildResourceRows([
      { labels: { namespace: 'small', measure: 'usage' }, value: 0.5 },
      { labels: { namespace: 'small', measure: 'requests' }, value: 1 },
      { labels: { namespace: 'big', measure: 'usage' }, value: 3 },
      { labels: { namespace: 'big', measure: 'requests' }, value: 2 },
      { labels: { namespace: 'big', measure: 'limits' }, value: 4 },
      { labels: { namespace: 'big', measure: 'other' }, value: 9 },
      { labels: { measure: 'usage' }, value: 9 },
    ]);
    expect(rows).toEqual([
      { namespace: 'big', usage: 3, requests: 2, limits: 4 },
      { namespace: 'small', usage: 0.5, requests: 1, limits: null },
    ]);
  });

  it('counts the nodes checked for pressure and lists only the conditions that are true', () => {
    const summary = buildPressureSummary([
      { labels: { node: 'n2', condition: 'MemoryPressure' }, value: 1 },
      { labels: { node: 'n2', condition: 'DiskPressure' }, value: 0 },
      { labels: { node: 'n1', condition: 'DiskPressure' }, value: 1 },
      { labels: { node: 'n3', condition: 'PIDPressure' }, value: 0 },
    ]);
    expect(summary).toEqual({
      nodes: 3,
      pressed: [
        { node: 'n1', condition: 'DiskPressure' },
        { node: 'n2', condition: 'MemoryPressure' },
      ],
    });
  });

  it('reads log rows oldest first and appends only new lines, bounded', () => {
    const row = (t: string, pod: string) => ({
      TimeGenerated: t,
      PodNamespace: 'ns',
      PodName: pod,
      ContainerName: 'c',
      LogLevel: 'INFO',
      LogSource: 'stdout',
      LogMessage: 'm',
    });
    const first = toLogLines([row('2026-01-01T00:00:02Z', 'p'), row('2026-01-01T00:00:01Z', 'p')]);
    expect(first.map((l) => l.time)).toEqual(['2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z']);
    const more = toLogLines([row('2026-01-01T00:00:03Z', 'p'), row('2026-01-01T00:00:02Z', 'p')]);
    expect(appendLines(first, more).map((l) => l.time)).toEqual([
      '2026-01-01T00:00:01Z',
      '2026-01-01T00:00:02Z',
      '2026-01-01T00:00:03Z',
    ]);
    expect(appendLines(first, more, 2).map((l) => l.time)).toEqual(['2026-01-01T00:00:02Z', '2026-01-01T00:00:03Z']);
  });
});
