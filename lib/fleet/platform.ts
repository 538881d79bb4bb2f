import type { Distribution, Provider } from './types';

/**
 * The one name of a cluster's platform, used by the cluster header, the provider card, the
 * filters and the table: its distribution, and how the portal knows it. `aks` is an AKS
 * managed cluster in Resource Graph; `arc` an Arc-connected cluster (any distribution) in
 * Resource Graph; `prometheus` a cluster seen only in Prometheus metrics (kube_node_info),
 * whatever it runs on, with no Azure resource behind it.
 */

const DISTRIBUTION_NAMES: Record<Distribution, string> = {
  aks: 'AKS',
  eks: 'EKS',
  gke: 'GKE',
  k3s: 'k3s',
  openshift: 'OpenShift',
  other: 'Kubernetes',
};

/** How the portal knows a cluster, as the label says it (AKS needs no suffix: it is the Azure resource). */
const HOW_KNOWN: Record<Provider, string> = {
  aks: '',
  arc: 'Arc-connected',
  prometheus: 'metrics only',
};

/** The filter options that select by how a cluster is known, whatever it runs. */
export const PROVIDER_GROUP_LABELS: Record<Provider, string> = {
  aks: 'AKS',
  arc: 'Arc-connected (all)',
  prometheus: 'Metrics only (all)',
};

export function distributionName(distribution: string): string {
  return DISTRIBUTION_NAMES[distribution as Distribution] ?? distribution;
}

/** The label's two parts, for a table cell that puts them on two lines: what it runs, how it is known ('' for AKS). */
export function platformParts(c: { provider: Provider; distribution: Distribution }): {
  distribution: string;
  known: string;
} {
  if (c.provider === 'aks') return { distribution: 'AKS', known: '' };
  return { distribution: distributionName(c.distribution), known: HOW_KNOWN[c.provider] ?? c.provider };
}

/** "AKS", "EKS · Arc-connected", "k3s · metrics only", "AKS · metrics only". */
export function platformLabel(c: { provider: Provider; distribution: Distribution }): string {
  const { distribution, known } = platformParts(c);
  return known ? `${distribution} · ${known}` : distribution;
}

/**
 * The `?provider=` value that selects a platform group: `aks` for AKS, else the distribution
 * (a fleet comes either from Resource Graph or from Prometheus alone, never both, so the
 * distribution is enough to tell the groups apart).
 */
export function platformFilterValue(c: { provider: Provider; distribution: Distribution }): string {
  return c.provider === 'aks' ? 'aks' : c.distribution;
}
