import type { CostNodePoolRow } from '../catalog/queries/cost';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import type { ClusterCost, PoolDensity } from './cost';
import { nodeHourlyPrice, type ArcRates, type PriceTable } from './prices';
import { getVmSize, type VmSize } from './vm-sizes';

/** A cluster's node pools as the cost page prices them: from Container insights (or Prometheus's node labels), else Resource Graph. */

export interface PoolModel {
  name: string;
  vmSize: string;
  vm: VmSize | null;
  nodes: number;
  hourly: number | null;
  priceSource: PoolDensity['priceSource'];
}

/**
 * A machine with no Azure size (an Arc-connected cluster's EC2, GCE or on-premises node):
 * its measured cores and memory, priced with the Arc rates. Unknown when any node of the
 * pool did not report its capacity: unpriced, never $0.
 */
function measuredNode(r: CostNodePoolRow): VmSize | null {
  if (r.Nodes <= 0 || r.NodesWithCapacity !== r.Nodes || r.CpuCores === null || r.MemoryGiB === null) return null;
  return {
    name: r.InstanceType || '(no instance type)',
    vcpus: r.CpuCores / r.Nodes,
    memoryGiB: r.MemoryGiB / r.Nodes,
    gpus: 0,
    family: 'on-prem',
  };
}

export function poolsOf(
  c: ClusterInventoryRow,
  rows: CostNodePoolRow[],
  prices: PriceTable,
  arc: ArcRates,
  fromPrometheus = false,
): { pools: PoolModel[]; source: ClusterCost['source'] } {
  const price = (
    instanceType: string,
    measured: VmSize | null = null,
  ): { hourly: number | null; source: PoolDensity['priceSource']; vm: VmSize | null } => {
    const known = getVmSize(instanceType) ?? null;
    const p = nodeHourlyPrice(prices, known, instanceType, c.location, c.clusterKind, arc);
    if (p.hourly === null && c.clusterKind === 'arc' && measured) {
      return {
        hourly: measured.vcpus * arc.vcpuHour + measured.memoryGiB * arc.gibHour,
        source: 'arc-rate',
        vm: measured,
      };
    }
    return { hourly: p.hourly, source: p.source, vm: known ?? measured };
  };
  if (rows.length > 0) {
    return {
      // Clusters only Prometheus knows, or whose Container insights is off, have their pools from
      // kube_node_labels (cost-load.ts).
      source: c.type === 'prometheus' || fromPrometheus ? 'prometheus' : 'container-insights',
      pools: rows.map((r) => {
        const p = price(r.InstanceType, measuredNode(r));
        return {
          name: r.Pool,
          vmSize: r.InstanceType,
          vm: p.vm,
          nodes: r.Nodes,
          hourly: p.hourly,
          priceSource: p.source,
        };
      }),
    };
  }
  // No Container insights: AKS pools from Resource Graph; a stopped cluster bills no VMs.
  if (c.clusterKind === 'aks' && c.powerState !== 'Stopped' && c.nodePools.length > 0) {
    return {
      source: 'resource-graph',
      pools: c.nodePools.map((np) => {
        const p = price(np.vmSize ?? '');
        return {
          name: np.name,
          vmSize: np.vmSize ?? '?',
          vm: p.vm,
          nodes: np.count ?? 0,
          hourly: p.hourly,
          priceSource: p.source,
        };
      }),
    };
  }
  // An Arc cluster without Container insights: Resource Graph counts its nodes (and cores) but
  // not their memory, so its nodes are one pool that stays unpriced.
  if (c.clusterKind === 'arc' && (c.totalNodeCount ?? 0) > 0) {
    return {
      source: 'resource-graph',
      pools: [
        {
          name: '(all nodes)',
          vmSize: '?',
          vm: null,
          nodes: c.totalNodeCount ?? 0,
          hourly: null,
          priceSource: 'unknown',
        },
      ],
    };
  }
  return { source: 'none', pools: [] };
}

/** CPU's part of a node's price, by the relative per-vCPU and per-GiB rates. */
export function cpuFraction(vm: VmSize | null, arc: ArcRates): number {
  if (!vm) return 0.5;
  const cpu = vm.vcpus * arc.vcpuHour;
  const mem = vm.memoryGiB * arc.gibHour;
  return cpu + mem > 0 ? cpu / (cpu + mem) : 0.5;
}
