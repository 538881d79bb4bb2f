import { z } from 'zod';
import { DEFAULT_FILTERS, SORT_KEYS, type FleetFilters } from '../fleet/filter';
import { DISTRIBUTIONS, HEALTH_STATUSES, PROVIDERS } from '../fleet/types';
import { readParams, result, searchTextSchema, type ParseResult, type SearchParamsLike } from './params';

export { MAX_SEARCH_LENGTH, type ParamError, type ParseResult } from './params';

/**
 * The fleet overview's view state as it lives in the query string. Links are a contract:
 * parameters are only ever added, defaults are omitted, and the order is fixed so the
 * same view always has the same URL.
 */

const MAX_LIST = 50;

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000, 'is too long')
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(item).max(MAX_LIST, `lists at most ${MAX_LIST} values`))
    .transform((values) => [...new Set(values)]);

/** How a cluster is known (PROVIDERS), then distributions; "other" is the distribution, as it always was in links. */
export const PROVIDER_VALUES = [...PROVIDERS, ...DISTRIBUTIONS.filter((d) => d !== 'aks')] as const;

const fields = {
  q: searchTextSchema,
  health: list(z.enum(HEALTH_STATUSES, { error: `must be one of ${HEALTH_STATUSES.join(', ')}` })),
  provider: list(z.enum(PROVIDER_VALUES, { error: `must be one of ${PROVIDER_VALUES.join(', ')}` })),
  region: list(z.string().regex(/^[a-z0-9]{2,40}$/, 'must be an Azure region name like westeurope')),
  version: list(z.string().regex(/^\d{1,2}\.\d{1,3}$/, 'must be a Kubernetes minor like 1.33')),
  sort: z.enum(SORT_KEYS, { error: `must be one of ${SORT_KEYS.join(', ')}` }),
  dir: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }),
} as const;

export type OverviewParamName = keyof typeof fields;
export const OVERVIEW_PARAMS = Object.keys(fields) as OverviewParamName[];

/** Parses every known parameter; invalid ones are reported and fall back to their default. */
export function parseOverviewParams(params: SearchParamsLike): ParseResult<FleetFilters> {
  const { values, errors } = readParams(params, fields);
  return result({ ...DEFAULT_FILTERS, ...values }, errors);
}

/** The query string of a view, without the leading "?"; empty for the default view. */
export function serializeOverviewParams(f: FleetFilters): string {
  const out = new URLSearchParams();
  if (f.q.trim()) out.set('q', f.q.trim());
  for (const key of ['health', 'provider', 'region', 'version'] as const) {
    if (f[key].length) out.set(key, [...f[key]].sort().join(','));
  }
  // A chosen sort always carries its direction, so "sort=name" never silently means descending.
  if (f.sort !== DEFAULT_FILTERS.sort || f.dir !== DEFAULT_FILTERS.dir) {
    out.set('sort', f.sort);
    out.set('dir', f.dir);
  }
  return out.toString();
}

/** Reads Next.js' `searchParams` object (string | string[] | undefined per key). */
export function fromNextSearchParams(sp: Record<string, string | string[] | undefined>): SearchParamsLike {
  return { get: (name) => {
    const v = sp[name];
    return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
  } };
}
