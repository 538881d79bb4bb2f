import type { DemoNode, DemoWorkload, Provider } from './fleet-model';
import { hexFrom, type Rng } from './random';

/** The workloads of a demo cluster: system DaemonSets and add-ons, the teams' apps with their troubles, batch jobs, and their requests. */

export const TEAMS = ['payments', 'checkout', 'search', 'identity', 'data', 'ml', 'platform', 'retail-edge'] as const;

const APP_NAMES = [
  'api-gateway',
  'checkout',
  'cart',
  'catalog',
  'payments',
  'orders',
  'inventory',
  'search',
  'recommendations',
  'auth',
  'notifications',
  'billing',
  'ledger',
  'pricing',
  'shipping',
  'reviews',
  'profile',
  'media',
  'reports',
  'ingest',
];
const SYSTEM_DAEMONSETS = [
  'kube-proxy',
  'azure-cns',
  'ama-metrics-node',
  'ama-logs',
  'csi-azuredisk-node',
  'csi-azurefile-node',
];
const ARC_DAEMONSETS = ['kube-proxy', 'node-exporter', 'fluent-bit'];

const CORE_STEP = 0.05;
const MIB_STEP = 64 * 1024 ** 2;

/**
 * Scales the apps' requests so the cluster's pods ask for 35–80 % of its CPU and 30–70 % of
 * its memory, as real clusters do, instead of a sliver of big nodes. Its own random stream:
 * names, counts and signals of the fleet do not move.
 */
export function sizeRequests(rng: Rng, workloads: DemoWorkload[], nodes: readonly DemoNode[]): void {
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
    w.memoryRequestBytes =
      Math.max(1, Math.round(Math.min(maxBytes, w.memoryRequestBytes * memScale) / MIB_STEP)) * MIB_STEP;
  }
}

export function generateWorkloads(
  rng: Rng,
  cluster: string,
  provider: Provider,
  nodeCount: number,
  mainTeam: string,
): DemoWorkload[] {
  const out: DemoWorkload[] = [];
  for (const ds of provider === 'aks' ? SYSTEM_DAEMONSETS : ARC_DAEMONSETS) {
    out.push({
      namespace: 'kube-system',
      name: ds,
      kind: 'DaemonSet',
      desired: nodeCount,
      running: nodeCount,
      crashLooping: 0,
      pending: 0,
      failed: 0,
      succeeded: 0,
      cpuRequestCores: 0.05,
      memoryRequestBytes: 64 * 1024 ** 2,
      team: 'platform',
    });
  }
  out.push({
    namespace: 'kube-system',
    name: 'coredns',
    kind: 'Deployment',
    desired: 2,
    running: 2,
    crashLooping: 0,
    pending: 0,
    failed: 0,
    succeeded: 0,
    cpuRequestCores: 0.1,
    memoryRequestBytes: 70 * 1024 ** 2,
    team: 'platform',
  });
  out.push({
    namespace: 'kube-system',
    name: 'metrics-server',
    kind: 'Deployment',
    desired: 2,
    running: 2,
    crashLooping: 0,
    pending: 0,
    failed: 0,
    succeeded: 0,
    cpuRequestCores: 0.05,
    memoryRequestBytes: 100 * 1024 ** 2,
    team: 'platform',
  });

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
    const desired = rng.weighted([
      [1, 2],
      [2, 4],
      [3, 5],
      [4, 2],
      [6, 2],
      [10, 1],
    ] as const);
    const w: DemoWorkload = {
      namespace,
      name,
      kind: stateful ? 'StatefulSet' : 'Deployment',
      desired,
      running: desired,
      crashLooping: 0,
      pending: 0,
      failed: 0,
      succeeded: 0,
      cpuRequestCores: rng.pick([0.1, 0.25, 0.5, 1, 2]),
      memoryRequestBytes: rng.pick([128, 256, 512, 1024, 2048]) * 1024 ** 2,
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
    out.push({
      namespace: `${mainTeam}-jobs`,
      name: `nightly-${['export', 'reindex', 'backup', 'report'][j]}-${hexFrom(`${cluster}/${j}`, 5)}`,
      kind: 'Job',
      desired: 1,
      running: 0,
      crashLooping: 0,
      pending: 0,
      failed,
      succeeded: failed ? 0 : 1,
      cpuRequestCores: 0.5,
      memoryRequestBytes: 512 * 1024 ** 2,
      team: mainTeam,
    });
  }
  return out;
}
