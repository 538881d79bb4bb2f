import 'server-only';
import { Suspense, type ReactNode } from 'react';
import { BODY_HEIGHT, PanelSkeleton } from '@/components/cluster/panel';
import { ClusterCostPanel } from '@/components/cluster/cluster-insight-panels';
import { PanelView } from '@/components/cluster/panel-view';
import { baseTitle, type PanelSpec } from '@/lib/fleet/cluster/panels';
import { loadClusterCost } from '@/lib/server/cost-service';
import { loadPanel } from '@/lib/server/panels';
import type { ClusterContext } from '@/lib/server/request-context';
import { serializeCostParams } from '@/lib/url-state/cost';

/**
 * Where a cluster page's panels are loaded: each streams in behind its own skeleton, so a slow
 * backend holds back one panel, not the page. The components only draw what arrives.
 */

async function LoadedPanel({ ctx, spec }: { ctx: ClusterContext; spec: PanelSpec }): Promise<ReactNode> {
  return <PanelView data={await loadPanel(ctx, spec)} ctx={ctx.panel} />;
}

export function PanelSlot({ ctx, spec }: { ctx: ClusterContext; spec: PanelSpec }): ReactNode {
  return (
    <Suspense
      fallback={
        <PanelSkeleton title={baseTitle(spec, ctx.panel)} wide={spec.wide} height={BODY_HEIGHT[spec.body ?? 'chart']} />
      }
    >
      <LoadedPanel ctx={ctx} spec={spec} />
    </Suspense>
  );
}

/** The cluster's share of the fleet cost view: the same allocation as /cost?cluster=<name>. */
async function LoadedCost({ ctx }: { ctx: ClusterContext }): Promise<ReactNode> {
  const { summary, view } = await loadClusterCost(ctx);
  return <ClusterCostPanel cost={summary} href={`/cost?${serializeCostParams(view)}`} />;
}

export function CostSlot({ ctx }: { ctx: ClusterContext }): ReactNode {
  return (
    <Suspense fallback={<PanelSkeleton title="Cost" height={BODY_HEIGHT.table} />}>
      <LoadedCost ctx={ctx} />
    </Suspense>
  );
}
