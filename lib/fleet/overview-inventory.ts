import { promInventory } from '../catalog';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import type { PromClusterInventoryRow } from '../catalog/queries/prom-inventory';
import { compareVersions } from './versions';
import type { ClusterSummary, Distribution } from './types';
import { DISTRIBUTIONS } from './types';

/** The overview's list of clusters, from Resource Graph or, in Prometheus-only mode, from kube_node_info. */

/** One cluster of the inventory, whichever source listed it. */
export interface InventoryEntry extends Pick<
  ClusterSummary,
  | 'id'
  | 'name'
  | 'provider'
  | 'distribution'
  | 'subscriptionId'
  | 'resourceGroup'
  | 'region'
  | 'kubernetesVersion'
  | 'powerState'
  | 'tags'
  | 'nodePools'
> {
  /** Nodes the inventory knows of, shown when metrics do not say. */
  inventoryNodes: number;
  containerInsights: boolean | null;
  managedPrometheus: boolean | null;
  /** ARM's provisioningState (documented spelling); null when the inventory does not say. */
  provisioningState?: string | null;
  /** Arc-connected clusters: the agent's connectivity as ARM reports it. */
  arc?: { connectivityStatus: string | null; lastConnectivityTime: string | null } | null;
}

export function fromResourceGraph(row: ClusterInventoryRow): InventoryEntry {
  const d = row.distribution.toLowerCase();
  // Arc-connected clusters have no power state in Azure: they run wherever they run.
  const powerState =
    row.powerState === 'Running' || row.powerState === 'Stopped'
      ? row.powerState
      : row.clusterKind === 'arc'
        ? 'Running'
        : 'Unknown';
  return {
    id: row.id,
    name: row.name,
    provider: row.clusterKind,
    distribution: (DISTRIBUTIONS as readonly string[]).includes(d) ? (d as Distribution) : 'other',
    subscriptionId: row.subscriptionId,
    resourceGroup: row.resourceGroup,
    region: row.location,
    kubernetesVersion: row.kubernetesVersion,
    powerState,
    tags: row.tags,
    nodePools: row.nodePools.length,
    inventoryNodes:
      row.clusterKind === 'aks' ? row.nodePools.reduce((sum, p) => sum + (p.count ?? 0), 0) : (row.totalNodeCount ?? 0),
    containerInsights: row.containerInsightsEnabled ?? null,
    managedPrometheus: row.managedPrometheusEnabled ?? null,
    provisioningState: row.provisioningState,
    arc:
      row.clusterKind === 'arc'
        ? { connectivityStatus: row.connectivityStatus, lastConnectivityTime: row.lastConnectivityTime }
        : null,
  };
}

/** The key with the most nodes; ties go to the lowest version (the one that limits support). */
function mostNodes(counts: Map<string, number>): string {
  return [...counts].sort(([a, na], [b, nb]) => nb - na || compareVersions(a, b) || (a < b ? -1 : 1))[0]?.[0] ?? '';
}

/** Prometheus-only mode: clusters as kube_node_info reveals them. Azure-only fields stay empty. */
export function inventoryFromMetrics(rows: readonly PromClusterInventoryRow[]): InventoryEntry[] {
  const clusters = new Map<string, { name: string; versions: Map<string, number>; providers: Map<string, number> }>();
  for (const r of rows) {
    const key = r.cluster.toLowerCase();
    let c = clusters.get(key);
    if (!c) clusters.set(key, (c = { name: r.cluster, versions: new Map(), providers: new Map() }));
    c.versions.set(r.kubeletVersion, (c.versions.get(r.kubeletVersion) ?? 0) + r.nodes);
    c.providers.set(r.provider, (c.providers.get(r.provider) ?? 0) + r.nodes);
  }
  return [...clusters.values()]
    .map((c) => {
      const kubelet = mostNodes(c.versions);
      const provider = mostNodes(c.providers);
      const distribution = promInventory.distributionOf(kubelet, provider);
      const nodes = [...c.versions.values()].reduce((a, b) => a + b, 0);
      return {
        id: `prometheus/${c.name}`,
        name: c.name,
        // Known from metrics alone, even when they reveal AKS: no Azure resource stands behind it.
        provider: 'prometheus',
        distribution,
        subscriptionId: '',
        resourceGroup: '',
        region: '',
        kubernetesVersion: promInventory.kubernetesVersionOf(kubelet) ?? kubelet,
        powerState: 'Running',
        tags: {},
        nodePools: 0,
        inventoryNodes: nodes,
        containerInsights: null,
        managedPrometheus: null,
      } satisfies InventoryEntry;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
