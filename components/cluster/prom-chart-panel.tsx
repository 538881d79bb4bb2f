import type { ReactNode } from 'react';
import type { ClusterPromParams, SeriesRow } from '@/lib/catalog/queries/cluster-prom';
import type { PromQuery } from '@/lib/catalog/types';
import { buildChartData } from '@/lib/fleet/cluster/build';
import type { ResolvedRange } from '@/lib/fleet/cluster/time-range';
import type { ValueUnit } from '@/lib/fleet/cluster/units';
import { runPanelQuery } from '@/lib/server/cluster-service';
import { Panel, PanelEmpty, PanelError } from './panel';
import { TimeSeriesChart } from './time-series-chart';

/** Keep only the series whose label equals the value (the URL's selection, or one line of many). */
export interface SeriesFilter {
  label: string;
  value: string;
}

export interface PromChartPanelProps {
  query: PromQuery<ClusterPromParams, SeriesRow>;
  params: ClusterPromParams;
  range: ResolvedRange;
  unit: ValueUnit;
  /** Labels that name a line, joined by a space. */
  nameBy: readonly string[];
  /** Filters every kept series passes; their values are appended to the title. */
  only?: SeriesFilter | readonly SeriesFilter[] | null;
  /** The panel's title when it differs from the query's (e.g. one percentile of three). */
  title?: string;
  empty: string;
  wide?: boolean;
}

/** A server panel: runs one range query and hands the chart plain data. */
export async function PromChartPanel({ query, params, range, unit, nameBy, only, title: ownTitle, empty, wide }: PromChartPanelProps): Promise<ReactNode> {
  const outcome = await runPanelQuery(query, params, { kind: 'range', start: range.start, end: range.end, step: range.step });
  const filters: readonly SeriesFilter[] = only ? ('label' in only ? [only] : only) : [];
  const title = [ownTitle ?? query.title, ...filters.map((f) => f.value)].join(' · ');
  if (!outcome.ok) {
    return (
      <Panel title={title} description={query.description} queries={[outcome.executed]} wide={wide}>
        <PanelError error={outcome.error} />
      </Panel>
    );
  }
  const rows = outcome.rows.filter((s) => filters.every((f) => s.labels[f.label] === f.value));
  const chart = buildChartData(rows, (labels) => nameBy.map((k) => labels[k] ?? '').join(' ').trim() || query.title);
  return (
    <Panel title={title} description={query.description} queries={[outcome.executed]} wide={wide}>
      {chart.rows.length === 0 ? (
        <PanelEmpty>{empty}</PanelEmpty>
      ) : (
        <>
          <TimeSeriesChart data={chart} unit={unit} label={title} span={range.end - range.start} />
          {chart.dropped > 0 && <p className="mt-1 text-xs text-slate-500">Showing the {chart.series.length} busiest of {rows.length} series.</p>}
        </>
      )}
    </Panel>
  );
}
