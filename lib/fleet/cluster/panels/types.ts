import type { ClusterEventRow } from '../../../catalog/queries/cluster-logs';
import type { ClusterPromParams, SampleRow, SeriesRow } from '../../../catalog/queries/cluster-prom/query-kit';
import type { CatalogQuery, Notice } from '../../../catalog/types';
import type { ExecutedQuery, QueryFailure } from '../../../sources/runner';
import type { ClusterView } from '../../../url-state/cluster';
import type { FiredAlert } from '../../alerts';
import type { ClusterSummary } from '../../types';
import type {
  ChartData,
  ContainerRow,
  HiddenSeries,
  PressureSummary,
  ReplicaRow,
  ResourceRow,
  SeriesRank,
} from '../build';
import type { ClusterPage } from '../layers';
import type { NodeDetails, NodeTriageRow } from '../node-details';
import type { LogLine } from '../logs';
import type { ResolvedRange } from '../time-range';
import type { ValueUnit } from '../units';

/**
 * A cluster page is a list of panel specs: which catalog queries a panel asks, with parameters
 * taken from the context, and how its answer is viewed. The server's loadPanel turns a spec into
 * PanelData, plain JSON that renderers draw and the panel route returns. Specs name queries,
 * never backends.
 */

export type { ExecutedQuery, Notice, QueryFailure };

/** What a panel's parameters and view come from: the cluster, the view in the URL, the resolved range. */
export interface PanelContext {
  cluster: ClusterSummary;
  view: ClusterView;
  range: ResolvedRange;
  /** Evaluation time of instant queries: the end of the range. */
  at: number;
  prom: ClusterPromParams;
}

/** Keep only the series whose label equals the value (the URL's selection, or one line of many). */
export interface SeriesFilter {
  label: string;
  value: string;
}

/** One catalog query of a panel, its parameters built from the context. */
export interface PanelSource<P = unknown, R = unknown> {
  query: CatalogQuery<P, R>;
  params: (ctx: PanelContext) => P;
  /** Asked only where the cluster can send this data; elsewhere its answer is null, and nothing ran. */
  requires?: Capability;
}

/** Data a cluster may not send at all: the panel then says what it needs instead of asking. */
export type Capability = 'container-insights';

/** The height of a panel's body while it loads, so the page keeps its shape. */
export type PanelBodySize = 'chart' | 'short' | 'table' | 'list' | 'log';

interface PanelSpecBase {
  /** Unique over every cluster page and URL-safe: the panel route's `[id]`. */
  id: string;
  page: ClusterPage;
  /** Defaults to the (first) query's title; a time series appends its filters' values. */
  title?: string | ((ctx: PanelContext) => string);
  wide?: boolean;
  body?: PanelBodySize;
  /** What an empty answer means, in the words the panel shows. */
  empty: string | ((ctx: PanelContext) => string);
  requires?: { capability: Capability; what: string };
  /** Whether the page shows the panel for this view (default: always); a hidden panel asks nothing. */
  shown?: (ctx: PanelContext) => boolean;
}

/**
 * Series a chart keeps before its ranking and draws highlighted: a second, instant query says
 * which, by the value of one label the chart's series share (the not Ready nodes, by `node`).
 */
export interface SeriesHighlight {
  source: PanelSource<ClusterPromParams, SampleRow>;
  /** The label of the chart's series matched against `pick`'s values. */
  label: string;
  pick: (rows: readonly SampleRow[]) => ReadonlySet<string>;
  /** Said after a highlighted series' name in the legend: "not Ready". */
  reason: string;
}

export interface TimeSeriesSpec extends PanelSpecBase {
  view: 'timeseries';
  source: PanelSource<ClusterPromParams, SeriesRow>;
  unit: ValueUnit;
  /** Which series are kept when there are more than a chart draws: the worst for what it shows. */
  rank: SeriesRank;
  highlight?: SeriesHighlight;
  /** Labels that name a line, joined by a space. */
  nameBy: readonly string[] | ((ctx: PanelContext) => readonly string[]);
  /** Filters every kept series passes; their values are appended to the title. */
  only?: (ctx: PanelContext) => readonly SeriesFilter[];
  description?: string;
}

export interface StatSpec extends PanelSpecBase {
  view: 'stat';
  source: PanelSource<ClusterPromParams, SampleRow>;
  unit: ValueUnit;
  description?: string;
}

/** A table's column head; `title` explains a terse head on hover. */
export interface TableColumn {
  header: string;
  align?: 'right';
  title?: string;
}

/** The rows of each kind of table, as its renderer draws them. */
export type TableRows =
  | { table: 'nodes'; rows: NodeTriageRow[] }
  /** Null when no node is selected. */
  | { table: 'node-details'; details: NodeDetails | null }
  | { table: 'pressure'; summary: PressureSummary }
  | { table: 'containers'; label: string; rows: ContainerRow[] }
  | { table: 'replicas'; label: string; rows: ReplicaRow[] }
  | { table: 'restarts'; rows: Array<{ namespace: string; restarts: number }> }
  | { table: 'resources'; label: string; unit: 'cores' | 'bytes'; rows: ResourceRow[] }
  | { table: 'events'; rows: ClusterEventRow[] }
  | { table: 'logs'; lines: LogLine[] }
  | { table: 'alerts'; rows: FiredAlert[]; at: number };

// Parameter types differ per query; `any` only erases them in the record, ask() checks each one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sources = Record<string, PanelSource<any, unknown>>;
/** Each source's rows, or null when that query failed. */
export type SourceRows<S extends Sources> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof S]: S[K] extends PanelSource<any, infer R> ? R[] | null : never;
};

export interface TableSpec<S extends Sources = Sources> extends PanelSpecBase {
  view: 'table';
  sources: S;
  columns?: readonly TableColumn[];
  /** Called with null for a failed query too, so a partial answer still fills what it can. */
  rows: (answers: SourceRows<S>, ctx: PanelContext) => TableRows;
  description?: string | ((ctx: PanelContext, rows: TableRows) => string);
  /** Failures of this kind are left unsaid (an unconfigured source is not news on every page). */
  quiet?: QueryFailure['failure'];
}

export type PanelSpec = TimeSeriesSpec | StatSpec | TableSpec;

/** What a panel shows once its queries answered. */
export type PanelView =
  | {
      kind: 'timeseries';
      unit: ValueUnit;
      chart: ChartData;
      /** How the kept series were chosen, for the note under the chart. */
      rank: SeriesRank;
      /** Series left off the chart (a count), and the worst of them by name and value. */
      dropped: number;
      hidden: HiddenSeries[];
      /** Said after highlighted series' names ("not Ready"); null when the chart highlights nothing. */
      highlight: string | null;
      series: number;
      span: number;
    }
  | { kind: 'stat'; unit: ValueUnit; value: number | null }
  | ({ kind: 'table'; columns: readonly TableColumn[] } & TableRows);

export type PanelStatus = 'ok' | 'empty' | 'error' | 'unavailable';

/** One panel, serialisable: what the page renders and GET /api/clusters/{cluster}/panels/{id} returns. */
export interface PanelData {
  id: string;
  page: ClusterPage;
  title: string;
  description: string | null;
  wide: boolean;
  status: PanelStatus;
  /** The empty state's text (shown when status is "empty"). */
  empty: string;
  /** Set when status is "unavailable": what cannot exist here and what would make it. */
  unavailable: { what: string; capability: string } | null;
  /** Null when a chart's query failed or nothing was asked; a table keeps its (empty) rows. */
  view: PanelView | null;
  notices: Notice[];
  executed: ExecutedQuery[];
  /** Failures worth saying; with several queries some may fail while the rest still answer. */
  failures: QueryFailure[];
}

/** A table without rows is empty; the pressure summary is when no node reported conditions. */
export function isEmptyTable(t: TableRows): boolean {
  if (t.table === 'pressure') return t.summary.nodes === 0;
  if (t.table === 'logs') return t.lines.length === 0;
  if (t.table === 'node-details') return t.details === null || (!t.details.known && t.details.insights.status !== 'ok');
  return t.rows.length === 0;
}

/** Erases a table spec's source types so specs of different tables share one list. */
export function tablePanel<S extends Sources>(spec: TableSpec<S>): TableSpec {
  return spec as unknown as TableSpec;
}

/** A panel source with its parameter and row types checked against the query. */
export function ask<P, R>(
  query: CatalogQuery<P, R>,
  params: (ctx: PanelContext) => P,
  requires?: Capability,
): PanelSource<P, R> {
  return requires ? { query, params, requires } : { query, params };
}
