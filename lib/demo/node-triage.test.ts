import { describe, expect, it } from 'vitest';
import { kubeNodeInventory, KUBE_NODE_INVENTORY_COLUMNS } from './azure-tables';
import { getDemoFleet } from './fleet';
import { NODE_STATE_FAMILIES } from './node-telemetry';
import { nodeOs, nodeTaints } from './node-triage';

const fleet = getDemoFleet('fleetwatch', 40);
const T = 1_764_000_000;

describe('demo node triage facts', () => {
  it('taint not-Ready nodes as the node lifecycle controller does, and GPU nodes as their pool', () => {
    const nodes = fleet.clusters.flatMap((c) => c.nodes);
    const down = nodes.filter((n) => n.ready === 'false');
    const lost = nodes.filter((n) => n.ready === 'unknown');
    const gpu = nodes.filter((n) => n.gpus > 0);
    expect(down.length && lost.length && gpu.length).toBeGreaterThan(0);
    for (const n of down)
      expect(nodeTaints(n).filter((t) => t.key.startsWith('node.kubernetes.io/'))).toEqual([
        { key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoExecute' },
      ]);
    for (const n of lost)
      expect(
        nodeTaints(n)
          .filter((t) => t.key.startsWith('node.kubernetes.io/'))
          .map((t) => t.key),
      ).toEqual(['node.kubernetes.io/unreachable', 'node.kubernetes.io/unreachable']);
    for (const n of gpu) expect(nodeTaints(n)).toContainEqual({ key: 'sku', value: 'gpu', effect: 'NoSchedule' });
    for (const n of nodes.filter((x) => x.ready === 'true' && x.gpus === 0)) expect(nodeTaints(n)).toEqual([]);
  });

  it('report the same kubelet, OS image and runtime in kube_node_info and KubeNodeInventory', () => {
    const info = NODE_STATE_FAMILIES.find((f) => f.name === 'kube_node_info');
    const cols = KUBE_NODE_INVENTORY_COLUMNS.map((c) => c.name);
    const seen = new Set<string>();
    for (const c of fleet.clusters.filter((x) => x.monitoring.containerInsights).slice(0, 12)) {
      const inventory = new Map(kubeNodeInventory([c], T).rows.map((r) => [r[cols.indexOf('Computer')], r]));
      for (const s of info?.series(c, { cluster: c.name }) ?? []) {
        const row = inventory.get(s.labels['node']);
        if (!row) continue;
        expect(row[cols.indexOf('KubeletVersion')]).toBe(s.labels['kubelet_version']);
        expect(row[cols.indexOf('OperatingSystem')]).toBe(s.labels['os_image']);
        expect(row[cols.indexOf('DockerVersion')]).toBe(s.labels['container_runtime_version']);
        seen.add(s.labels['os_image'] ?? '');
      }
    }
    expect(seen.size).toBeGreaterThan(0);
    expect(new Set(fleet.clusters.map((c) => nodeOs(c).osImage)).size).toBeGreaterThan(1);
  });
});
