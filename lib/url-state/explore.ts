import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../catalog/queries/explore';
import { EXPLORE_LIMITS } from '../explore/limits';
import { RELATIVE_RANGES, type RelativeRange, type TimeRange } from '../explore/time';
import { formatTimePoint, parseTimePoint } from '../fleet/cluster/time-range';
import type { ParamError, ParseResult } from './overview';

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

export const DEFAULT_METRICS_STATE: MetricsExploreState = { queries: [], catalog: null, range: { kind: 'relative', range: 'now-1h' }, step: null, view: 'chart', legend: '', mode: 'range' };
export const DEFAULT_LOGS_STATE: LogsExploreState = { query: '', catalog: null, range: { kind: 'relative', range: 'now-7d' }, workspaces: [], view: 'table' };

type Params = { get(name: string): string | null; getAll(name: string): string[] };

const queryText = z.string().max(MAX_QUERY_LENGTH, `is longer than ${MAX_QUERY_LENGTH} characters`);
const instant = z.union([
  z.string().regex(/^\d{9,11}(\.\d+)?$/).transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s) / 1000),
], { error: 'must be an ISO time or unix seconds' });

function readQueries(p: Params, errors: ParamError[]): string[] {
  const z64 = p.get('z');
  if (z64) {
    const parsed = z.array(queryText).max(EXPLORE_LIMITS.maxQueries).safeParse(jsonOrNull(decompressFromEncodedURIComponent(z64)));
    if (parsed?.success) return parsed.data.filter((q) => q.trim());
    errors.push({ param: 'z', message: 'z is not a query list this portal wrote' });
    return [];
  }
  // `query` since the views got one name per meaning (`q` is search text elsewhere); old links' `q` still reads.
  const param = p.getAll('query').length ? 'query' : 'q';
  const list = p.getAll(param);
  if (list.length > EXPLORE_LIMITS.maxQueries) errors.push({ param, message: `${param} is given more than ${EXPLORE_LIMITS.maxQueries} times` });
  const out: string[] = [];
  for (const q of list.slice(0, EXPLORE_LIMITS.maxQueries)) {
    const r = queryText.safeParse(q);
    if (r.success) {
      if (r.data.trim()) out.push(r.data);
    } else errors.push({ param, message: `${param} ${r.error.issues[0]?.message}` });
  }
  return out;
}

const CATALOG_ID = /^[a-z][a-z0-9.-]{2,80}$/;
/** Parameters of a cluster page's query are a few names; a link carries nothing bigger. */
export const MAX_CATALOG_PARAMS_LENGTH = 1000;

function readCatalog(p: Params, errors: ParamError[]): CatalogRef | null {
  const id = p.get('cq');
  if (!id) return null;
  if (!CATALOG_ID.test(id)) {
    errors.push({ param: 'cq', message: 'cq must be a catalog query id such as prom.cluster.node-cpu' });
    return null;
  }
  const raw = p.get('cp') ?? '{}';
  const params = raw.length <= MAX_CATALOG_PARAMS_LENGTH ? jsonOrNull(raw) : null;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    errors.push({ param: 'cp', message: `cp must be a JSON object of at most ${MAX_CATALOG_PARAMS_LENGTH} characters` });
    return null;
  }
  return { id, params: params as Record<string, unknown> };
}

function writeCatalog(out: URLSearchParams, ref: CatalogRef | null): void {
  if (!ref) return;
  out.set('cq', ref.id);
  if (Object.keys(ref.params).length) out.set('cp', JSON.stringify(ref.params));
}

function jsonOrNull(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Time is written as on the cluster pages, the way Grafana and Perses write it: `from=now-6h`
 * (to defaults to now) or absolute `from`/`to`. Old links' `range=now-6h` and unix seconds are read too.
 */
function readRange(p: Params, errors: ParamError[], fallback: TimeRange, maxSeconds: number): TimeRange {
  const from = p.get('from');
  const to = p.get('to');
  const relative = (text: string, param: string): TimeRange | null => {
    const point = parseTimePoint(text);
    const range = point?.kind === 'now' ? (Object.keys(RELATIVE_RANGES) as RelativeRange[]).find((r) => RELATIVE_RANGES[r] === point.offsetSeconds) : undefined;
    if (!range) {
      errors.push({ param, message: `${param} must be one of ${Object.keys(RELATIVE_RANGES).join(', ')} or an ISO time` });
      return null;
    }
    if (RELATIVE_RANGES[range] > maxSeconds) {
      errors.push({ param, message: `${param} may reach back at most ${maxSeconds / 86_400} days` });
      return null;
    }
    return { kind: 'relative', range };
  };
  if (from?.startsWith('now')) {
    if (to && to !== 'now') errors.push({ param: 'to', message: 'to must be now when from is relative' });
    return relative(from, 'from') ?? fallback;
  }
  if (from || to) {
    const f = instant.safeParse(from ?? '');
    const t = instant.safeParse(to ?? '');
    if (!f.success) errors.push({ param: 'from', message: `from ${f.error.issues[0]?.message}` });
    if (!t.success) errors.push({ param: 'to', message: `to ${t.error.issues[0]?.message}` });
    if (f.success && t.success) {
      if (t.data <= f.data) errors.push({ param: 'to', message: 'to must be after from' });
      else if (t.data - f.data > maxSeconds) errors.push({ param: 'from', message: `the range may cover at most ${maxSeconds / 86_400} days` });
      else return { kind: 'absolute', from: Math.floor(f.data), to: Math.floor(t.data) };
    }
    return fallback;
  }
  const legacy = p.get('range');
  return legacy ? (relative(legacy, 'range') ?? fallback) : fallback;
}

export function parseMetricsExplore(p: Params): ParseResult<MetricsExploreState> {
  const errors: ParamError[] = [];
  const value: MetricsExploreState = { ...DEFAULT_METRICS_STATE, queries: readQueries(p, errors), catalog: readCatalog(p, errors), range: readRange(p, errors, DEFAULT_METRICS_STATE.range, EXPLORE_LIMITS.maxRangeSeconds) };
  const step = p.get('step');
  if (step) {
    const s = z.coerce.number().int().min(1).max(86_400).safeParse(step);
    if (s.success) value.step = s.data;
    else errors.push({ param: 'step', message: 'step must be whole seconds between 1 and 86400' });
  }
  const view = p.get('view');
  if (view === 'chart' || view === 'table') value.view = view;
  else if (view) errors.push({ param: 'view', message: 'view must be chart or table' });
  const mode = p.get('mode');
  if (mode === 'range' || mode === 'instant') value.mode = mode;
  else if (mode) errors.push({ param: 'mode', message: 'mode must be range or instant' });
  const legend = p.get('legend');
  if (legend) {
    if (legend.length <= 200) value.legend = legend;
    else errors.push({ param: 'legend', message: 'legend is longer than 200 characters' });
  }
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

export function parseLogsExplore(p: Params): ParseResult<LogsExploreState> {
  const errors: ParamError[] = [];
  const [query = ''] = readQueries(p, errors);
  const value: LogsExploreState = { ...DEFAULT_LOGS_STATE, query, catalog: readCatalog(p, errors), range: readRange(p, errors, DEFAULT_LOGS_STATE.range, 90 * 86_400) };
  const ws = p.get('ws');
  if (ws) {
    const list = ws.split(',').filter(Boolean);
    if (list.every((w) => /^[0-9a-f-]{36}$/i.test(w)) && list.length <= 100) value.workspaces = list;
    else errors.push({ param: 'ws', message: 'ws must be workspace ids (GUIDs), comma-separated' });
  }
  const view = p.get('view');
  if (view === 'chart' || view === 'table') value.view = view;
  else if (view) errors.push({ param: 'view', message: 'view must be chart or table' });
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

function writeQueries(out: URLSearchParams, queries: readonly string[]): void {
  const nonEmpty = queries.filter((q) => q.trim());
  if (nonEmpty.join('').length > COMPRESS_ABOVE) out.set('z', compressToEncodedURIComponent(JSON.stringify(nonEmpty)));
  else for (const q of nonEmpty) out.append('query', q);
}

function writeRange(out: URLSearchParams, range: TimeRange, fallback: TimeRange): void {
  if (range.kind === 'absolute') {
    out.set('from', formatTimePoint({ kind: 'absolute', at: range.from }));
    out.set('to', formatTimePoint({ kind: 'absolute', at: range.to }));
  } else if (fallback.kind !== 'relative' || range.range !== fallback.range) out.set('from', range.range);
}

export function serializeMetricsExplore(s: MetricsExploreState): string {
  const out = new URLSearchParams();
  writeQueries(out, s.queries);
  writeCatalog(out, s.catalog);
  writeRange(out, s.range, DEFAULT_METRICS_STATE.range);
  if (s.step !== null) out.set('step', String(s.step));
  if (s.view !== DEFAULT_METRICS_STATE.view) out.set('view', s.view);
  if (s.legend) out.set('legend', s.legend);
  if (s.mode !== DEFAULT_METRICS_STATE.mode) out.set('mode', s.mode);
  return out.toString();
}

export function serializeLogsExplore(s: LogsExploreState): string {
  const out = new URLSearchParams();
  writeQueries(out, [s.query]);
  writeCatalog(out, s.catalog);
  writeRange(out, s.range, DEFAULT_LOGS_STATE.range);
  if (s.workspaces.length) out.set('ws', s.workspaces.join(','));
  if (s.view !== DEFAULT_LOGS_STATE.view) out.set('view', s.view);
  return out.toString();
}

/** Next.js' searchParams object as URLSearchParams, repeated keys kept in order. */
export function searchParamsFrom(sp: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, item);
  return out;
}
