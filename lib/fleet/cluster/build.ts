import type { SampleRow, SeriesRow } from '../../catalog/queries/cluster-prom/query-kit';

/**
 * Pure transforms from catalog rows to what a panel draws: serializable, tested, no JSX.
 */

export interface ChartSeries {
  key: string;
  name: string;
}
export interface ChartData {
  series: ChartSeries[];
  /** One row per timestamp (unix seconds), one column per series key; gaps stay absent. */
  rows: Array<Record<string, number>>;
}

/** At most this many lines on one chart; the busiest are kept, the rest named in a note. */
export const MAX_LINES = 12;

/** Wide rows for a line chart; `name` labels a series from its labels. */
export function buildChartData(
  series: readonly SeriesRow[],
  name: (labels: Record<string, string>) => string,
  max = MAX_LINES,
): ChartData & { dropped: number } {
  const peak = (s: SeriesRow): number => s.points.reduce((m, [, v]) => Math.max(m, v), -Infinity);
  const kept = [...series]
    .sort((a, b) => peak(b) - peak(a) || name(a.labels).localeCompare(name(b.labels)))
    .slice(0, max);
  kept.sort((a, b) => name(a.labels).localeCompare(name(b.labels)));
  const byTime = new Map<number, Record<string, number>>();
  const out: ChartSeries[] = kept.map((s, i) => ({ key: `s${i}`, name: name(s.labels) }));
  kept.forEach((s, i) => {
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
