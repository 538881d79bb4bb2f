import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The exporter corpus in ../shared/reference/exporters, read at run time (never copied into
 * the repository): every metric family's HELP, TYPE and the label names its samples carry,
 * so the scenario writes series exactly as the exporters name them.
 */

/** The checkout's root: the nearest directory above this file with a package.json. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const CORPUS_DIR =
  process.env.FLEETWATCH_EXPORTER_CORPUS ?? path.resolve(repoRoot(), '../shared/reference/exporters');

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface Family {
  name: string;
  help: string;
  type: MetricType;
  /** Label names of the family's first sample (served order where the corpus keeps it). */
  labels: string[];
  /** Label values of that first sample, for values whose shape the corpus fixes (unit="core"). */
  example: Record<string, string>;
  /** Every sample the corpus shows for the family, across its files, as written. */
  samples: Array<{ labels: Record<string, string>; value: number }>;
  /** Histogram bucket bounds (from the metric tables), without +Inf. */
  buckets?: number[];
  source: string;
}

export class CorpusMissingError extends Error {}

export interface Corpus {
  dir: string;
  family(name: string): Family;
  has(name: string): boolean;
  /** Label names the kubelet puts on /metrics/cadvisor series (kubernetes/endpoint-labels.tsv). */
  cadvisorEndpointLabels: string[];
}

export function corpusAvailable(dir = CORPUS_DIR): boolean {
  return existsSync(path.join(dir, 'SOURCES.md'));
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;

function parseLabels(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)))
    out.push([m[1] as string, (m[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))]);
  return out;
}

function baseName(sample: string, families: Map<string, Family>): string {
  if (families.has(sample)) return sample;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (sample.endsWith(suffix) && families.has(sample.slice(0, -suffix.length)))
      return sample.slice(0, -suffix.length);
  }
  return sample;
}

/** Parses one exposition file into families; the first file naming a family wins. */
function readExposition(file: string, source: string, families: Map<string, Family>): void {
  const local = new Map<string, Family>();
  const get = (name: string): Family => {
    let f = local.get(name);
    if (!f) local.set(name, (f = { name, help: '', type: 'gauge', labels: [], example: {}, samples: [], source }));
    return f;
  };
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const f = get(meta[2] as string);
      if (meta[1] === 'HELP') f.help = meta[3] as string;
      else f.type = meta[3] as MetricType;
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const f = get(baseName(m[1] as string, local));
    const labels = parseLabels(m[2] ?? '');
    if (f.samples.length === 0) {
      f.labels = labels.map(([k]) => k).filter((k) => k !== 'le' && k !== 'quantile');
      f.example = Object.fromEntries(labels);
    }
    f.samples.push({ labels: Object.fromEntries(labels), value: Number(m[3]) });
  }
  for (const [name, f] of local) {
    const seen = families.get(name);
    if (!seen) families.set(name, f);
    else if (seen.samples.length === 0 && f.samples.length > 0) families.set(name, { ...f, help: seen.help || f.help });
    // Later files add samples (value shapes) but keep the first file's label order and example.
    else seen.samples.push(...f.samples);
  }
}

/** A derived metric table (*.tsv): the facts an upstream definition states. */
function readTable(file: string, source: string, families: Map<string, Family>): void {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = (header ?? '').split('\t');
  for (const row of rows) {
    const cells = Object.fromEntries(row.split('\t').map((c, i) => [cols[i], c]));
    const prefix = cells['stability'] ? `[${cells['stability']}] ` : '';
    const labels = [
      ...(cells['labels'] ? cells['labels'].split(',') : []),
      ...(cells['const_labels'] ? cells['const_labels'].split(',') : []),
    ];
    families.set(cells['metric'] as string, {
      name: cells['metric'] as string,
      help: prefix + (cells['help'] ?? ''),
      type: cells['type'] as MetricType,
      labels,
      example: {},
      samples: [],
      buckets: cells['buckets'] ? cells['buckets'].split(',').map(Number) : undefined,
      source,
    });
  }
}

export function loadCorpus(dir = CORPUS_DIR): Corpus {
  if (!corpusAvailable(dir)) throw new CorpusMissingError(`exporter corpus not found at ${dir}`);
  const families = new Map<string, Family>();
  // The full scrape cycle first: it keeps KSM's served label order (store tests sort labels).
  const ordered = [
    'kube-state-metrics/TestFullScrapeCycle.expected.prom',
    ...readdirSync(path.join(dir, 'kube-state-metrics'))
      .sort()
      .map((f) => `kube-state-metrics/${f}`),
    'node_exporter/e2e-output.txt',
    'cadvisor/prometheus_metrics',
    ...readdirSync(path.join(dir, 'ingress-nginx'))
      .sort()
      .map((f) => `ingress-nginx/${f}`),
    'kubernetes/TestUpdateRunningPodMetric.expectedMetric.1.prom',
  ];
  for (const rel of ordered) readExposition(path.join(dir, rel), rel, families);
  for (const rel of ['node_exporter/metrics.tsv', 'client_golang/metrics.tsv', 'kubernetes/metrics.tsv']) {
    const before = new Map(families);
    readTable(path.join(dir, rel), rel, families);
    // A table row keeps the exposition's HELP when both know the family (kubelet_running_pods).
    for (const [name, f] of before) {
      const t = families.get(name);
      if (t && t !== f && f.samples.length > 0)
        families.set(name, { ...t, help: f.help || t.help, samples: f.samples, example: f.example });
    }
  }
  const endpoint =
    readFileSync(path.join(dir, 'kubernetes/endpoint-labels.tsv'), 'utf8').trim().split('\n')[1]?.split('\t') ?? [];
  return {
    dir,
    has: (name) => families.has(name),
    family(name) {
      const f = families.get(name);
      if (!f) throw new Error(`the exporter corpus has no metric family ${name}`);
      return f;
    },
    cadvisorEndpointLabels: (endpoint[1] ?? '').split(','),
  };
}
