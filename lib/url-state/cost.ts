import { z } from 'zod';
import { COST_GROUPS, COST_RANGES, type CostGroupBy, type CostRange } from '../fleet/cost';
import type { ParamError, ParseResult } from './overview';

/** /cost's view state in the query string: added to, never changed; defaults omitted; fixed order. */
export interface CostView {
  group: CostGroupBy;
  range: CostRange;
  cluster: string | null;
}

export const DEFAULT_COST: CostView = { group: 'namespace', range: '30d', cluster: null };
const RANGES = Object.keys(COST_RANGES) as [CostRange, ...CostRange[]];

const fields = {
  group: z.enum(COST_GROUPS, { error: `must be one of ${COST_GROUPS.join(', ')}` }),
  range: z.enum(RANGES, { error: `must be one of ${RANGES.join(', ')}` }),
  cluster: z.string().max(253, 'is too long').regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a cluster name'),
} as const;
export const COST_PARAMS = Object.keys(fields) as Array<keyof typeof fields>;

type SearchParamsLike = { get(name: string): string | null };

export function parseCostParams(params: SearchParamsLike): ParseResult<CostView> {
  const value: CostView = { ...DEFAULT_COST };
  const errors: ParamError[] = [];
  for (const name of COST_PARAMS) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const parsed = fields[name].safeParse(raw);
    if (!parsed.success) {
      errors.push({ param: name, message: `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}` });
      continue;
    }
    if (name === 'group') value.group = parsed.data as CostGroupBy;
    else if (name === 'range') value.range = parsed.data as CostRange;
    else value.cluster = parsed.data;
  }
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

export function serializeCostParams(v: CostView): string {
  const out = new URLSearchParams();
  // The order of the page's form fields, so a submitted form and a serialized view are the same URL.
  if (v.range !== DEFAULT_COST.range) out.set('range', v.range);
  if (v.group !== DEFAULT_COST.group) out.set('group', v.group);
  if (v.cluster) out.set('cluster', v.cluster);
  return out.toString();
}

export function parseCostApiParams(params: URLSearchParams): ParseResult<{ view: CostView; format: 'json' | 'csv' }> {
  const page = parseCostParams(params);
  const errors: ParamError[] = page.ok ? [] : [...page.errors];
  const known = new Set<string>([...COST_PARAMS, 'format']);
  for (const name of new Set(params.keys())) {
    if (!known.has(name)) errors.push({ param: name.slice(0, 40), message: `unknown parameter ${name.slice(0, 40)}` });
    else if (params.getAll(name).length > 1) errors.push({ param: name, message: `${name} is given more than once` });
  }
  const raw = params.get('format') ?? 'json';
  if (raw !== 'csv' && raw !== 'json') errors.push({ param: 'format', message: 'format must be json or csv' });
  const value = { view: page.value, format: raw === 'csv' ? 'csv' : 'json' } as const;
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}
