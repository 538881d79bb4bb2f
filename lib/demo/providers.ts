import type { DemoCluster, DemoNode } from './fleet-model';
import { hexFrom } from './random';

/** spec.providerID of a node, as each cloud's kubelet sets it (its scheme names the provider). */
export function nodeProviderId(cluster: DemoCluster, node: DemoNode, index: number): string {
  switch (cluster.distribution) {
    case 'aks':
      return `azure:///subscriptions/${cluster.subscriptionId}/resourceGroups/mc_${cluster.resourceGroup}_${cluster.name}_${cluster.location}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-${node.pool}-vmss/virtualMachines/${index}`;
    case 'eks':
      return `aws:///${cluster.location}a/i-0${hexFrom(`${cluster.name}/${node.name}`, 16)}`;
    case 'gke':
      return `gce://contoso-${cluster.tags['team'] ?? 'fleet'}/${cluster.location}-a/${node.name}`;
    case 'k3s':
      return `k3s://${node.name}`;
    case 'openshift':
      return `vsphere://${hexFrom(`${cluster.name}/${node.name}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`;
  }
}

/** The scheme of the cluster's provider ids (azure, aws, gce, k3s, vsphere). */
export function providerScheme(cluster: DemoCluster): string {
  const first = cluster.nodes[0];
  return first ? (nodeProviderId(cluster, first, 0).split(':')[0] ?? '') : '';
}
