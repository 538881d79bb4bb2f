import { z } from 'zod';
import { COST_GROUPS, COST_RANGES, type CostGroupBy, type CostRange } from '../fleet/cost';
import {
  literalParam,
  readFormat,
  readView,
  renamed,
  result,
  strictParamErrors,
  viewSerializer,
  zodParam,
  type ParseResult,
  type SearchInput,
} from './codec';

/** /cost's view state in the query string: added to, never changed; defaults omitted; fixed order. */
export interface CostView {
  group: CostGroupBy;
  range: CostRange;
  cluster: string | null;
}

export const DEFAULT_COST: CostView = { group: 'namespace', range: '30d', cluster: null };
const RANGES = Object.keys(COST_RANGES) as [CostRange, ...CostRange[]];
/** Cost windows are written like every other view's time: `from=now-7d`. */
const FROM_VALUES = RANGES.map((r) => `now-${r}`) as [string, ...string[]];

export const costParsers = {
  from: zodParam(
    z
      .enum(FROM_VALUES, { error: `must be one of ${FROM_VALUES.join(', ')}` })
      .transform((v) => v.slice(4) as CostRange),
    (r) => `now-${r}`,
  ).withDefault(DEFAULT_COST.range),
  group: literalParam(COST_GROUPS).withDefault(DEFAULT_COST.group),
  cluster: zodParam(
    z
      .string()
      .max(253, 'is too long')
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a cluster name'),
  ),
};
export const COST_PARAMS = Object.keys(costParsers) as Array<keyof typeof costParsers>;

/** Until cost took the shared time codec, its window was `range=7d`. */
const legacy = renamed({
  range: (v) => ((RANGES as readonly string[]).includes(v) ? ['from', `now-${v}`] : ['from', v]),
});

export function parseCostParams(params: SearchInput): ParseResult<CostView> {
  const { values: v, errors } = readView(costParsers, params, legacy);
  return result({ group: v.group, range: v.from, cluster: v.cluster }, errors);
}

const serialize = viewSerializer(costParsers);

export function serializeCostParams(v: CostView): string {
  return serialize({ from: v.range, group: v.group, cluster: v.cluster });
}

export function parseCostApiParams(params: URLSearchParams): ParseResult<{ view: CostView; format: 'json' | 'csv' }> {
  const page = parseCostParams(params);
  const errors = [
    ...(page.ok ? [] : page.errors),
    ...strictParamErrors(params, new Set([...COST_PARAMS, 'range', 'format'])),
  ];
  const format = readFormat(params, errors);
  return result({ view: page.value, format }, errors);
}
