import { describe, expect, it } from 'vitest';
import { platformFilterValue, platformLabel } from './platform';
import { DISTRIBUTIONS, PROVIDERS } from './types';

describe('platform names', () => {
  it.each([
    ['aks', 'aks', 'AKS'],
    ['arc', 'eks', 'EKS · Arc-connected'],
    ['arc', 'k3s', 'k3s · Arc-connected'],
    ['arc', 'openshift', 'OpenShift · Arc-connected'],
    ['arc', 'other', 'Kubernetes · Arc-connected'],
    ['prometheus', 'eks', 'EKS · metrics only'],
    ['prometheus', 'k3s', 'k3s · metrics only'],
    ['prometheus', 'aks', 'AKS · metrics only'],
    ['prometheus', 'other', 'Kubernetes · metrics only'],
  ] as const)('%s + %s reads "%s"', (provider, distribution, label) => {
    expect(platformLabel({ provider, distribution })).toBe(label);
  });

  it('never calls a cluster AKS unless it is one, nor Arc-connected unless it is', () => {
    for (const provider of PROVIDERS) {
      for (const distribution of DISTRIBUTIONS) {
        const label = platformLabel({ provider, distribution });
        if (label.startsWith('AKS')) expect(provider === 'aks' || distribution === 'aks').toBe(true);
        if (label.includes('Arc')) expect(provider).toBe('arc');
        if (provider === 'prometheus') expect(label).toMatch(/ · metrics only$/);
      }
    }
  });

  it('selects AKS by "aks" and every other platform by its distribution', () => {
    expect(platformFilterValue({ provider: 'aks', distribution: 'aks' })).toBe('aks');
    expect(platformFilterValue({ provider: 'arc', distribution: 'gke' })).toBe('gke');
    expect(platformFilterValue({ provider: 'prometheus', distribution: 'other' })).toBe('other');
  });
});
