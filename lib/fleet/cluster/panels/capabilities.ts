import type { ClusterSummary } from '../../types';
import type { Capability } from './types';

/**
 * Whether Container insights (KubeEvents, ContainerLogV2) can hold rows for this cluster.
 * Arc clusters' add-on state is unknown to the inventory (null): ask the workspace anyway.
 */
export function hasContainerInsights(c: ClusterSummary): boolean {
  return c.monitoring.containerInsights !== false;
}

export const CAPABILITIES: Record<Capability, { name: string; has: (c: ClusterSummary) => boolean }> = {
  'container-insights': { name: 'Container insights', has: hasContainerInsights },
};
