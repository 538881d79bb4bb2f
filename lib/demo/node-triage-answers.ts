import * as cq from '../catalog/queries/cluster-prom';
import { booted, type ClusterEvaluator } from './evaluator-kit';
import { nodePressure, PRESSURE_CONDITIONS } from './node-capacity';
import { nodeOs, nodeTaints } from './node-triage';
import { gridAt } from './signals';

/**
 * Demo answers to the node triage queries (catalog/queries/cluster-prom/nodes.ts): what
 * kube_node_info, kube_node_labels, kube_node_status_condition, kube_node_spec_taint,
 * kube_node_spec_unschedulable and the exporters' `up` say, read the way each query's
 * PromQL reads the series node-telemetry.ts and telemetry-families.ts write.
 */

export const NODE_TRIAGE_EVALUATORS: Record<string, ClusterEvaluator> = {
  [cq.nodeInfo.id]: (c, t) => {
    const os = nodeOs(c);
    return c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? [
            {
              labels: {
                node: n.name,
                kubelet_version: n.kubeletVersion,
                os_image: os.osImage,
                kernel_version: os.kernel,
                container_runtime_version: os.runtime,
              },
              value: 1,
            },
          ]
        : [],
    );
  },
  // The export writes the AKS pool label only; `max by` leaves the absent label out.
  [cq.nodePool.id]: (c, t) =>
    c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? [{ labels: { node: n.name, label_kubernetes_azure_com_agentpool: n.pool }, value: 1 }]
        : [],
    ),
  [cq.nodeConditions.id]: (c, t) =>
    c.nodes.flatMap((n) => {
      if (!booted(n.bootTime, t)) return [];
      const pressure = nodePressure(c, n, gridAt(t));
      return [
        { labels: { node: n.name, condition: 'Ready', status: n.ready }, value: 1 },
        ...PRESSURE_CONDITIONS.map((condition) => ({
          labels: { node: n.name, condition, status: pressure[condition] },
          value: 1,
        })),
      ];
    }),
  [cq.nodeReadyHistory.id]: (c, t) =>
    c.nodes.flatMap((n) => (booted(n.bootTime, t) ? [{ labels: { node: n.name, status: n.ready }, value: 1 }] : [])),
  [cq.nodeTaints.id]: (c, t) =>
    c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? nodeTaints(n).map((taint) => ({
            // Prometheus stores an empty label as no label: the node controller's taints have no value.
            labels: {
              node: n.name,
              key: taint.key,
              ...(taint.value ? { value: taint.value } : {}),
              effect: taint.effect,
            },
            value: 1,
          }))
        : [],
    ),
  [cq.nodeUnschedulable.id]: (c, t) =>
    c.nodes.flatMap((n) => (booted(n.bootTime, t) ? [{ labels: { node: n.name }, value: 0 }] : [])),
  // A NotReady node's kubelet does not answer (up 0, filtered out); its node-exporter does.
  [cq.nodeLastScrape.id]: (c, t) =>
    c.nodes.flatMap((n) => {
      if (!booted(n.bootTime, t)) return [];
      const out = [{ labels: { node: n.name, exporter: 'node-exporter' }, value: 1 }];
      if (n.ready === 'true') out.unshift({ labels: { node: n.name, exporter: 'kubelet' }, value: 1 });
      return out;
    }),
};
