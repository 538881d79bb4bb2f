import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import { buildCrashLoopRows, buildDeploymentRows } from '@/lib/fleet/cluster/build';
import { formatValue } from '@/lib/fleet/cluster/units';
import { runPanelQuery } from '@/lib/server/cluster-service';
import { hrefWith, type ClusterPageContext } from './context';
import { EventsPanel, LogsPanel } from './logs-panels';
import { Panel, PanelEmpty, PanelError, PanelSkeleton } from './panel';
import { PromChartPanel } from './prom-chart-panel';

/** L3: failing containers and deployments first (they are why users come), then trends, events and logs. */
export function WorkloadsPanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  const only = ctx.view.namespace ? { label: 'namespace', value: ctx.view.namespace } : null;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {ctx.view.workload && <Selection ctx={ctx} />}
      <Suspense fallback={<PanelSkeleton title={cq.crashLoopingPods.title} height="h-32" />}>
        <CrashLoopPanel ctx={ctx} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.deploymentReplicas.title} height="h-32" />}>
        <DeploymentsPanel ctx={ctx} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="Kubernetes events" wide height="h-32" />}>
        <EventsPanel ctx={ctx} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="Container logs" wide height="h-72" />}>
        <LogsPanel ctx={ctx} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.restartsByNamespace.title} height="h-32" />}>
        <RestartsPanel ctx={ctx} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.podPhasesOverTime.title} />}>
        <PromChartPanel query={cq.podPhasesOverTime} params={ctx.prom} range={ctx.range} unit="count" nameBy={['phase']} empty="No kube-state-metrics pod series for this cluster." />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.namespaceCpu.title} />}>
        <PromChartPanel query={cq.namespaceCpu} params={ctx.prom} range={ctx.range} unit="cores" nameBy={['namespace']} only={only} empty="No cAdvisor CPU series for the selection." />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.namespaceMemory.title} />}>
        <PromChartPanel query={cq.namespaceMemory} params={ctx.prom} range={ctx.range} unit="bytes" nameBy={['namespace']} only={only} empty="No cAdvisor memory series for the selection." />
      </Suspense>
    </div>
  );
}

function Selection({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900 lg:col-span-2">
      <span>
        Workload <strong>{ctx.view.namespace ? `${ctx.view.namespace}/` : ''}{ctx.view.workload}</strong>: events and logs below are filtered to it.
      </span>
      <Link href={hrefWith(ctx, 'workloads', { workload: null, namespace: null, q: '' })} className="ml-auto font-medium underline underline-offset-2">
        Clear selection
      </Link>
    </div>
  );
}

async function CrashLoopPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const outcome = await runPanelQuery(cq.crashLoopingPods, ctx.prom, { kind: 'instant', at: ctx.at });
  const rows = outcome.ok ? buildCrashLoopRows(outcome.rows) : [];
  return (
    <Panel title={cq.crashLoopingPods.title} description={cq.crashLoopingPods.description} queries={[outcome.executed]}>
      {!outcome.ok ? (
        <PanelError error={outcome.error} />
      ) : rows.length === 0 ? (
        <PanelEmpty>No container is crash-looping.</PanelEmpty>
      ) : (
        <ul aria-label="Crash-looping containers" className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm">
          {rows.map((r) => (
            <li key={`${r.namespace}/${r.pod}/${r.container}`} className="flex flex-wrap items-center gap-x-3 gap-y-0.5 py-1.5">
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
      )}
    </Panel>
  );
}

async function DeploymentsPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const outcome = await runPanelQuery(cq.deploymentReplicas, ctx.prom, { kind: 'instant', at: ctx.at });
  const all = outcome.ok ? buildDeploymentRows(outcome.rows) : [];
  const rows = ctx.view.namespace ? all.filter((r) => r.namespace === ctx.view.namespace) : all;
  const short = rows.filter((r) => r.available < r.desired).length;
  return (
    <Panel title={cq.deploymentReplicas.title} description={`${rows.length} deployments${short ? `, ${short} short of replicas` : ', all available'}.`} queries={[outcome.executed]}>
      {!outcome.ok ? (
        <PanelError error={outcome.error} />
      ) : rows.length === 0 ? (
        <PanelEmpty>No deployments in the selection.</PanelEmpty>
      ) : (
        <div className="max-h-72 overflow-auto">
          <table aria-label="Deployments" className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-white text-xs text-slate-500">
              <tr>
                <th className="py-1.5 pr-3 font-medium">Deployment</th>
                <th className="py-1.5 text-right font-medium">Available / desired</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={`${r.namespace}/${r.name}`} data-deployment={r.name}>
                  <td className="max-w-0 truncate py-1.5 pr-3">
                    <Link href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: r.name })} className="hover:underline" title={`${r.namespace}/${r.name}`}>
                      <span className="text-slate-500">{r.namespace}/</span>
                      <span className="font-medium text-sky-700">{r.name}</span>
                    </Link>
                  </td>
                  <td className={`py-1.5 text-right tabular-nums ${r.available < r.desired ? 'font-semibold text-red-700' : ''}`}>
                    {formatValue(r.available, 'count', false)} / {formatValue(r.desired, 'count', false)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

async function RestartsPanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const outcome = await runPanelQuery(cq.restartsByNamespace, ctx.prom, { kind: 'instant', at: ctx.at });
  const rows = outcome.ok ? outcome.rows.flatMap((s) => (s.labels['namespace'] && s.value > 0 ? [{ namespace: s.labels['namespace'], restarts: s.value }] : [])).sort((a, b) => b.restarts - a.restarts) : [];
  const peak = rows[0]?.restarts ?? 0;
  return (
    <Panel title={cq.restartsByNamespace.title} description={cq.restartsByNamespace.description} queries={[outcome.executed]}>
      {!outcome.ok ? (
        <PanelError error={outcome.error} />
      ) : rows.length === 0 ? (
        <PanelEmpty>No container restarted in the last hour.</PanelEmpty>
      ) : (
        <ul aria-label="Restarts by namespace" className="space-y-1.5 text-sm">
          {rows.map((r) => (
            <li key={r.namespace} className="grid grid-cols-[minmax(0,10rem)_1fr_3.5rem] items-center gap-2">
              <Link href={hrefWith(ctx, 'workloads', { namespace: r.namespace, workload: null })} className="truncate text-sky-700 hover:underline">
                {r.namespace}
              </Link>
              <span aria-hidden="true" className="h-2 rounded bg-slate-100">
                <span className="block h-full rounded bg-amber-500" style={{ width: `${(r.restarts / peak) * 100}%` }} />
              </span>
              <span className="text-right tabular-nums">{formatValue(r.restarts, 'count', false)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
