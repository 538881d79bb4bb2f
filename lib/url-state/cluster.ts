import { z } from 'zod';
import { PERSONAS, type Persona } from '../catalog/types';
import type { TimeRange } from '../fleet/cluster/time-range';
import {
  legacyChain,
  literalParam,
  readView,
  renamed,
  result,
  searchTextParam,
  viewSerializer,
  zodParam,
  type Legacy,
  type ParseResult,
  type SearchInput,
} from './codec';
import { legacyTime, rangeOf, timeRangeParsers } from './time';

/**
 * View state of the cluster pages. The path names the cluster and the layer; the query
 * string holds persona, time range, auto-refresh and selection. Links are a contract:
 * parameters are only added, renamed ones keep being read (legacy below), defaults are
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
const objectName = zodParam(
  z
    .string()
    .max(253)
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name'),
);

const refreshParam = literalParam(REFRESH_CHOICES).withDefault(DEFAULT_VIEW.refresh);

export const clusterViewParsers = {
  persona: literalParam(PERSONAS),
  ...timeRangeParsers(DEFAULT_VIEW.range.from),
  refresh: refreshParam,
  node: objectName,
  namespace: objectName,
  workload: objectName,
  q: searchTextParam,
};

/** What the time picker sets; `range` (the name before absolute ranges) only ever gets cleared. */
export const clusterTimeParsers = {
  ...timeRangeParsers(DEFAULT_VIEW.range.from),
  refresh: refreshParam,
  range: zodParam(z.string()),
};

/** `ns` was the namespace's name until the views got one name per meaning. */
const legacy: Legacy = legacyChain(legacyTime, renamed({ ns: (v) => ['namespace', v] }));

export function parseClusterView(params: SearchInput): ParseResult<ClusterView> {
  const { values: v, errors } = readView(clusterViewParsers, params, legacy);
  return result(
    {
      persona: v.persona,
      range: rangeOf(v),
      refresh: v.refresh,
      node: v.node,
      namespace: v.namespace,
      workload: v.workload,
      q: v.q,
    },
    errors,
  );
}

const serialize = viewSerializer(clusterViewParsers);

/** The query string of a view, without "?"; empty for the default view. */
export function serializeClusterView(v: ClusterView): string {
  return serialize({
    persona: v.persona,
    from: v.range.from,
    to: v.range.to,
    refresh: v.refresh,
    node: v.node,
    namespace: v.namespace,
    workload: v.workload,
    q: v.q,
  });
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
