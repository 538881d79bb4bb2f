import { z } from 'zod';
import type { FleetFilters } from '../fleet/filter';
import { OVERVIEW_PARAMS, parseOverviewParams } from './overview';
import { strictParamErrors, type ParamError, type ParseResult } from './params';

const PAGING = {
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(20_000, 'must be at most 20000'),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0'),
};
const KNOWN = new Set<string>([...OVERVIEW_PARAMS, ...Object.keys(PAGING)]);

export interface FleetApiParams {
  filters: FleetFilters;
  limit: number | undefined;
  offset: number;
}

/** /api/fleet takes the page's parameters plus paging; scripts get a 400 for anything it does not know. */
export function parseFleetApiParams(params: URLSearchParams): ParseResult<FleetApiParams> {
  const overview = parseOverviewParams(params);
  const errors: ParamError[] = [...(overview.ok ? [] : overview.errors), ...strictParamErrors(params, KNOWN)];
  const value: FleetApiParams = { filters: overview.value, limit: undefined, offset: 0 };
  for (const name of ['limit', 'offset'] as const) {
    const raw = params.get(name);
    if (raw === null) continue;
    const parsed = PAGING[name].safeParse(raw.trim() === '' ? Number.NaN : raw);
    if (parsed.success) value[name] = parsed.data;
    else errors.push({ param: name, message: `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}` });
  }
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}
