import { createRng, guidFrom, hexFrom, type Rng } from './random';
import type {
  DemoArmState,
  DemoCluster,
  DemoFleet,
  DemoNode,
  DemoUpgrade,
  Distribution,
  Provider,
} from './fleet-model';
import { nodeCountFor, nodeName, splitIntoPools } from './node-pools';
import { generateWorkloads, sizeRequests, TEAMS } from './workloads';

/**
 * The embedded synthetic fleet. Cluster i depends only on (seed, i), so a fleet of 40 is
 * the first 40 clusters of a fleet of 5,000 and every link into the demo stays valid
 * when the size changes. fleet-model.ts is the shape, node-pools.ts and workloads.ts draw
 * the parts, time-varying signals live in signals.ts.
 */

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
    status === 'Connected'
      ? rng.int(30, 300)
      : status === 'Offline'
        ? rng.int(2 * 3600, 5 * 86_400)
        : status === 'Expired'
          ? rng.int(91 * 86_400, 120 * 86_400)
          : rng.int(60, 900);
  return {
    // A stopped cluster's last operation (the stop) succeeded.
    provisioningState: stopped ? 'Succeeded' : provisioningState,
    connectivity: provider === 'arc' ? { status, silentSeconds } : null,
    addonKey: rng.weighted([
      ['omsagent', 6],
      ['omsAgent', 3],
      ['OmsAgent', 1],
    ] as const),
    workspaceKey: rng.chance(0.7) ? 'logAnalyticsWorkspaceResourceID' : 'logAnalyticsWorkspaceResourceId',
    monitorProfileAbsent: rng.chance(0.6),
  };
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
const SUBSCRIPTIONS = [
  'contoso-prod-01',
  'contoso-prod-02',
  'contoso-nonprod',
  'contoso-data',
  'contoso-edge',
  'contoso-sandbox',
];

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

function patchOf(rng: Rng): number {
  return rng.int(1, 9);
}

function generateCluster(seed: string, index: number): DemoCluster {
  const rng = createRng(`${seed}/cluster/${index}`);
  const provider: Provider = rng.chance(0.22) ? 'arc' : 'aks';
  const distribution: Distribution =
    provider === 'aks'
      ? 'aks'
      : rng.weighted([
          ['eks', 3],
          ['gke', 2],
          ['k3s', 3],
          ['openshift', 2],
        ] as const);
  const env = rng.weighted(ENVS);
  const team = rng.pick(TEAMS);
  const [location, regionShort] = rng.pick(AKS_REGIONS);
  const seq = String(index + 1).padStart(index >= 999 ? 4 : 3, '0');
  const prefix = provider === 'aks' ? 'aks' : distribution === 'openshift' ? 'ocp' : distribution;
  const name =
    distribution === 'k3s' ? `k3s-store-${seq}` : `${prefix}-${env}-${provider === 'aks' ? regionShort : team}-${seq}`;
  const subscriptionName =
    distribution === 'k3s'
      ? 'contoso-edge'
      : env === 'prod'
        ? rng.pick(SUBSCRIPTIONS.slice(0, 2))
        : env === 'sandbox'
          ? 'contoso-sandbox'
          : rng.pick(SUBSCRIPTIONS.slice(2, 4));
  const subscriptionId = guidFrom(`${seed}/sub/${subscriptionName}`);
  const resourceGroup = provider === 'aks' ? `rg-${team}-${env}-${regionShort}` : `rg-arc-${distribution}-${env}`;
  const typePath =
    provider === 'aks' ? 'Microsoft.ContainerService/managedClusters' : 'Microsoft.Kubernetes/connectedClusters';
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${typePath}/${name}`;

  const minor = rng.weighted(minorWeights());
  const patch = patchOf(rng);
  const kubernetesVersion = `1.${minor}.${patch}`;
  const kubeletVersion =
    distribution === 'eks'
      ? `v${kubernetesVersion}-eks-${hexFrom(name, 7)}`
      : distribution === 'k3s'
        ? `v${kubernetesVersion}+k3s1`
        : `v${kubernetesVersion}`;

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
    incident === 'some-nodes-down'
      ? Math.min(nodes.length - 1, rng.int(1, 2))
      : incident === 'many-nodes-down'
        ? Math.ceil(nodes.length * rng.between(0.15, 0.35))
        : 0;
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
    const count = rng.weighted([
      [0, 15],
      [1, 35],
      [2, 30],
      [3, 20],
    ] as const);
    for (let u = 0; u < count && age < 90 * 86_400; u++) {
      const [maj, mi, pa] = version.split('.').map(Number) as [number, number, number];
      const from = pa > 1 ? `${maj}.${mi}.${pa - 1}` : `${maj}.${mi - 1}.${rng.int(3, 9)}`;
      upgrades.push({
        ageSeconds: age,
        fromVersion: from,
        toVersion: version,
        caller: rng.pick(['aks-upgrader@contoso.com', 'platform-pipeline', 'auto-upgrade (patch channel)']),
      });
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
