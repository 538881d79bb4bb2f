import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import { buildPressureSummary } from '@/lib/fleet/cluster/build';
import { runPanelQuery } from '@/lib/server/cluster-service';
import type { ClusterPageContext } from './context';
import { Panel, PanelBody, PanelSkeleton } from './panel';
import { PromChartPanel, type PromChartPanelProps } from './prom-chart-panel';

type Chart = Pick<PromChartPanelProps, 'query' | 'unit' | 'nameBy' | 'empty'>;

const CHARTS: readonly Chart[] = [
  { query: cq.apiserverRequests, unit: 'rps', nameBy: ['verb', 'code'], empty: 'No API server request metrics for this cluster (is the apiserver scraped?).' },
  { query: cq.apiserverLatencyPercentiles, unit: 'seconds', nameBy: ['percentile'], empty: 'No API server latency histogram for this cluster.' },
  { query: cq.apiserverLatency, unit: 'seconds', nameBy: ['verb'], empty: 'No API server latency histogram for this cluster.' },
  { query: cq.apiserverInflight, unit: 'count', nameBy: ['request_kind'], empty: 'No apiserver_current_inflight_requests for this cluster.' },
  { query: cq.apiserverRejections, unit: 'rps', nameBy: ['code'], empty: 'The API server answered no request with 429 or 5xx in the range.' },
  { query: cq.kubeletPodSync, unit: 'seconds', nameBy: ['node'], empty: 'No kubelet pod-worker histogram for this cluster.' },
  { query: cq.kubeletPlegP99, unit: 'seconds', nameBy: ['node'], empty: 'No kubelet PLEG relist histogram for this cluster.' },
];

/**
 * L2: the API server's load, latency percentiles, in-flight requests and rejections; the
 * kubelets' pod sync and PLEG relist times and the pressure that makes them evict pods.
 */
export function ControlPlanePanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {CHARTS.map((c) => (
        <Suspense key={c.query.id} fallback={<PanelSkeleton title={c.query.title} />}>
          <PromChartPanel {...c} params={ctx.prom} range={ctx.range} />
        </Suspense>
      ))}
      <Suspense fallback={<PanelSkeleton title={cq.nodePressure.title} height="h-24" />}>
        <NodePressurePanel ctx={ctx} />
      </Suspense>
    </div>
  );
}

const CONDITION_TEXT: Record<string, string> = { MemoryPressure: 'memory', DiskPressure: 'disk', PIDPressure: 'PIDs' };

async function NodePressurePanel({ ctx }: { ctx: ClusterPageContext }): Promise<ReactNode> {
  const outcome = await runPanelQuery(cq.nodePressure, ctx.prom, { kind: 'instant', at: ctx.at });
  const summary = buildPressureSummary(outcome.ok ? outcome.rows : []);
  return (
    <Panel title={cq.nodePressure.title} description={cq.nodePressure.description} queries={[outcome.executed]}>
      <PanelBody error={outcome.ok ? null : outcome.error} empty={summary.nodes === 0 && 'No node conditions from kube-state-metrics for this cluster.'}>
        {summary.pressed.length === 0 ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-3 text-sm text-emerald-900">
            None of {summary.nodes} nodes reports memory, disk or PID pressure: no kubelet is evicting pods.
          </p>
        ) : (
          <ul aria-label="Nodes under pressure" className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm">
            {summary.pressed.map((p) => (
              <li key={`${p.node}/${p.condition}`} className="flex flex-wrap items-center gap-x-3 py-1.5">
                <span className="min-w-0 truncate font-medium">{p.node}</span>
                <span className="ml-auto shrink-0 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-200">
                  {CONDITION_TEXT[p.condition] ?? p.condition} pressure
                </span>
              </li>
            ))}
          </ul>
        )}
      </PanelBody>
    </Panel>
  );
}
