import type { PromQuery } from '../types';
import { promVector } from '../wire';
import { fleetPromParamsSchema, selector, type FleetPromParams } from '../prom-params';

/**
 * The fleet as Prometheus sees it, for Prometheus-only deployments with no Resource Graph:
 * clusters, their kubelet versions and node counts from kube-state-metrics' kube_node_info.
 * One series per cluster × kubelet version × provider, so it stays cheap at any fleet size
 * (never one row per pod or node).
 */
export interface PromClusterInventoryRow {
  cluster: string;
  /** As the kubelet reports it, e.g. v1.33.2, v1.32.1-eks-4f2a1c3, v1.31.4+k3s1. */
  kubeletVersion: string;
  /** The scheme of the nodes' spec.providerID: azure, aws, gce, k3s, vsphere… ('' when unset). */
  provider: string;
  nodes: number;
}

export const promFleetInventory: PromQuery<FleetPromParams, PromClusterInventoryRow> = {
  id: 'prom.fleet.inventory',
  kind: 'prom',
  mode: 'instant',
  layer: 'fleet',
  personas: ['fleet-architect', 'platform-engineer'],
  title: 'Clusters discovered from metrics',
  description:
    'Every cluster with kube-state-metrics series: its nodes counted by kubelet version and cloud provider (kube_node_info).',
  params: fleetPromParamsSchema,
  build: (p) =>
    `count by (${p.clusterLabel}, kubelet_version, provider) (label_replace(kube_node_info${selector(p)}, "provider", "$1", "provider_id", "([a-z0-9]+)://.*"))`,
  parse: (wire, p) =>
    promVector(wire).flatMap((s) => {
      const cluster = s.labels[p.clusterLabel];
      if (cluster === undefined || !Number.isFinite(s.value)) return [];
      return [
        {
          cluster,
          kubeletVersion: s.labels['kubelet_version'] ?? '',
          provider: s.labels['provider'] ?? '',
          nodes: s.value,
        },
      ];
    }),
};

/** "v1.32.1-eks-4f2a1c3" → "1.32.1"; null when the kubelet did not say. */
export function kubernetesVersionOf(kubeletVersion: string): string | null {
  const m = /^v?(\d+\.\d+\.\d+)/.exec(kubeletVersion);
  return m ? (m[1] as string) : null;
}

/** The distribution the kubelet version and provider id reveal; 'other' when they do not. */
export function distributionOf(
  kubeletVersion: string,
  provider: string,
): 'aks' | 'eks' | 'gke' | 'k3s' | 'openshift' | 'other' {
  if (/-eks-/.test(kubeletVersion)) return 'eks';
  if (/-gke\./.test(kubeletVersion) || provider === 'gce') return 'gke';
  if (/\+k3s/.test(kubeletVersion)) return 'k3s';
  if (/\+rhos|\+openshift/i.test(kubeletVersion)) return 'openshift';
  if (provider === 'azure') return 'aks';
  return 'other';
}
