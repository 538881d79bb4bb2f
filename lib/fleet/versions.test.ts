import { describe, expect, it } from 'vitest';
import { compareVersions, minorOf, parseKubernetesVersion, versionSupport } from './versions';

describe('Kubernetes versions', () => {
  it('reads the spellings AKS, EKS and k3s use', () => {
    expect(parseKubernetesVersion('1.33.2')).toEqual({ major: 1, minor: 33, patch: 2 });
    expect(minorOf('v1.34.8-eks-4f8a1c2')).toBe('1.34');
    expect(minorOf('1.35.1+k3s1')).toBe('1.35');
    expect(minorOf('latest')).toBeNull();
  });

  it('supports the three newest minors', () => {
    expect(versionSupport('1.36.1', 36)).toBe('supported');
    expect(versionSupport('1.34.9', 36)).toBe('supported');
    expect(versionSupport('1.33.9', 36)).toBe('out-of-support');
    expect(versionSupport('garbage', 36)).toBe('unknown');
  });

  it('compares numerically, not as text', () => {
    expect(compareVersions('1.9.0', '1.33.0')).toBeLessThan(0);
    expect(['1.33.10', '1.33.9', '1.4.1'].sort(compareVersions)).toEqual(['1.4.1', '1.33.9', '1.33.10']);
  });
});
