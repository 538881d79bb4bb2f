import type { ReactNode } from 'react';
import type { PanelData, PanelView as PanelViewData } from '@/lib/fleet/cluster/panels';
import { rankText } from '@/lib/fleet/cluster/build';
import { formatValue } from '@/lib/fleet/cluster/units';
import { AlertsBody } from './cluster-insight-panels';
import type { ClusterPageContext } from './context';
import { PressureList } from './control-plane-panels';
import { EventsTable, LogsBody } from './logs-panels';
import { NodeDetailsBody } from './node-details-panel';
import { NodeTable } from './nodes-panels';
import { Panel, PanelEmpty, PanelError, PanelUnavailable } from './panel';
import { TimeSeriesChart } from './time-series-chart';
import { ContainersList, ReplicasTable, ResourcesTable, RestartsList } from './workload-tables';

/**
 * Draws one panel from its loaded data: the frame with "show query", then the body by status
 * (cannot exist here, failed, empty, or the view). Pure: the data came from loadPanel.
 */
export function PanelView({ data, ctx }: { data: PanelData; ctx: ClusterPageContext }): ReactNode {
  return (
    <Panel title={data.title} description={data.description ?? undefined} queries={data.executed} wide={data.wide}>
      <PanelContent data={data} ctx={ctx} />
    </Panel>
  );
}

type TableView = Extract<PanelViewData, { kind: 'table' }>;
type ChartView = Extract<PanelViewData, { kind: 'timeseries' }>;

/**
 * Under a chart that could not draw every series: which it kept and why, and the rest behind a
 * disclosure, worst first, each with the value it was ranked by.
 */
function SeriesNote({ view }: { view: ChartView }): ReactNode {
  if (view.dropped === 0) return null;
  const kept = view.chart.series;
  const marked = kept.filter((s) => s.highlight).length;
  const unlisted = view.dropped - view.hidden.length;
  return (
    <div className="mt-1 text-xs text-slate-600">
      <p>
        Showing the {kept.length} {rankText(view.rank)} of {view.series} series
        {marked > 0 && view.highlight ? `, the ${marked} ${view.highlight} first` : ''}.
      </p>
      <details className="mt-0.5">
        <summary className="cursor-pointer select-none underline-offset-2 hover:underline">
          {view.dropped} more series
        </summary>
        <ol aria-label={`${view.dropped} more series`} className="mt-1 max-w-prose columns-1 gap-x-6 sm:columns-2">
          {view.hidden.map((h) => (
            <li key={`${h.name}\u0000${h.value}`} className="flex justify-between gap-2 break-inside-avoid">
              <span className="[overflow-wrap:anywhere]">
                {h.name}
                {h.highlight && view.highlight ? ` (${view.highlight})` : ''}
              </span>
              <span className="shrink-0 tabular-nums">
                {h.value === null ? '—' : formatValue(h.value, view.unit, false)}
              </span>
            </li>
          ))}
        </ol>
        {unlisted > 0 && <p className="mt-1">and {unlisted} more, not listed.</p>}
      </details>
    </div>
  );
}

function PanelContent({ data, ctx }: { data: PanelData; ctx: ClusterPageContext }): ReactNode {
  if (data.unavailable)
    return <PanelUnavailable what={data.unavailable.what} capability={data.unavailable.capability} />;
  const view = data.view;
  if (!view) return data.failures[0] ? <PanelError error={data.failures[0]} /> : null;
  switch (view.kind) {
    case 'timeseries':
      if (data.status === 'empty') return <PanelEmpty>{data.empty}</PanelEmpty>;
      return (
        <>
          <TimeSeriesChart
            data={view.chart}
            unit={view.unit}
            label={data.title}
            span={view.span}
            highlight={view.highlight}
          />
          <SeriesNote view={view} />
          {view.highlight && data.failures[0] && (
            <p className="mt-1 text-xs text-amber-800">
              Series are not marked {view.highlight}: asking which failed ({data.failures[0].message}).
            </p>
          )}
        </>
      );
    case 'stat':
      if (data.status === 'empty') return <PanelEmpty>{data.empty}</PanelEmpty>;
      return (
        <p className="text-3xl font-semibold tabular-nums text-slate-900">
          {view.value === null ? '—' : formatValue(view.value, view.unit, false)}
        </p>
      );
    case 'table':
      return <TableContent data={data} view={view} ctx={ctx} />;
  }
}

function TableContent({ data, view, ctx }: { data: PanelData; view: TableView; ctx: ClusterPageContext }): ReactNode {
  // Tables of several queries say which failed next to what the others answered.
  if (view.table === 'nodes') return <NodeTable data={data} rows={view.rows} columns={view.columns} ctx={ctx} />;
  if (view.table === 'node-details') return <NodeDetailsBody data={data} details={view.details} />;
  if (view.table === 'alerts') return <AlertsBody data={data} rows={view.rows} at={view.at} ctx={ctx} />;
  if (data.status === 'error') return data.failures[0] ? <PanelError error={data.failures[0]} /> : null;
  // Events and logs: their empty states say what an empty workspace may mean.
  if (view.table === 'events') return <EventsTable data={data} rows={view.rows} columns={view.columns} ctx={ctx} />;
  if (view.table === 'logs') return <LogsBody data={data} lines={view.lines} ctx={ctx} />;
  if (data.status === 'empty') return <PanelEmpty>{data.empty}</PanelEmpty>;
  switch (view.table) {
    case 'pressure':
      return <PressureList summary={view.summary} />;
    case 'containers':
      return <ContainersList label={view.label} rows={view.rows} ctx={ctx} />;
    case 'replicas':
      return <ReplicasTable label={view.label} columns={view.columns} rows={view.rows} ctx={ctx} />;
    case 'resources':
      return <ResourcesTable label={view.label} columns={view.columns} unit={view.unit} rows={view.rows} ctx={ctx} />;
    case 'restarts':
      return <RestartsList rows={view.rows} ctx={ctx} />;
  }
}
