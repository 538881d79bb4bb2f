import type { Layer } from '../catalog/types';
import type { ExecutedQuery, QueryFailure } from '../sources/runner';

export const HEALTH_STATUSES = ['critical', 'warning', 'unknown', 'healthy'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/**
 * How the portal knows a cluster: an AKS managed cluster or an Arc-connected cluster in
 * Resource Graph, or 'prometheus': seen only in Prometheus metrics (no Azure resource).
 * Names for people come from platform.ts.
 */
export const PROVIDERS = ['aks', 'arc', 'prometheus'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const DISTRIBUTIONS = ['aks', 'eks', 'gke', 'k3s', 'openshift', 'other'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export type HealthSignal =
  | 'node-readiness'
  | 'pods-failed'
  | 'pods-pending'
  | 'crash-loops'
  | 'cpu'
  | 'memory'
  | 'version-support'
  | 'power-state'
  | 'no-metrics'
  | 'alerts'
  | 'provisioning-state'
  | 'arc-connectivity'
  | 'no-usage'
  | 'workloads-down'
  | 'workloads-partial';

/** One reason a cluster is not healthy: which signal, its value, and the threshold it crossed. */
export interface HealthReason {
  signal: HealthSignal;
  /** `info`: a signal that is missing, said so without changing the status. */
  severity: Exclude<HealthStatus, 'healthy'> | 'info';
  message: string;
  /** The layer page that shows this signal. */
  layer: Layer;
  value?: number;
  threshold?: number;
}

export interface ClusterHealth {
  status: HealthStatus;
  reasons: HealthReason[];
  /** How bad, within its status (0 = nothing wrong): orders the worst first. See severityScore. */
  score: number;
}

export type VersionSupport = 'supported' | 'out-of-support' | 'unknown';

export interface ClusterSummary {
  id: string;
  name: string;
  provider: Provider;
  distribution: Distribution;
  subscriptionId: string;
  resourceGroup: string;
  region: string;
  kubernetesVersion: string;
  /** "1.33", for grouping and filtering. */
  kubernetesMinor: string | null;
  versionSupport: VersionSupport;
  powerState: 'Running' | 'Stopped' | 'Unknown';
  tags: Record<string, string>;
  health: ClusterHealth;
  nodes: { ready: number | null; total: number };
  nodePools: number;
  pods: { running: number | null; pending: number | null; failed: number | null };
  containers: { crashLooping: number | null; restartsLastHour: number | null };
  /** Deployments, StatefulSets and DaemonSets with none (down) or fewer than desired (partial) replicas up; null when unknown. */
  workloads: { down: number | null; partial: number | null };
  cpu: { utilization: number | null };
  memory: { utilization: number | null };
  /** ISO time of the last "Upgrade Succeeded" in the activity log, null if none in the window. */
  lastUpgrade: string | null;
  /** metrics: Prometheus answers for this cluster; nodeSource: where node and pod counts came from. */
  monitoring: {
    metrics: boolean;
    nodeSource: 'prometheus' | 'container-insights' | null;
    containerInsights: boolean | null;
    managedPrometheus: boolean | null;
  };
}

/** A panel's trouble: which query, from where, and why. The rest of the page still renders. */
export interface PanelNotice {
  queryId: string;
  panel: string;
  severity: 'info' | 'warning' | 'error';
  source: string;
  message: string;
  failure?: QueryFailure['failure'];
}

export interface FleetOverview {
  generatedAt: string;
  clusters: ClusterSummary[];
  notices: PanelNotice[];
  queries: ExecutedQuery[];
  /** Why the inventory could not list the fleet: a cluster missing from `clusters` is then unknown, not absent. */
  inventoryFailure: QueryFailure | null;
}
