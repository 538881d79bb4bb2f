import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ClusterPromParams, SampleRow } from '@/lib/catalog/queries/cluster-prom';
import type { PromQuery } from '@/lib/catalog/types';
import { buildContainerRows, buildReplicaRows, buildResourceRows, type ResourceRow } from '@/lib/fleet/cluster/build';
import { formatValue, type ValueUnit } from '@/lib/fleet/cluster/units';
import { runPanelQuery } from '@/lib/server/cluster-service';
import { hrefWith, type ClusterPageContext } from './context';
import { Panel, PanelBody, PanelTable } from './panel';

/**
 * The L3 tables: containers in trouble (crash loops, OOM kills), controllers' replicas
 * (Deployments, StatefulSets, DaemonSets) and each namespace's usage against its requests and
 * limits. Each is one instant catalog query; a row links to the workload's events and logs.
 */

type InstantQuery = PromQuery<ClusterPromParams, SampleRow>;

export interface ContainersPanelProps {
  ctx: ClusterPageContext;
  query: InstantQuery;
  /** Accessible name of the list. */
  label: string;
  empty: string;
}

/** Containers named by namespace and pod, each linking to its workload's events and logs. */
export async function ContainersPanel({ ctx, query, label, empty }: ContainersPanelProps): Promise<ReactNode> {
  const outcome = await runPanelQuery(query, ctx.prom, { kind: 'instant', at: ctx.at });
  const rows = outcome.ok ? buildContainerRows(outcome.rows) : [];
  return (
    <Panel title={query.title} description={query.description} queries={[outcome.executed]}>
      <PanelBody error={outcome.ok ? null : outcome.error} empty={rows.length === 0 && empty}>
        <ul aria-label={label} className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm">
          {rows.map((r) => (
            <li key={`${r.namespace}/${r.pod}/${r.container}`} data-container={r.container} className="flex flex-wrap items-center gap-x-3 gap-y-0.5 py-1.5">
              <span className="min-w-0 truncate">
                <span className="text-slate-500">{r.namespace}/</span>
                <span className="font-medium">{r.pod}</span>
              </span>
              <Link href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: r.container })} className="ml-auto shrink-0 text-xs font-medium text-sky-700 hover:underline">
                Events and logs of {r.container}
              </Link>
            </li>
          ))}
        </ul>
      </PanelBody>
    </Panel>
  );
}

export interface ReplicasPanelProps {
  ctx: ClusterPageContext;
  query: InstantQuery;
  /** The label naming the controller (deployment, statefulset, daemonset) and the `replicas` value of its actual count. */
  objectLabel: string;
  actualName: 'available' | 'ready';
  /** What the rows are, plural ("deployments") and as a column head ("Deployment"). */
  plural: string;
  column: string;
}

/** Desired against available or ready replicas of one kind of controller; short ones first. */
export async function ReplicasPanel({ ctx, query, objectLabel, actualName, plural, column }: ReplicasPanelProps): Promise<ReactNode> {
  const outcome = await runPanelQuery(query, ctx.prom, { kind: 'instant', at: ctx.at });
  const all = outcome.ok ? buildReplicaRows(outcome.rows, objectLabel, actualName) : [];
  const rows = ctx.view.namespace ? all.filter((r) => r.namespace === ctx.view.namespace) : all;
  const short = rows.filter((r) => r.actual < r.desired).length;
  return (
    <Panel title={query.title} description={rows.length ? `${rows.length} ${plural}, ${short ? `${short} short of ${actualName} replicas` : `all ${actualName}`}.` : query.description} queries={[outcome.executed]}>
      <PanelBody error={outcome.ok ? null : outcome.error} empty={rows.length === 0 && `No ${plural} in the selection.`}>
        <PanelTable
          label={`${column}s`}
          head={
            <>
              <th className="py-1.5 pr-3 font-medium">{column}</th>
              <th className="py-1.5 text-right font-medium">{actualName === 'available' ? 'Available' : 'Ready'} / desired</th>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={`${r.namespace}/${r.name}`} data-workload={r.name}>
              <td className="max-w-0 truncate py-1.5 pr-3">
                <Link href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: r.name })} className="hover:underline" title={`${r.namespace}/${r.name}`}>
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
      </PanelBody>
    </Panel>
  );
}

export interface ResourcesPanelProps {
  ctx: ClusterPageContext;
  query: InstantQuery;
  unit: Extract<ValueUnit, 'cores' | 'bytes'>;
  /** Accessible name of the table. */
  label: string;
}

/** Cores to two decimals (the column heads say "cores"), bytes in their binary unit. */
function cell(v: number | null, unit: ResourcesPanelProps['unit']): string {
  if (v === null) return '—';
  return formatValue(v, unit, unit === 'cores');
}

/** Usage as a share of requests: under 100 % the namespace fits what it asked the scheduler for. */
function UsageOfRequests({ row }: { row: ResourceRow }): ReactNode {
  if (row.usage === null || !row.requests) return <span className="text-slate-400">—</span>;
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
export async function ResourcesPanel({ ctx, query, unit, label }: ResourcesPanelProps): Promise<ReactNode> {
  const outcome = await runPanelQuery(query, ctx.prom, { kind: 'instant', at: ctx.at });
  const all = outcome.ok ? buildResourceRows(outcome.rows) : [];
  const rows = ctx.view.namespace ? all.filter((r) => r.namespace === ctx.view.namespace) : all;
  return (
    <Panel title={query.title} description={query.description} queries={[outcome.executed]}>
      <PanelBody error={outcome.ok ? null : outcome.error} empty={rows.length === 0 && 'No usage, requests or limits for the selection.'}>
        <PanelTable
          label={label}
          className="w-full min-w-[18rem] text-left text-xs tabular-nums sm:text-sm"
          head={
            <>
              <th className="py-1.5 pr-2 font-medium">Namespace</th>
              <th className="py-1.5 pr-2 text-right font-medium">Used{unit === 'cores' ? ' (cores)' : ''}</th>
              <th className="py-1.5 pr-2 text-right font-medium">Requests</th>
              <th className="py-1.5 pr-2 text-right font-medium">Limits</th>
              <th className="py-1.5 text-right font-medium" title="Usage as a share of requests">
                % of req.
              </th>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.namespace} data-namespace={r.namespace}>
              <td className="max-w-0 truncate py-1.5 pr-2">
                <Link href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: null })} className="font-medium text-sky-700 hover:underline" title={r.namespace}>
                  {r.namespace}
                </Link>
              </td>
              <td className="whitespace-nowrap py-1.5 pr-2 text-right">{cell(r.usage, unit)}</td>
              <td className="whitespace-nowrap py-1.5 pr-2 text-right">{cell(r.requests, unit)}</td>
              <td className="whitespace-nowrap py-1.5 pr-2 text-right" title={r.limits === null ? 'No container here sets a limit' : undefined}>
                {r.limits === null ? 'none' : cell(r.limits, unit)}
              </td>
              <td className="whitespace-nowrap py-1.5 text-right">
                <UsageOfRequests row={r} />
              </td>
            </tr>
          ))}
        </PanelTable>
      </PanelBody>
    </Panel>
  );
}
