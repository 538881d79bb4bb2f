import type { ReactNode } from 'react';
import type { PanelData, PanelView as PanelViewData } from '@/lib/fleet/cluster/panels';
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
          <TimeSeriesChart data={view.chart} unit={view.unit} label={data.title} span={view.span} />
          {view.dropped > 0 && (
            <p className="mt-1 text-xs text-slate-500">
              Showing the {view.chart.series.length} busiest of {view.series} series.
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
