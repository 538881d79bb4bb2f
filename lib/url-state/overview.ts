import { z } from 'zod';
import { DEFAULT_FILTERS, SORT_KEYS, type FleetFilters } from '../fleet/filter';
import { DISTRIBUTIONS, HEALTH_STATUSES, PROVIDERS } from '../fleet/types';
import {
  literalParam,
  readView,
  result,
  searchTextParam,
  setParam,
  viewSerializer,
  type ParseResult,
  type SearchInput,
} from './codec';

export { MAX_SEARCH_LENGTH, type ParamError, type ParseResult } from './codec';

/**
 * The fleet overview's view state as it lives in the query string. Links are a contract:
 * parameters are only ever added, defaults are omitted, and the order is fixed so the
 * same view always has the same URL.
 */

const MAX_LIST = 50;

/** How a cluster is known (PROVIDERS), then distributions; "other" is the distribution, as it always was in links. */
export const PROVIDER_VALUES = [...PROVIDERS, ...DISTRIBUTIONS.filter((d) => d !== 'aks')] as const;

/** The overview's parameters, for the server page, /api/fleet and the overview's client hook. */
export const overviewParsers = {
  q: searchTextParam,
  health: setParam(z.enum(HEALTH_STATUSES, { error: `must be one of ${HEALTH_STATUSES.join(', ')}` }), MAX_LIST),
  // Strings, as FleetFilters holds them: the overview matches providers and distributions alike.
  provider: setParam(
    z
      .string()
      .refine(
        (v) => (PROVIDER_VALUES as readonly string[]).includes(v),
        `must be one of ${PROVIDER_VALUES.join(', ')}`,
      ),
    MAX_LIST,
  ),
  region: setParam(z.string().regex(/^[a-z0-9]{2,40}$/, 'must be an Azure region name like westeurope'), MAX_LIST),
  version: setParam(z.string().regex(/^\d{1,2}\.\d{1,3}$/, 'must be a Kubernetes minor like 1.33'), MAX_LIST),
  // Written together or not at all (overviewUrlValues): a chosen sort always carries its direction, so "sort=name" never silently means descending.
  sort: literalParam(SORT_KEYS).withDefault(DEFAULT_FILTERS.sort).withOptions({ clearOnDefault: false }),
  dir: literalParam(['asc', 'desc'], 'must be asc or desc')
    .withDefault(DEFAULT_FILTERS.dir)
    .withOptions({ clearOnDefault: false }),
};

export type OverviewParamName = keyof typeof overviewParsers;
export const OVERVIEW_PARAMS = Object.keys(overviewParsers) as OverviewParamName[];

/** Parses every known parameter; invalid ones are reported and fall back to their default. */
export function parseOverviewParams(params: SearchInput): ParseResult<FleetFilters> {
  const { values, errors } = readView(overviewParsers, params);
  return result<FleetFilters>(values, errors);
}

/** What the URL holds for a view: sort and direction together, or neither when both are the default. */
export function overviewUrlValues(
  f: FleetFilters,
): FleetFilters | (Omit<FleetFilters, 'sort' | 'dir'> & { sort: null; dir: null }) {
  const defaultSort = f.sort === DEFAULT_FILTERS.sort && f.dir === DEFAULT_FILTERS.dir;
  return defaultSort ? { ...f, sort: null, dir: null } : f;
}

const serialize = viewSerializer(overviewParsers);

/** The query string of a view, without the leading "?"; empty for the default view. */
export function serializeOverviewParams(f: FleetFilters): string {
  return serialize(overviewUrlValues(f));
}
