import { APP_HISTOGRAMS, appRequestSeries } from './app-telemetry';
import { CONTROL_PLANE_FAMILIES, CONTROL_PLANE_HISTOGRAMS } from './control-plane-telemetry';
import {
  cadvisorTargetLabels,
  constant,
  KSM,
  kubeletLabels,
  nodeExporterLabels,
  type Family,
  type HistogramFamily,
} from './family-kit';
import { ingressRequestSeries } from './ingress-telemetry';
import { JOB_FAMILIES } from './job-telemetry';
import {
  KUBELET_FAMILIES,
  KUBELET_POD_SYNC,
  NODE_CAPACITY_FAMILIES,
  NODE_FILESYSTEM_FAMILIES,
  NODE_STATE_FAMILIES,
  NODE_USAGE_FAMILIES,
} from './node-telemetry';
import { CADVISOR_FAMILIES, POD_FAMILIES } from './pod-telemetry';
import { CONTAINER_FAMILIES, CONTROLLER_FAMILIES } from './workload-telemetry';

export type { Family, HistogramFamily, HistogramPoint } from './family-kit';

/**
 * The metric families of the telemetry export, as kube-state-metrics v2, node-exporter,
 * cAdvisor, the kubelet and kube-apiserver expose them. Each yields, per cluster, its series'
 * labels and value as a function of time, computed from the demo fleet model and signals.
 * The families live in their own modules (node-, pod-, workload-, control-plane-, app- and
 * ingress-telemetry.ts); this one lists them in the order the export writes them.
 */

export const FAMILIES: Family[] = [
  {
    // Prometheus writes `up` for every scrape; the mixins' *Down alerts look for it.
    name: 'up',
    type: 'gauge',
    help: 'Whether the last scrape of the target succeeded.',
    *series(c, base) {
      yield {
        labels: { ...base, job: 'apiserver', instance: `${c.name}-apiserver:443`, metrics_path: '/metrics' },
        value: constant(1),
      };
      yield {
        labels: { ...base, ...KSM, instance: 'kube-state-metrics:8080', metrics_path: '/metrics' },
        value: constant(1),
      };
      for (const n of c.nodes) {
        // A NotReady node's kubelet does not answer; its node-exporter still does.
        yield { labels: kubeletLabels(base, n), value: constant(n.ready === 'true' ? 1 : 0, n.bootTime) };
        yield { labels: nodeExporterLabels(base, n), value: constant(1, n.bootTime) };
        yield { labels: cadvisorTargetLabels(base, n.name), value: constant(n.ready === 'true' ? 1 : 0, n.bootTime) };
      }
    },
  },
  {
    name: 'kubernetes_build_info',
    type: 'gauge',
    help: 'A metric with a constant 1 value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.',
    *series(c, base) {
      const [major, minor] = c.kubernetesVersion.split('.');
      yield {
        labels: {
          ...base,
          job: 'apiserver',
          instance: `${c.name}-apiserver:443`,
          major: major ?? '1',
          minor: minor ?? '',
          git_version: `v${c.kubernetesVersion}`,
          platform: 'linux/amd64',
        },
        value: constant(1),
      };
    },
  },
  ...NODE_STATE_FAMILIES,
  // kube_node_spec_taint is NODE_STATE_FAMILIES' (node-telemetry.ts, node-triage.ts's taints, GPU
  // pools' too); node-taints.ts keeps the controller's taints for the alert rules only.
  ...NODE_CAPACITY_FAMILIES,
  ...POD_FAMILIES,
  ...CONTROLLER_FAMILIES,
  ...JOB_FAMILIES,
  ...CONTAINER_FAMILIES,
  {
    // L4: the applications' own HTTP metrics (app-telemetry.ts).
    name: 'http_requests',
    type: 'counter',
    suffix: '_total',
    help: 'Total number of HTTP requests by method and status code.',
    series: appRequestSeries,
  },
  {
    // L5: ingress-nginx at the cluster's edge (ingress-telemetry.ts). It exposes this counter
    // without `_total` in the Prometheus text format; OpenMetrics only allows that name untyped.
    name: 'nginx_ingress_controller_requests',
    type: 'unknown',
    help: 'The total number of client requests',
    series: ingressRequestSeries,
  },
  ...KUBELET_FAMILIES,
  ...CADVISOR_FAMILIES,
  ...CONTROL_PLANE_FAMILIES,
];

export const HISTOGRAMS: HistogramFamily[] = [...CONTROL_PLANE_HISTOGRAMS, KUBELET_POD_SYNC, ...APP_HISTOGRAMS];

export const NODE_EXPORTER_FAMILIES: Family[] = [...NODE_USAGE_FAMILIES, ...NODE_FILESYSTEM_FAMILIES];
