import { z } from 'zod';
import { COST_GROUPS, COST_RANGES, type CostGroupBy, type CostRange } from '../fleet/cost';
import { readFormat, readParams, result, strictParamErrors, type ParseResult, type SearchParamsLike } from './params';

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

export function parseCostParams(params: SearchParamsLike): ParseResult<CostView> {
  const { values: v, errors } = readParams(params, fields);
  return result({ group: v.group ?? DEFAULT_COST.group, range: v.range ?? DEFAULT_COST.range, cluster: v.cluster ?? DEFAULT_COST.cluster }, errors);
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
  const errors = [...(page.ok ? [] : page.errors), ...strictParamErrors(params, new Set([...COST_PARAMS, 'format']))];
  const format = readFormat(params, errors);
  return result({ view: page.value, format }, errors);
}
