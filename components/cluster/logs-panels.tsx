import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ClusterEventRow } from '@/lib/catalog/queries/cluster-logs';
import type { LogLine } from '@/lib/fleet/cluster/logs';
import type { PanelData, TableColumn } from '@/lib/fleet/cluster/panels';
import { formatUtc } from '@/lib/format';
import type { ClusterPageContext } from './context';
import { LiveLogs } from './live-logs';
import { ColumnHeads, PanelEmpty } from './panel';
import { ScrollArea } from '@/components/ui/scroll-area';

/** Kubernetes events from KubeEvents (Container insights) for the selection. */
export function EventsTable({
  data,
  rows,
  columns,
  ctx,
}: {
  data: PanelData;
  rows: ClusterEventRow[];
  columns: readonly TableColumn[];
  ctx: ClusterPageContext;
}): ReactNode {
  if (rows.length === 0) {
    return (
      <PanelEmpty>
        {data.empty}
        <UnknownInsights ctx={ctx} />
      </PanelEmpty>
    );
  }
  return (
    <ScrollArea className="max-h-72 overflow-auto">
      <table aria-label="Kubernetes events" className="w-full min-w-[640px] text-left text-sm">
        <thead className="sticky top-0 bg-white text-xs text-slate-500">
          <tr>
            <ColumnHeads columns={columns} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((e) => (
            <tr key={`${e.Namespace}/${e.ObjectKind}/${e.Name}/${e.Reason}`}>
              <td className="whitespace-nowrap py-1.5 pr-3 text-xs text-slate-500">{formatUtc(e.LastSeen)}</td>
              <td className="py-1.5 pr-3">
                <span className="text-slate-500">
                  {e.ObjectKind} {e.Namespace ? `${e.Namespace}/` : ''}
                </span>
                {e.Name}
              </td>
              <td className={`py-1.5 pr-3 font-medium ${e.KubeEventType === 'Warning' ? 'text-amber-800' : ''}`}>
                {e.Reason}
              </td>
              <td className="py-1.5 pr-3 text-slate-700">{e.Message}</td>
              <td className="py-1.5 text-right tabular-nums">{e.Count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

/** ContainerLogV2 lines for the selection: the newest at load, then a live tail. */
export function LogsBody({
  data,
  lines,
  ctx,
}: {
  data: PanelData;
  lines: LogLine[];
  ctx: ClusterPageContext;
}): ReactNode {
  return (
    <>
      {/* Nothing at load: say what that may mean above the tail, which keeps waiting for new lines. */}
      {lines.length === 0 &&
        (ctx.cluster.monitoring.containerInsights === null ? (
          <p className="mb-2 text-sm text-slate-600">
            No lines yet.
            <UnknownInsights ctx={ctx} />
          </p>
        ) : (
          <p className="mb-2 text-sm text-slate-600">{data.empty}</p>
        ))}
      <LiveLogs
        key={`${ctx.view.namespace}|${ctx.view.workload}|${ctx.view.q}|${ctx.range.end}`}
        cluster={ctx.cluster.name}
        initial={lines}
        namespace={ctx.view.namespace}
        workload={ctx.view.workload}
        search={ctx.view.q}
        canFollow={ctx.range.relative}
      />
    </>
  );
}

/** Arc clusters do not tell the inventory whether Container insights runs: say what an empty answer may mean. */
function UnknownInsights({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  if (ctx.cluster.monitoring.containerInsights !== null) return null;
  return (
    <span className="ml-1">
      Container insights may not be enabled on this cluster;{' '}
      <Link href="/onboarding" className="font-medium text-sky-700 underline underline-offset-2">
        check onboarding
      </Link>
      .
    </span>
  );
}
