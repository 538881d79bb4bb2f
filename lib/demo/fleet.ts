import { createRng, guidFrom, hash32, hexFrom, type Rng } from './random';
import { getVmSize, type VmSize } from '../fleet/vm-sizes';

/**
 * The embedded synthetic fleet. Cluster i depends only on (seed, i), so a fleet of 40 is
 * the first 40 clusters of a fleet of 5,000 and every link into the demo stays valid
 * when the size changes. Time-varying signals live in signals.ts; this file is the shape.
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

function armState(seed: string, index: number, provider: Provider, stopped: boolean): DemoArmState {
  const rng = createRng(`${seed}/arm/${index}`);
  const provisioningState = rng.weighted([
    ['Succeeded', 88],
    ['Failed', 5],
    ['Upgrading', 4],
    ['Updating', 2],
    ['Canceled', 1],
  ] as const);
  const status = rng.weighted([
    ['Connected', 80],
    ['Offline', 10],
    ['Expired', 4],
    ['Connecting', 6],
  ] as const);
  const silentSeconds =
    status === 'Connected' ? rng.int(30, 300) : status === 'Offline' ? rng.int(2 * 3600, 5 * 86_400) : status === 'Expired' ? rng.int(91 * 86_400, 120 * 86_400) : rng.int(60, 900);
  return {
    // A stopped cluster's last operation (the stop) succeeded.
    provisioningState: stopped ? 'Succeeded' : provisioningState,
    connectivity: provider === 'arc' ? { status, silentSeconds } : null,
    addonKey: rng.weighted([['omsagent', 6], ['omsAgent', 3], ['OmsAgent', 1]] as const),
    workspaceKey: rng.chance(0.7) ? 'logAnalyticsWorkspaceResourceID' : 'logAnalyticsWorkspaceResourceId',
    monitorProfileAbsent: rng.chance(0.6),
  };
}

export interface DemoFleet {
  seed: string;
  clusters: DemoCluster[];
  byName: ReadonlyMap<string, DemoCluster>;
}

export const DEMO_LATEST_MINOR = 36;

const AKS_REGIONS = [
  ['westeurope', 'weu'],
  ['northeurope', 'neu'],
  ['eastus', 'eus'],
  ['eastus2', 'eus2'],
  ['westus3', 'wus3'],
  ['uksouth', 'uks'],
  ['swedencentral', 'sec'],
  ['southeastasia', 'sea'],
  ['australiaeast', 'aue'],
  ['centralindia', 'inc'],
] as const;
const ENVS = [
  ['prod', 5],
  ['staging', 2],
  ['dev', 2],
  ['sandbox', 1],
] as const;
const TEAMS = ['payments', 'checkout', 'search', 'identity', 'data', 'ml', 'platform', 'retail-edge'] as const;
const SUBSCRIPTIONS = ['contoso-prod-01', 'contoso-prod-02', 'contoso-nonprod', 'contoso-data', 'contoso-edge', 'contoso-sandbox'];

const APP_NAMES = [
  'api-gateway', 'checkout', 'cart', 'catalog', 'payments', 'orders', 'inventory', 'search', 'recommendations',
  'auth', 'notifications', 'billing', 'ledger', 'pricing', 'shipping', 'reviews', 'profile', 'media', 'reports', 'ingest',
];
const SYSTEM_DAEMONSETS = ['kube-proxy', 'azure-cns', 'ama-metrics-node', 'ama-logs', 'csi-azuredisk-node', 'csi-azurefile-node'];
const ARC_DAEMONSETS = ['kube-proxy', 'node-exporter', 'fluent-bit'];

function minorWeights(): ReadonlyArray<readonly [number, number]> {
  const m = DEMO_LATEST_MINOR;
  return [
    [m, 25],
    [m - 1, 33],
    [m - 2, 22],
    [m - 3, 11],
    [m - 4, 6],
    [m - 5, 3],
  ];
}

function nodeCountFor(rng: Rng): number {
  // Long tail: most clusters are small, a few are very large.
  const band = rng.weighted([
    ['small', 70],
    ['medium', 25],
    ['large', 5],
  ] as const);
  if (band === 'small') return rng.int(3, 12);
  if (band === 'medium') return rng.int(13, 60);
  return rng.int(61, 300);
}

function splitIntoPools(rng: Rng, total: number, provider: Provider, withGpu: boolean, minor: string): DemoNodePool[] {
  const image = (os: string) =>
    provider === 'aks' ? `AKSUbuntu-2204gen2containerd-2026${String(rng.int(1, 11)).padStart(2, '0')}.${rng.int(1, 28)}.0` : os;
  const size = (name: string): VmSize => {
    const vm = getVmSize(name);
    if (!vm) throw new Error(`unknown VM size ${name}`);
    return vm;
  };
  if (provider === 'arc') {
    const vm = size(rng.pick(['m5.2xlarge', 'm5.4xlarge', 'e2-standard-8', 'n2-standard-16', 'edge-nuc-4c16g', 'bare-metal-32c256g']));
    return [{ name: 'workers', mode: 'User', vm, count: total, osType: 'Linux', nodeImageVersion: image(`ubuntu-22.04-${minor}`), autoscale: null }];
  }
  const system = Math.min(total, total >= 30 ? 5 : 3);
  const pools: DemoNodePool[] = [
    { name: 'system', mode: 'System', vm: size(rng.pick(['Standard_D4ds_v5', 'Standard_D4s_v5'])), count: system, osType: 'Linux', nodeImageVersion: image(''), autoscale: null },
  ];
  let rest = total - system;
  const gpu = withGpu && rest >= 2 ? Math.max(1, Math.round(rest * 0.15)) : 0;
  if (gpu > 0) {
    pools.push({ name: 'gpu', mode: 'User', vm: size(rng.pick(['Standard_NC6s_v3', 'Standard_NC24ads_A100_v4', 'Standard_NC4as_T4_v3'])), count: gpu, osType: 'Linux', nodeImageVersion: image(''), autoscale: { min: 0, max: gpu * 2 } });
    rest -= gpu;
  }
  const userPools = rest > 40 ? 2 : rest > 0 ? 1 : 0;
  for (let p = 0; p < userPools; p++) {
    const count = p === userPools - 1 ? rest : Math.round(rest / 2);
    rest -= count;
    const vm = size(rng.pick(['Standard_D8ds_v5', 'Standard_D16ds_v5', 'Standard_E8ds_v5', 'Standard_F16s_v2', 'Standard_D32ds_v5']));
    pools.push({ name: `user${p + 1}`, mode: 'User', vm, count, osType: 'Linux', nodeImageVersion: image(''), autoscale: rng.chance(0.6) ? { min: Math.max(1, Math.floor(count / 2)), max: count * 2 } : null });
  }
  return pools;
}

function nodeName(cluster: string, provider: Provider, distribution: Distribution, pool: string, i: number): string {
  if (provider === 'aks') return `aks-${pool}-${hexFrom(`${cluster}/${pool}`, 8).replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}-vmss${i.toString(36).padStart(6, '0')}`;
  if (distribution === 'eks') return `ip-10-${(hash32(cluster) % 200) + 20}-${(i >> 8) & 255}-${(i & 255) + 10}.ec2.internal`;
  if (distribution === 'gke') return `gke-${cluster.slice(0, 20)}-${pool}-${hexFrom(`${cluster}/${i}`, 4)}`;
  return `${cluster.slice(0, 24)}-node-${String(i + 1).padStart(3, '0')}`;
}

function patchOf(rng: Rng): number {
  return rng.int(1, 9);
}

function generateCluster(seed: string, index: number): DemoCluster {
  const rng = createRng(`${seed}/cluster/${index}`);
  const provider: Provider = rng.chance(0.22) ? 'arc' : 'aks';
  const distribution: Distribution =
    provider === 'aks' ? 'aks' : rng.weighted([['eks', 3], ['gke', 2], ['k3s', 3], ['openshift', 2]] as const);
  const env = rng.weighted(ENVS);
  const team = rng.pick(TEAMS);
  const [location, regionShort] = rng.pick(AKS_REGIONS);
  const seq = String(index + 1).padStart(index >= 999 ? 4 : 3, '0');
  const prefix = provider === 'aks' ? 'aks' : distribution === 'openshift' ? 'ocp' : distribution;
  const name =
    distribution === 'k3s' ? `k3s-store-${seq}` : `${prefix}-${env}-${provider === 'aks' ? regionShort : team}-${seq}`;
  const subscriptionName = distribution === 'k3s' ? 'contoso-edge' : env === 'prod' ? rng.pick(SUBSCRIPTIONS.slice(0, 2)) : env === 'sandbox' ? 'contoso-sandbox' : rng.pick(SUBSCRIPTIONS.slice(2, 4));
  const subscriptionId = guidFrom(`${seed}/sub/${subscriptionName}`);
  const resourceGroup = provider === 'aks' ? `rg-${team}-${env}-${regionShort}` : `rg-arc-${distribution}-${env}`;
  const typePath = provider === 'aks' ? 'Microsoft.ContainerService/managedClusters' : 'Microsoft.Kubernetes/connectedClusters';
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${typePath}/${name}`;

  const minor = rng.weighted(minorWeights());
  const patch = patchOf(rng);
  const kubernetesVersion = `1.${minor}.${patch}`;
  const kubeletVersion =
    distribution === 'eks' ? `v${kubernetesVersion}-eks-${hexFrom(name, 7)}` : distribution === 'k3s' ? `v${kubernetesVersion}+k3s1` : `v${kubernetesVersion}`;

  const stopped = provider === 'aks' && env !== 'prod' && rng.chance(0.08);
  const totalNodes = distribution === 'k3s' ? rng.int(1, 3) + 2 : nodeCountFor(rng);
  const pools = splitIntoPools(rng, totalNodes, provider, env === 'prod' && rng.chance(0.25), `1.${minor}`);

  // Incidents: a few clusters lose nodes, a very few lose many.
  const incident = rng.weighted([
    ['none', 80],
    ['some-nodes-down', 12],
    ['many-nodes-down', 3],
    ['hot', 5],
  ] as const);
  const clusterCpu = incident === 'hot' ? rng.between(0.82, 0.9) : rng.between(0.15, 0.65);
  const clusterMem = incident === 'hot' ? rng.between(0.8, 0.9) : rng.between(0.3, 0.7);
  const nodes: DemoNode[] = [];
  let i = 0;
  const bootBase = 1_760_000_000; // Oct 2025: nodes have been up for a while.
  for (const pool of pools) {
    for (let k = 0; k < pool.count; k++, i++) {
      const cpuBase = Math.min(0.92, Math.max(0.05, clusterCpu + rng.between(-0.08, 0.08)));
      const memBase = Math.min(0.92, Math.max(0.1, clusterMem + rng.between(-0.06, 0.06)));
      nodes.push({
        name: nodeName(name, provider, distribution, pool.name, k),
        pool: pool.name,
        vcpus: pool.vm.vcpus,
        memoryBytes: pool.vm.memoryGiB * 1024 ** 3,
        gpus: pool.vm.gpus,
        ready: 'true',
        cpuBase,
        memBase,
        swing: Math.min(0.12, cpuBase * 0.35, (0.97 - cpuBase) * 0.5),
        phase: rng.between(0, Math.PI * 2),
        bootTime: bootBase + rng.int(0, 3_000_000),
        kubeletVersion,
      });
    }
  }
  const downCount =
    incident === 'some-nodes-down' ? Math.min(nodes.length - 1, rng.int(1, 2)) : incident === 'many-nodes-down' ? Math.ceil(nodes.length * rng.between(0.15, 0.35)) : 0;
  for (let d = 0; d < downCount; d++) {
    // Spread the failures over the pools, from the last node backwards.
    const node = nodes[(nodes.length - 1 - d * 2 + nodes.length * 2) % nodes.length];
    if (node) node.ready = rng.chance(0.7) ? 'false' : 'unknown';
  }

  const workloads = generateWorkloads(rng, name, provider, nodes.length, env === 'prod' ? team : rng.pick(TEAMS));
  sizeRequests(createRng(`${seed}/requests/${index}`), workloads, nodes);

  const upgrades: DemoUpgrade[] = [];
  if (provider === 'aks') {
    // Walk back from the current version: most clusters patched in the last 90 days, some never.
    let version = kubernetesVersion;
    let age = rng.int(1, 40) * 86_400 + rng.int(0, 86_399);
    const count = rng.weighted([[0, 15], [1, 35], [2, 30], [3, 20]] as const);
    for (let u = 0; u < count && age < 90 * 86_400; u++) {
      const [maj, mi, pa] = version.split('.').map(Number) as [number, number, number];
      const from = pa > 1 ? `${maj}.${mi}.${pa - 1}` : `${maj}.${mi - 1}.${rng.int(3, 9)}`;
      upgrades.push({ ageSeconds: age, fromVersion: from, toVersion: version, caller: rng.pick(['aks-upgrader@contoso.com', 'platform-pipeline', 'auto-upgrade (patch channel)']) });
      version = from;
      age += rng.int(14, 45) * 86_400;
    }
  }

  const monitoringPattern = rng.weighted([
    ['full', 76],
    ['prometheus-only', 12],
    ['insights-only', 6],
    ['none', 6],
  ] as const);
  const managedPrometheus = monitoringPattern === 'full' || monitoringPattern === 'prometheus-only';
  const containerInsights = monitoringPattern === 'full' || monitoringPattern === 'insights-only';
  const workspaceResourceId = containerInsights
    ? `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-${env}-${provider === 'aks' ? regionShort : 'arc'}`
    : null;

  return {
    index,
    id,
    name,
    provider,
    distribution,
    subscriptionId,
    resourceGroup,
    location,
    kubernetesVersion,
    tags: { env, team, 'cost-center': `cc-${1000 + TEAMS.indexOf(team) * 17}` },
    powerState: stopped ? 'Stopped' : 'Running',
    nodePools: pools,
    nodes: stopped ? [] : nodes,
    workloads: stopped ? [] : workloads,
    upgrades,
    monitoring: { managedPrometheus, containerInsights, workspaceResourceId },
    arm: armState(seed, index, provider, stopped),
  };
}

const CORE_STEP = 0.05;
const MIB_STEP = 64 * 1024 ** 2;

/**
 * Scales the apps' requests so the cluster's pods ask for 35–80 % of its CPU and 30–70 % of
 * its memory, as real clusters do, instead of a sliver of big nodes. Its own random stream:
 * names, counts and signals of the fleet do not move.
 */
function sizeRequests(rng: Rng, workloads: DemoWorkload[], nodes: readonly DemoNode[]): void {
  const apps = workloads.filter((w) => w.namespace !== 'kube-system' && w.kind !== 'Job');
  const pods = (w: DemoWorkload) => w.running + w.crashLooping + w.pending;
  const cpuNow = apps.reduce((sum, w) => sum + pods(w) * w.cpuRequestCores, 0);
  const memNow = apps.reduce((sum, w) => sum + pods(w) * w.memoryRequestBytes, 0);
  if (cpuNow === 0 || memNow === 0 || nodes.length === 0) return;
  const cpuScale = (rng.between(0.35, 0.8) * nodes.reduce((sum, n) => sum + n.vcpus, 0)) / cpuNow;
  const memScale = (rng.between(0.3, 0.7) * nodes.reduce((sum, n) => sum + n.memoryBytes, 0)) / memNow;
  // No pod asks for more than half of the smallest node, so every pod still fits somewhere.
  const maxCores = Math.min(...nodes.map((n) => n.vcpus)) / 2;
  const maxBytes = Math.min(...nodes.map((n) => n.memoryBytes)) / 2;
  for (const w of apps) {
    const cores = Math.min(maxCores, Math.max(CORE_STEP, w.cpuRequestCores * cpuScale));
    w.cpuRequestCores = Math.round(Math.round(cores / CORE_STEP) * CORE_STEP * 100) / 100;
    w.memoryRequestBytes = Math.max(1, Math.round(Math.min(maxBytes, w.memoryRequestBytes * memScale) / MIB_STEP)) * MIB_STEP;
  }
}

function generateWorkloads(rng: Rng, cluster: string, provider: Provider, nodeCount: number, mainTeam: string): DemoWorkload[] {
  const out: DemoWorkload[] = [];
  for (const ds of provider === 'aks' ? SYSTEM_DAEMONSETS : ARC_DAEMONSETS) {
    out.push({ namespace: 'kube-system', name: ds, kind: 'DaemonSet', desired: nodeCount, running: nodeCount, crashLooping: 0, pending: 0, failed: 0, succeeded: 0, cpuRequestCores: 0.05, memoryRequestBytes: 64 * 1024 ** 2, team: 'platform' });
  }
  out.push({ namespace: 'kube-system', name: 'coredns', kind: 'Deployment', desired: 2, running: 2, crashLooping: 0, pending: 0, failed: 0, succeeded: 0, cpuRequestCores: 0.1, memoryRequestBytes: 70 * 1024 ** 2, team: 'platform' });
  out.push({ namespace: 'kube-system', name: 'metrics-server', kind: 'Deployment', desired: 2, running: 2, crashLooping: 0, pending: 0, failed: 0, succeeded: 0, cpuRequestCores: 0.05, memoryRequestBytes: 100 * 1024 ** 2, team: 'platform' });

  const trouble = rng.weighted([
    ['none', 72],
    ['crashloop', 14],
    ['pending', 8],
    ['failed-jobs', 6],
  ] as const);
  const namespaces = [mainTeam, `${mainTeam}-jobs`, rng.pick(TEAMS)];
  const apps = Math.max(4, Math.round(nodeCount * rng.between(0.8, 1.6)));
  const troubled = new Set<number>();
  if (trouble !== 'none') {
    const n = rng.int(1, Math.min(3, apps));
    while (troubled.size < n) troubled.add(rng.int(0, apps - 1));
  }
  for (let a = 0; a < apps; a++) {
    const base = APP_NAMES[a % APP_NAMES.length] as string;
    const name = a < APP_NAMES.length ? base : `${base}-${Math.floor(a / APP_NAMES.length) + 1}`;
    const namespace = namespaces[a % 5 === 4 ? 2 : 0] as string;
    const stateful = a % 9 === 8;
    const desired = rng.weighted([[1, 2], [2, 4], [3, 5], [4, 2], [6, 2], [10, 1]] as const);
    const w: DemoWorkload = {
      namespace, name, kind: stateful ? 'StatefulSet' : 'Deployment', desired, running: desired, crashLooping: 0, pending: 0, failed: 0, succeeded: 0,
      cpuRequestCores: rng.pick([0.1, 0.25, 0.5, 1, 2]), memoryRequestBytes: rng.pick([128, 256, 512, 1024, 2048]) * 1024 ** 2,
      team: namespace.replace(/-jobs$/, ''),
    };
    if (troubled.has(a)) {
      const bad = Math.max(1, Math.min(desired, rng.int(1, 3)));
      if (trouble === 'crashloop') {
        w.running -= bad;
        w.crashLooping = bad;
      } else if (trouble === 'pending') {
        w.running -= bad;
        w.pending = bad;
      }
    }
    out.push(w);
  }
  // Batch jobs: mostly succeeded pods, sometimes failed ones.
  const jobs = rng.int(1, 4);
  for (let j = 0; j < jobs; j++) {
    const failed = trouble === 'failed-jobs' && j === 0 ? rng.int(1, 4) : 0;
    out.push({ namespace: `${mainTeam}-jobs`, name: `nightly-${['export', 'reindex', 'backup', 'report'][j]}-${hexFrom(`${cluster}/${j}`, 5)}`, kind: 'Job', desired: 1, running: 0, crashLooping: 0, pending: 0, failed, succeeded: failed ? 0 : 1, cpuRequestCores: 0.5, memoryRequestBytes: 512 * 1024 ** 2, team: mainTeam });
  }
  return out;
}

const fleets = new Map<string, DemoFleet>();

/** The fleet for (seed, size), generated once per process. */
export function getDemoFleet(seed: string, size: number): DemoFleet {
  const key = `${seed}/${size}`;
  let fleet = fleets.get(key);
  if (!fleet) {
    const clusters = Array.from({ length: size }, (_, i) => generateCluster(seed, i));
    fleet = { seed, clusters, byName: new Map(clusters.map((c) => [c.name, c])) };
    fleets.set(key, fleet);
  }
  return fleet;
}
