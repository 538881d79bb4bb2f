import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../catalog';
import {
  checkManagedLimits,
  isAzureMonitorEndpoint,
  longestRangeSelector,
  ManagedLimitError,
  namesAMetric,
  parsePromDuration,
} from './limits';
import { mergePromData } from './merge';

describe('managed-Prometheus limits', () => {
  it('parses PromQL durations', () => {
    expect(parsePromDuration('5m')).toBe(300);
    expect(parsePromDuration('1h30m')).toBe(5400);
    expect(parsePromDuration('2d')).toBe(172_800);
    expect(parsePromDuration('5 minutes')).toBeNull();
  });

  it('finds the longest range selector, subqueries included, ignoring strings', () => {
    expect(longestRangeSelector('rate(x[5m]) + increase(y{a="[9d]"}[1h])')).toBe(3600);
    expect(longestRangeSelector('max_over_time(rate(x[5m])[2d:1m])')).toBe(172_800);
    expect(longestRangeSelector('up')).toBe(0);
  });

  it('knows whether a query selects a metric', () => {
    expect(namesAMetric('sum by (cluster, status) (kube_node_status_condition{condition="Ready"})')).toBe(true);
    expect(namesAMetric('{__name__="up"}')).toBe(true);
    expect(namesAMetric('{job="kubelet"}')).toBe(false);
    expect(namesAMetric('sum by (cluster) ({job="x"})')).toBe(false);
    expect(namesAMetric('vector(1) + time()')).toBe(false);
    expect(namesAMetric('{__name__=~"kube_.*"}')).toBe(false);
  });

  it('accepts every PromQL query of the catalog', () => {
    for (const query of CATALOG.values()) {
      if (query.kind !== 'prom') continue;
      // Cluster-page queries also need a cluster; fleet queries strip the extra key.
      const text = query.build(query.params.parse({ clusterLabel: 'cluster', cluster: 'c1' }) as never);
      expect(
        () => checkManagedLimits(text, { kind: 'range', start: 0, end: 7 * 86_400, step: 300 }),
        query.id,
      ).not.toThrow();
    }
  });

  it('rejects what the Azure Monitor workspace would reject', () => {
    expect(() => checkManagedLimits('{job="x"}', { kind: 'instant', at: 0 })).toThrow(ManagedLimitError);
    expect(() => checkManagedLimits('up', { kind: 'range', start: 0, end: 32 * 86_400, step: 60 })).not.toThrow();
    expect(() => checkManagedLimits('rate(up[1h])', { kind: 'range', start: 0, end: 32 * 86_400, step: 60 })).toThrow(
      /32 days/,
    );
    expect(() => checkManagedLimits('up', { kind: 'range', start: 0, end: 48 * 3600, step: 59 })).toThrow(/60 s/);
    expect(() => checkManagedLimits('up', { kind: 'range', start: 0, end: 47 * 3600, step: 15 })).not.toThrow();
  });

  it('recognises workspace query endpoints', () => {
    expect(isAzureMonitorEndpoint('https://ws-1a2b.eastus.prometheus.monitor.azure.com')).toBe(true);
    expect(isAzureMonitorEndpoint('https://prometheus.monitor.azure.com.evil.test')).toBe(false);
    expect(isAzureMonitorEndpoint('not a url')).toBe(false);
  });
});

describe('merging answers of several endpoints', () => {
  const v = (rows: Array<[Record<string, string>, string]>) => ({
    resultType: 'vector',
    result: rows.map(([metric, s]) => ({ metric, value: [1, s] })),
  });
  it('concatenates series and keeps a duplicate once, from the first endpoint', () => {
    const merged = mergePromData([
      v([[{ cluster: 'a', x: '1' }, '1']]),
      v([
        [{ x: '1', cluster: 'a' }, '2'],
        [{ cluster: 'b' }, '3'],
      ]),
    ]);
    expect(merged).toEqual(
      v([
        [{ cluster: 'a', x: '1' }, '1'],
        [{ cluster: 'b' }, '3'],
      ]),
    );
  });
  it('refuses to mix result types', () => {
    expect(() => mergePromData([v([]), { resultType: 'matrix', result: [] }])).toThrow(/different result types/);
  });
});
