import type { VersionSupport } from './types';

export interface KubernetesVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Reads "1.33.2", "v1.33.2-eks-4f8a1c2" and "1.35.1+k3s1" alike. */
export function parseKubernetesVersion(text: string): KubernetesVersion | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function minorOf(text: string): string | null {
  const v = parseKubernetesVersion(text);
  return v ? `${v.major}.${v.minor}` : null;
}

/** AKS (like upstream Kubernetes) supports the three newest minor versions. */
export const SUPPORTED_MINOR_COUNT = 3;

export function versionSupport(text: string, latestMinor: number): VersionSupport {
  const v = parseKubernetesVersion(text);
  if (!v || v.major !== 1) return 'unknown';
  return v.minor > latestMinor - SUPPORTED_MINOR_COUNT ? 'supported' : 'out-of-support';
}

/** Compares "1.9" < "1.33" numerically, for sorting. */
export function compareVersions(a: string, b: string): number {
  const va = parseKubernetesVersion(a);
  const vb = parseKubernetesVersion(b);
  if (!va || !vb) return va ? 1 : vb ? -1 : 0;
  return va.major - vb.major || va.minor - vb.minor || va.patch - vb.patch;
}
