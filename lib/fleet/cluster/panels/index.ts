import type { ClusterPage } from '../layers';
import { APPLICATIONS_PANELS } from './applications';
import { CONTROL_PLANE_PANELS } from './control-plane';
import { NETWORK_PANELS } from './network';
import { NODES_PANELS } from './nodes';
import { SUMMARY_PANELS } from './summary';
import type { PanelContext, PanelSpec } from './types';
import { WORKLOADS_PANELS } from './workloads';

export * from './types';
export { CAPABILITIES, hasContainerInsights } from './capabilities';
export * from './cost';
export { scopeText } from './workloads';

/** Every panel of the cluster pages, in page order. Adding a chart is adding a spec here. */
export const CLUSTER_PANELS: readonly PanelSpec[] = [
  ...SUMMARY_PANELS,
  ...NODES_PANELS,
  ...CONTROL_PLANE_PANELS,
  ...WORKLOADS_PANELS,
  ...APPLICATIONS_PANELS,
  ...NETWORK_PANELS,
];

const BY_ID = new Map(CLUSTER_PANELS.map((p) => [p.id, p]));

export function panelsOf(page: ClusterPage): PanelSpec[] {
  return CLUSTER_PANELS.filter((p) => p.page === page);
}

export function panelById(id: string): PanelSpec | null {
  return BY_ID.get(id) ?? null;
}

/** The title a panel has before it answers (its skeleton's), without a time series' filter values. */
export function baseTitle(spec: PanelSpec, ctx: PanelContext): string {
  if (typeof spec.title === 'function') return spec.title(ctx);
  if (spec.title) return spec.title;
  return spec.view === 'table' ? (Object.values(spec.sources)[0]?.query.title ?? spec.id) : spec.source.query.title;
}
