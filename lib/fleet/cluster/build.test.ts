import { describe, expect, it } from 'vitest';
import {
  buildChartData,
  notReadyNodes,
  rankText,
  buildContainerRows,
  buildNodeRows,
  buildPressureSummary,
  buildReplicaRows,
  buildResourceRows,
} from './build';
import { appendLines, toLogLines } from './logs';

describe('panel transforms', () => {
  const HIGHEST_PEAK = { keep: 'highest', measure: 'peak', what: 'CPU use' } as const;
  const pts = (...values: number[]): Array<[number, number]> => values.map((v, i) => [10 * (i + 1), v]);

  it('turns series into wide chart rows, keeping the worst lines, worst first', () => {
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
    const chart = buildChartData(series, (l) => l.node ?? '', { rank: HIGHEST_PEAK, max: 2 });
    expect(chart.series.map(({ key, name, value, highlight }) => ({ key, name, value, highlight }))).toEqual([
      { key: 's0', name: 'a', value: 0.9, highlight: false },
      { key: 's1', name: 'b', value: 0.3, highlight: false },
    ]);
    expect(chart.rows).toEqual([
      { t: 10, s0: 0.9, s1: 0.2 },
      { t: 20, s1: 0.3 },
      { t: 30, s0: 0.8 },
    ]);
    expect(chart.dropped).toBe(1);
    expect(chart.hidden).toEqual([{ name: 'c', value: 0.1, highlight: false }]);
  });

  it('ranks by what the chart means: lowest keeps the least free, latest compares the last point', () => {
    const series = [
      { labels: { n: 'spiked' }, points: pts(0.1, 0.95, 0.1) },
      { labels: { n: 'filling' }, points: pts(0.5, 0.6, 0.7) },
      { labels: { n: 'idle' }, points: pts(0.2, 0.2, 0.2) },
    ];
    const names = (rank: Parameters<typeof buildChartData>[2]['rank']): string[] =>
      buildChartData(series, (l) => l.n ?? '', { rank, max: 1 }).series.map((s) => s.name);
    expect(names({ keep: 'highest', measure: 'peak', what: 'use' })).toEqual(['spiked']);
    expect(names({ keep: 'highest', measure: 'latest', what: 'use' })).toEqual(['filling']);
    expect(names({ keep: 'lowest', measure: 'peak', what: 'free' })).toEqual(['spiked']);
    expect(names({ keep: 'lowest', measure: 'latest', what: 'free' })).toEqual(['spiked']);
    const lowest = buildChartData(series, (l) => l.n ?? '', {
      rank: { keep: 'lowest', measure: 'latest', what: 'free' },
    });
    expect(lowest.series.map((s) => [s.name, s.value])).toEqual([
      ['spiked', 0.1],
      ['idle', 0.2],
      ['filling', 0.7],
    ]);
    expect(rankText({ keep: 'highest', measure: 'peak', what: 'error ratio' })).toBe(
      'worst (highest error ratio in the range)',
    );
    expect(rankText({ keep: 'lowest', measure: 'latest', what: 'free space', word: 'busiest' })).toBe(
      "busiest (lowest free space at the range's end)",
    );
  });

  it('keeps 3 not Ready nodes of 60, with low usage, first and highlighted; lists the left-off rest worst first', () => {
    const nodes = Array.from({ length: 60 }, (_, i) => `aks-nodepool1-${String(i).padStart(2, '0')}`);
    const down = new Set(['aks-nodepool1-07', 'aks-nodepool1-31', 'aks-nodepool1-52']);
    // Busy Ready nodes at 40–99 %, the not Ready ones nearly idle (their pods were evicted).
    const series = nodes.map((node, i) => ({
      labels: { node },
      points: pts(down.has(node) ? 0.02 : 0.4 + i / 100, down.has(node) ? 0.03 : 0.4 + i / 100),
    }));
    const ready = nodes.flatMap((node) =>
      (['true', 'false', 'unknown'] as const).map((status) => ({
        labels: { node, status },
        value: (
          node === 'aks-nodepool1-52' ? status === 'unknown' : down.has(node) ? status === 'false' : status === 'true'
        )
          ? 1
          : 0,
      })),
    );
    const notReady = notReadyNodes(ready);
    expect([...notReady].sort()).toEqual([...down].sort());
    const chart = buildChartData(series, (l) => l.node ?? '', {
      rank: HIGHEST_PEAK,
      highlight: (l) => notReady.has(l.node ?? ''),
    });
    expect(chart.series).toHaveLength(12);
    expect(chart.series.slice(0, 3).map((s) => [s.name, s.highlight])).toEqual([
      ['aks-nodepool1-07', true],
      ['aks-nodepool1-31', true],
      ['aks-nodepool1-52', true],
    ]);
    // Then the 9 busiest Ready nodes, busiest first; none of them highlighted.
    expect(chart.series.slice(3).map((s) => s.name)).toEqual(
      nodes
        .filter((n) => !down.has(n))
        .reverse()
        .slice(0, 9),
    );
    expect(chart.series.slice(3).every((s) => !s.highlight)).toBe(true);
    expect(chart.dropped).toBe(48);
    expect(chart.hidden).toHaveLength(48);
    expect(chart.hidden[0]).toEqual({ name: 'aks-nodepool1-49', value: 0.4 + 49 / 100, highlight: false });
    // Without the highlight the idle broken nodes would be left off: the old "busiest" failure.
    const plain = buildChartData(series, (l) => l.node ?? '', { rank: HIGHEST_PEAK });
    expect(plain.series.some((s) => down.has(s.name))).toBe(false);
  });

  it('gives a series the same colour on two charts, and distinct colours within one', () => {
    const names = ['GET 200', 'GET 404', 'PUT 200', 'LIST 200', 'WATCH 200', 'DELETE 200', 'PATCH 200'];
    const a = buildChartData(
      names.map((n, i) => ({ labels: { n }, points: pts(i) })),
      (l) => l.n ?? '',
      { rank: HIGHEST_PEAK },
    );
    expect(new Set(a.series.map((s) => s.color)).size).toBe(names.length);
    // The same names on another chart, ranked the other way round: each keeps its look.
    const b = buildChartData(
      names.map((n, i) => ({ labels: { n }, points: pts(10 - i) })),
      (l) => l.n ?? '',
      { rank: HIGHEST_PEAK },
    );
    const look = (c: typeof a) => Object.fromEntries(c.series.map((s) => [s.name, `${s.color} ${s.dash}`]));
    expect(look(b)).toEqual(look(a));
    expect(a.series.map((s) => s.name)).toEqual([...names].reverse());
  });

  it('ranks series without a finite point last, with a null value', () => {
    const chart = buildChartData(
      [
        { labels: { n: 'gap' }, points: [[10, Number.NaN]] as Array<[number, number]> },
        { labels: { n: 'low' }, points: pts(0.01) },
      ],
      (l) => l.n ?? '',
      { rank: HIGHEST_PEAK },
    );
    expect(chart.series.map((s) => [s.name, s.value])).toEqual([
      ['low', 0.01],
      ['gap', null],
    ]);
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
