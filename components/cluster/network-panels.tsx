import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import type { ClusterPageContext } from './context';
import { PanelSkeleton } from './panel';
import { PromChartPanel } from './prom-chart-panel';

/** L5: traffic at the cluster's edge, per ingress, from the ingress controller's metrics. */
export function NetworkPanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  const only = ctx.view.namespace ? { label: 'namespace', value: ctx.view.namespace } : null;
  const none = 'No ingress controller found: this cluster has no ingress-nginx metrics (nginx_ingress_controller_requests).';
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Suspense fallback={<PanelSkeleton title={cq.ingressRequestRate.title} />}>
        <PromChartPanel query={cq.ingressRequestRate} params={ctx.prom} range={ctx.range} unit="rps" nameBy={['ingress']} only={only} empty={none} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.ingressErrorRatio.title} />}>
        <PromChartPanel query={cq.ingressErrorRatio} params={ctx.prom} range={ctx.range} unit="percent" nameBy={['ingress']} only={only} empty={none} />
      </Suspense>
    </div>
  );
}
