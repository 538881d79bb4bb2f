import { z } from 'zod';
import { PERSONAS, type Persona } from '../catalog/types';
import { DEFAULT_FROM, formatTimePoint, parseTimePoint, type TimeRange } from '../fleet/cluster/time-range';
import type { ParamError, ParseResult } from './overview';

/**
 * View state of the cluster pages. The path names the cluster and the layer; the query
 * string holds persona, time range, auto-refresh and selection. Links are a contract:
 * parameters are only added, renamed ones keep being read (LEGACY below), defaults are
 * omitted and the order is fixed.
 */

export const REFRESH_CHOICES = ['off', '30s', '1m', '5m'] as const;
export type Refresh = (typeof REFRESH_CHOICES)[number];

export interface ClusterView {
  persona: Persona | null;
  range: TimeRange;
  refresh: Refresh;
  node: string | null;
  namespace: string | null;
  workload: string | null;
  /** Search text of the container logs. */
  q: string;
}

export const DEFAULT_VIEW: ClusterView = {
  persona: null,
  range: { from: { kind: 'now', offsetSeconds: 3600 }, to: { kind: 'now', offsetSeconds: 0 } },
  refresh: 'off',
  node: null,
  namespace: null,
  workload: null,
  q: '',
};

// Kubernetes object names: DNS-1123 subdomains (nodes) and labels (namespaces, workloads).
const objectName = z.string().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name');

/**
 * Renamed parameters, read for old links: `range=6h` (until the time picker gained absolute
 * ranges) is `from=now-6h`; `ns` is `namespace`.
 */
const LEGACY: Record<string, (value: string) => [string, string] | null> = {
  range: (v) => (/^\d{1,4}[mhdw]$/.test(v) ? ['from', `now-${v}`] : null),
  ns: (v) => ['namespace', v],
};

type SearchParamsLike = { get(name: string): string | null };

export function parseClusterView(params: SearchParamsLike): ParseResult<ClusterView> {
  const value: ClusterView = { ...DEFAULT_VIEW, range: { ...DEFAULT_VIEW.range } };
  const errors: ParamError[] = [];
  const read = (name: string): string | null => {
    const direct = params.get(name);
    if (direct !== null && direct !== '') return direct;
    for (const [old, map] of Object.entries(LEGACY)) {
      const raw = params.get(old);
      const mapped = raw ? map(raw) : null;
      if (mapped && mapped[0] === name) return mapped[1];
    }
    return null;
  };
  const fail = (param: string, message: string): void => void errors.push({ param, message: `${param} ${message}` });

  const persona = read('persona');
  if (persona !== null) {
    if ((PERSONAS as readonly string[]).includes(persona)) value.persona = persona as Persona;
    else fail('persona', `must be one of ${PERSONAS.join(', ')}`);
  }
  for (const key of ['from', 'to'] as const) {
    const raw = read(key);
    if (raw === null) continue;
    const point = parseTimePoint(raw);
    if (point) value.range[key] = point;
    else fail(key, 'must be now, now-<n>m|h|d|w or an ISO-8601 time with a zone');
  }
  const refresh = read('refresh');
  if (refresh !== null) {
    if ((REFRESH_CHOICES as readonly string[]).includes(refresh)) value.refresh = refresh as Refresh;
    else fail('refresh', `must be one of ${REFRESH_CHOICES.join(', ')}`);
  }
  for (const key of ['node', 'namespace', 'workload'] as const) {
    const raw = read(key);
    if (raw === null) continue;
    const parsed = objectName.safeParse(raw);
    if (parsed.success) value[key] = parsed.data;
    else fail(key, parsed.error.issues[0]?.message ?? 'is invalid');
  }
  const q = read('q');
  if (q !== null) {
    if (q.length <= 200 && !/[\u0000-\u001f\u007f]/.test(q)) value.q = q;
    else fail('q', 'must be at most 200 characters without control characters');
  }
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

/** The query string of a view, without "?"; empty for the default view. */
export function serializeClusterView(v: ClusterView): string {
  const out = new URLSearchParams();
  if (v.persona) out.set('persona', v.persona);
  const from = formatTimePoint(v.range.from);
  const to = formatTimePoint(v.range.to);
  if (from !== DEFAULT_FROM || to !== 'now') out.set('from', from);
  if (to !== 'now') out.set('to', to);
  if (v.refresh !== 'off') out.set('refresh', v.refresh);
  if (v.node) out.set('node', v.node);
  if (v.namespace) out.set('namespace', v.namespace);
  if (v.workload) out.set('workload', v.workload);
  if (v.q) out.set('q', v.q);
  return out.toString();
}

/** The same view with some fields changed; selection changes clear what hangs below them. */
export function withView(v: ClusterView, change: Partial<ClusterView>): ClusterView {
  return { ...v, ...change };
}

/** `?…` or '' for hrefs. */
export function viewQuery(v: ClusterView): string {
  const s = serializeClusterView(v);
  return s ? `?${s}` : '';
}
