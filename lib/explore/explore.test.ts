import { describe, expect, it } from 'vitest';
import { buildChartData, buildLogsChart, seriesName } from './chart-data';
import { autoStep, EXPLORE_LIMITS, effectiveStep, minimumStep } from './limits';
import { isoDuration, relativeRange, resolveRange } from './time';
import {
  COMPRESS_ABOVE,
  parseLogsExplore,
  parseMetricsExplore,
  serializeLogsExplore,
  serializeMetricsExplore,
  DEFAULT_METRICS_STATE,
  type MetricsExploreState,
} from '../url-state/explore';

describe('explorer limits', () => {
  it('keeps every range within Prometheus’ 11,000 points and managed Prometheus’ 60 s rule', () => {
    for (const range of [60, 3600, 86_400, 2 * 86_400, 7 * 86_400, 32 * 86_400]) {
      const step = autoStep(range);
      expect(range / step).toBeLessThanOrEqual(EXPLORE_LIMITS.maxPointsPerSeries);
      if (range >= 48 * 3600) expect(step).toBeGreaterThanOrEqual(60);
    }
    expect(autoStep(3600)).toBe(15);
    expect(minimumStep(32 * 86_400)).toBe(252);
    expect(effectiveStep(7 * 86_400, 1)).toBe(60);
    expect(effectiveStep(3600, 5)).toBe(5);
  });

  it('resolves relative ranges against now and writes Log Analytics timespans', () => {
    expect(resolveRange(relativeRange(3600), 1_800_000_000_500)).toEqual({ start: 1_799_996_400, end: 1_800_000_000 });
    expect(isoDuration(3600)).toBe('PT1H');
    expect(isoDuration(7 * 86_400)).toBe('P7D');
    expect(isoDuration(90 * 86_400 + 5400)).toBe('P90DT1H30M');
    expect(isoDuration(5)).toBe('PT1M');
  });
});

describe('explorer URL state', () => {
  const parseM = (qs: string) => parseMetricsExplore(new URLSearchParams(qs));

  it('round-trips several queries, an absolute range, step, view and legend', () => {
    const state: MetricsExploreState = {
      queries: ['sum by (cluster) (up)', 'rate(node_cpu_seconds_total{mode="idle"}[5m])'],
      catalog: { id: 'prom.cluster.node-cpu', params: { clusterLabel: 'cluster', cluster: 'aks-prod-1', node: null } },
      range: { from: { kind: 'absolute', at: 1_790_000_000 }, to: { kind: 'absolute', at: 1_790_003_600 } },
      step: 30,
      view: 'table',
      legend: '{{cluster}}',
      mode: 'instant',
    };
    const qs = serializeMetricsExplore(state);
    expect(parseM(qs)).toEqual({ ok: true, value: state });
  });

  it('compresses long queries into the link instead of storing them anywhere', () => {
    const long = `sum by (cluster) (rate(container_cpu_usage_seconds_total{namespace!~"kube-system|gatekeeper-system", container!=""}[5m])) ${'+ 0 '.repeat(COMPRESS_ABOVE / 4)}`;
    const qs = serializeMetricsExplore({
      queries: [long],
      catalog: null,
      range: relativeRange(6 * 3600),
      step: null,
      view: 'chart',
      legend: '',
      mode: 'range',
    });
    expect(qs).toMatch(/^z=/);
    expect(qs.length).toBeLessThan(long.length);
    expect(parseM(qs).value.queries).toEqual([long]);
  });

  it('names what is wrong in a hand-edited link', () => {
    const r = parseM('q=up&range=now-400d&step=abc&view=pie&mode=later&z=');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.param).sort()).toEqual(['mode', 'range', 'step', 'view']);
    expect(parseM('z=garbage').ok).toBe(false);
    expect(parseM('from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z').ok).toBe(false);
    expect(parseM(`from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`).ok).toBe(false);
  });

  it('round-trips the logs explorer, workspaces included', () => {
    const state = {
      query: 'AzureActivity | take 10',
      catalog: null,
      range: relativeRange(90 * 86_400),
      workspaces: ['11111111-2222-4333-8444-555555555555'],
      view: 'chart' as const,
    };
    expect(parseLogsExplore(new URLSearchParams(serializeLogsExplore(state)))).toEqual({ ok: true, value: state });
    expect(parseLogsExplore(new URLSearchParams('ws=not-a-guid')).ok).toBe(false);
  });

  it('writes time as the cluster pages do (from=now-6h, ISO from/to) and still reads old links', () => {
    const six = serializeMetricsExplore({ ...DEFAULT_METRICS_STATE, queries: ['up'], range: relativeRange(6 * 3600) });
    expect(six).toBe('query=up&from=now-6h');
    const absolute = {
      from: { kind: 'absolute', at: 1_790_000_000 },
      to: { kind: 'absolute', at: 1_790_003_600 },
    } as const;
    const abs = serializeMetricsExplore({ ...DEFAULT_METRICS_STATE, queries: ['up'], range: absolute });
    expect(abs).toBe('query=up&from=2026-09-21T14:13:20Z&to=2026-09-21T15:13:20Z');
    // Old links: q for the query, range=now-6h, unix seconds and URLSearchParams' %3A spelling.
    expect(parseM('q=up&range=now-6h').value).toMatchObject({ queries: ['up'], range: relativeRange(6 * 3600) });
    expect(parseM('q=up&from=1790000000&to=1790003600').value.range).toEqual(absolute);
    expect(parseM('query=up&from=2026-09-21T14%3A13%3A20.000Z&to=2026-09-21T15%3A13%3A20Z').value.range).toEqual(
      absolute,
    );
    expect(parseM('q=up&from=now-24h&to=now').value.range).toEqual(relativeRange(86_400));
    // Any relative range within the limit, as on the cluster pages; beyond it, the default and an error.
    expect(parseM('query=up&from=now-5h').value.range).toEqual(relativeRange(5 * 3600));
    expect(parseM('query=up&from=now-33d')).toMatchObject({ ok: false, value: { range: DEFAULT_METRICS_STATE.range } });
  });

  it('refuses a catalog reference it did not write', () => {
    expect(parseM('q=up&cq=DROP%20TABLE').ok).toBe(false);
    expect(parseM('q=up&cq=prom.cluster.node-cpu&cp=[1]').ok).toBe(false);
    expect(
      parseM(`q=up&cq=prom.cluster.node-cpu&cp=${encodeURIComponent(JSON.stringify({ x: 'a'.repeat(1000) }))}`).ok,
    ).toBe(false);
    expect(parseM('q=up&cq=prom.cluster.node-cpu').value.catalog).toEqual({ id: 'prom.cluster.node-cpu', params: {} });
  });
});

describe('chart data', () => {
  it('names series by template or by selector', () => {
    expect(seriesName({ __name__: 'up', job: 'node', cluster: 'a' }, '')).toBe('up{cluster="a", job="node"}');
    expect(seriesName({ cluster: 'a', phase: 'Running' }, '{{cluster}} / {{ phase }} {{missing}}')).toBe(
      'a / Running ',
    );
  });

  it('merges queries onto one time axis and drops NaN', () => {
    const data = buildChartData(
      [
        {
          series: [
            {
              labels: { cluster: 'a' },
              points: [
                [10, 1],
                [20, 2],
              ],
            },
          ],
        },
        {
          series: [
            {
              labels: { cluster: 'b' },
              points: [
                [20, 5],
                [30, Number.NaN],
              ],
            },
          ],
        },
      ],
      '{{cluster}}',
    );
    expect(data.series).toEqual([
      { key: 'q0s0', name: 'a', query: 0 },
      { key: 'q1s0', name: 'b', query: 1 },
    ]);
    expect(data.rows).toEqual([
      { t: 10_000, q0s0: 1 },
      { t: 20_000, q0s0: 2, q1s0: 5 },
    ]);
  });

  it('charts a logs table by its datetime column, split by its first string column', () => {
    const columns = [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Cluster', type: 'string' },
      { name: 'Count', type: 'long' },
    ];
    const rows = [
      ['2026-11-24T10:00:00Z', 'a', 2],
      ['2026-11-24T10:00:00Z', 'b', 3],
      ['2026-11-24T11:00:00Z', 'a', 4],
    ];
    const chart = buildLogsChart(columns, rows);
    expect(chart?.series.map((s) => s.name)).toEqual(['a', 'b']);
    expect(chart?.rows).toEqual([
      { t: Date.parse('2026-11-24T10:00:00Z'), k0: 2, k1: 3 },
      { t: Date.parse('2026-11-24T11:00:00Z'), k0: 4 },
    ]);
    expect(buildLogsChart([{ name: 'x', type: 'string' }], [['a']])).toBeNull();
  });
});

describe('open in explorer', () => {
  it('carries a panel’s PromQL or KQL and time range; none for Resource Graph', async () => {
    const { explorerHref } = await import('./links');
    const prom = explorerHref({
      kind: 'prom',
      text: 'sum by (cluster) (up)',
      time: { kind: 'range', start: 1_790_000_000, end: 1_790_003_600, step: 15 },
    });
    expect(prom).toBe('/explore/metrics?query=sum+by+(cluster)+(up)&from=2026-09-21T14:13:20Z&to=2026-09-21T15:13:20Z');
    // Links written before the shared codec (milliseconds in the ISO time) still open the same range.
    expect(
      parseMetricsExplore(new URLSearchParams('q=up&from=2026-09-21T14%3A13%3A20.000Z&to=2026-09-21T15%3A13%3A20.000Z'))
        .value.range,
    ).toEqual({ from: { kind: 'absolute', at: 1_790_000_000 }, to: { kind: 'absolute', at: 1_790_003_600 } });
    expect(parseMetricsExplore(new URLSearchParams(prom?.split('?')[1])).value.queries).toEqual([
      'sum by (cluster) (up)',
    ]);
    expect(
      explorerHref({ kind: 'logs', text: 'AzureActivity | take 1', time: { kind: 'instant', at: 1_790_000_000 } }),
    ).toBe('/explore/logs?query=AzureActivity+|+take+1');
    expect(explorerHref({ kind: 'arg', text: 'resources' })).toBeNull();
  });
});
