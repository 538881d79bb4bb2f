import type { BackendKind, QueryTime } from '../catalog/types';
import {
  DEFAULT_LOGS_STATE,
  DEFAULT_METRICS_STATE,
  serializeLogsExplore,
  serializeMetricsExplore,
} from '../url-state/explore';
import type { TimeRange } from './time';

/**
 * "Open in explorer": the panel's exact query as an explorer link. A chart's range goes along
 * pinned (the same data tomorrow); an instant query opens over the explorer's default range.
 * Resource Graph and REST reads have no explorer.
 */
export function explorerHref(query: {
  id?: string;
  kind: BackendKind;
  text: string;
  time?: QueryTime;
  params?: Record<string, unknown>;
}): string | null {
  // The catalog id and parameters go along, so the explorer runs the panel's own query while the text is unchanged.
  const catalog = query.id && query.params ? { id: query.id, params: query.params } : null;
  const range: TimeRange | null =
    query.time?.kind === 'range'
      ? {
          from: { kind: 'absolute', at: Math.floor(query.time.start) },
          to: { kind: 'absolute', at: Math.ceil(query.time.end) },
        }
      : null;
  if (query.kind === 'prom') {
    return `/explore/metrics?${serializeMetricsExplore({ ...DEFAULT_METRICS_STATE, queries: [query.text], catalog, range: range ?? DEFAULT_METRICS_STATE.range })}`;
  }
  if (query.kind === 'logs') {
    return `/explore/logs?${serializeLogsExplore({ ...DEFAULT_LOGS_STATE, query: query.text, catalog, range: range ?? DEFAULT_LOGS_STATE.range })}`;
  }
  return null;
}
