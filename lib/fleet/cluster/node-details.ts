import type { NodeEventRow, NodeInventoryRow } from '../../catalog/queries/cluster-logs';
import { NODE_POOL_LABELS, type SampleRow, type SeriesRow } from '../../catalog/queries/cluster-prom/query-kit';
import type { NodeRow } from './build';

/**
 * Node triage, pure: why a node is not Ready, from kube-state-metrics (pool, conditions, the
 * Ready status over the range, taints, cordon, kubelet and OS), the exporters' scrapes and,
 * with Container insights, the node's inventory and events. Serialisable, no JSX.
 */

export type ConditionStatus = 'true' | 'false' | 'unknown';

export interface NodeCondition {
  condition: string;
  status: ConditionStatus;
}

export interface NodeTaint {
  key: string;
  value: string;
  effect: string;
}

/**
 * When Ready last moved within the range: `changed` at a step, from one status to another;
 * `steady` when every sample of the range had the same status (`since` is the first of them,
 * the range's start unless the node appeared later); `none` without a sample.
 */
export type ReadyChange =
  | { kind: 'changed'; at: number; from: ConditionStatus; to: ConditionStatus }
  | { kind: 'steady'; since: number; status: ConditionStatus }
  | { kind: 'none' };

const isStatus = (s: string | undefined): s is ConditionStatus => s === 'true' || s === 'false' || s === 'unknown';

/** A node's pool from kube_node_labels: the AKS label first, then the older `agentpool`. */
export function poolOf(labels: Record<string, string>): string | null {
  for (const l of NODE_POOL_LABELS) if (labels[l]) return labels[l] as string;
  return null;
}

export function poolsByNode(samples: readonly SampleRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of samples) {
    const node = s.labels['node'];
    const pool = poolOf(s.labels);
    if (node && pool && !out.has(node)) out.set(node, pool);
  }
  return out;
}

/** Ready first, then the rest by name. */
const conditionOrder = (a: NodeCondition, b: NodeCondition): number =>
  (a.condition === 'Ready' ? 0 : 1) - (b.condition === 'Ready' ? 0 : 1) || a.condition.localeCompare(b.condition);

export function conditionsByNode(samples: readonly SampleRow[]): Map<string, NodeCondition[]> {
  const out = new Map<string, NodeCondition[]>();
  for (const s of samples) {
    const { node, condition, status } = s.labels;
    if (!node || !condition || !isStatus(status) || s.value <= 0) continue;
    const list = out.get(node) ?? [];
    if (!list.some((c) => c.condition === condition)) list.push({ condition, status });
    out.set(node, list);
  }
  for (const list of out.values()) list.sort(conditionOrder);
  return out;
}

/**
 * The conditions that say something is wrong: Ready not true, any other condition true (the
 * pressure signals, NetworkUnavailable, node-problem-detector's) or unknown.
 */
export function troubleOf(conditions: readonly NodeCondition[]): NodeCondition[] {
  return conditions.filter((c) => (c.condition === 'Ready' ? c.status !== 'true' : c.status !== 'false'));
}

/** Per node, the latest change of Ready over the range's samples (`sum by (node, status)` of the true status). */
export function readyChanges(series: readonly SeriesRow[]): Map<string, ReadyChange> {
  const byNode = new Map<string, Map<number, ConditionStatus>>();
  for (const s of series) {
    const { node, status } = s.labels;
    if (!node || !isStatus(status)) continue;
    const timeline = byNode.get(node) ?? new Map<number, ConditionStatus>();
    for (const [t, v] of s.points) if (v > 0) timeline.set(t, status);
    byNode.set(node, timeline);
  }
  const out = new Map<string, ReadyChange>();
  for (const [node, timeline] of byNode) out.set(node, lastChange(timeline));
  return out;
}

function lastChange(timeline: ReadonlyMap<number, ConditionStatus>): ReadyChange {
  const points = [...timeline].sort(([a], [b]) => a - b);
  const last = points[points.length - 1];
  if (!last) return { kind: 'none' };
  for (let i = points.length - 1; i > 0; i--) {
    const [t, to] = points[i] as [number, ConditionStatus];
    const from = (points[i - 1] as [number, ConditionStatus])[1];
    if (from !== to) return { kind: 'changed', at: t, from, to };
  }
  return { kind: 'steady', since: (points[0] as [number, ConditionStatus])[0], status: last[1] };
}

/** A node table row with the node's pool and, for a node not Ready, why and since when. */
export interface NodeTriageRow extends NodeRow {
  pool: string | null;
  /** The conditions in trouble (Ready not true first); empty for a healthy node or unknown conditions. */
  trouble: NodeCondition[];
  readyChange: ReadyChange | null;
}

/** Adds pool, trouble and the Ready change to the node table's rows; a failed query leaves its part empty. */
export function withTriage(
  rows: readonly NodeRow[],
  pools: readonly SampleRow[] | null,
  conditions: readonly SampleRow[] | null,
  history: readonly SeriesRow[] | null,
): NodeTriageRow[] {
  const pool = poolsByNode(pools ?? []);
  const cond = conditionsByNode(conditions ?? []);
  const changes = readyChanges(history ?? []);
  return rows.map((r) => ({
    ...r,
    pool: pool.get(r.name) ?? null,
    trouble: troubleOf(cond.get(r.name) ?? []),
    readyChange: changes.get(r.name) ?? null,
  }));
}

export interface NodeInfo {
  kubeletVersion: string;
  osImage: string;
  kernel: string;
  containerRuntime: string;
}

export interface LastScrape {
  exporter: string;
  /** The last step of the range at which the exporter answered its scrape; null when it never did. */
  at: number | null;
}

export interface NodeEvent {
  type: string;
  reason: string;
  message: string;
  source: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** What Container insights says of the node, or why it cannot say. */
export type NodeInsights =
  | {
      status: 'ok';
      /** The agent's latest inventory of the node; null when the workspace holds none in the range. */
      inventory: {
        lastReport: string;
        status: string;
        lastTransitionReady: string;
        kubeletVersion: string;
        osImage: string;
        containerRuntime: string;
      } | null;
      /** Null when the events query failed (the inventory may still have answered). */
      events: NodeEvent[] | null;
    }
  | { status: 'unavailable'; reason: string }
  | { status: 'error' };

export interface NodeDetails {
  node: string;
  /** Whether kube-state-metrics knows the node at the range's end. */
  known: boolean;
  pool: string | null;
  info: NodeInfo | null;
  /** Null when the conditions query failed. */
  conditions: NodeCondition[] | null;
  ready: ConditionStatus | null;
  trouble: NodeCondition[];
  readyChange: ReadyChange | null;
  taints: NodeTaint[] | null;
  unschedulable: boolean | null;
  lastScrape: LastScrape[] | null;
  insights: NodeInsights;
  range: { start: number; end: number };
}

export interface NodeDetailAnswers {
  info: readonly SampleRow[] | null;
  pool: readonly SampleRow[] | null;
  conditions: readonly SampleRow[] | null;
  history: readonly SeriesRow[] | null;
  taints: readonly SampleRow[] | null;
  unschedulable: readonly SampleRow[] | null;
  scrapes: readonly SeriesRow[] | null;
  inventory: readonly NodeInventoryRow[] | null;
  events: readonly NodeEventRow[] | null;
}

const EXPORTERS = ['kubelet', 'node-exporter'] as const;

/**
 * One node's details from the node triage queries (all nodes of the cluster; this keeps one).
 * `insights` says whether Container insights can hold rows for the cluster at all.
 */
export function buildNodeDetails(
  node: string,
  a: NodeDetailAnswers,
  insights: { available: true } | { available: false; reason: string },
  range: { start: number; end: number },
): NodeDetails {
  const mine = <R extends { labels: Record<string, string> }>(rows: readonly R[] | null): R[] | null =>
    rows ? rows.filter((r) => r.labels['node'] === node) : null;
  const info = mine(a.info)?.[0]?.labels;
  const conditions = a.conditions ? (conditionsByNode(mine(a.conditions) ?? []).get(node) ?? []) : null;
  const ready = conditions?.find((c) => c.condition === 'Ready')?.status ?? null;
  const taints = mine(a.taints)?.map((s) => ({
    key: s.labels['key'] ?? '',
    value: s.labels['value'] ?? '',
    effect: s.labels['effect'] ?? '',
  }));
  const cordon = mine(a.unschedulable);
  const scrapes = mine(a.scrapes);
  const known = [a.info, a.pool, a.conditions, a.unschedulable].some((rows) => (mine(rows) ?? []).length > 0);
  return {
    node,
    known,
    pool: poolsByNode(mine(a.pool) ?? []).get(node) ?? null,
    info: info
      ? {
          kubeletVersion: info['kubelet_version'] ?? '',
          osImage: info['os_image'] ?? '',
          kernel: info['kernel_version'] ?? '',
          containerRuntime: info['container_runtime_version'] ?? '',
        }
      : null,
    conditions,
    ready,
    trouble: troubleOf(conditions ?? []),
    readyChange: a.history ? (readyChanges(mine(a.history) ?? []).get(node) ?? { kind: 'none' }) : null,
    taints: taints ? taints.sort((x, y) => x.key.localeCompare(y.key) || x.effect.localeCompare(y.effect)) : null,
    unschedulable: cordon ? cordon.some((s) => s.value > 0) : null,
    lastScrape: scrapes
      ? EXPORTERS.map((exporter) => {
          const times = scrapes
            .filter((s) => s.labels['exporter'] === exporter)
            .flatMap((s) => s.points.filter(([, v]) => v > 0).map(([t]) => t));
          return { exporter, at: times.length ? Math.max(...times) : null };
        })
      : null,
    insights: !insights.available
      ? { status: 'unavailable', reason: insights.reason }
      : !a.inventory && !a.events
        ? { status: 'error' }
        : {
            status: 'ok',
            inventory: inventoryOf(a.inventory),
            events: a.events ? a.events.map(eventOf) : null,
          },
    range,
  };
}

function inventoryOf(rows: readonly NodeInventoryRow[] | null): Extract<NodeInsights, { status: 'ok' }>['inventory'] {
  const latest = [...(rows ?? [])].sort((x, y) => y.TimeGenerated.localeCompare(x.TimeGenerated))[0];
  return latest
    ? {
        lastReport: latest.TimeGenerated,
        status: latest.Status,
        lastTransitionReady: latest.LastTransitionTimeReady,
        kubeletVersion: latest.KubeletVersion,
        osImage: latest.OperatingSystem,
        containerRuntime: latest.DockerVersion,
      }
    : null;
}

const eventOf = (e: NodeEventRow): NodeEvent => ({
  type: e.KubeEventType,
  reason: e.Reason,
  message: e.Message,
  source: e.SourceComponent,
  count: e.Count,
  firstSeen: e.FirstSeen,
  lastSeen: e.LastSeen,
});

/**
 * The status line of a node: null when it is Ready and nothing is in trouble; otherwise what
 * is wrong, since when (the Ready change in the range, else the inventory's last transition),
 * and the reason the newest Warning event (else the conditions) gives.
 */
export function nodeVerdict(d: NodeDetails): { title: string; since: string | null; reason: string | null } | null {
  if (d.ready === 'true' && d.trouble.length === 0 && !d.unschedulable) return null;
  if (d.ready === null && d.trouble.length === 0 && !d.unschedulable) return null;
  const title =
    d.ready === 'false'
      ? 'Not Ready'
      : d.ready === 'unknown'
        ? 'Not Ready (status Unknown: the kubelet stopped posting status)'
        : d.ready === 'true' && d.trouble.length
          ? `Ready, with ${d.trouble.map((c) => c.condition).join(', ')}`
          : d.unschedulable
            ? 'Cordoned (unschedulable)'
            : 'Ready status not reported';
  const inventory = d.insights.status === 'ok' ? d.insights.inventory : null;
  const change = d.readyChange;
  const since =
    change?.kind === 'changed'
      ? `since ${formatUtc(change.at)} (was ${READY_WORD[change.from]})`
      : change?.kind === 'steady'
        ? `for the whole range (no change since ${formatUtc(change.since)})${
            inventory?.lastTransitionReady
              ? `; Container insights: Ready last changed ${formatUtc(Date.parse(inventory.lastTransitionReady) / 1000)}`
              : ''
          }`
        : null;
  const warning = d.insights.status === 'ok' ? d.insights.events?.find((e) => e.type === 'Warning') : undefined;
  const reason = warning
    ? `${warning.reason}: ${warning.message} (${warning.source})`
    : d.trouble.length
      ? d.trouble.map((c) => `${c.condition}=${READY_WORD[c.status]}`).join(', ')
      : null;
  return { title, since, reason };
}

const READY_WORD: Record<ConditionStatus, string> = { true: 'True', false: 'False', unknown: 'Unknown' };

export const conditionWord = (s: ConditionStatus): string => READY_WORD[s];

/** `2026-12-04 02:51 UTC`. */
export function formatUtc(t: number): string {
  return `${new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A rough age: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return `${Math.floor(s / 86_400)} d${h ? ` ${h} h` : ''}`;
}
