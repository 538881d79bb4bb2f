import type { FilterableCluster } from './filter';
import type { ClusterSummary, HealthReason } from './types';

/**
 * One row of the overview table: what the page shows, filters and sorts on, and nothing
 * else. The page sends every row to the browser (filtering is local), so at 5,000
 * clusters each byte saved here is 5 kB of page.
 */
export interface OverviewRow extends FilterableCluster {
  id: string;
  health: {
    status: ClusterSummary['health']['status'];
    reasons: Array<Pick<HealthReason, 'signal' | 'severity' | 'message' | 'layer'>>;
    score: number;
  };
}

export function toOverviewRow(c: ClusterSummary): OverviewRow {
  return {
    id: c.id,
    name: c.name,
    provider: c.provider,
    distribution: c.distribution,
    subscriptionId: c.subscriptionId,
    resourceGroup: c.resourceGroup,
    region: c.region,
    kubernetesVersion: c.kubernetesVersion,
    kubernetesMinor: c.kubernetesMinor,
    versionSupport: c.versionSupport,
    tags: c.tags,
    health: {
      status: c.health.status,
      reasons: c.health.reasons.map(({ signal, severity, message, layer }) => ({ signal, severity, message, layer })),
      score: c.health.score,
    },
    nodes: c.nodes,
    pods: c.pods,
    cpu: c.cpu,
    memory: c.memory,
    lastUpgrade: c.lastUpgrade,
  };
}
