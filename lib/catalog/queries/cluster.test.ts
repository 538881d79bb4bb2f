import { describe, expect, it } from 'vitest';
import { CATALOG } from '..';
import {
  apiserverLatency,
  apiserverLatencyPercentiles,
  appLatency,
  CLUSTER_PROM_QUERIES,
  clusterPromParamsSchema,
  daemonSetPods,
  deploymentReplicas,
  namespaceMemoryVsRequests,
  nodeCpu,
  nodeFilesystem,
  nodePodCapacity,
  nodeRunningPods,
  appErrorRatio,
  ingressErrorRatio,
  ingressRequestRate,
  apiserverRejections,
  nodeConditions,
  nodeLastScrape,
  nodePool,
  nodeReadyHistory,
  nodeTaints,
} from './cluster-prom';
import type { LabelProfileId } from '../label-profiles';
import {
  clusterEvents,
  containerLogs,
  containerLogsParams,
  nodeEvents,
  nodeInventory,
  nodeLogsParams,
} from './cluster-logs';

const HOSTILE = 'x"} or vector(1) or {a="';

describe('cluster page queries', () => {
  it('are registered in the catalog with layers L1–L5', () => {
    for (const q of [...CLUSTER_PROM_QUERIES, clusterEvents, containerLogs]) {
      expect(CATALOG.get(q.id), q.id).toBe(q);
      expect(['L1', 'L2', 'L3', 'L4', 'L5']).toContain(q.layer);
    }
  });

  it('scope every PromQL query to the cluster through an escaped matcher', () => {
    const p = clusterPromParamsSchema.parse({ cluster: HOSTILE });
    for (const q of CLUSTER_PROM_QUERIES) {
      const text = q.build(p);
      expect(text, q.id).toContain('cluster="x\\"} or vector(1) or {a=\\""');
      expect(text, q.id).not.toContain('cluster="x"}');
    }
    expect(nodeCpu.build(clusterPromParamsSchema.parse({ cluster: 'c1' }))).toBe(
      '1 - avg by (node) (label_replace(rate(node_cpu_seconds_total{mode="idle", cluster="c1"}[5m]), "node", "$1", "instance", "(.+)"))',
    );
  });

  it('names each node the way the label profile says its exporters were scraped', () => {
    const build = (profile: LabelProfileId) => ({
      cpu: nodeCpu.build(clusterPromParamsSchema.parse({ cluster: 'c1', profile })),
      pods: nodeRunningPods.build(clusterPromParamsSchema.parse({ cluster: 'c1', profile })),
    });
    // ama-metrics and Alloy set instance to the node name; a VMNodeScrape kubelet too.
    for (const profile of ['azure-managed-prometheus', 'k8s-monitoring'] as const) {
      expect(build(profile).cpu, profile).toContain(
        'label_replace(rate(node_cpu_seconds_total{mode="idle", cluster="c1"}[5m]), "node", "$1", "instance", "(.+)")',
      );
    }
    expect(build('victoria-metrics-k8s-stack').pods).toBe(
      'sum by (node) (label_replace(kubelet_running_pods{cluster="c1"}, "node", "$1", "instance", "(.+)"))',
    );
    // prometheus-operator labels Node targets with node; node-exporter is known by its pod only.
    expect(build('kube-prometheus-stack').pods).toBe('sum by (node) (kubelet_running_pods{cluster="c1"})');
    for (const profile of ['kube-prometheus-stack', 'victoria-metrics-k8s-stack'] as const) {
      expect(build(profile).cpu, profile).toBe(
        '1 - avg by (node) ((rate(node_cpu_seconds_total{mode="idle", cluster="c1"}[5m])) * on (cluster, namespace, pod) group_left (node) topk by (cluster, namespace, pod) (1, max by (cluster, namespace, pod, node) (kube_pod_info{node!="", cluster="c1"})))',
      );
    }
    expect(build('kubernetes-sd').cpu).toBe(
      '1 - avg by (node) (rate(node_cpu_seconds_total{mode="idle", cluster="c1"}[5m]))',
    );
  });

  it('reads error ratios as 0 when there is traffic and no error, and ingress namespaces from exported_namespace', () => {
    const p = clusterPromParamsSchema.parse({ cluster: 'c1' });
    expect(appErrorRatio.build(p)).toBe(
      '(sum by (namespace, service) (rate(http_requests_total{code=~"5..", cluster="c1"}[5m])) or 0 * sum by (namespace, service) (rate(http_requests_total{cluster="c1"}[5m]))) / sum by (namespace, service) (rate(http_requests_total{cluster="c1"}[5m]))',
    );
    const ingress = ingressErrorRatio.build(p);
    expect(ingress).toContain(
      'or 0 * sum by (namespace, ingress) (label_replace(rate(nginx_ingress_controller_requests{cluster="c1"}[5m]), "namespace", "$1", "exported_namespace", "(.+)"))',
    );
    expect(ingressRequestRate.build(p)).toBe(
      'sum by (namespace, ingress) (label_replace(rate(nginx_ingress_controller_requests{cluster="c1"}[5m]), "namespace", "$1", "exported_namespace", "(.+)"))',
    );
    expect(apiserverRejections.build(p)).toContain(
      'or on () label_replace(0 * sum(rate(apiserver_request_total{cluster="c1"}[5m])), "code", "none", "", "")',
    );
  });

  it('tells desired from available deployments by a label', () => {
    const text = deploymentReplicas.build(
      clusterPromParamsSchema.parse({ cluster: 'c1', clusterLabel: 'k8s_cluster' }),
    );
    expect(text).toContain('kube_deployment_spec_replicas{k8s_cluster="c1"}, "replicas", "desired"');
    expect(text).toContain('kube_deployment_status_replicas_available{k8s_cluster="c1"}, "replicas", "available"');
  });

  it('asks for p50, p95 and p99 in one query, each named by a percentile label, without long-running API requests', () => {
    const p = clusterPromParamsSchema.parse({ cluster: 'c1' });
    const text = apiserverLatencyPercentiles.build(p);
    for (const [q, name] of [
      ['0.5', 'p50'],
      ['0.95', 'p95'],
      ['0.99', 'p99'],
    ]) {
      expect(text).toContain(
        `label_replace(histogram_quantile(${q}, sum by (le) (rate(apiserver_request_duration_seconds_bucket{verb!~"WATCH|CONNECT", cluster="c1"}[5m]))), "percentile", "${name}", "", "")`,
      );
    }
    expect(
      text
        .split('\n')
        .slice(1)
        .every((line) => line.startsWith('  or label_replace(')),
    ).toBe(true);
    expect(apiserverLatency.build(p).match(/verb!~"WATCH\|CONNECT"/g)).toHaveLength(2);
    expect(appLatency.build(p)).toContain(
      'histogram_quantile(0.99, sum by (namespace, service, le) (rate(http_request_duration_seconds_bucket{cluster="c1"}[5m])))',
    );
  });

  it('counts requests and limits of Pending and Running pods only, next to usage, by a measure label', () => {
    const text = namespaceMemoryVsRequests.build(clusterPromParamsSchema.parse({ cluster: 'c1' }));
    expect(text).toContain(
      'label_replace(container_memory_working_set_bytes{container!="", cluster="c1"}, "measure", "usage", "", "")',
    );
    const active = 'max by (namespace, pod) (kube_pod_status_phase{phase=~"Pending|Running", cluster="c1"} == 1)';
    expect(text).toContain(
      `label_replace(kube_pod_container_resource_requests{resource="memory", cluster="c1"} * on (namespace, pod) group_left () ${active}, "measure", "requests", "", "")`,
    );
    expect(text).toContain(
      `label_replace(kube_pod_container_resource_limits{resource="memory", cluster="c1"} * on (namespace, pod) group_left () ${active}, "measure", "limits", "", "")`,
    );
    expect(text.startsWith('sum by (namespace, measure) (')).toBe(true);
  });

  it('reads the root filesystem, pod capacity and DaemonSet readiness by their exporters’ names', () => {
    const p = clusterPromParamsSchema.parse({ cluster: 'c1' });
    const byInstance = (s: string): string => `label_replace(${s}, "node", "$1", "instance", "(.+)")`;
    expect(nodeFilesystem.build(p)).toBe(
      `1 - sum by (node) (${byInstance('node_filesystem_avail_bytes{mountpoint="/", fstype!="", cluster="c1"}')}) / sum by (node) (${byInstance('node_filesystem_size_bytes{mountpoint="/", fstype!="", cluster="c1"}')})`,
    );
    expect(nodePodCapacity.build(p)).toBe(
      `sum by (node) (${byInstance('kubelet_running_pods{cluster="c1"}')}) / sum by (node) (kube_node_status_capacity{resource="pods", cluster="c1"})`,
    );
    expect(daemonSetPods.build(p)).toContain(
      'label_replace(kube_daemonset_status_number_ready{cluster="c1"}, "replicas", "ready", "", "")',
    );
  });

  it('parses a percentile matrix into one series per app and percentile', () => {
    const wire = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { namespace: 'a', service: 's', percentile: 'p99' },
            values: [
              [1700000000, '0.25'],
              [1700000060, 'NaN'],
            ],
          },
          { metric: { namespace: 'a', service: 's', percentile: 'p50' }, values: [[1700000000, '0.01']] },
        ],
      },
    };
    const rows = appLatency.parse(wire, clusterPromParamsSchema.parse({ cluster: 'c' }));
    // NaN (no requests in the window) is dropped, not drawn as zero.
    expect(rows).toEqual([
      { labels: { namespace: 'a', service: 's', percentile: 'p99' }, points: [[1700000000, 0.25]] },
      { labels: { namespace: 'a', service: 's', percentile: 'p50' }, points: [[1700000000, 0.01]] },
    ]);
  });

  it('puts every user value of the logs queries through kqlString', () => {
    const params = containerLogsParams.parse({
      clusterId: '/subscriptions/s/x',
      namespace: 'ns"|',
      workload: 'w\\',
      search: '" | take 1 //',
      after: '2026-11-24T20:00:00.000Z',
    });
    const text = containerLogs.build(params);
    expect(text).toContain('| where PodNamespace == "ns\\"|"');
    expect(text).toContain('| where ContainerName == "w\\\\"');
    expect(text).toContain('| where tostring(LogMessage) contains "\\" | take 1 //"');
    expect(text).toContain('| where TimeGenerated > todatetime("2026-11-24T20:00:00.000Z")');
    expect(text.split('\n').at(-1)).toBe('| take 200');
    expect(containerLogsParams.safeParse({ clusterId: 'x', after: 'yesterday' }).success).toBe(false);
    expect(containerLogsParams.safeParse({ clusterId: 'x', search: 'a\u0001' }).success).toBe(false);
    expect(clusterEvents.build({ clusterId: 'id"', workload: 'checkout' })).toContain(
      '| where ClusterId =~ "id\\""\n| where Name startswith "checkout"',
    );
  });

  it('asks KubeEvents and KubeNodeInventory about one node through kqlString, never the raw name', () => {
    const params = nodeLogsParams.parse({ clusterId: '/subscriptions/s/x"', node: 'n1" or 1 == 1 //' });
    const events = nodeEvents.build(params);
    expect(events).toContain('| where ClusterId =~ "/subscriptions/s/x\\""');
    expect(events).toContain('| where ObjectKind == "Node" and Name == "n1\\" or 1 == 1 //"');
    expect(events).not.toContain('Name == "n1" or');
    expect(events.split('\n').at(-1)).toBe('| take 50');
    const inventory = nodeInventory.build(params);
    expect(inventory).toContain('| where Computer == "n1\\" or 1 == 1 //"');
    expect(inventory).toContain('| summarize arg_max(TimeGenerated, *) by Computer');
    expect(nodeLogsParams.safeParse({ clusterId: 'x', node: '' }).success).toBe(false);
    expect(nodeLogsParams.safeParse({ clusterId: 'x', node: 'n'.repeat(254) }).success).toBe(false);
    expect(CATALOG.get(nodeEvents.id)).toBe(nodeEvents);
    expect(CATALOG.get(nodeInventory.id)).toBe(nodeInventory);
  });

  it('read node triage from kube-state-metrics and the exporters’ up series, named per label profile', () => {
    const p = clusterPromParamsSchema.parse({ cluster: 'c1' });
    expect(nodePool.build(p)).toBe(
      'max by (node, label_kubernetes_azure_com_agentpool, label_agentpool) (kube_node_labels{cluster="c1"})',
    );
    expect(nodeConditions.build(p)).toBe(
      'sum by (node, condition, status) (kube_node_status_condition{cluster="c1"} == 1)',
    );
    expect(nodeReadyHistory.mode).toBe('range');
    expect(nodeReadyHistory.build(p)).toBe(
      'sum by (node, status) (kube_node_status_condition{condition="Ready", cluster="c1"} == 1)',
    );
    expect(nodeTaints.build(p)).toBe('max by (node, key, value, effect) (kube_node_spec_taint{cluster="c1"})');
    expect(nodeLastScrape.build(p)).toBe(
      [
        'label_replace(max by (node) (label_replace(up{job="kubelet", cluster="c1"} == 1, "node", "$1", "instance", "(.+)")), "exporter", "kubelet", "", "")',
        'or label_replace(max by (node) (label_replace(up{job="node", cluster="c1"} == 1, "node", "$1", "instance", "(.+)")), "exporter", "node-exporter", "", "")',
      ].join('\n'),
    );
    // kube-prometheus-stack: its own job names; node-exporter known by its pod only.
    const kps = nodeLastScrape.build(
      clusterPromParamsSchema.parse({ cluster: 'c1', profile: 'kube-prometheus-stack' }),
    );
    expect(kps).toContain('max by (node) (up{job="kubelet", cluster="c1"} == 1)');
    expect(kps).toContain(
      '(up{job="node-exporter", cluster="c1"} == 1) * on (cluster, namespace, pod) group_left (node)',
    );
  });

  it('parse a range query asked for one instant as one point per series', () => {
    const wire = {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: { node: 'n1' }, value: [1700000000, '0.25'] }] },
    };
    expect(nodeCpu.parse(wire, clusterPromParamsSchema.parse({ cluster: 'c' }))).toEqual([
      { labels: { node: 'n1' }, points: [[1700000000, 0.25]] },
    ]);
  });
});
