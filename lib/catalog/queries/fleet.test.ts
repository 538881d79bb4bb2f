import { describe, expect, it } from 'vitest';
import { CATALOG } from '../index';
import { fleetInventory } from './fleet/inventory';
import { FLEET_PROM_QUERIES, nodeReadiness, podPhases } from './fleet/signals';
import { lastUpgradeByCluster, upgradeStatus } from './fleet/upgrades';

const defaults = { clusterLabel: 'cluster' };

describe('fleet catalog text', () => {
  it('asks Resource Graph for AKS and Arc clusters in one query that projects id (needed for paging)', () => {
    const text = fleetInventory.build({});
    expect(text).toContain('"microsoft.containerservice/managedclusters"');
    expect(text).toContain('"microsoft.kubernetes/connectedclusters"');
    expect(text).toMatch(/\| project id, name,/);
  });

  it('keeps the seed’s upgrade-status query word for word', () => {
    const text = upgradeStatus.build({});
    expect(text).toContain(
      [
        'AzureActivity',
        '| where CategoryValue == "Administrative"',
        '| where OperationNameValue == "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/WRITE"',
        '| extend properties=parse_json(Properties_d)',
        '| where properties.message == "Upgrade Succeeded"',
      ].join('\n'),
    );
    expect(text.trim().endsWith('| order by TimeGenerated desc')).toBe(true);
    expect(lastUpgradeByCluster.build({})).toContain('summarize LastUpgrade = max(TimeGenerated)');
  });

  it('escapes cluster ids in the upgrade filter', () => {
    const text = upgradeStatus.build({ clusterIds: [`x" | take 1 //`] });
    expect(text).toContain('| where _ResourceId in~ ("x\\" | take 1 //")');
  });

  it('aggregates every PromQL signal by cluster in one query, never per cluster', () => {
    for (const q of FLEET_PROM_QUERIES) {
      const text = q.build(q.params.parse(defaults));
      expect(text, q.id).toMatch(/by \(cluster\b/);
      expect(text, q.id).not.toMatch(/cluster=/);
    }
  });

  it('honours a custom cluster label and scopes to chosen clusters, escaped', () => {
    const text = nodeReadiness.build(
      nodeReadiness.params.parse({ clusterLabel: 'k8s_cluster', clusters: ['prod"} or vector(1)', 'a.b'] }),
    );
    expect(text).toBe(
      'sum by (k8s_cluster, status) (kube_node_status_condition{condition="Ready", k8s_cluster=~"prod\\"\\\\} or vector\\\\(1\\\\)|a\\\\.b"})',
    );
  });

  it('refuses a cluster label that is not a label name', () => {
    expect(podPhases.params.safeParse({ clusterLabel: 'cluster) or vector(1' }).success).toBe(false);
  });

  it('registers every query once under its id', () => {
    const ids = [fleetInventory, upgradeStatus, lastUpgradeByCluster, ...FLEET_PROM_QUERIES].map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(CATALOG.get(id)?.id).toBe(id);
  });
});

describe('fleet catalog parsers', () => {
  it('turns a readiness vector into per-cluster state counts and drops series without the cluster label', () => {
    const wire = {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { cluster: 'a', status: 'true' }, value: [1, '3'] },
          { metric: { cluster: 'a', status: 'false' }, value: [1, '1'] },
          { metric: { status: 'true' }, value: [1, '9'] },
        ],
      },
    };
    expect(nodeReadiness.parse(wire, defaults)).toEqual([
      { cluster: 'a', state: 'true', count: 3 },
      { cluster: 'a', state: 'false', count: 1 },
    ]);
  });

  it('validates inventory rows and fills absent tags and pools', () => {
    const wire = {
      totalRecords: 1,
      count: 1,
      resultTruncated: 'false',
      data: [
        {
          id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c1',
          name: 'c1',
          type: 'microsoft.kubernetes/connectedclusters',
          clusterKind: 'arc',
          location: 'eastus',
          resourceGroup: 'rg',
          subscriptionId: 's',
          tags: null,
          kubernetesVersion: '1.33.1',
          distribution: 'eks',
          powerState: '',
          nodePools: null,
          totalNodeCount: 4,
        },
      ],
    };
    const [row] = fleetInventory.parse(wire, {});
    expect(row).toMatchObject({ name: 'c1', tags: {}, nodePools: [], totalNodeCount: 4 });
    expect(() => fleetInventory.parse({ ...wire, data: [{ id: 'x' }] }, {})).toThrow();
  });
});
