import { clusterPageHref, type ClusterPage } from '@/lib/fleet/cluster/layers';
import type { PanelContext } from '@/lib/fleet/cluster/panels';
import { serializeClusterView, type ClusterView } from '@/lib/url-state/cluster';

/** What every panel of a cluster page needs: the cluster, the view from the URL, the resolved range. */
export type ClusterPageContext = PanelContext;

/** A link to a page of this cluster with some view fields changed. */
export function hrefWith(ctx: ClusterPageContext, page: ClusterPage, change: Partial<ClusterView> = {}): string {
  return clusterPageHref(ctx.cluster.name, page, serializeClusterView({ ...ctx.view, ...change }));
}
