import type { ClusterPromParams } from '@/lib/catalog/queries/cluster-prom';
import type { ResolvedRange } from '@/lib/fleet/cluster/time-range';
import { clusterPageHref, type ClusterPage } from '@/lib/fleet/cluster/layers';
import type { ClusterSummary } from '@/lib/fleet/types';
import { serializeClusterView, type ClusterView } from '@/lib/url-state/cluster';

/** What every panel of a cluster page needs: the cluster, the view from the URL, the resolved range. */
export interface ClusterPageContext {
  cluster: ClusterSummary;
  view: ClusterView;
  range: ResolvedRange;
  /** Evaluation time of instant queries: the end of the range. */
  at: number;
  prom: ClusterPromParams;
}

/** A link to a page of this cluster with some view fields changed. */
export function hrefWith(ctx: ClusterPageContext, page: ClusterPage, change: Partial<ClusterView> = {}): string {
  return clusterPageHref(ctx.cluster.name, page, serializeClusterView({ ...ctx.view, ...change }));
}
