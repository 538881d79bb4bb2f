import type { DemoCluster, DemoNode, DemoWorkload } from './fleet-model';
import { maxPodsOf } from './pod-budget';
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
        node: null,
        started: 1_762_000_000 + (h % 500_000),
        phase: ((h >>> 8) % 6283) / 1000,
      });
    });
  }
  placePods(cluster, pods);
  podCache.set(cluster, pods);
  return pods;
}

/**
 * Binds pods to nodes as a scheduler would: DaemonSet pod i on node i; every other pod from the
 * node its name hashes to, onward to the first with room for its requests and a pod slot —
 * add-ons (kube-system) on System pools and apps on User pools first, as AKS recommends. A pod
 * no node has room for still binds where it hashed (the cost view then shows the overcommit).
 * Only running and crash-looping pods hold resources; Pending pods bind nowhere.
 */
function placePods(cluster: DemoCluster, pods: DemoPod[]): void {
  const nodes = cluster.nodes;
  if (nodes.length === 0) return;
  const slots = maxPodsOf(cluster);
  const free = new Map(nodes.map((n) => [n, { cpu: n.vcpus, mem: n.memoryBytes, pods: slots }]));
  const holds = (p: DemoPod): boolean => p.state === 'running' || p.state === 'crashLooping';
  const take = (p: DemoPod, n: DemoNode): void => {
    p.node = n;
    const f = free.get(n);
    if (!f || !holds(p)) return;
    f.cpu -= p.workload.cpuRequestCores;
    f.mem -= p.workload.memoryRequestBytes;
    f.pods -= 1;
  };
  const fits = (p: DemoPod, n: DemoNode): boolean => {
    const f = free.get(n);
    return !!f && f.pods >= 1 && f.cpu >= p.workload.cpuRequestCores && f.mem >= p.workload.memoryRequestBytes;
  };
  const modeOf = new Map(cluster.nodePools.map((np) => [np.name, np.mode]));
  const system = nodes.filter((n) => modeOf.get(n.pool) === 'System');
  const user = nodes.filter((n) => modeOf.get(n.pool) !== 'System');
  for (const p of pods)
    if (p.workload.kind === 'DaemonSet' && p.state !== 'pending') take(p, nodes[p.replica % nodes.length]!);
  for (const p of pods) {
    if (p.workload.kind === 'DaemonSet' || p.state === 'pending') continue;
    const preferred = p.namespace === 'kube-system' ? system : user;
    const first = preferred.length > 0 ? preferred : nodes;
    const start = hash32(p.name);
    const probe = (list: readonly DemoNode[]): DemoNode | undefined => {
      for (let k = 0; k < list.length; k++) {
        const n = list[(start + k) % list.length]!;
        if (!holds(p) || fits(p, n)) return n;
      }
      return undefined;
    };
    take(p, probe(first) ?? probe(nodes) ?? first[start % first.length]!);
  }
}
