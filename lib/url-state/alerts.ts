import { z } from 'zod';
import { ALERT_GROUPS, SEVERITIES, type AlertFilters } from '../fleet/alerts';
import { readParams, result, searchTextSchema, type ParseResult, type SearchParamsLike } from './params';

/** /alerts' view state in the query string: added to, never changed; defaults omitted; fixed order. */
export const DEFAULT_ALERTS: AlertFilters = { group: 'cluster', severity: null, q: '', coverageGaps: false };

const fields = {
  group: z.enum(ALERT_GROUPS, { error: `must be one of ${ALERT_GROUPS.join(', ')}` }),
  sev: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }),
  q: searchTextSchema,
  cov: z.enum(['gaps'], { error: 'must be gaps' }),
} as const;
export const ALERT_PARAMS = Object.keys(fields) as Array<keyof typeof fields>;

export function parseAlertParams(params: SearchParamsLike): ParseResult<AlertFilters> {
  const { values: v, errors } = readParams(params, fields);
  const d = DEFAULT_ALERTS;
  return result({ group: v.group ?? d.group, severity: v.sev ?? d.severity, q: v.q ?? d.q, coverageGaps: v.cov === 'gaps' || d.coverageGaps }, errors);
}

export function serializeAlertParams(f: AlertFilters): string {
  const out = new URLSearchParams();
  if (f.group !== DEFAULT_ALERTS.group) out.set('group', f.group);
  if (f.severity) out.set('sev', f.severity);
  if (f.q.trim()) out.set('q', f.q.trim());
  if (f.coverageGaps) out.set('cov', 'gaps');
  return out.toString();
}
