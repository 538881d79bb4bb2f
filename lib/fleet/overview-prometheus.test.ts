import { describe, expect, it } from 'vitest';
import { inventoryFromMetrics } from './overview-inventory';

describe('clusters discovered from kube_node_info', () => {
  it('reads version, distribution and provider from labels, and counts nodes', () => {
    const entries = inventoryFromMetrics([
      { cluster: 'eks-a', kubeletVersion: 'v1.33.4-eks-4f2a1c3', provider: 'aws', nodes: 5 },
      { cluster: 'aks-b', kubeletVersion: 'v1.35.1', provider: 'azure', nodes: 3 },
      { cluster: 'gke-c', kubeletVersion: 'v1.34.2-gke.1014001', provider: 'gce', nodes: 2 },
      { cluster: 'onprem', kubeletVersion: 'v1.32.0', provider: '', nodes: 4 },
    ]);
    expect(entries.map((e) => [e.name, e.provider, e.distribution, e.kubernetesVersion, e.inventoryNodes])).toEqual([
      // Known from metrics alone, AKS included: no Azure resource stands behind any of them.
      ['aks-b', 'prometheus', 'aks', '1.35.1', 3],
      ['eks-a', 'prometheus', 'eks', '1.33.4', 5],
      ['gke-c', 'prometheus', 'gke', '1.34.2', 2],
      ['onprem', 'prometheus', 'other', '1.32.0', 4],
    ]);
    expect(
      entries.every((e) => e.powerState === 'Running' && e.subscriptionId === '' && e.managedPrometheus === null),
    ).toBe(true);
  });

  it('takes the version most nodes run, the lower one on a tie, mid-upgrade', () => {
    const [mid] = inventoryFromMetrics([
      { cluster: 'x', kubeletVersion: 'v1.35.2', provider: 'azure', nodes: 2 },
      { cluster: 'X', kubeletVersion: 'v1.34.9', provider: 'azure', nodes: 2 },
    ]);
    expect(mid).toMatchObject({ name: 'x', kubernetesVersion: '1.34.9', inventoryNodes: 4 });
    const [most] = inventoryFromMetrics([
      { cluster: 'y', kubeletVersion: 'v1.34.9', provider: 'azure', nodes: 1 },
      { cluster: 'y', kubeletVersion: 'v1.35.2', provider: 'azure', nodes: 3 },
    ]);
    expect(most?.kubernetesVersion).toBe('1.35.2');
  });
});
