import type { DemoCluster, DemoNode, DemoWorkload } from './fleet-model';
import { hash32, hexFrom } from './random';

export type PodState = 'crashLooping' | 'running' | 'pending' | 'failed' | 'succeeded';

export interface DemoPod {
  namespace: string;
  name: string;
  container: string;
  workload: DemoWorkload;
  state: PodState;
  /** For crash-looping pods: the replica index crashLoopSince() is keyed by. */
  replica: number;
  ownerKind: string;
  ownerName: string;
  /** The node it is scheduled on; null for pods still Pending. */
  node: DemoNode | null;
  /** When its container started: a stable instant before any exported window. */
  started: number;
  /** Phase of its usage signals. */
  phase: number;
}

const podCache = new WeakMap<DemoCluster, DemoPod[]>();

/** The pods of a cluster, named the way their controllers name them. Crash-looping replicas come first. */
export function podsOf(cluster: DemoCluster): DemoPod[] {
  const cached = podCache.get(cluster);
  if (cached) return cached;
  const pods: DemoPod[] = [];
  // DaemonSet pod i runs on node i; other pods are spread over the nodes by name.
  const place = (w: DemoWorkload, i: number, name: string): DemoNode | null => {
    if (cluster.nodes.length === 0) return null;
    const index = w.kind === 'DaemonSet' ? i : hash32(name);
    return cluster.nodes[index % cluster.nodes.length] ?? null;
  };
  for (const w of cluster.workloads) {
    const rsHash = hexFrom(`${cluster.name}/${w.namespace}/${w.name}/rs`, 10).replace(
      /[0-9]/g,
      (d) => 'bcdfghjklm'[Number(d)] as string,
    );
    const owner =
      w.kind === 'Deployment' ? { kind: 'ReplicaSet', name: `${w.name}-${rsHash}` } : { kind: w.kind, name: w.name };
    const states: PodState[] = [
      ...Array<PodState>(w.crashLooping).fill('crashLooping'),
      ...Array<PodState>(w.running).fill('running'),
      ...Array<PodState>(w.pending).fill('pending'),
      ...Array<PodState>(w.failed).fill('failed'),
      ...Array<PodState>(w.succeeded).fill('succeeded'),
    ];
    states.forEach((state, i) => {
      const suffix = hexFrom(`${cluster.name}/${w.namespace}/${w.name}/${i}`, 5);
      const name =
        w.kind === 'StatefulSet'
          ? `${w.name}-${i}`
          : w.kind === 'Deployment'
            ? `${owner.name}-${suffix}`
            : `${w.name}-${suffix}`;
      const h = hash32(`${cluster.name}/${w.namespace}/${name}`);
      pods.push({
        namespace: w.namespace,
        name,
        container: w.name.replace(/-[0-9a-f]{5}$/, ''),
        workload: w,
        state,
        replica: i,
        ownerKind: owner.kind,
        ownerName: owner.name,
        node: state === 'pending' ? null : place(w, i, name),
        started: 1_762_000_000 + (h % 500_000),
        phase: ((h >>> 8) % 6283) / 1000,
      });
    });
  }
  podCache.set(cluster, pods);
  return pods;
}
