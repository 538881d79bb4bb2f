import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import type { ClusterPageContext } from './context';
import { PanelSkeleton } from './panel';
import { PromChartPanel } from './prom-chart-panel';

/** L4: what the apps' users feel — request rate and the share answered with errors, per app. */
export function AppsPanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  const only = ctx.view.workload ? { label: 'service', value: ctx.view.workload } : ctx.view.namespace ? { label: 'namespace', value: ctx.view.namespace } : null;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Suspense fallback={<PanelSkeleton title={cq.appRequestRate.title} />}>
        <PromChartPanel query={cq.appRequestRate} params={ctx.prom} range={ctx.range} unit="rps" nameBy={['service']} only={only} empty="No app exposes http_requests_total in this cluster (instrument it with a Prometheus client library or OpenTelemetry)." />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.appErrorRatio.title} />}>
        <PromChartPanel query={cq.appErrorRatio} params={ctx.prom} range={ctx.range} unit="percent" nameBy={['service']} only={only} empty="No HTTP requests recorded for the selection." />
      </Suspense>
    </div>
  );
}
