import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import type { ClusterPageContext } from './context';
import { PanelSkeleton } from './panel';
import { PromChartPanel } from './prom-chart-panel';

/** L2: the API server's load and latency, and the kubelets' pod sync time, from their own metrics. */
export function ControlPlanePanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Suspense fallback={<PanelSkeleton title={cq.apiserverRequests.title} />}>
        <PromChartPanel query={cq.apiserverRequests} params={ctx.prom} range={ctx.range} unit="rps" nameBy={['verb', 'code']} empty="No API server request metrics for this cluster (is the apiserver scraped?)." />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.apiserverLatency.title} />}>
        <PromChartPanel query={cq.apiserverLatency} params={ctx.prom} range={ctx.range} unit="seconds" nameBy={['verb']} empty="No API server latency histogram for this cluster." />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.kubeletPodSync.title} />}>
        <PromChartPanel query={cq.kubeletPodSync} params={ctx.prom} range={ctx.range} unit="seconds" nameBy={['node']} empty="No kubelet pod-worker histogram for this cluster." />
      </Suspense>
    </div>
  );
}
