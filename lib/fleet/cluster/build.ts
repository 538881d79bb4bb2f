import type { SampleRow, SeriesRow } from '../../catalog/queries/cluster-prom/query-kit';
import { seriesStyles } from './series-colors';

/**
 * Pure transforms from catalog rows to what a panel draws: serializable, tested, no JSX.
 */

export interface ChartSeries {
  key: string;
  name: string;
  /** From the series' name (seriesStyles): the same series has the same look on every chart. */
  color: string;
  /** SVG stroke-dasharray, '' for solid: tells lines of one colour apart past the palette. */
  dash: string;
  /** Kept whatever its rank and drawn to stand out (a node that is not Ready). */
  highlight: boolean;
  /** The value the series was ranked by (see SeriesRank); null when it has no finite point. */
  value: number | null;
}
export interface ChartData {
  /** Highlighted series first, then worst first; drawn in reverse, so the worst lies on top. */
  series: ChartSeries[];
  /** One row per timestamp (unix seconds), one column per series key; gaps stay absent. */
  rows: Array<Record<string, number>>;
}

/** A series left off the chart, with the value it was ranked by. */
export interface HiddenSeries {
  name: string;
  value: number | null;
  highlight: boolean;
}

/**
 * Which series a chart keeps when it has more than it can draw: the worst for what the chart
 * means. `keep: 'highest'` for error ratios, latency, utilisation, load; `'lowest'` for free
 * space or headroom. `measure: 'peak'` compares each series' worst point in the range (its
 * maximum, or minimum for 'lowest'): spikes count. `'latest'` compares its last point: levels
 * that only matter as they are now. `what` names the value in the chart's note.
 */
export interface SeriesRank {
  keep: 'highest' | 'lowest';
  measure: 'peak' | 'latest';
  what: string;
  /** How the note calls the kept series; "worst" unless high is not bad (request rates: "busiest"). */
  word?: 'worst' | 'busiest';
}

/** At most this many lines on one chart; the worst are kept, the rest listed under it. */
export const MAX_LINES = 12;
/** At most this many left-off series are listed by name (worst first); the rest are counted. */
export const MAX_HIDDEN_LISTED = 200;

export interface ChartOptions {
  rank: SeriesRank;
  /** Series kept before the ranking and marked `highlight` (up to `max` of them, worst first). */
  highlight?: (labels: Record<string, string>) => boolean;
  max?: number;
}

/** The ranked value of a series; null when it has no finite point. */
export function rankValue(points: ReadonlyArray<readonly [number, number]>, rank: SeriesRank): number | null {
  const finite = points.filter(([, v]) => Number.isFinite(v));
  if (finite.length === 0) return null;
  if (rank.measure === 'latest') return finite.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
  const values = finite.map(([, v]) => v);
  return rank.keep === 'highest' ? Math.max(...values) : Math.min(...values);
}

/** "worst (highest error ratio in the range)": what the kept series are, for the chart's note. */
export function rankText(rank: SeriesRank): string {
  const when = rank.measure === 'peak' ? 'in the range' : "at the range's end";
  return `${rank.word ?? 'worst'} (${rank.keep} ${rank.what} ${when})`;
}

/**
 * Wide rows for a line chart; `name` labels a series from its labels. Keeps the highlighted
 * series, then the worst by `rank`, up to `max`; the rest come back as `hidden`, worst first.
 */
export function buildChartData(
  series: readonly SeriesRow[],
  name: (labels: Record<string, string>) => string,
  { rank, highlight, max = MAX_LINES }: ChartOptions,
): ChartData & { dropped: number; hidden: HiddenSeries[] } {
  const sign = rank.keep === 'highest' ? -1 : 1;
  const ranked = series
    .map((s) => ({
      s,
      name: name(s.labels),
      value: rankValue(s.points, rank),
      highlight: highlight?.(s.labels) ?? false,
    }))
    .sort(
      (a, b) =>
        Number(b.highlight) - Number(a.highlight) ||
        // Series without a value (all gaps) go last.
        Number(a.value === null) - Number(b.value === null) ||
        sign * ((a.value ?? 0) - (b.value ?? 0)) ||
        a.name.localeCompare(b.name),
    );
  const kept = ranked.slice(0, max);
  const styles = seriesStyles(kept.map((k) => k.name));
  const byTime = new Map<number, Record<string, number>>();
  const out: ChartSeries[] = kept.map((k, i) => {
    const style = styles.get(k.name) ?? { color: '#000000', dash: '' };
    return { key: `s${i}`, name: k.name, ...style, highlight: k.highlight, value: k.value };
  });
  kept.forEach(({ s }, i) => {
    for (const [t, v] of s.points) {
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t }));
      row[`s${i}`] = v;
    }
  });
  return {
    series: out,
    rows: [...byTime.values()].sort((a, b) => (a.t as number) - (b.t as number)),
    dropped: series.length - kept.length,
    hidden: ranked
      .slice(max, max + MAX_HIDDEN_LISTED)
      .map((r) => ({ name: r.name, value: r.value, highlight: r.highlight })),
  };
}

export interface NodeRow {
  name: string;
  ready: 'true' | 'false' | 'unknown' | null;
  cpuCores: number | null;
  memoryBytes: number | null;
  podsRunning: number | null;
  podsCapacity: number | null;
}

/** The node table from three instant queries; a failed query leaves its columns null. */
export function buildNodeRows(
  ready: readonly SampleRow[] | null,
  allocatable: readonly SampleRow[] | null,
  running: readonly SampleRow[] | null,
): NodeRow[] {
  const rows = new Map<string, NodeRow>();
  const row = (name: string): NodeRow => {
    let r = rows.get(name);
    if (!r)
      rows.set(
        name,
        (r = { name, ready: null, cpuCores: null, memoryBytes: null, podsRunning: null, podsCapacity: null }),
      );
    return r;
  };
  for (const s of ready ?? []) {
    const status = s.labels['status'];
    if (s.labels['node'] && s.value === 1 && (status === 'true' || status === 'false' || status === 'unknown'))
      row(s.labels['node']).ready = status;
    else if (s.labels['node']) row(s.labels['node']);
  }
  for (const s of allocatable ?? []) {
    const node = s.labels['node'];
    if (!node) continue;
    const r = row(node);
    if (s.labels['resource'] === 'cpu') r.cpuCores = s.value;
    if (s.labels['resource'] === 'memory') r.memoryBytes = s.value;
    if (s.labels['resource'] === 'pods') r.podsCapacity = s.value;
  }
  for (const s of running ?? []) if (s.labels['node']) row(s.labels['node']).podsRunning = s.value;
  // Trouble first: not Ready nodes lead, then by name.
  const rank = (r: NodeRow): number => (r.ready === 'true' ? 1 : 0);
  return [...rows.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** Nodes whose Ready condition is false or unknown, from the node-ready query. */
export function notReadyNodes(ready: readonly SampleRow[]): Set<string> {
  return new Set(
    buildNodeRows(ready, null, null)
      .filter((r) => r.ready === 'false' || r.ready === 'unknown')
      .map((r) => r.name),
  );
}

/** A controller's desired replicas against those it has (available or ready, as its query says). */
export interface ReplicaRow {
  namespace: string;
  name: string;
  desired: number;
  actual: number;
}

/**
 * Rows from a `desired vs actual` query: `objectLabel` names the controller (deployment,
 * statefulset, daemonset), the `replicas` label says which number a sample is.
 */
export function buildReplicaRows(samples: readonly SampleRow[], objectLabel: string, actualName: string): ReplicaRow[] {
  const rows = new Map<string, ReplicaRow>();
  for (const s of samples) {
    const namespace = s.labels['namespace'];
    const name = s.labels[objectLabel];
    const replicas = s.labels['replicas'];
    if (!namespace || !name) continue;
    const key = `${namespace}/${name}`;
    const r = rows.get(key) ?? { namespace, name, desired: 0, actual: 0 };
    if (replicas === 'desired') r.desired = s.value;
    if (replicas === actualName) r.actual = s.value;
    rows.set(key, r);
  }
  // Short of replicas first, by how many are missing.
  return [...rows.values()].sort(
    (a, b) =>
      b.desired - b.actual - (a.desired - a.actual) ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name),
  );
}

/** A container named by namespace and pod: crash-looping, OOM-killed. */
export interface ContainerRow {
  namespace: string;
  pod: string;
  container: string;
}

export function buildContainerRows(samples: readonly SampleRow[]): ContainerRow[] {
  return samples
    .flatMap((s) => {
      const { namespace, pod, container } = s.labels;
      return namespace && pod && container && s.value > 0 ? [{ namespace, pod, container }] : [];
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod));
}

/** One namespace's usage next to what its pods request and the limits they set; null when none set one. */
export interface ResourceRow {
  namespace: string;
  usage: number | null;
  requests: number | null;
  limits: number | null;
}

/** Rows from a `usage vs requests and limits` query (the `measure` label), the biggest users first. */
export function buildResourceRows(samples: readonly SampleRow[]): ResourceRow[] {
  const rows = new Map<string, ResourceRow>();
  for (const s of samples) {
    const namespace = s.labels['namespace'];
    const measure = s.labels['measure'];
    if (!namespace || (measure !== 'usage' && measure !== 'requests' && measure !== 'limits')) continue;
    const r = rows.get(namespace) ?? { namespace, usage: null, requests: null, limits: null };
    r[measure] = s.value;
    rows.set(namespace, r);
  }
  return [...rows.values()].sort((a, b) => (b.usage ?? 0) - (a.usage ?? 0) || a.namespace.localeCompare(b.namespace));
}

export interface PressureSummary {
  /** Nodes the kubelet reported conditions for. */
  nodes: number;
  /** The conditions that are true, node by node. */
  pressed: Array<{ node: string; condition: string }>;
}

export function buildPressureSummary(samples: readonly SampleRow[]): PressureSummary {
  const nodes = new Set<string>();
  const pressed: PressureSummary['pressed'] = [];
  for (const s of samples) {
    const { node, condition } = s.labels;
    if (!node || !condition) continue;
    nodes.add(node);
    if (s.value > 0) pressed.push({ node, condition });
  }
  pressed.sort((a, b) => a.node.localeCompare(b.node) || a.condition.localeCompare(b.condition));
  return { nodes: nodes.size, pressed };
}
