import { describe, expect, it } from 'vitest';
import { corpusAvailable, loadCorpus } from './corpus';
import { profileClusters } from './engines';
import { openMetrics } from './exposition';
import { histogram, quantile } from './histogram';
import { PROFILES, type Profile } from './scenario';
import { clusterSeries, type Series } from './series';
import { applyTarget } from './targets';

describe('conformance helpers', () => {
  it('merges target labels as the scrape loop does', () => {
    const own = { namespace: 'shop', ingress: 'web', pod: '', uid: 'u1' };
    const target = {
      labels: { namespace: 'ingress-nginx', job: 'x', pod: 'ctl-1' },
      honorLabels: false,
      drop: ['uid'],
    };
    expect(applyTarget(own, target)).toEqual({
      exported_namespace: 'shop',
      namespace: 'ingress-nginx',
      ingress: 'web',
      job: 'x',
      pod: 'ctl-1',
    });
    expect(applyTarget(own, { ...target, honorLabels: true })).toEqual({
      namespace: 'shop',
      ingress: 'web',
      job: 'x',
      pod: 'ctl-1',
    });
  });

  it('interpolates percentiles within the bucket as histogram_quantile does', () => {
    const h = { bounds: [1, 2, 4], rates: [1, 1, 2, 0], sumRate: 0 };
    expect(quantile(0.25, h)).toBe(1);
    expect(quantile(0.375, h)).toBe(1.5);
    expect(quantile(0.75, h)).toBe(3);
    // Past the last finite bucket Prometheus answers its upper bound.
    expect(quantile(0.99, { ...h, rates: [1, 1, 1, 1] })).toBe(4);
    expect(() => histogram([1], 1, [1])).toThrow();
  });
});

const label = (series: readonly Series[], name: string): Array<Record<string, string>> =>
  series.filter((s) => s.name === name).map((s) => s.labels);

describe.skipIf(!corpusAvailable())('the assembled corpus speaks each profile', () => {
  const corpus = corpusAvailable() ? loadCorpus() : null;
  const of = (p: Profile): Series[] =>
    corpus ? profileClusters(corpus, p).flatMap((c) => clusterSeries(corpus, c, 0)) : [];

  it('node-exporter never carries a node label except where the scrape adds one', () => {
    for (const p of PROFILES) {
      const cpu = label(of(p), 'node_cpu_seconds_total');
      expect(cpu.length, p).toBeGreaterThan(0);
      expect(
        cpu.some((l) => 'node' in l),
        p,
      ).toBe(p === 'kubernetes-sd');
    }
    expect(label(of('kube-prometheus-stack'), 'node_cpu_seconds_total')[0]?.['instance']).toMatch(
      /^10\.\d+\.0\.\d+:9100$/,
    );
    expect(label(of('azure-managed-prometheus'), 'node_cpu_seconds_total')[0]).toMatchObject({
      job: 'node',
      instance: 'ama-1-pool1-0',
    });
  });

  it('ingress-nginx keeps its namespace only where honor labels or no namespace target label apply', () => {
    for (const p of PROFILES) {
      const requests = label(of(p), 'nginx_ingress_controller_requests');
      const exported = p === 'kube-prometheus-stack' || p === 'victoria-metrics-k8s-stack';
      expect(
        requests.every((l) =>
          exported
            ? l['exported_namespace'] === 'shop' && l['namespace'] === 'ingress-nginx'
            : l['namespace'] === 'shop',
        ),
        p,
      ).toBe(true);
    }
  });

  it('writes label names only as the corpus shows them, and valid OpenMetrics names', () => {
    const series = of('kube-prometheus-stack');
    const text = [...openMetrics(series.slice(0, 200), { start: 0, end: 60, step: 30 })].join('');
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(text).toMatch(/^# TYPE node_cpu_seconds counter$/m);
    expect(label(series, 'kube_pod_info')[0]).toHaveProperty('created_by_kind');
  });
});
