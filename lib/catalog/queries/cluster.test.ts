import { describe, expect, it } from 'vitest';
import { CATALOG } from '..';
import { CLUSTER_PROM_QUERIES, clusterPromParamsSchema, nodeCpu, deploymentReplicas } from './cluster-prom';
import { clusterEvents, containerLogs, containerLogsParams } from './cluster-logs';

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
    expect(nodeCpu.build(clusterPromParamsSchema.parse({ cluster: 'c1' }))).toBe('1 - avg by (node) (rate(node_cpu_seconds_total{mode="idle", cluster="c1"}[5m]))');
  });

  it('tells desired from available deployments by a label', () => {
    const text = deploymentReplicas.build(clusterPromParamsSchema.parse({ cluster: 'c1', clusterLabel: 'k8s_cluster' }));
    expect(text).toContain('kube_deployment_spec_replicas{k8s_cluster="c1"}, "replicas", "desired"');
    expect(text).toContain('kube_deployment_status_replicas_available{k8s_cluster="c1"}, "replicas", "available"');
  });

  it('puts every user value of the logs queries through kqlString', () => {
    const params = containerLogsParams.parse({ clusterId: '/subscriptions/s/x', namespace: 'ns"|', workload: 'w\\', search: '" | take 1 //', after: '2026-11-24T20:00:00.000Z' });
    const text = containerLogs.build(params);
    expect(text).toContain('| where PodNamespace == "ns\\"|"');
    expect(text).toContain('| where ContainerName == "w\\\\"');
    expect(text).toContain('| where tostring(LogMessage) contains "\\" | take 1 //"');
    expect(text).toContain('| where TimeGenerated > todatetime("2026-11-24T20:00:00.000Z")');
    expect(text.split('\n').at(-1)).toBe('| take 200');
    expect(containerLogsParams.safeParse({ clusterId: 'x', after: 'yesterday' }).success).toBe(false);
    expect(containerLogsParams.safeParse({ clusterId: 'x', search: 'a\u0001' }).success).toBe(false);
    expect(clusterEvents.build({ clusterId: 'id"', workload: 'checkout' })).toContain('| where ClusterId =~ "id\\""\n| where Name startswith "checkout"');
  });

  it('parse a range query asked for one instant as one point per series', () => {
    const wire = { status: 'success', data: { resultType: 'vector', result: [{ metric: { node: 'n1' }, value: [1700000000, '0.25'] }] } };
    expect(nodeCpu.parse(wire, clusterPromParamsSchema.parse({ cluster: 'c' }))).toEqual([{ labels: { node: 'n1' }, points: [[1700000000, 0.25]] }]);
  });
});
