import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ContainerRow, ReplicaRow, ResourceRow } from '@/lib/fleet/cluster/build';
import type { TableColumn } from '@/lib/fleet/cluster/panels';
import { formatValue } from '@/lib/fleet/cluster/units';
import { hrefWith, type ClusterPageContext } from './context';
import { ColumnHeads, PanelTable } from './panel';

/**
 * The L3 tables: containers in trouble (crash loops, OOM kills), controllers' replicas
 * (Deployments, StatefulSets, DaemonSets), restarts and each namespace's usage against its
 * requests and limits. A row links to the workload's events and logs.
 */

/** Containers named by namespace and pod, each linking to its workload's events and logs. */
export function ContainersList({
  label,
  rows,
  ctx,
}: {
  label: string;
  rows: ContainerRow[];
  ctx: ClusterPageContext;
}): ReactNode {
  return (
    <ul aria-label={label} className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm">
      {rows.map((r) => (
        <li
          key={`${r.namespace}/${r.pod}/${r.container}`}
          data-container={r.container}
          className="flex flex-wrap items-center gap-x-3 gap-y-0.5 py-1.5"
        >
          <span className="min-w-0 truncate" title={`${r.namespace}/${r.pod}`}>
            <span className="text-slate-500">{r.namespace}/</span>
            <span className="font-medium">{r.pod}</span>
          </span>
          <Link
            href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: r.container })}
            className="ml-auto shrink-0 text-xs font-medium text-sky-700 hover:underline"
          >
            Events and logs of {r.container}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Desired against available or ready replicas of one kind of controller; short ones first. */
export function ReplicasTable({
  label,
  columns,
  rows,
  ctx,
}: {
  label: string;
  columns: readonly TableColumn[];
  rows: ReplicaRow[];
  ctx: ClusterPageContext;
}): ReactNode {
  return (
    <PanelTable label={label} head={<ColumnHeads columns={columns} />}>
      {rows.map((r) => (
        <tr key={`${r.namespace}/${r.name}`} data-workload={r.name}>
          <td className="max-w-0 truncate py-1.5 pr-3">
            <Link
              href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: r.name })}
              className="hover:underline"
              title={`${r.namespace}/${r.name}`}
            >
              <span className="text-slate-500">{r.namespace}/</span>
              <span className="font-medium text-sky-700">{r.name}</span>
            </Link>
          </td>
          <td className={`py-1.5 text-right tabular-nums ${r.actual < r.desired ? 'font-semibold text-red-700' : ''}`}>
            {formatValue(r.actual, 'count', false)} / {formatValue(r.desired, 'count', false)}
          </td>
        </tr>
      ))}
    </PanelTable>
  );
}

type ResourceUnit = 'cores' | 'bytes';

/** Cores to two decimals (the column heads say "cores"), bytes in their binary unit. */
function cell(v: number | null, unit: ResourceUnit): string {
  if (v === null) return '—';
  return formatValue(v, unit, unit === 'cores');
}

/** Usage as a share of requests: under 100 % the namespace fits what it asked the scheduler for. */
function UsageOfRequests({ row }: { row: ResourceRow }): ReactNode {
  if (row.usage === null || !row.requests) return <span className="text-slate-500">—</span>;
  const share = row.usage / row.requests;
  const tone = share > 1 ? 'bg-amber-500' : 'bg-sky-500';
  return (
    <span className="flex items-center justify-end gap-2">
      <span aria-hidden="true" className="hidden h-1.5 w-12 overflow-hidden rounded bg-slate-100 sm:block">
        <span className={`block h-full ${tone}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </span>
      <span className={share > 1 ? 'font-semibold text-amber-800' : ''}>{formatValue(share, 'percent', false)}</span>
    </span>
  );
}

/** Each namespace's usage next to the requests and limits of its pods, the biggest users first. */
export function ResourcesTable({
  label,
  columns,
  unit,
  rows,
  ctx,
}: {
  label: string;
  columns: readonly TableColumn[];
  unit: ResourceUnit;
  rows: ResourceRow[];
  ctx: ClusterPageContext;
}): ReactNode {
  return (
    <PanelTable
      label={label}
      className="w-full min-w-[18rem] text-left text-xs tabular-nums sm:text-sm"
      head={<ColumnHeads columns={columns} gap="pr-2" />}
    >
      {rows.map((r) => (
        <tr key={r.namespace} data-namespace={r.namespace}>
          <td className="max-w-0 truncate py-1.5 pr-2">
            <Link
              href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: null })}
              className="font-medium text-sky-700 hover:underline"
              title={r.namespace}
            >
              {r.namespace}
            </Link>
          </td>
          <td className="whitespace-nowrap py-1.5 pr-2 text-right">{cell(r.usage, unit)}</td>
          <td className="whitespace-nowrap py-1.5 pr-2 text-right">{cell(r.requests, unit)}</td>
          <td
            className="whitespace-nowrap py-1.5 pr-2 text-right"
            title={r.limits === null ? 'No container here sets a limit' : undefined}
          >
            {r.limits === null ? 'none' : cell(r.limits, unit)}
          </td>
          <td className="whitespace-nowrap py-1.5 text-right">
            <UsageOfRequests row={r} />
          </td>
        </tr>
      ))}
    </PanelTable>
  );
}

/** Restarts are whole events; increase() extrapolates to the window's edges, so an estimate reads "≈96", not 95.8. */
function restartCount(v: number): string {
  const whole = Math.round(v);
  return Math.abs(v - whole) < 1e-9 ? whole.toLocaleString('en-US') : `≈${whole.toLocaleString('en-US')}`;
}

/** Restarts in the last hour per namespace, as bars against the busiest. */
export function RestartsList({
  rows,
  ctx,
}: {
  rows: Array<{ namespace: string; restarts: number }>;
  ctx: ClusterPageContext;
}): ReactNode {
  const peak = rows[0]?.restarts ?? 0;
  return (
    <ul aria-label="Restarts by namespace" className="space-y-1.5 text-sm">
      {rows.map((r) => (
        <li key={r.namespace} className="grid grid-cols-[minmax(0,10rem)_1fr_3.5rem] items-center gap-2">
          <Link
            href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: null })}
            className="truncate text-sky-700 hover:underline"
            title={r.namespace}
          >
            {r.namespace}
          </Link>
          <span aria-hidden="true" className="h-2 rounded bg-slate-100">
            <span className="block h-full rounded bg-amber-500" style={{ width: `${(r.restarts / peak) * 100}%` }} />
          </span>
          <span
            className="text-right tabular-nums"
            title={`increase() over 1 h: ${formatValue(r.restarts, 'count', false)}`}
          >
            {restartCount(r.restarts)}
          </span>
        </li>
      ))}
    </ul>
  );
}
