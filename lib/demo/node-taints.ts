/**
 * The node lifecycle controller's taint keys: Ready "Unknown" gets node.kubernetes.io/unreachable,
 * Ready "False" node.kubernetes.io/not-ready (node-triage.ts' nodeTaints puts them on nodes;
 * alert-state.ts reads them as KubeNodeUnreachable does).
 * https://kubernetes.io/docs/reference/labels-annotations-taints/#node-kubernetes-io-unreachable
 */
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
