import { Suspense, type ReactNode } from 'react';
import { clusterProm as cq } from '@/lib/catalog';
import type { ClusterPageContext } from './context';
import { PanelSkeleton } from './panel';
import { PromChartPanel, type SeriesFilter } from './prom-chart-panel';

/** L4: what the apps' users feel — request rate, latency and the share answered with errors, per app. */
export function AppsPanels({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  const app = ctx.view.workload ? { label: 'service', value: ctx.view.workload } : null;
  const namespace = ctx.view.namespace ? { label: 'namespace', value: ctx.view.namespace } : null;
  const only = app ?? namespace;
  // One app: its p50, p95 and p99. Several: the p99 of each, slowest kept when there are many.
  const latency: { only: SeriesFilter[]; nameBy: string[]; title: string } = app
    ? { only: [app], nameBy: ['percentile'], title: cq.appLatency.title }
    : { only: [...(namespace ? [namespace] : []), { label: 'percentile', value: 'p99' }], nameBy: ['service'], title: 'Request latency per app' };
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Suspense fallback={<PanelSkeleton title={cq.appRequestRate.title} />}>
        <PromChartPanel query={cq.appRequestRate} params={ctx.prom} range={ctx.range} unit="rps" nameBy={['service']} only={only} empty="No app exposes http_requests_total in this cluster (instrument it with a Prometheus client library or OpenTelemetry)." />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={cq.appErrorRatio.title} />}>
        <PromChartPanel query={cq.appErrorRatio} params={ctx.prom} range={ctx.range} unit="percent" nameBy={['service']} only={only} empty="No HTTP requests recorded for the selection." />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={latency.title} />}>
        <PromChartPanel
          query={cq.appLatency}
          params={ctx.prom}
          range={ctx.range}
          unit="seconds"
          nameBy={latency.nameBy}
          only={latency.only}
          title={latency.title}
          empty="No app exposes an http_request_duration_seconds histogram for the selection."
        />
      </Suspense>
    </div>
  );
}
