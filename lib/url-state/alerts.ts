import { z } from 'zod';
import { ALERT_GROUPS, SEVERITIES, type AlertFilters } from '../fleet/alerts';
import { MAX_SEARCH_LENGTH, type ParamError, type ParseResult } from './overview';

/** /alerts' view state in the query string: added to, never changed; defaults omitted; fixed order. */
export const DEFAULT_ALERTS: AlertFilters = { group: 'cluster', severity: null, q: '', coverageGaps: false };

const fields = {
  group: z.enum(ALERT_GROUPS, { error: `must be one of ${ALERT_GROUPS.join(', ')}` }),
  sev: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }),
  q: z
    .string()
    .max(MAX_SEARCH_LENGTH, `is longer than ${MAX_SEARCH_LENGTH} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters'),
  cov: z.enum(['gaps'], { error: 'must be gaps' }),
} as const;
export const ALERT_PARAMS = Object.keys(fields) as Array<keyof typeof fields>;

type SearchParamsLike = { get(name: string): string | null };

export function parseAlertParams(params: SearchParamsLike): ParseResult<AlertFilters> {
  const value: AlertFilters = { ...DEFAULT_ALERTS };
  const errors: ParamError[] = [];
  for (const name of ALERT_PARAMS) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const parsed = fields[name].safeParse(raw);
    if (!parsed.success) {
      errors.push({ param: name, message: `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}` });
      continue;
    }
    if (name === 'group') value.group = parsed.data as AlertFilters['group'];
    else if (name === 'sev') value.severity = parsed.data as AlertFilters['severity'];
    else if (name === 'q') value.q = parsed.data as string;
    else value.coverageGaps = true;
  }
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

export function serializeAlertParams(f: AlertFilters): string {
  const out = new URLSearchParams();
  if (f.group !== DEFAULT_ALERTS.group) out.set('group', f.group);
  if (f.severity) out.set('sev', f.severity);
  if (f.q.trim()) out.set('q', f.q.trim());
  if (f.coverageGaps) out.set('cov', 'gaps');
  return out.toString();
}
