import { z } from 'zod';
import type { FleetFilters } from '../fleet/filter';
import { readView, result, strictParamErrors, zodParam, type ParseResult } from './codec';
import { OVERVIEW_PARAMS, parseOverviewParams } from './overview';

const count = (bounds: z.ZodNumber) =>
  z
    .string()
    .trim()
    .refine((v) => v !== '' && Number.isFinite(Number(v)), 'must be a number')
    .transform(Number)
    .pipe(bounds.int('must be a whole number'));
const pagingParsers = {
  limit: zodParam(count(z.number().min(1, 'must be at least 1').max(20_000, 'must be at most 20000'))),
  offset: zodParam(count(z.number().min(0, 'must be at least 0'))).withDefault(0),
};
const KNOWN = new Set<string>([...OVERVIEW_PARAMS, ...Object.keys(pagingParsers)]);

export interface FleetApiParams {
  filters: FleetFilters;
  limit: number | undefined;
  offset: number;
}

/** /api/fleet takes the page's parameters plus paging; scripts get a 400 for anything it does not know. */
export function parseFleetApiParams(params: URLSearchParams): ParseResult<FleetApiParams> {
  const overview = parseOverviewParams(params);
  const paging = readView(pagingParsers, params);
  // A page ignores an empty parameter; a script that sends `limit=` gets told.
  const empty = (['limit', 'offset'] as const)
    .filter((name) => params.get(name)?.trim() === '')
    .map((name) => ({ param: name, message: `${name} must be a number` }));
  const errors = [
    ...(overview.ok ? [] : overview.errors),
    ...strictParamErrors(params, KNOWN),
    ...paging.errors,
    ...empty,
  ];
  return result(
    { filters: overview.value, limit: paging.values.limit ?? undefined, offset: paging.values.offset },
    errors,
  );
}
