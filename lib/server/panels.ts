import 'server-only';
import type { QueryTime } from '../catalog/types';
import { buildChartData } from '../fleet/cluster/build';
import {
  baseTitle,
  CAPABILITIES,
  isEmptyTable,
  type PanelData,
  type PanelSource,
  type PanelSpec,
  type StatSpec,
  type TableSpec,
  type TimeSeriesSpec,
} from '../fleet/cluster/panels';
import { isoTimespan } from '../fleet/cluster/time-range';
import type { QueryOutcome } from '../sources/runner';
import type { ClusterContext } from './request-context';

/**
 * The one loader of cluster panels: runs a spec's catalog queries with the request's rights and
 * returns plain data (status, series or rows, notices, what ran, what failed). It never throws
 * for a backend's failure: that is the panel's error state, and the rest of the page renders.
 */

type Base = Omit<PanelData, 'title' | 'description' | 'status' | 'view'>;

/** Charts ask for the range; tables for its end; Log Analytics over the range's timespan. */
function timeOf(source: PanelSource, ctx: ClusterContext): { time: QueryTime; timespan?: string } {
  const { query } = source;
  const { range } = ctx.panel;
  if (query.kind === 'prom' && query.mode === 'range')
    return { time: { kind: 'range', start: range.start, end: range.end, step: range.step } };
  if (query.kind === 'logs') return { time: { kind: 'instant', at: range.end }, timespan: isoTimespan(range) };
  return { time: { kind: 'instant', at: ctx.panel.at } };
}

function run<P, R>(ctx: ClusterContext, source: PanelSource<P, R>): Promise<QueryOutcome<R>> {
  const { time, timespan } = timeOf(source as PanelSource, ctx);
  return ctx.access.runner.run(source.query, source.params(ctx.panel), time, timespan, { signal: ctx.signal });
}

async function loadTimeSeries(ctx: ClusterContext, spec: TimeSeriesSpec, base: Base): Promise<PanelData> {
  const pc = ctx.panel;
  const { query } = spec.source;
  const filters = spec.only?.(pc) ?? [];
  const title = [baseTitle(spec, pc), ...filters.map((f) => f.value)].join(' · ');
  const description = spec.description ?? query.description;
  const { highlight } = spec;
  const [outcome, marks] = await Promise.all([
    run(ctx, spec.source),
    highlight ? run(ctx, highlight.source) : Promise.resolve(null),
  ]);
  const common = {
    ...base,
    title,
    description,
    notices: [...outcome.notices, ...(marks?.notices ?? [])],
    executed: [outcome.executed, ...(marks ? [marks.executed] : [])],
  };
  if (!outcome.ok) return { ...common, status: 'error', view: null, failures: [outcome.error] };
  const rows = outcome.rows.filter((s) => filters.every((f) => s.labels[f.label] === f.value));
  const nameBy = typeof spec.nameBy === 'function' ? spec.nameBy(pc) : spec.nameBy;
  // The highlight query failing leaves the chart as it is, ranked alone, and says why nothing is marked.
  const picked = highlight && marks?.ok ? highlight.pick(marks.rows) : null;
  const label = highlight?.label ?? '';
  const { dropped, hidden, ...chart } = buildChartData(
    rows,
    (labels) =>
      nameBy
        .map((k) => labels[k] ?? '')
        .join(' ')
        .trim() || query.title,
    { rank: spec.rank, highlight: picked ? (labels) => picked.has(labels[label] ?? '') : undefined },
  );
  const view = {
    kind: 'timeseries',
    unit: spec.unit,
    chart,
    rank: spec.rank,
    dropped,
    hidden,
    highlight: highlight?.reason ?? null,
    series: rows.length,
    span: pc.range.end - pc.range.start,
  } as const;
  const failures = marks && !marks.ok ? [marks.error] : [];
  return { ...common, status: chart.rows.length === 0 ? 'empty' : 'ok', view, failures };
}

async function loadStat(ctx: ClusterContext, spec: StatSpec, base: Base): Promise<PanelData> {
  const outcome = await run(ctx, spec.source);
  const common = {
    ...base,
    title: baseTitle(spec, ctx.panel),
    description: spec.description ?? spec.source.query.description,
    notices: outcome.notices,
    executed: [outcome.executed],
  };
  if (!outcome.ok) return { ...common, status: 'error', view: null, failures: [outcome.error] };
  const value = outcome.rows.length ? outcome.rows.reduce((sum, r) => sum + r.value, 0) : null;
  return { ...common, status: value === null ? 'empty' : 'ok', view: { kind: 'stat', unit: spec.unit, value } };
}

async function loadTable(ctx: ClusterContext, spec: TableSpec, base: Base): Promise<PanelData> {
  // A source the cluster cannot answer (no Container insights) is not asked: its answer is null.
  const entries = Object.entries(spec.sources).filter(
    ([, source]) => !source.requires || CAPABILITIES[source.requires].has(ctx.panel.cluster),
  );
  const outcomes = await Promise.all(entries.map(([, source]) => run(ctx, source)));
  const answers = Object.fromEntries([
    ...Object.keys(spec.sources).map((key) => [key, null]),
    ...entries.map(([key], i) => {
      const o = outcomes[i] as QueryOutcome<unknown>;
      return [key, o.ok ? o.rows : null];
    }),
  ]);
  const rows = spec.rows(answers, ctx.panel);
  const allFailed = outcomes.every((o) => !o.ok);
  const description =
    typeof spec.description === 'function'
      ? spec.description(ctx.panel, rows)
      : (spec.description ?? entries[0]?.[1].query.description ?? null);
  return {
    ...base,
    title: baseTitle(spec, ctx.panel),
    description,
    status: allFailed ? 'error' : isEmptyTable(rows) ? 'empty' : 'ok',
    // Kept when every query failed: the table's renderer still knows what it is (and its links).
    view: { kind: 'table', columns: spec.columns ?? [], ...rows },
    notices: outcomes.flatMap((o) => o.notices),
    executed: outcomes.map((o) => o.executed),
    failures: outcomes.flatMap((o) => (!o.ok && o.error.failure !== spec.quiet ? [o.error] : [])),
  };
}

export async function loadPanel(ctx: ClusterContext, spec: PanelSpec): Promise<PanelData> {
  const pc = ctx.panel;
  const base: Base = {
    id: spec.id,
    page: spec.page,
    wide: spec.wide ?? false,
    empty: typeof spec.empty === 'function' ? spec.empty(pc) : spec.empty,
    unavailable: null,
    notices: [],
    executed: [],
    failures: [],
  };
  if (spec.requires && !CAPABILITIES[spec.requires.capability].has(pc.cluster)) {
    // The data cannot exist here: say what would make it, and ask nothing.
    const unavailable = { what: spec.requires.what, capability: CAPABILITIES[spec.requires.capability].name };
    return { ...base, title: baseTitle(spec, pc), description: null, status: 'unavailable', view: null, unavailable };
  }
  if (spec.shown && !spec.shown(pc))
    return { ...base, title: baseTitle(spec, pc), description: null, status: 'empty', view: null };
  switch (spec.view) {
    case 'timeseries':
      return loadTimeSeries(ctx, spec, base);
    case 'stat':
      return loadStat(ctx, spec, base);
    case 'table':
      return loadTable(ctx, spec, base);
  }
}
