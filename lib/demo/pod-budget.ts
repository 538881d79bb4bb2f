import type { DemoCluster } from './fleet-model';
import { hash32 } from './random';

/** A demo node's pod budget, by the cluster's network plugin (drawn by hash, so the fleet's random streams do not move). */

export type NetworkPlugin = 'azure' | 'azure-overlay' | 'kubenet' | 'other';

/**
 * AKS clusters run one of three network plugins; Arc clusters bring their own CNI.
 * https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni
 */
export function networkPluginOf(c: DemoCluster): NetworkPlugin {
  if (c.provider !== 'aks') return 'other';
  return (['azure', 'kubenet', 'azure-overlay'] as const)[hash32(`${c.name}/network-plugin`) % 3] ?? 'kubenet';
}

/**
 * Max pods per node (kube_node_status_capacity{resource="pods"}): the AKS defaults are 30 for
 * Azure CNI, where each node also reserves that many subnet IPs up front, 110 for kubenet and
 * 250 for Azure CNI Overlay; OpenShift defaults to 250, the other distributions to the kubelet's 110.
 */
export function maxPodsOf(c: DemoCluster): number {
  switch (networkPluginOf(c)) {
    case 'azure':
      return 30;
    case 'azure-overlay':
      return 250;
    case 'kubenet':
      return 110;
    case 'other':
      return c.distribution === 'openshift' ? 250 : 110;
  }
}
