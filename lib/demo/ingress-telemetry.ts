import type { DemoCluster, DemoWorkload } from './fleet-model';
import { hash32 } from './random';

/**
 * L5 ingress metrics of the demo fleet, as ingress-nginx exposes them
 * (`nginx_ingress_controller_requests{ingress, namespace, service, status}`, a counter).
 * About two clusters in three run the controller; each exposes its public apps (the first
 * Deployments of each application namespace). Apps with crash-looping replicas answer more
 * 502/503 at the edge.
 */

const W_DAY = (2 * Math.PI) / 86_400;
/** The controller pod started long before any exported window. */
const CONTROLLER_SINCE = 1_762_000_000;

export function hasIngressController(c: DemoCluster): boolean {
  return hash32(`${c.name}/ingress-nginx`) % 3 !== 0;
}

/** The Deployments published through an ingress: up to three per application namespace. */
export function ingresses(c: DemoCluster): DemoWorkload[] {
  if (!hasIngressController(c)) return [];
  const perNamespace = new Map<string, number>();
  return c.workloads.filter((w) => {
    if (w.kind !== 'Deployment' || w.namespace === 'kube-system') return false;
    const n = perNamespace.get(w.namespace) ?? 0;
    perNamespace.set(w.namespace, n + 1);
    return n < 3;
  });
}

/** Status codes at the edge and their share of an ingress's requests. */
export function statusShares(w: DemoWorkload): ReadonlyArray<readonly [string, number]> {
  const bad = w.crashLooping > 0 ? 0.05 : 0.003;
  return [
    ['200', 0.9 - bad],
    ['304', 0.06],
    ['404', 0.04],
    ['503', bad],
  ];
}

/** nginx_ingress_controller_requests of one ingress and status at time t (whole requests). */
export function ingressRequests(c: DemoCluster, w: DemoWorkload, share: number, t: number): number {
  if (t <= CONTROLLER_SINCE) return 0;
  const h = hash32(`${c.name}/${w.namespace}/${w.name}/ingress`);
  const base = 5 + (h % 120);
  const phase = (h % 6283) / 1000;
  const integral = (s: number): number => base * (s - (0.3 / W_DAY) * Math.cos(W_DAY * s + phase));
  return Math.floor((integral(t) - integral(CONTROLLER_SINCE)) * share);
}

export function* ingressRequestSeries(
  c: DemoCluster,
  base: Record<string, string>,
): Iterable<{ labels: Record<string, string>; value: (t: number) => number | null }> {
  for (const w of ingresses(c)) {
    for (const [status, share] of statusShares(w)) {
      yield {
        labels: {
          ...base,
          job: 'ingress-nginx',
          instance: 'ingress-nginx-controller:10254',
          controller_class: 'k8s.io/ingress-nginx',
          controller_namespace: 'ingress-nginx',
          ingress: w.name,
          namespace: w.namespace,
          service: w.name,
          method: 'GET',
          status,
        },
        value: (t) => ingressRequests(c, w, share, t),
      };
    }
  }
}
