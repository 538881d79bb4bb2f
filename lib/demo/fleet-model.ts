import type { VmSize } from '../fleet/vm-sizes';

/**
 * The shape of the embedded synthetic fleet: clusters, pools, nodes, workloads, upgrades and
 * their ARM state. fleet.ts generates it; the signals, telemetry and answers read it.
 */

export type Provider = 'aks' | 'arc';
export type Distribution = 'aks' | 'eks' | 'gke' | 'k3s' | 'openshift';
export type ReadyStatus = 'true' | 'false' | 'unknown';

export interface DemoNodePool {
  name: string;
  mode: 'System' | 'User';
  vm: VmSize;
  count: number;
  osType: 'Linux' | 'Windows';
  nodeImageVersion: string;
  autoscale: { min: number; max: number } | null;
}

export interface DemoNode {
  name: string;
  pool: string;
  vcpus: number;
  memoryBytes: number;
  gpus: number;
  ready: ReadyStatus;
  /** Signal parameters (see signals.ts): mean CPU and memory use, daily swing, noise phase. */
  cpuBase: number;
  memBase: number;
  swing: number;
  phase: number;
  bootTime: number;
  kubeletVersion: string;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

export interface DemoWorkload {
  namespace: string;
  name: string;
  kind: WorkloadKind;
  desired: number;
  /** Pods by state; their sum is the number of pods the workload owns right now. */
  running: number;
  crashLooping: number;
  pending: number;
  failed: number;
  succeeded: number;
  cpuRequestCores: number;
  memoryRequestBytes: number;
  team: string;
}

export interface DemoUpgrade {
  /** Seconds before the fleet's "today" anchor at which the upgrade finished. */
  ageSeconds: number;
  fromVersion: string;
  toVersion: string;
  caller: string;
}

export interface DemoCluster {
  index: number;
  id: string;
  name: string;
  provider: Provider;
  distribution: Distribution;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  kubernetesVersion: string;
  tags: Record<string, string>;
  powerState: 'Running' | 'Stopped';
  nodePools: DemoNodePool[];
  nodes: DemoNode[];
  workloads: DemoWorkload[];
  upgrades: DemoUpgrade[];
  monitoring: {
    managedPrometheus: boolean;
    containerInsights: boolean;
    workspaceResourceId: string | null;
  };
  /** How Azure Resource Manager describes the cluster (see DemoArmState). */
  arm: DemoArmState;
}

/**
 * The cluster's ARM resource as Azure writes it, beyond what the model above decides: the
 * provisioning state, an Arc cluster's connectivity, and the key spellings AKS used for its
 * add-on profile (omsagent / omsAgent / OmsAgent; logAnalyticsWorkspaceResourceID / …Id).
 * Drawn from its own stream (`${seed}/arm/${index}`), so no other number of the fleet moves.
 */
export interface DemoArmState {
  provisioningState: 'Succeeded' | 'Failed' | 'Canceled' | 'Upgrading' | 'Updating';
  /** Arc only: connectivityStatus and how long before "now" the agent last reported. */
  connectivity: { status: 'Connected' | 'Connecting' | 'Offline' | 'Expired'; silentSeconds: number } | null;
  addonKey: 'omsagent' | 'omsAgent' | 'OmsAgent';
  workspaceKey: 'logAnalyticsWorkspaceResourceID' | 'logAnalyticsWorkspaceResourceId';
  /** AKS without managed Prometheus: whether azureMonitorProfile is absent (never enabled) or says enabled: false. */
  monitorProfileAbsent: boolean;
}
export interface DemoFleet {
  seed: string;
  clusters: DemoCluster[];
  byName: ReadonlyMap<string, DemoCluster>;
}
