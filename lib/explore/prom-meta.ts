import 'server-only';
import { getDemoFleet } from '../demo/fleet';
import { exportedClusters } from '../demo/telemetry';
import { FAMILIES, HISTOGRAMS, NODE_EXPORTER_FAMILIES } from '../demo/telemetry-families';
import type { Backend } from '../sources/backend';
import type { PrometheusBackend } from '../sources/prometheus/backend';

/**
 * What the PromQL editor completes from: metric names, label names and values, as the
 * Prometheus API's /labels, /label/<name>/values, /series and /metadata answer them. The
 * demo answers from the series its telemetry export writes; a real Prometheus answers itself.
 */
export interface PromMetaSource {
  labels(match: readonly string[]): Promise<string[]>;
  labelValues(label: string, match: readonly string[]): Promise<string[]>;
  series(match: readonly string[]): Promise<Array<Record<string, string>>>;
  metadata(): Promise<Record<string, Array<{ type: string; help: string; unit: string }>>>;
}

/** Metric name of a selector such as `up`, `up{job="x"}` or `{__name__="up"}`. */
export function metricOf(selector: string): string | null {
  const named = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(selector);
  if (named) return named[1] ?? null;
  return /__name__\s*=\s*"([^"]+)"/.exec(selector)?.[1] ?? null;
}

const MAX_VALUES = 2000;
const SAMPLE_CLUSTERS = 8;

interface DemoIndex {
  metadata: Record<string, Array<{ type: string; help: string; unit: string }>>;
  labelsByMetric: Map<string, Set<string>>;
  valuesByLabel: Map<string, Set<string>>;
  seriesByMetric: Map<string, Array<Record<string, string>>>;
}

let demoIndex: { key: string; index: DemoIndex } | null = null;

function buildDemoIndex(seed: string, size: number, clusterLabel: string, at: number): DemoIndex {
  const clusters = exportedClusters(getDemoFleet(seed, size)).slice(0, SAMPLE_CLUSTERS);
  const index: DemoIndex = {
    metadata: {},
    labelsByMetric: new Map(),
    valuesByLabel: new Map(),
    seriesByMetric: new Map(),
  };
  const add = (metric: string, labels: Record<string, string>): void => {
    const names = index.labelsByMetric.get(metric) ?? new Set<string>();
    index.labelsByMetric.set(metric, names);
    const series = index.seriesByMetric.get(metric) ?? [];
    index.seriesByMetric.set(metric, series);
    if (series.length < MAX_VALUES) series.push({ __name__: metric, ...labels });
    for (const [k, v] of Object.entries({ __name__: metric, ...labels })) {
      names.add(k);
      const values = index.valuesByLabel.get(k) ?? new Set<string>();
      index.valuesByLabel.set(k, values);
      if (values.size < MAX_VALUES) values.add(v);
    }
  };
  for (const family of [...FAMILIES, ...NODE_EXPORTER_FAMILIES]) {
    const metric = `${family.name}${family.suffix ?? ''}`;
    index.metadata[metric] = [{ type: family.type, help: family.help, unit: '' }];
    for (const c of clusters)
      for (const s of family.series(c, { [clusterLabel]: c.name })) if (s.value(at) !== null) add(metric, s.labels);
  }
  for (const family of HISTOGRAMS) {
    index.metadata[family.name] = [{ type: 'histogram', help: family.help, unit: '' }];
    for (const c of clusters) {
      for (const s of family.series(c, { [clusterLabel]: c.name })) {
        add(`${family.name}_count`, s.labels);
        add(`${family.name}_sum`, s.labels);
        for (const le of [...family.bounds.map(String), '+Inf']) add(`${family.name}_bucket`, { ...s.labels, le });
      }
    }
  }
  return index;
}

export function createDemoPromMeta(options: {
  seed: string;
  clusters: number;
  clusterLabel: string;
  nowMs: number;
}): PromMetaSource {
  const key = `${options.seed}|${options.clusters}|${options.clusterLabel}`;
  if (demoIndex?.key !== key)
    demoIndex = {
      key,
      index: buildDemoIndex(options.seed, options.clusters, options.clusterLabel, Math.floor(options.nowMs / 1000)),
    };
  const index = demoIndex.index;
  const metrics = (match: readonly string[]): string[] | null => {
    const named = match.map(metricOf).filter((m): m is string => m !== null);
    return named.length ? named : null;
  };
  return {
    async labels(match) {
      const only = metrics(match);
      const names = new Set<string>();
      for (const [metric, labels] of index.labelsByMetric)
        if (!only || only.includes(metric)) for (const l of labels) names.add(l);
      return [...names].sort();
    },
    async labelValues(label, match) {
      const only = metrics(match);
      if (!only) return [...(index.valuesByLabel.get(label) ?? [])].sort();
      const values = new Set<string>();
      for (const metric of only)
        for (const s of index.seriesByMetric.get(metric) ?? [])
          if (s[label] !== undefined) values.add(s[label] as string);
      return [...values].sort();
    },
    async series(match) {
      const only = metrics(match) ?? [];
      return only.flatMap((m) => index.seriesByMetric.get(m) ?? []).slice(0, MAX_VALUES);
    },
    async metadata() {
      return index.metadata;
    },
  };
}

/** A real Prometheus (the first configured endpoint) answers the editor's questions itself. */
export function createLivePromMeta(backend: Backend | null): PromMetaSource | null {
  const client = backend && 'clients' in backend ? (backend as PrometheusBackend).clients[0] : undefined;
  if (!client) return null;
  return {
    labels: async (match) => (await client.labels(match.length ? match : undefined)).data,
    labelValues: async (label, match) => (await client.labelValues(label, match.length ? match : undefined)).data,
    series: async (match) => (await client.series(match)).data,
    // Metadata only colours completions; a real server's can be large, so the editor goes without.
    metadata: async () => ({}),
  };
}
