import type { ClusterModel, NodeModel, PodModel, Profile } from './scenario';

/**
 * The labels each deployment convention adds at scrape time (README.md names the upstream
 * config each rule comes from), and how they merge with the exporter's own: with honor_labels
 * the series' label wins; without it the series' label is renamed exported_<name>.
 */

export type ScrapeKind = 'node-exporter' | 'kubelet' | 'cadvisor' | 'ksm' | 'apiserver' | 'ingress' | 'app';

export interface Target {
  labels: Record<string, string>;
  honorLabels: boolean;
  /** Labels the scrape config drops from every series (metric_relabel_configs labeldrop). */
  drop?: readonly string[];
}

export interface ScrapeContext {
  cluster: ClusterModel;
  node?: NodeModel;
  /** The exporter's pod (node-exporter, kube-state-metrics, the ingress controller, an app's pod). */
  pod?: PodModel;
  /** The Kubernetes Service in front of an app pod. */
  service?: string;
}

/** Node labels the kubelet sets, as kubernetes_sd's labelmap of __meta_kubernetes_node_label_(.+) writes them. */
function nodeLabelMap(node: NodeModel): Record<string, string> {
  return {
    beta_kubernetes_io_arch: 'amd64',
    beta_kubernetes_io_os: 'linux',
    kubernetes_io_arch: 'amd64',
    kubernetes_io_hostname: node.name,
    kubernetes_io_os: 'linux',
  };
}

/** prometheus-operator (and VM operator) ServiceMonitor/VMServiceScrape target labels of an endpoint backed by a pod. */
function serviceMonitor(
  ctx: ScrapeContext,
  service: string,
  port: number,
  endpoint: string,
  job = service,
): Record<string, string> {
  const pod = ctx.pod as PodModel;
  return {
    job,
    instance: `${pod.ip}:${port}`,
    namespace: pod.namespace,
    service,
    pod: pod.name,
    endpoint,
    container: pod.containers[0]?.name ?? '',
  };
}

/** kubernetes-service-endpoints in Prometheus' example config and the prometheus-community chart. */
function serviceEndpoints(ctx: ScrapeContext, service: string, port: number): Record<string, string> {
  const pod = ctx.pod as PodModel;
  return {
    job: 'kubernetes-service-endpoints',
    instance: `${pod.ip}:${port}`,
    namespace: pod.namespace,
    service,
    node: pod.node,
  };
}

export function targetFor(profile: Profile, kind: ScrapeKind, ctx: ScrapeContext): Target {
  const c = ctx.cluster;
  const node = ctx.node as NodeModel;
  const pod = ctx.pod as PodModel;
  const cluster: Record<string, string> =
    profile === 'k8s-monitoring' ? { cluster: c.name, k8s_cluster_name: c.name } : { cluster: c.name };
  const t = (labels: Record<string, string>, honorLabels: boolean, drop?: readonly string[]): Target => ({
    labels: { ...labels, ...cluster },
    honorLabels,
    drop,
  });
  switch (profile) {
    case 'azure-managed-prometheus':
      switch (kind) {
        case 'node-exporter':
          return t({ job: 'node', instance: node.name, metrics_path: '/metrics' }, false);
        case 'kubelet':
          return t({ job: 'kubelet', instance: node.name, metrics_path: '/metrics', kubernetes_io_os: 'linux' }, false);
        case 'cadvisor':
          return t({ job: 'cadvisor', instance: node.name }, false);
        case 'ksm':
          return t(
            { job: 'kube-state-metrics', instance: 'ama-metrics-ksm.kube-system.svc.cluster.local:8080' },
            false,
          );
        case 'apiserver':
          return t({ job: 'kube-apiserver', instance: `${c.apiserverIp}:443` }, false);
        case 'ingress':
          // Not an ama-metrics default: a custom static job for the controller keeps its labels as they are.
          return t({ job: 'ingress-nginx', instance: `${pod.ip}:10254` }, false);
        case 'app':
          // ama-metrics' ServiceMonitor CRD (azmonitoring.coreos.com) behaves as prometheus-operator's.
          return t(serviceMonitor(ctx, ctx.service as string, 8080, 'http'), false);
      }
      break;
    case 'kube-prometheus-stack':
      switch (kind) {
        case 'node-exporter':
          return t(
            serviceMonitor(
              ctx,
              'kube-prometheus-stack-prometheus-node-exporter',
              9100,
              'http-metrics',
              'node-exporter',
            ),
            false,
          );
        case 'kubelet':
        case 'cadvisor':
          return t(
            {
              job: 'kubelet',
              instance: `${node.ip}:10250`,
              metrics_path: kind === 'kubelet' ? '/metrics' : '/metrics/cadvisor',
              node: node.name,
              namespace: 'kube-system',
              service: 'kube-prometheus-stack-kubelet',
              endpoint: 'https-metrics',
            },
            true,
          );
        case 'ksm':
          return t(
            serviceMonitor(ctx, 'kube-prometheus-stack-kube-state-metrics', 8080, 'http', 'kube-state-metrics'),
            true,
          );
        case 'apiserver':
          return t(
            {
              job: 'apiserver',
              instance: `${c.apiserverIp}:443`,
              namespace: 'default',
              service: 'kubernetes',
              endpoint: 'https',
            },
            false,
          );
        case 'ingress':
          return t(serviceMonitor(ctx, 'ingress-nginx-controller-metrics', 10254, 'metrics'), false);
        case 'app':
          return t(serviceMonitor(ctx, ctx.service as string, 8080, 'http'), false);
      }
      break;
    case 'k8s-monitoring':
      switch (kind) {
        case 'node-exporter':
          return t({ job: 'integrations/node_exporter', instance: node.name }, false);
        case 'kubelet':
          return t({ job: 'integrations/kubernetes/kubelet', instance: node.name }, false);
        case 'cadvisor':
          return t({ job: 'integrations/kubernetes/cadvisor', instance: node.name }, false);
        case 'ksm':
          return t({ job: 'integrations/kubernetes/kube-state-metrics', instance: `${pod.ip}:8080` }, true);
        case 'apiserver':
          return t({ job: 'integrations/kubernetes/kube-apiserver', instance: `${c.apiserverIp}:443` }, false);
        case 'ingress':
          return t({ job: 'integrations/ingress-nginx', instance: `${pod.ip}:10254` }, true);
        case 'app':
          return t(
            {
              job: `${pod.namespace}/${ctx.service}`,
              instance: `${pod.ip}:8080`,
              namespace: pod.namespace,
              service: ctx.service as string,
              pod: pod.name,
            },
            false,
          );
      }
      break;
    case 'victoria-metrics-k8s-stack':
      switch (kind) {
        case 'node-exporter':
          return t(
            serviceMonitor(ctx, 'vm-k8s-stack-prometheus-node-exporter', 9100, 'metrics', 'node-exporter'),
            false,
          );
        case 'kubelet':
        case 'cadvisor':
          // VMNodeScrape: node labels labelmapped, no node label; the chart drops uid, id and name.
          return t(
            {
              job: 'kubelet',
              instance: node.name,
              metrics_path: kind === 'kubelet' ? '/metrics' : '/metrics/cadvisor',
              ...nodeLabelMap(node),
            },
            true,
            ['uid', 'id', 'name'],
          );
        case 'ksm':
          // The chart's VMServiceScrape drops uid, container_id and image_id from KSM series.
          return t(serviceMonitor(ctx, 'vm-k8s-stack-kube-state-metrics', 8080, 'http', 'kube-state-metrics'), true, [
            'uid',
            'container_id',
            'image_id',
          ]);
        case 'apiserver':
          // VMServiceScrape with jobLabel: component (the kubernetes Service's component=apiserver).
          return t(
            {
              job: 'apiserver',
              instance: `${c.apiserverIp}:443`,
              namespace: 'default',
              service: 'kubernetes',
              endpoint: 'https',
            },
            false,
          );
        case 'ingress':
          return t(serviceMonitor(ctx, 'ingress-nginx-controller-metrics', 10254, 'metrics'), false);
        case 'app':
          return t(serviceMonitor(ctx, ctx.service as string, 8080, 'http'), false);
      }
      break;
    case 'kubernetes-sd':
      switch (kind) {
        case 'node-exporter':
          return t(serviceEndpoints(ctx, 'prometheus-node-exporter', 9100), true);
        case 'kubelet':
          return t({ job: 'kubernetes-nodes', instance: node.name, ...nodeLabelMap(node) }, false);
        case 'cadvisor':
          return t({ job: 'kubernetes-nodes-cadvisor', instance: node.name, ...nodeLabelMap(node) }, false);
        case 'ksm':
          return t(serviceEndpoints(ctx, 'kube-state-metrics', 8080), true);
        case 'apiserver':
          return t({ job: 'kubernetes-apiservers', instance: `${c.apiserverIp}:443` }, false);
        case 'ingress':
          return t(serviceEndpoints(ctx, 'ingress-nginx-controller-metrics', 10254), true);
        case 'app':
          return t(serviceEndpoints(ctx, ctx.service as string, 8080), true);
      }
      break;
  }
  throw new Error(`no target rule for ${profile} ${kind}`);
}

/** Merges target labels into a series' labels as Prometheus' scrape loop does; empty labels are absent. */
export function applyTarget(series: Record<string, string>, target: Target): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(series)) if (v !== '' && !target.drop?.includes(k)) out[k] = v;
  for (const [k, v] of Object.entries(target.labels)) {
    if (v === '') continue;
    const own = out[k];
    if (own === undefined) out[k] = v;
    else if (!target.honorLabels) {
      out[`exported_${k}`] = own;
      out[k] = v;
    }
  }
  return out;
}
