import { describe, expect, it } from 'vitest';
import { CATALOG } from '..';
import { COST_PROM_QUERIES, promCostPodShapes } from './cost-prom';

/** Cost from Prometheus: the pod shapes query's text and its reading of the answer. */

const GIB = 1024 ** 3;

it('registers the Prometheus cost queries in the catalog', () => {
  for (const q of COST_PROM_QUERIES) expect(CATALOG.get(q.id), q.id).toBe(q);
});

describe('prom.cost.pod-shapes', () => {
  const HOSTILE = 'x"} or vector(1) or {a="';
  it('scopes every selector to the clusters through an escaped matcher', () => {
    const text = promCostPodShapes.build({ clusterLabel: 'cluster', clusters: [HOSTILE] });
    const selectors = text.match(/[a-z_]+\{[^}]*\}/g) ?? [];
    expect(selectors.length).toBeGreaterThan(10);
    expect(text).not.toContain('or vector(1) or {a="');
    for (const metric of [
      'kube_pod_status_phase',
      'kube_pod_info',
      'kube_node_labels',
      'kube_pod_container_resource_requests',
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
    ])
      expect(text, metric).toMatch(new RegExp(`${metric}\\{[^}]*cluster=~"x\\\\"`));
    expect(promCostPodShapes.build({ clusterLabel: 'cluster' })).toContain(
      'rate(container_cpu_usage_seconds_total{container!=""}[5m])',
    );
  });

  it('reads one row per cluster × pool × namespace × owner kind from its seven measures', () => {
    const measures = [
      ['pods', 4],
      ['cpu_request', 2],
      ['memory_request', 4 * GIB],
      ['cpu_usage', 0.5],
      ['memory_usage', 3 * GIB],
      ['cpu_allocated', 2.1],
      ['memory_allocated', 4.5 * GIB],
    ] as const;
    const wire = {
      status: 'success',
      data: {
        resultType: 'vector',
        result: measures.map(([measure, v]) => ({
          metric: {
            cluster: 'c1',
            label_kubernetes_azure_com_agentpool: '',
            namespace: 'shop',
            created_by_kind: 'ReplicaSet',
            measure,
          },
          value: [0, String(v)],
        })),
      },
    };
    expect(promCostPodShapes.parse(wire as never, { clusterLabel: 'cluster' })).toEqual([
      {
        cluster: 'c1',
        pool: 'default',
        namespace: 'shop',
        controllerKind: 'ReplicaSet',
        pods: 4,
        cpuRequestCores: 2,
        memoryRequestBytes: 4 * GIB,
        cpuUsageCores: 0.5,
        memoryUsageBytes: 3 * GIB,
        cpuAllocatedCores: 2.1,
        memoryAllocatedBytes: 4.5 * GIB,
      },
    ]);
  });
});
