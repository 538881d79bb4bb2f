import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import { formatValue } from '@/lib/fleet/cluster/units';
import { runPanelQuery } from '@/lib/server/cluster-service';
import { hrefWith, type ClusterPageContext } from './context';
import { EventsPanel, LogsPanel } from './logs-panels';
import { Panel, PanelEmpty, PanelError, PanelSkeleton } from './panel';
import { PromChartPanel } from './prom-chart-panel';
import { ContainersPanel, ReplicasPanel, ResourcesPanel, type ContainersPanelProps, type ResourcesPanelProps } from './workload-tables';

const CONTAINER_PANELS: ReadonlyArray<Omit<ContainersPanelProps, 'ctx'>> = [
  { query: cq.crashLoopingPods, label: 'Crash-looping containers', empty: 'No container is crash-looping.' },
  { query: cq.oomKilledContainers, label: 'OOM-killed containers', empty: "No container's last termination was the OOM killer." },
];

const RESOURCE_PANELS: ReadonlyArray<Omit<ResourcesPanelProps, 'ctx'>> = [
  { query: cq.namespaceCpuVsRequests, unit: 'cores', label: 'CPU by namespace' },
  { query: cq.namespaceMemoryVsRequests, unit: 'bytes', label: 'Memory by namespace' },
];

/**
 * L3: failing containers and controllers short of replicas first (they are why users come),
 * then events and logs, then what the namespaces use against what they request and may use.
 */
export function WorkloadsPanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  const only = ctx.view.namespace ? { label: 'namespace', value: ctx.view.namespace } : null;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {ctx.view.workload && <Selection ctx={ctx} />}
      {CONTAINER_PANELS.map((p) => (
        <Suspense key={p.query.id} fallback={<PanelSkeleton title={p.query.title} height="h-32" />}>
          <ContainersPanel ctx={ctx} {...p} />
        </Suspense>
      ))}
      <Suspense fallback={<PanelSkeleton title={cq.deploymentReplicas.title} height="h-32" />}>
        <ReplicasPanel ctx={ctx} query={cq.deploymentReplicas} objectLabel="deployment" actualName="available" plural="deployments" column="Deployment" />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.statefulSetReplicas.title} height="h-32" />}>
        <ReplicasPanel ctx={ctx} query={cq.statefulSetReplicas} objectLabel="statefulset" actualName="ready" plural="StatefulSets" column="StatefulSet" />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="Kubernetes events" wide height="h-32" />}>
        <EventsPanel ctx={ctx} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title="Container logs" wide height="h-72" />}>
        <LogsPanel ctx={ctx} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.daemonSetPods.title} height="h-32" />}>
        <ReplicasPanel ctx={ctx} query={cq.daemonSetPods} objectLabel="daemonset" actualName="ready" plural="DaemonSets" column="DaemonSet" />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.restartsByNamespace.title} height="h-32" />}>
        <RestartsPanel ctx={ctx} />
      </Suspense>
      {RESOURCE_PANELS.map((p) => (
        <Suspense key={p.query.id} fallback={<PanelSkeleton title={p.query.title} height="h-32" />}>
          <ResourcesPanel ctx={ctx} {...p} />
        </Suspense>
      ))}
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
