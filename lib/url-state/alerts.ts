import { ALERT_GROUPS, SEVERITIES, type AlertFilters } from '../fleet/alerts';
import {
  literalParam,
  readView,
  result,
  searchTextParam,
  viewSerializer,
  zodParam,
  type ParseResult,
  type SearchInput,
} from './codec';
import { z } from 'zod';

/** /alerts' view state in the query string: added to, never changed; defaults omitted; fixed order. */
export const DEFAULT_ALERTS: AlertFilters = { group: 'cluster', severity: null, q: '', coverageGaps: false };

export const alertParsers = {
  group: literalParam(ALERT_GROUPS).withDefault(DEFAULT_ALERTS.group),
  sev: literalParam(SEVERITIES),
  q: searchTextParam,
  cov: zodParam(
    z.literal('gaps', { error: 'must be gaps' }).transform(() => true),
    () => 'gaps',
  ).withDefault(false),
};
export const ALERT_PARAMS = Object.keys(alertParsers) as Array<keyof typeof alertParsers>;

export function parseAlertParams(params: SearchInput): ParseResult<AlertFilters> {
  const { values: v, errors } = readView(alertParsers, params);
  return result({ group: v.group, severity: v.sev, q: v.q, coverageGaps: v.cov }, errors);
}

const serialize = viewSerializer(alertParsers);

export function serializeAlertParams(f: AlertFilters): string {
  return serialize({ group: f.group, sev: f.severity, q: f.q, cov: f.coverageGaps });
}
