import { describe, expect, it } from 'vitest';
import { buildChartData, buildCrashLoopRows, buildDeploymentRows, buildNodeRows } from './build';
import { appendLines, toLogLines } from './logs';

describe('panel transforms', () => {
  it('turns series into wide chart rows, keeping the busiest lines', () => {
    const series = [
      { labels: { node: 'b' }, points: [[10, 0.2], [20, 0.3]] as Array<[number, number]> },
      { labels: { node: 'a' }, points: [[10, 0.9], [30, 0.8]] as Array<[number, number]> },
      { labels: { node: 'c' }, points: [[10, 0.1]] as Array<[number, number]> },
    ];
    const chart = buildChartData(series, (l) => l.node ?? '', 2);
    expect(chart.series).toEqual([{ key: 's0', name: 'a' }, { key: 's1', name: 'b' }]);
    expect(chart.rows).toEqual([{ t: 10, s0: 0.9, s1: 0.2 }, { t: 20, s1: 0.3 }, { t: 30, s0: 0.8 }]);
    expect(chart.dropped).toBe(1);
  });

  it('joins readiness, allocatable and running pods into node rows, not Ready first', () => {
    const rows = buildNodeRows(
      [
        { labels: { node: 'n1', status: 'true' }, value: 1 },
        { labels: { node: 'n1', status: 'false' }, value: 0 },
        { labels: { node: 'n2', status: 'false' }, value: 1 },
      ],
      [{ labels: { node: 'n1', resource: 'pods' }, value: 110 }, { labels: { node: 'n1', resource: 'cpu' }, value: 4 }],
      null,
    );
    expect(rows.map((r) => [r.name, r.ready])).toEqual([['n2', 'false'], ['n1', 'true']]);
    expect(rows[1]).toMatchObject({ cpuCores: 4, podsCapacity: 110, podsRunning: null, memoryBytes: null });
  });

  it('lists deployments short of replicas first and crash loops by namespace', () => {
    const deployments = buildDeploymentRows([
      { labels: { namespace: 'a', deployment: 'ok', replicas: 'desired' }, value: 2 },
      { labels: { namespace: 'a', deployment: 'ok', replicas: 'available' }, value: 2 },
      { labels: { namespace: 'b', deployment: 'bad', replicas: 'desired' }, value: 3 },
      { labels: { namespace: 'b', deployment: 'bad', replicas: 'available' }, value: 1 },
    ]);
    expect(deployments.map((d) => d.name)).toEqual(['bad', 'ok']);
    expect(buildCrashLoopRows([{ labels: { namespace: 'z', pod: 'p', container: 'c' }, value: 1 }, { labels: { namespace: 'a', pod: 'q' }, value: 1 }])).toEqual([{ namespace: 'z', pod: 'p', container: 'c' }]);
  });

  it('reads log rows oldest first and appends only new lines, bounded', () => {
    const row = (t: string, pod: string) => ({ TimeGenerated: t, PodNamespace: 'ns', PodName: pod, ContainerName: 'c', LogLevel: 'INFO', LogSource: 'stdout', LogMessage: 'm' });
    const first = toLogLines([row('2026-01-01T00:00:02Z', 'p'), row('2026-01-01T00:00:01Z', 'p')]);
    expect(first.map((l) => l.time)).toEqual(['2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z']);
    const more = toLogLines([row('2026-01-01T00:00:03Z', 'p'), row('2026-01-01T00:00:02Z', 'p')]);
    expect(appendLines(first, more).map((l) => l.time)).toEqual(['2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z', '2026-01-01T00:00:03Z']);
    expect(appendLines(first, more, 2).map((l) => l.time)).toEqual(['2026-01-01T00:00:02Z', '2026-01-01T00:00:03Z']);
  });
});
