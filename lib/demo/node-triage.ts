import type { DemoCluster, DemoNode } from './fleet-model';
import { NOT_READY_TAINT, UNREACHABLE_TAINT } from './node-taints';

/**
 * What a node says about itself beyond its size and readiness, as kube-state-metrics
 * (kube_node_info, kube_node_spec_taint) and the Container insights agent (KubeNodeInventory,
 * KubeEvents) report it: the OS image, kernel and container runtime of its platform, the taints
 * Kubernetes and the pool put on it, and the event that says why it is not Ready.
 */

export interface NodeOs {
  osImage: string;
  kernel: string;
  runtime: string;
}

/** The node image each platform ships (AKS Ubuntu 22.04, EKS Amazon Linux 2023, GKE COS, k3s on Ubuntu, RHCOS). */
const OS_OF: Record<DemoCluster['distribution'], NodeOs> = {
  aks: { osImage: 'Ubuntu 22.04.5 LTS', kernel: '5.15.0-1089-azure', runtime: 'containerd://1.7.27' },
  eks: {
    osImage: 'Amazon Linux 2023.6.20250107',
    kernel: '6.1.119-129.201.amzn2023.x86_64',
    runtime: 'containerd://1.7.25',
  },
  gke: { osImage: 'Container-Optimized OS from Google', kernel: '6.1.112+', runtime: 'containerd://1.7.24' },
  k3s: { osImage: 'Ubuntu 22.04.4 LTS', kernel: '5.15.0-119-generic', runtime: 'containerd://1.7.23-k3s2' },
  openshift: {
    osImage: 'Red Hat Enterprise Linux CoreOS 417.94.202501071621-0',
    kernel: '5.14.0-427.50.1.el9_4.x86_64',
    runtime: 'cri-o://1.30.8-3.rhaos4.17.git1e5b1b6.el9',
  },
};

export function nodeOs(c: DemoCluster): NodeOs {
  return OS_OF[c.distribution];
}

export interface DemoTaint {
  key: string;
  value: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** The pool whose nodes carry accelerators: AKS's guidance taints it so only GPU workloads land there. */
export const GPU_TAINT: DemoTaint = { key: 'sku', value: 'gpu', effect: 'NoSchedule' };

/**
 * The node's taints: the node lifecycle controller taints a node whose Ready is False with
 * node.kubernetes.io/not-ready and one whose Ready is Unknown with node.kubernetes.io/unreachable
 * (NoSchedule, and NoExecute for taint-based eviction); GPU nodes carry the pool's taint.
 */
export function nodeTaints(n: DemoNode): DemoTaint[] {
  const out: DemoTaint[] = [];
  if (n.gpus > 0) out.push(GPU_TAINT);
  const key = n.ready === 'false' ? NOT_READY_TAINT : n.ready === 'unknown' ? UNREACHABLE_TAINT : null;
  if (key) out.push({ key, value: '', effect: 'NoSchedule' }, { key, value: '', effect: 'NoExecute' });
  return out;
}

/**
 * The event a not-Ready node leaves: a kubelet that reports itself not ready records
 * NodeNotReady; a kubelet that stopped posting status cannot, so the node lifecycle controller
 * records it when it marks the node Unknown. Null for a Ready node.
 */
export function nodeNotReadyEvent(n: DemoNode): { reason: string; message: string; component: string } | null {
  if (n.ready === 'true') return null;
  return {
    reason: 'NodeNotReady',
    message: `Node ${n.name} status is now: NodeNotReady`,
    component: n.ready === 'false' ? 'kubelet' : 'node-controller',
  };
}
