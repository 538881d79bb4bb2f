import type { CostNodePoolRow, CostPodShapeRow } from '../catalog/queries/cost';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import type { ArcRates, PriceTable } from './prices';

/**
 * Cost allocation the way OpenCost does it: each node's price is split into a CPU and a
 * memory part (by the configured per-vCPU and per-GiB rates), workloads are charged for
 * max(request, usage) of each, and whatever is not charged is idle. Amounts are apportioned
 * to whole cents so that groups + idle = node cost exactly. Pure: rows in, view data out.
 * This module is the model (options, inputs, view data); cost-pools.ts prices the node pools,
 * cost-report.ts builds the view data.
 */

export const COST_GROUPS = ['cluster', 'namespace', 'team'] as const;
export type CostGroupBy = (typeof COST_GROUPS)[number];
export const COST_RANGES = { '24h': 24, '7d': 168, '30d': 720 } as const;
export type CostRange = keyof typeof COST_RANGES;
export const NO_TEAM = '(no team label)';
export const IDLE = '(idle)';

export interface CostInputs {
  inventory: ClusterInventoryRow[];
  nodePools: CostNodePoolRow[] | null;
  podShapes: CostPodShapeRow[] | null;
  /** Clusters (lower-cased ids) Container insights does not report whose pools and pods came from Prometheus. */
  prometheusIds?: string[];
}

export interface CostOptions {
  prices: PriceTable;
  arc: ArcRates;
  range: CostRange;
  groupBy: CostGroupBy;
  /** Only this cluster (by name), or the whole fleet. */
  cluster: string | null;
  requestedMax: number;
  utilizationMin: number;
  /** Headroom kept free when simulating other node sizes. */
  headroom: number;
}

export interface PoolDensity {
  cluster: string;
  pool: string;
  vmSize: string;
  nodes: number;
  cpuAllocatable: number;
  memoryAllocatableGiB: number;
  cpuRequested: number;
  cpuUsed: number;
  memoryRequestedGiB: number;
  memoryUsedGiB: number;
  hourlyCost: number | null;
  priceSource: 'retail' | 'arc-rate' | 'unknown';
  /** False when no requests or usage arrived for the pool (no Container insights). */
  hasUsage: boolean;
}

export interface SizeOption {
  vmSize: string;
  vcpus: number;
  memoryGiB: number;
  nodes: number;
  monthlyCost: number;
  cpuRequestedShare: number;
  memoryRequestedShare: number;
}

export interface PoolAdvice {
  cluster: string;
  pool: string;
  current: { vmSize: string; nodes: number; monthlyCost: number };
  options: SizeOption[];
  best: SizeOption | null;
  monthlySavings: number;
}

export interface CapacityAlert {
  cluster: string;
  pool: string | null;
  /** overcommitted: requests above the nodes' capacity (more than a scheduler can place). */
  kind: 'overcommitted' | 'over-requested' | 'underutilised';
  resource: 'cpu' | 'memory';
  value: number;
  threshold: number;
}

export interface AllocationRow {
  key: string;
  /** Costs in cents for the selected range; cpu and memory parts add up to total. */
  cents: number;
  cpuCores: number;
  memoryGiB: number;
  clusters: number;
}

export interface ClusterCost {
  cluster: string;
  id: string;
  provider: 'aks' | 'arc';
  region: string;
  nodeCents: number;
  allocatedCents: number;
  idleCents: number;
  hasUsage: boolean;
  source: 'container-insights' | 'prometheus' | 'resource-graph' | 'none';
  /** Pools with no price (unknown size or machine): their cost is not in nodeCents, so 0 means unpriced, not free. */
  unpricedPools: number;
}

export interface CostData {
  range: CostRange;
  hours: number;
  currency: string;
  priceDate: string;
  priceSource: PriceTable['source'];
  totals: {
    nodeCents: number;
    allocatedCents: number;
    idleCents: number;
    monthlyProjectionCents: number;
    unpricedPools: number;
  };
  allocation: AllocationRow[];
  clusters: ClusterCost[];
  density: PoolDensity[];
  advice: PoolAdvice[];
  alerts: CapacityAlert[];
}
