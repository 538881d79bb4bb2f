import { DEFAULT_LOGS_STATE, DEFAULT_METRICS_STATE, serializeLogsExplore, serializeMetricsExplore } from '../url-state/explore';
import type { TimeRange } from './time';

/** "Open in explorer": the panel's exact query and time range as an explorer link; none for Resource Graph. */
export function explorerHref(query: { kind: 'arg' | 'logs' | 'prom'; text: string }, range?: TimeRange): string | null {
  if (query.kind === 'prom') {
    return `/explore/metrics?${serializeMetricsExplore({ ...DEFAULT_METRICS_STATE, queries: [query.text], range: range ?? DEFAULT_METRICS_STATE.range })}`;
  }
  if (query.kind === 'logs') {
    return `/explore/logs?${serializeLogsExplore({ ...DEFAULT_LOGS_STATE, query: query.text, range: range ?? DEFAULT_LOGS_STATE.range })}`;
  }
  return null;
}
