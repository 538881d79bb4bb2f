import Link from 'next/link';
import type { ReactNode } from 'react';
import { clusterLogs } from '@/lib/catalog';
import { isoTimespan } from '@/lib/fleet/cluster/time-range';
import { toLogLines } from '@/lib/fleet/cluster/logs';
import { formatUtc } from '@/lib/format';
import { hasContainerInsights, runPanelQuery } from '@/lib/server/cluster-service';
import type { ClusterPageContext } from './context';
import { LiveLogs } from './live-logs';
import { Panel, PanelEmpty, PanelError, PanelUnavailable } from './panel';

function selection(ctx: ClusterPageContext): { clusterId: string; namespace?: string; workload?: string } {
  return { clusterId: ctx.cluster.id, namespace: ctx.view.namespace ?? undefined, workload: ctx.view.workload ?? undefined };
}

const scopeText = (ctx: ClusterPageContext): string =>
  ctx.view.workload ? `workload ${ctx.view.workload}` : ctx.view.namespace ? `namespace ${ctx.view.namespace}` : 'the whole cluster';

/** Kubernetes events from KubeEvents (Container insights) for the selection. */
export async function EventsPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const q = clusterLogs.clusterEvents;
  if (!hasContainerInsights(ctx.cluster)) {
    return (
      <Panel title="Kubernetes events" wide>
        <PanelUnavailable what="Kubernetes events (KubeEvents)" capability="Container insights" />
      </Panel>
    );
  }
  const outcome = await runPanelQuery(q, selection(ctx), { kind: 'instant', at: ctx.range.end }, isoTimespan(ctx.range));
  return (
    <Panel title="Kubernetes events" description={`Events of ${scopeText(ctx)}, newest first (KubeEvents).`} queries={[outcome.executed]} wide>
      {!outcome.ok ? (
        <PanelError error={outcome.error} />
      ) : outcome.rows.length === 0 ? (
        <PanelEmpty>
          No events for {scopeText(ctx)} in the range.
          <UnknownInsights ctx={ctx} />
        </PanelEmpty>
      ) : (
        <div className="max-h-72 overflow-auto">
          <table aria-label="Kubernetes events" className="w-full min-w-[640px] text-left text-sm">
            <thead className="sticky top-0 bg-white text-xs text-slate-500">
              <tr>
                <th className="py-1.5 pr-3 font-medium">Last seen</th>
                <th className="py-1.5 pr-3 font-medium">Object</th>
                <th className="py-1.5 pr-3 font-medium">Reason</th>
                <th className="py-1.5 pr-3 font-medium">Message</th>
                <th className="py-1.5 text-right font-medium">Count</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {outcome.rows.map((e) => (
                <tr key={`${e.Namespace}/${e.ObjectKind}/${e.Name}/${e.Reason}`}>
                  <td className="whitespace-nowrap py-1.5 pr-3 text-xs text-slate-500">{formatUtc(e.LastSeen)}</td>
                  <td className="py-1.5 pr-3">
                    <span className="text-slate-500">{e.ObjectKind} {e.Namespace ? `${e.Namespace}/` : ''}</span>
                    {e.Name}
                  </td>
                  <td className={`py-1.5 pr-3 font-medium ${e.KubeEventType === 'Warning' ? 'text-amber-800' : ''}`}>{e.Reason}</td>
                  <td className="py-1.5 pr-3 text-slate-700">{e.Message}</td>
                  <td className="py-1.5 text-right tabular-nums">{e.Count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

/** ContainerLogV2 lines for the selection: the newest at load, then a live tail. */
export async function LogsPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  if (!hasContainerInsights(ctx.cluster)) {
    return (
      <Panel title="Container logs" wide>
        <PanelUnavailable what="Container logs (ContainerLogV2)" capability="Container insights" />
      </Panel>
    );
  }
  const params = { ...selection(ctx), search: ctx.view.q || undefined, limit: 200 };
  // The tail follows "now"; an absolute range shows its own last lines and does not follow.
  const outcome = await runPanelQuery(clusterLogs.containerLogs, params, { kind: 'instant', at: ctx.range.end }, isoTimespan(ctx.range));
  return (
    <Panel title="Container logs" description={`The newest lines of ${scopeText(ctx)} (ContainerLogV2)${ctx.view.q ? `, containing “${ctx.view.q}”` : ''}.`} queries={[outcome.executed]} wide>
      {!outcome.ok ? (
        <PanelError error={outcome.error} />
      ) : (
        <>
          {outcome.rows.length === 0 && ctx.cluster.monitoring.containerInsights === null && (
            <p className="mb-2 text-sm text-slate-600">
              No lines yet.
              <UnknownInsights ctx={ctx} />
            </p>
          )}
          <LiveLogs
            key={`${ctx.view.namespace}|${ctx.view.workload}|${ctx.view.q}|${ctx.range.end}`}
            cluster={ctx.cluster.name}
            initial={toLogLines(outcome.rows)}
            namespace={ctx.view.namespace}
            workload={ctx.view.workload}
            search={ctx.view.q}
            canFollow={ctx.range.relative}
          />
        </>
      )}
      {outcome.ok && outcome.rows.length === 0 && !ctx.range.relative && <PanelEmpty>No log lines for {scopeText(ctx)} in the range.</PanelEmpty>}
    </Panel>
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
