import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import { buildNodeRows, type NodeRow } from '@/lib/fleet/cluster/build';
import { formatValue } from '@/lib/fleet/cluster/units';
import { runPanelQuery } from '@/lib/server/cluster-service';
import { hrefWith, type ClusterPageContext } from './context';
import { Panel, PanelEmpty, PanelError, PanelSkeleton } from './panel';
import { PromChartPanel, type PromChartPanelProps } from './prom-chart-panel';

/** The per-node utilisation charts, all shares of a whole. */
const CHARTS: ReadonlyArray<Pick<PromChartPanelProps, 'query' | 'empty'>> = [
  { query: cq.nodeCpu, empty: 'No node-exporter CPU series for this cluster in the range.' },
  { query: cq.nodeMemory, empty: 'No node-exporter memory series for this cluster in the range.' },
  { query: cq.nodeFilesystem, empty: 'No node-exporter filesystem series for this cluster in the range.' },
  { query: cq.nodePodCapacity, empty: 'No kubelet pod counts or pod capacity (kube_node_status_capacity) for this cluster in the range.' },
];

/** L1: node table with drill-down; CPU, memory, root disk and pod budget over time (one node when selected). */
export function NodesPanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  const only = ctx.view.node ? { label: 'node', value: ctx.view.node } : null;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Suspense fallback={<PanelSkeleton title="Nodes" wide height="h-40" />}>
        <NodeTablePanel ctx={ctx} />
      </Suspense>
      {CHARTS.map((c) => (
        <Suspense key={c.query.id} fallback={<PanelSkeleton title={c.query.title} />}>
          <PromChartPanel {...c} params={ctx.prom} range={ctx.range} unit="percent" nameBy={['node']} only={only} />
        </Suspense>
      ))}
    </div>
  );
}

const READY: Record<NonNullable<NodeRow['ready']>, { text: string; cls: string }> = {
  true: { text: 'Ready', cls: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  false: { text: 'NotReady', cls: 'bg-red-50 text-red-800 ring-red-200' },
  unknown: { text: 'Unknown', cls: 'bg-slate-100 text-slate-700 ring-slate-200' },
};

async function NodeTablePanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const time = { kind: 'instant', at: ctx.at } as const;
  const [ready, alloc, running] = await Promise.all([
    runPanelQuery(cq.nodeReady, ctx.prom, time),
    runPanelQuery(cq.nodeAllocatable, ctx.prom, time),
    runPanelQuery(cq.nodeRunningPods, ctx.prom, time),
  ]);
  const outcomes = [ready, alloc, running];
  const failed = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  const rows = buildNodeRows(ready.ok ? ready.rows : null, alloc.ok ? alloc.rows : null, running.ok ? running.rows : null);
  const notReady = rows.filter((r) => r.ready !== null && r.ready !== 'true').length;
  return (
    <Panel title="Nodes" description={`${rows.length} nodes${notReady ? `, ${notReady} not Ready` : ''}. Pick a node to chart it alone.`} queries={outcomes.map((o) => o.executed)} wide>
      <div className="space-y-2">
        {failed.map((e) => (
          <PanelError key={`${e.source}:${e.message}`} error={e} />
        ))}
        {rows.length === 0 ? (
          failed.length === 0 && <PanelEmpty>No kube-state-metrics node series for this cluster.</PanelEmpty>
        ) : (
          <div className="max-h-96 overflow-auto">
            <table aria-label="Nodes" className="w-full min-w-[560px] text-left text-sm">
              <thead className="sticky top-0 bg-white text-xs text-slate-500">
                <tr>
                  <th className="py-1.5 pr-3 font-medium">Node</th>
                  <th className="py-1.5 pr-3 font-medium">Ready</th>
                  <th className="py-1.5 pr-3 text-right font-medium">CPU</th>
                  <th className="py-1.5 pr-3 text-right font-medium">Memory</th>
                  <th className="py-1.5 font-medium">Pods vs capacity</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r) => (
                  <NodeTableRow key={r.name} r={r} ctx={ctx} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {ctx.view.node && (
          <Link href={hrefWith(ctx, 'nodes', { node: null })} className="inline-block text-xs font-medium text-sky-700 underline underline-offset-2">
            Show every node
          </Link>
        )}
      </div>
    </Panel>
  );
}

function NodeTableRow({ r, ctx }: { r: NodeRow; ctx: ClusterPageContext }): ReactNode {
  const selected = ctx.view.node === r.name;
  const share = r.podsRunning !== null && r.podsCapacity ? r.podsRunning / r.podsCapacity : null;
  return (
    <tr data-node={r.name} aria-selected={selected} className={selected ? 'bg-sky-50' : ''}>
      <td className="max-w-[280px] truncate py-1.5 pr-3">
        <Link href={hrefWith(ctx, 'nodes', { node: r.name })} className="font-medium text-sky-700 hover:underline" title={r.name}>
          {r.name}
        </Link>
      </td>
      <td className="py-1.5 pr-3">
        {r.ready ? <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${READY[r.ready].cls}`}>{READY[r.ready].text}</span> : '—'}
      </td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{r.cpuCores === null ? '—' : formatValue(r.cpuCores, 'cores', false)}</td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{r.memoryBytes === null ? '—' : formatValue(r.memoryBytes, 'bytes', false)}</td>
      <td className="py-1.5">
        <span className="flex items-center gap-2 tabular-nums">
          <span className="w-16 text-xs">
            {r.podsRunning ?? '—'} / {r.podsCapacity ?? '—'}
          </span>
          {share !== null && (
            <span aria-hidden="true" className="h-1.5 w-24 overflow-hidden rounded bg-slate-100">
              <span className={`block h-full ${share > 0.9 ? 'bg-red-500' : share > 0.7 ? 'bg-amber-500' : 'bg-sky-500'}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
            </span>
          )}
        </span>
      </td>
    </tr>
  );
}
