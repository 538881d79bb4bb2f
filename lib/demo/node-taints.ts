import { constant, nodeLabels, type Family } from './family-kit';
import type { DemoNode } from './fleet-model';

/**
 * The taints the node lifecycle controller puts on a node that is not Ready, as
 * kube-state-metrics exports them (kube_node_spec_taint{key, value, effect}): Ready "Unknown"
 * (the kubelet stopped posting status) gets node.kubernetes.io/unreachable, Ready "False"
 * gets node.kubernetes.io/not-ready, each with NoSchedule (TaintNodesByCondition) and
 * NoExecute (taint-based eviction). Ready nodes carry none: the demo's pools set no taints of
 * their own. Kept apart from node-telemetry.ts so the family merges easily with other work on
 * the node families.
 * https://kubernetes.io/docs/reference/labels-annotations-taints/#node-kubernetes-io-unreachable
 */

export interface NodeTaint {
  key: string;
  value: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';

/** The node's taints (spec.taints); they appear with its Ready condition, at its boot time in the export. */
export function nodeTaints(n: DemoNode): NodeTaint[] {
  const key = n.ready === 'unknown' ? UNREACHABLE_TAINT : n.ready === 'false' ? NOT_READY_TAINT : null;
  if (key === null) return [];
  return [
    { key, value: '', effect: 'NoSchedule' },
    { key, value: '', effect: 'NoExecute' },
  ];
}

export const NODE_TAINT_FAMILIES: Family[] = [
  {
    name: 'kube_node_spec_taint',
    type: 'gauge',
    help: 'The taint of a cluster node.',
    *series(c, base) {
      for (const n of c.nodes)
        for (const t of nodeTaints(n))
          yield {
            labels: { ...nodeLabels(base, n), key: t.key, value: t.value, effect: t.effect },
            value: constant(1, n.bootTime),
          };
    },
  },
];
