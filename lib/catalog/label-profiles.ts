import { z } from 'zod';

/**
 * Label conventions: the same exporters reach a Prometheus-compatible store with different
 * target labels, depending on what scraped them. The catalog builds its PromQL from one of
 * these profiles, so a per-node panel finds its node whether the series carry a `node` label,
 * name the node in `instance`, or only know the exporter pod (joined through kube_pod_info,
 * as the kubernetes-mixin's node_namespace_pod:kube_pod_info: rule does).
 */

export const LABEL_PROFILE_IDS = [
  'azure-managed-prometheus',
  'kube-prometheus-stack',
  'k8s-monitoring',
  'victoria-metrics-k8s-stack',
  'kubernetes-sd',
] as const;
export type LabelProfileId = (typeof LABEL_PROFILE_IDS)[number];
export const labelProfileIdSchema = z.enum(LABEL_PROFILE_IDS);

/**
 * How a family's series name the node they were scraped from:
 * - `instance`: the scrape set `instance` to the node name (ama-metrics, Kubernetes SD role node);
 * - `node-label`: a `node` target label holds it (prometheus-operator for Node endpoints, relabelled pod SD);
 * - `kube-pod-info`: only the exporter pod's `namespace`/`pod` are known; kube_pod_info maps them to the node.
 */
export type NodeResolution = 'instance' | 'node-label' | 'kube-pod-info';

export interface LabelProfile {
  id: LabelProfileId;
  title: string;
  /** Where the convention is defined, for "show query" and the docs. */
  source: string;
  /** `job` values of each exporter: how detection recognises the profile. */
  jobs: {
    kubeStateMetrics: string;
    nodeExporter: string;
    kubelet: string;
    cadvisor: string;
    apiserver: string;
  };
  nodeExporterNode: NodeResolution;
  /** The kubelet's own series (kubelet_running_pods, PLEG, pod worker). */
  kubeletNode: Exclude<NodeResolution, 'kube-pod-info'>;
}

export const LABEL_PROFILES: Readonly<Record<LabelProfileId, LabelProfile>> = {
  'azure-managed-prometheus': {
    id: 'azure-managed-prometheus',
    title: 'Azure Monitor managed Prometheus (ama-metrics defaults)',
    source: 'ama-metrics default scrape configs (Azure/prometheus-collector default-prom-configs)',
    jobs: {
      kubeStateMetrics: 'kube-state-metrics',
      nodeExporter: 'node',
      kubelet: 'kubelet',
      cadvisor: 'cadvisor',
      apiserver: 'kube-apiserver',
    },
    nodeExporterNode: 'instance',
    kubeletNode: 'instance',
  },
  'kube-prometheus-stack': {
    id: 'kube-prometheus-stack',
    title: 'kube-prometheus-stack (prometheus-operator ServiceMonitors)',
    source: 'prometheus-community/kube-prometheus-stack; prometheus-operator adds `node` to Node endpoint targets',
    jobs: {
      kubeStateMetrics: 'kube-state-metrics',
      nodeExporter: 'node-exporter',
      kubelet: 'kubelet',
      cadvisor: 'kubelet',
      apiserver: 'apiserver',
    },
    nodeExporterNode: 'kube-pod-info',
    kubeletNode: 'node-label',
  },
  'k8s-monitoring': {
    id: 'k8s-monitoring',
    title: 'Grafana k8s-monitoring Helm chart (Alloy)',
    source: 'grafana/k8s-monitoring-helm: integrations/* jobs, instance = node name',
    jobs: {
      kubeStateMetrics: 'integrations/kubernetes/kube-state-metrics',
      nodeExporter: 'integrations/node_exporter',
      kubelet: 'integrations/kubernetes/kubelet',
      cadvisor: 'integrations/kubernetes/cadvisor',
      apiserver: 'integrations/kubernetes/kube-apiserver',
    },
    nodeExporterNode: 'instance',
    kubeletNode: 'instance',
  },
  'victoria-metrics-k8s-stack': {
    id: 'victoria-metrics-k8s-stack',
    title: 'victoria-metrics-k8s-stack (VMNodeScrape kubelet, VMServiceScrape node-exporter)',
    source:
      'VictoriaMetrics/helm-charts victoria-metrics-k8s-stack values: kubelet VMNodeScrape (instance = node name)',
    // The chart's apiserver VMServiceScrape has jobLabel: component, so job="apiserver".
    jobs: {
      kubeStateMetrics: 'kube-state-metrics',
      nodeExporter: 'node-exporter',
      kubelet: 'kubelet',
      cadvisor: 'kubelet',
      apiserver: 'apiserver',
    },
    nodeExporterNode: 'kube-pod-info',
    kubeletNode: 'instance',
  },
  'kubernetes-sd': {
    id: 'kubernetes-sd',
    title: 'Plain kubernetes_sd scrape configs (Prometheus example, prometheus-community/prometheus chart)',
    source: 'prometheus/documentation/examples/prometheus-kubernetes.yml; prometheus-community/prometheus values',
    jobs: {
      kubeStateMetrics: 'kubernetes-service-endpoints',
      nodeExporter: 'kubernetes-service-endpoints',
      kubelet: 'kubernetes-nodes',
      cadvisor: 'kubernetes-nodes-cadvisor',
      apiserver: 'kubernetes-apiservers',
    },
    nodeExporterNode: 'node-label',
    kubeletNode: 'instance',
  },
};

export const DEFAULT_LABEL_PROFILE: LabelProfileId = 'azure-managed-prometheus';

/** What one endpoint's data says about its conventions (the answer of the detection query). */
export interface ProfileEvidence {
  /** `job` of node-exporter's node_cpu_seconds_total series, when any. */
  nodeExporterJobs: readonly string[];
  /** `job` of kubelet_running_pods series, and whether they carry a `node` label. */
  kubeletJobs: readonly string[];
  kubeletHasNodeLabel: boolean;
  /** Whether node-exporter series carry a `node` label. */
  nodeExporterHasNodeLabel: boolean;
}

/** The profile the evidence fits best, or null when the endpoint holds no exporter this knows. */
export function detectLabelProfile(e: ProfileEvidence): LabelProfileId | null {
  const ne = new Set(e.nodeExporterJobs);
  const kubelet = new Set(e.kubeletJobs);
  if (ne.size === 0 && kubelet.size === 0) return null;
  if (ne.has('integrations/node_exporter') || kubelet.has('integrations/kubernetes/kubelet')) return 'k8s-monitoring';
  if (kubelet.has('kubernetes-nodes') || ne.has('kubernetes-service-endpoints')) return 'kubernetes-sd';
  if (ne.has('node') || kubelet.has('cadvisor')) return 'azure-managed-prometheus';
  if (ne.has('node-exporter') || kubelet.has('kubelet')) {
    // Both stacks call the jobs alike; prometheus-operator labels Node targets with `node`, a VMNodeScrape does not.
    if (e.kubeletHasNodeLabel || (kubelet.size === 0 && !e.nodeExporterHasNodeLabel)) return 'kube-prometheus-stack';
    return 'victoria-metrics-k8s-stack';
  }
  // Unknown job names: decide by how the series name their node.
  if (e.nodeExporterHasNodeLabel) return 'kubernetes-sd';
  return e.kubeletHasNodeLabel ? 'kube-prometheus-stack' : DEFAULT_LABEL_PROFILE;
}

/**
 * One cheap instant query: the distinct `job` of node-exporter and kubelet series, marked by
 * whether a `node` label is present. Restricted to one CPU's idle series so it stays small.
 */
export const PROFILE_DETECTION_QUERY = [
  'group by (job, family, has_node) (',
  '  label_replace(label_replace(node_cpu_seconds_total{mode="idle", cpu="0"}, "family", "node-exporter", "", ""), "has_node", "yes", "node", ".+")',
  '  or label_replace(label_replace(kubelet_running_pods, "family", "kubelet", "", ""), "has_node", "yes", "node", ".+")',
  ')',
].join('\n');

/** Reads the detection query's vector into evidence. */
export function profileEvidence(samples: ReadonlyArray<{ labels: Record<string, string> }>): ProfileEvidence {
  const of = (family: string) => samples.filter((s) => s.labels['family'] === family);
  const jobs = (family: string) => [...new Set(of(family).map((s) => s.labels['job'] ?? ''))].sort();
  return {
    nodeExporterJobs: jobs('node-exporter'),
    kubeletJobs: jobs('kubelet'),
    nodeExporterHasNodeLabel: of('node-exporter').some((s) => s.labels['has_node'] === 'yes'),
    kubeletHasNodeLabel: of('kubelet').some((s) => s.labels['has_node'] === 'yes'),
  };
}
