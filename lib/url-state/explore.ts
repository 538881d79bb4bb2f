import { compressToEncodedURIComponent } from 'lz-string';
import { decompressBounded } from './bounded-lz';
import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../catalog/queries/explore';
import { EXPLORE_LIMITS } from '../explore/limits';
import { relativeRange, resolveRange, type TimeRange } from '../explore/time';
import {
  legacyChain,
  literalParam,
  readView,
  repeatedParam,
  result,
  viewSerializer,
  zodParam,
  type Legacy,
  type ParamError,
  type ParseResult,
  type SearchInput,
} from './codec';
import { legacyTime, rangeOf, timeRangeParsers } from './time';

/**
 * The explorers' view state in the URL: a link is all a colleague needs. Short queries stay
 * readable (`query=`); long ones are compressed (`z=`, lz-string) rather than stored anywhere.
 */

/** Past this many characters of query text, the link carries it compressed. */
export const COMPRESS_ABOVE = 600;

/** The catalog query a panel opened, with its parameters: the server runs it as the panel did while the text is unchanged. */
export interface CatalogRef {
  id: string;
  params: Record<string, unknown>;
}

export interface MetricsExploreState {
  queries: string[];
  /** Of the first query, when a panel's "Open in explorer" sent it. */
  catalog: CatalogRef | null;
  range: TimeRange;
  /** Seconds; null = automatic. */
  step: number | null;
  view: 'chart' | 'table';
  /** Legend template, e.g. "{{cluster}} {{phase}}"; empty = all labels. */
  legend: string;
  /** Range queries draw lines; an instant query asks for one value per series at the range's end. */
  mode: 'range' | 'instant';
}

export interface LogsExploreState {
  query: string;
  catalog: CatalogRef | null;
  range: TimeRange;
  workspaces: string[];
  view: 'table' | 'chart';
}

export const DEFAULT_METRICS_STATE: MetricsExploreState = {
  queries: [],
  catalog: null,
  range: relativeRange(3600),
  step: null,
  view: 'chart',
  legend: '',
  mode: 'range',
};
export const DEFAULT_LOGS_STATE: LogsExploreState = {
  query: '',
  catalog: null,
  range: relativeRange(7 * 86_400),
  workspaces: [],
  view: 'table',
};
const LOGS_MAX_RANGE_SECONDS = 90 * 86_400;

const queryText = z.string().max(MAX_QUERY_LENGTH, `is longer than ${MAX_QUERY_LENGTH} characters`);
const jsonOf = (text: string | null): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
};

/** The most a `z=` may decompress to: the longest query list, JSON-escaped. Anything bigger is not a link this portal wrote. */
export const MAX_Z_CHARS = EXPLORE_LIMITS.maxQueries * (2 * MAX_QUERY_LENGTH + 3) + 2;

const CATALOG_ID = /^[a-z][a-z0-9.-]{2,80}$/;
/** Parameters of a cluster page's query are a few names; a link carries nothing bigger. */
export const MAX_CATALOG_PARAMS_LENGTH = 1000;

const queryParsers = {
  query: repeatedParam(queryText, EXPLORE_LIMITS.maxQueries).withDefault([]),
  z: zodParam(
    z
      .string()
      .max(MAX_Z_CHARS, 'is not a query list this portal wrote')
      .transform((s) => jsonOf(decompressBounded(s, MAX_Z_CHARS)))
      .pipe(
        z
          .array(queryText, { error: 'is not a query list this portal wrote' })
          .max(EXPLORE_LIMITS.maxQueries, 'is not a query list this portal wrote'),
      ),
    (queries) => compressToEncodedURIComponent(JSON.stringify(queries)),
    (a, b) => a.join('\n') === b.join('\n'),
  ),
  cq: zodParam(z.string().regex(CATALOG_ID, 'must be a catalog query id such as prom.cluster.node-cpu')),
  cp: zodParam(
    z
      .string()
      .max(MAX_CATALOG_PARAMS_LENGTH, `must be a JSON object of at most ${MAX_CATALOG_PARAMS_LENGTH} characters`)
      .transform(jsonOf)
      .pipe(
        z.record(z.string(), z.unknown(), {
          error: `must be a JSON object of at most ${MAX_CATALOG_PARAMS_LENGTH} characters`,
        }),
      ),
    (params) => JSON.stringify(params),
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  ),
};
const viewParam = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  literalParam(values, `must be ${values.join(' or ')}`).withDefault(fallback);

export const metricsExploreParsers = {
  ...queryParsers,
  ...timeRangeParsers(DEFAULT_METRICS_STATE.range.from),
  step: zodParam(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be whole seconds between 1 and 86400')
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, 'must be whole seconds between 1 and 86400')
          .max(86_400, 'must be whole seconds between 1 and 86400'),
      ),
    String,
  ),
  view: viewParam(['chart', 'table'], DEFAULT_METRICS_STATE.view),
  legend: zodParam(z.string().max(200, 'is longer than 200 characters')).withDefault(''),
  mode: viewParam(['range', 'instant'], DEFAULT_METRICS_STATE.mode),
};

const WS_MESSAGE = 'must be workspace ids (GUIDs), comma-separated';

export const logsExploreParsers = {
  ...queryParsers,
  ...timeRangeParsers(DEFAULT_LOGS_STATE.range.from),
  ws: zodParam(
    z
      .string()
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/i, WS_MESSAGE)).max(100, WS_MESSAGE)),
    (ids) => ids.join(','),
    (a, b) => a.join(',') === b.join(','),
  ).withDefault([]),
  view: viewParam(['table', 'chart'], DEFAULT_LOGS_STATE.view),
};

/** Old explorer links: `q` for the query text (it is search text elsewhere now), plus the older time forms. */
const legacy: Legacy = legacyChain(legacyTime, (params): ReturnType<Legacy> => {
  const out = new URLSearchParams(params);
  const old = out.getAll('q');
  out.delete('q');
  if (out.getAll('query').length || !old.length) return { params: out, from: {} };
  for (const q of old) out.append('query', q);
  return { params: out, from: { query: 'q' } };
});

/** The range, checked against the explorer's longest range; a wrong one is reported and the default used. */
function checkedRange(
  range: TimeRange,
  fallback: TimeRange,
  maxSeconds: number,
  errors: ParamError[],
  spelled: (key: string) => string,
): TimeRange {
  // Resolved now: a mixed range (relative from, absolute to) depends on when the link is opened.
  const { start, end } = resolveRange(range, Date.now());
  if (end <= start) errors.push({ param: spelled('to'), message: `${spelled('to')} must be after ${spelled('from')}` });
  else if (end - start > maxSeconds)
    errors.push({
      param: spelled('from'),
      message: `${spelled('from')}: the range may cover at most ${maxSeconds / 86_400} days`,
    });
  else return range;
  return fallback;
}

function catalogOf(
  v: { cq: string | null; cp: Record<string, unknown> | null },
  errors: ParamError[],
): CatalogRef | null {
  // A catalog id with parameters the link could not carry would run a different query than the panel did.
  if (!v.cq || errors.some((e) => e.param === 'cp')) return null;
  return { id: v.cq, params: v.cp ?? {} };
}

const nonEmpty = (queries: readonly string[]): string[] => queries.filter((q) => q.trim());

export function parseMetricsExplore(p: SearchInput): ParseResult<MetricsExploreState> {
  const { values: v, errors, spelled } = readView(metricsExploreParsers, p, legacy);
  const range = checkedRange(rangeOf(v), DEFAULT_METRICS_STATE.range, EXPLORE_LIMITS.maxRangeSeconds, errors, spelled);
  const queries = nonEmpty(v.z ?? v.query);
  return result(
    { queries, catalog: catalogOf(v, errors), range, step: v.step, view: v.view, legend: v.legend, mode: v.mode },
    errors,
  );
}

export function parseLogsExplore(p: SearchInput): ParseResult<LogsExploreState> {
  const { values: v, errors, spelled } = readView(logsExploreParsers, p, legacy);
  const range = checkedRange(rangeOf(v), DEFAULT_LOGS_STATE.range, LOGS_MAX_RANGE_SECONDS, errors, spelled);
  const [query = ''] = nonEmpty(v.z ?? v.query);
  return result({ query, catalog: catalogOf(v, errors), range, workspaces: v.ws, view: v.view }, errors);
}

/** Short query lists stay readable; long ones travel compressed. */
function queryValues(queries: readonly string[]): { query: string[] | null; z: string[] | null } {
  const list = nonEmpty(queries);
  return list.join('').length > COMPRESS_ABOVE ? { query: null, z: list } : { query: list, z: null };
}

const serializeMetrics = viewSerializer(metricsExploreParsers);
const serializeLogs = viewSerializer(logsExploreParsers);

export function serializeMetricsExplore(s: MetricsExploreState): string {
  return serializeMetrics({
    ...queryValues(s.queries),
    cq: s.catalog?.id ?? null,
    cp: s.catalog && Object.keys(s.catalog.params).length ? s.catalog.params : null,
    from: s.range.from,
    to: s.range.to,
    step: s.step,
    view: s.view,
    legend: s.legend,
    mode: s.mode,
  });
}

export function serializeLogsExplore(s: LogsExploreState): string {
  return serializeLogs({
    ...queryValues([s.query]),
    cq: s.catalog?.id ?? null,
    cp: s.catalog && Object.keys(s.catalog.params).length ? s.catalog.params : null,
    from: s.range.from,
    to: s.range.to,
    ws: s.workspaces,
    view: s.view,
  });
}
