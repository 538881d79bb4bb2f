import { histogram, type HistogramModel } from './histogram';

/**
 * The clusters the conformance test writes: values chosen here (names, namespaces, rates),
 * metric and label names taken from the exporter corpus by series.ts. Every rate is constant,
 * so every expectation is exact. Cluster 1 of each profile carries the incidents (a NotReady
 * node, a crash loop, an OOM kill, a Pending and a Failed pod, 429s and 5xx); cluster 2 is healthy.
 */

export const PROFILES = [
  'azure-managed-prometheus',
  'kube-prometheus-stack',
  'k8s-monitoring',
  'victoria-metrics-k8s-stack',
  'kubernetes-sd',
] as const;
export type Profile = (typeof PROFILES)[number];

export const PROFILE_PREFIX: Record<Profile, string> = {
  'azure-managed-prometheus': 'ama',
  'kube-prometheus-stack': 'kps',
  'k8s-monitoring': 'k8smon',
  'victoria-metrics-k8s-stack': 'vmks',
  'kubernetes-sd': 'ksd',
};

export type ReadyStatus = 'true' | 'false' | 'unknown';
export const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/** The OS, kernel and runtime kube_node_info reports into kube_node_info for every node. */
export const NODE_OS = {
  osImage: 'Ubuntu 22.04.5 LTS',
  kernel: '6.8.0-1021-azure',
  runtime: 'containerd://1.7.27',
} as const;

export interface TaintModel {
  key: string;
  /** '' for the node controller's taints (no value; absent once stored). */
  value: string;
  effect: string;
}

export interface NodeModel {
  name: string;
  ip: string;
  ready: ReadyStatus;
  pressure: Record<(typeof PRESSURES)[number], boolean>;
  networkUnavailable: boolean;
  /** Cordoned (kubectl cordon): spec.unschedulable, with the node controller's unschedulable taint. */
  unschedulable: boolean;
  taints: TaintModel[];
  /** Share of each CPU's time idle. */
  cpuIdle: number[];
  memTotal: number;
  memAvailable: number;
  rootSize: number;
  rootAvail: number;
  /** A second filesystem (/boot/efi): it must not count as the root filesystem. */
  bootSize: number;
  bootAvail: number;
  allocatable: { cpu: number; memory: number; pods: number; ephemeral_storage: number };
  capacity: { cpu: number; memory: number; pods: number; ephemeral_storage: number };
  kubeletVersion: string;
  providerId: string;
  podWorker: Record<'create' | 'update' | 'sync', HistogramModel>;
  pleg: HistogramModel;
}

export interface ContainerModel {
  name: string;
  image: string;
  /** Cores used (cAdvisor rate); 0 with `running: false` writes no cAdvisor series. */
  cpu: number;
  workingSet: number;
  running: boolean;
  requests: { cpu?: number; memory?: number };
  limits: { cpu?: number; memory?: number };
  waitingReason?: 'CrashLoopBackOff';
  lastTerminatedReason?: 'OOMKilled';
  /** Restarts every 5 minutes (a step counter, whole restarts). */
  restartsPer5m: number;
  restartsBase: number;
}

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
export const PHASES: readonly Phase[] = ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'];

export interface PodModel {
  namespace: string;
  name: string;
  uid: string;
  /** '' while unscheduled. */
  node: string;
  hostIp: string;
  ip: string;
  hostNetwork: boolean;
  phase: Phase;
  ownerKind: string;
  ownerName: string;
  containers: ContainerModel[];
}

export interface Replicas {
  namespace: string;
  name: string;
  desired: number;
  actual: number;
}

export interface AppModel {
  namespace: string;
  service: string;
  pods: string[];
  handler: string;
  /** Requests per second of the whole app by method and code; split evenly over its pods. */
  requests: Array<{ method: string; code: string; rate: number; latency: readonly number[] }>;
}

export interface IngressModel {
  namespace: string;
  ingress: string;
  service: string;
  host: string;
  path: string;
  /** Requests per second by status. */
  statuses: Record<string, number>;
}

export interface ApiRequest {
  verb: string;
  code: string;
  resource: string;
  scope: string;
  rate: number;
}

export interface ClusterModel {
  name: string;
  profile: Profile;
  incidents: boolean;
  ip: string;
  nodes: NodeModel[];
  pods: PodModel[];
  deployments: Replicas[];
  statefulSets: Replicas[];
  daemonSets: Replicas[];
  apps: AppModel[];
  ingresses: IngressModel[];
  ingressController: string;
  ksmPod: string;
  nodeExporterPods: Record<string, string>;
  apiserverIp: string;
  apiRequests: ApiRequest[];
  /** Latency histograms per verb (one resource and scope each). */
  apiLatency: Array<{ verb: string; resource: string; scope: string; h: HistogramModel }>;
  inflight: { readOnly: number; mutating: number };
}

/** Bucket bounds come from the corpus tables; the scenario only picks shares. */
export interface Bounds {
  apiserver: readonly number[];
  kubelet: readonly number[];
  pleg: readonly number[];
  http: readonly number[];
}

const KUBELET: Record<Profile, { version: string; provider: (node: string, i: number) => string }> = {
  'azure-managed-prometheus': {
    version: 'v1.34.2',
    provider: (n, i) =>
      `azure:///subscriptions/0000/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/${n}/virtualMachines/${i}`,
  },
  'kube-prometheus-stack': { version: 'v1.33.4-eks-4f2a1c3', provider: (_, i) => `aws:///eu-west-1a/i-0abc${i}def` },
  'k8s-monitoring': { version: 'v1.34.1-gke.1014001', provider: (n) => `gce://project/europe-west1-b/${n}` },
  'victoria-metrics-k8s-stack': { version: 'v1.33.3+k3s1', provider: (n) => `k3s://${n}` },
  'kubernetes-sd': { version: 'v1.34.0', provider: () => '' },
};

const GIB = 1024 ** 3;

/** Shares per bucket, none at a bucket boundary, so percentiles fall strictly inside a bucket. */
function shares(n: number, skew: number): number[] {
  // Geometric-ish shares, normalised; the +Inf bucket gets a small share.
  const raw = Array.from({ length: n + 1 }, (_, i) => (i === n ? 0.003 : Math.exp(-((i - skew) ** 2) / 6) + 0.01));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}

export function buildCluster(
  profile: Profile,
  index: number,
  bounds: Bounds,
  memTotalFromFixture: number,
): ClusterModel {
  const name = `${PROFILE_PREFIX[profile]}-${index}`;
  const incidents = index === 1;
  const net = PROFILES.indexOf(profile) * 2 + index;
  const nodes: NodeModel[] = [0, 1, 2].map((i) => {
    const nodeName = `${name}-pool1-${i}`;
    const memTotal = memTotalFromFixture * (i + 1);
    const rootSize = 128 * GIB;
    return {
      name: nodeName,
      ip: `10.${net}.0.${4 + i}`,
      ready: incidents && i === 2 ? 'false' : 'true',
      pressure: { MemoryPressure: false, DiskPressure: incidents && i === 2, PIDPressure: false },
      networkUnavailable: false,
      unschedulable: incidents && i === 1,
      taints: nodeTaints(incidents && i === 2, incidents && i === 2, incidents && i === 1),
      cpuIdle: [0.55 + 0.1 * i + 0.01 * index, 0.75 + 0.05 * i],
      memTotal,
      memAvailable: Math.round(memTotal * (0.6 - 0.1 * i - 0.05 * index)),
      rootSize,
      rootAvail: Math.round(rootSize * (0.7 - 0.15 * i)),
      bootSize: 256 * 1024 ** 2,
      bootAvail: 200 * 1024 ** 2,
      allocatable: { cpu: 1.9, memory: Math.round(memTotal * 0.8), pods: 110, ephemeral_storage: 100 * GIB },
      capacity: { cpu: 2, memory: memTotal, pods: 110, ephemeral_storage: rootSize },
      kubeletVersion: KUBELET[profile].version,
      providerId: KUBELET[profile].provider(nodeName, i),
      podWorker: {
        create: histogram(bounds.kubelet, 0.02 + 0.01 * i, shares(bounds.kubelet.length, 5)),
        update: histogram(bounds.kubelet, 0.05, shares(bounds.kubelet.length, 3)),
        sync: histogram(bounds.kubelet, 0.5 + 0.1 * i, shares(bounds.kubelet.length, 2 + i)),
      },
      pleg: histogram(bounds.pleg, 1, shares(bounds.pleg.length, 1 + i + (incidents && i === 2 ? 4 : 0))),
    };
  });
  const [n0, n1, n2] = nodes as [NodeModel, NodeModel, NodeModel];
  let podIp = 0;
  let uid = 0;
  const pods: PodModel[] = [];
  const container = (c: Partial<ContainerModel> & { name: string }): ContainerModel => ({
    image: `registry.example/${c.name}:1.0`,
    cpu: 0,
    workingSet: 0,
    running: true,
    requests: {},
    limits: {},
    restartsPer5m: 0,
    restartsBase: 0,
    ...c,
  });
  const pod = (p: Omit<PodModel, 'uid' | 'ip' | 'hostIp' | 'hostNetwork'> & { hostNetwork?: boolean }): PodModel => {
    const node = nodes.find((n) => n.name === p.node);
    const hostNetwork = p.hostNetwork ?? false;
    const m: PodModel = {
      ...p,
      hostNetwork,
      uid: `${name}-uid-${uid++}`,
      hostIp: node?.ip ?? '',
      ip: !node ? '' : hostNetwork ? node.ip : `10.${net}.${1 + nodes.indexOf(node)}.${10 + podIp++}`,
    };
    pods.push(m);
    return m;
  };
  const mi = 1024 ** 2;
  // kube-system
  for (const [i, n] of nodes.entries()) {
    pod({
      namespace: 'kube-system',
      name: `kube-proxy-${'abc'[i]}x${index}`,
      node: n.name,
      phase: 'Running',
      ownerKind: 'DaemonSet',
      ownerName: 'kube-proxy',
      hostNetwork: true,
      containers: [container({ name: 'kube-proxy', cpu: 0.004, workingSet: 30 * mi, requests: { cpu: 0.1 } })],
    });
  }
  for (const [i, n] of [n0, n1].entries()) {
    pod({
      namespace: 'kube-system',
      name: `coredns-6f8b9c-${'pq'[i]}${index}`,
      node: n.name,
      phase: 'Running',
      ownerKind: 'ReplicaSet',
      ownerName: 'coredns-6f8b9c',
      containers: [
        container({
          name: 'coredns',
          cpu: 0.003 + 0.001 * i,
          workingSet: 25 * mi,
          requests: { cpu: 0.1, memory: 70 * mi },
          limits: { memory: 170 * mi },
        }),
      ],
    });
  }
  // monitoring: the exporters themselves, which kube-prometheus-stack's node resolution joins through.
  const nodeExporterPods: Record<string, string> = {};
  for (const [i, n] of nodes.entries()) {
    const p = pod({
      namespace: 'monitoring',
      name: `node-exporter-${'xyz'[i]}${index}k`,
      node: n.name,
      phase: 'Running',
      ownerKind: 'DaemonSet',
      ownerName: 'node-exporter',
      hostNetwork: true,
      containers: [
        container({
          name: 'node-exporter',
          cpu: 0.002,
          workingSet: 18 * mi,
          requests: { cpu: 0.05, memory: 32 * mi },
          limits: { memory: 64 * mi },
        }),
      ],
    });
    nodeExporterPods[n.name] = p.name;
  }
  const ksm = pod({
    namespace: 'monitoring',
    name: `kube-state-metrics-5d7c9-m${index}`,
    node: n0.name,
    phase: 'Running',
    ownerKind: 'ReplicaSet',
    ownerName: 'kube-state-metrics-5d7c9',
    containers: [
      container({
        name: 'kube-state-metrics',
        cpu: 0.01,
        workingSet: 60 * mi,
        requests: { cpu: 0.1, memory: 128 * mi },
      }),
    ],
  });
  // ingress-nginx
  const ic = pod({
    namespace: 'ingress-nginx',
    name: `ingress-nginx-controller-7b4f-c${index}`,
    node: n1.name,
    phase: 'Running',
    ownerKind: 'ReplicaSet',
    ownerName: 'ingress-nginx-controller-7b4f',
    containers: [
      container({ name: 'controller', cpu: 0.05, workingSet: 110 * mi, requests: { cpu: 0.1, memory: 90 * mi } }),
    ],
  });
  // shop: a healthy web app, an api with some 5xx, a database
  const web = [n0, n1].map((n, i) =>
    pod({
      namespace: 'shop',
      name: `web-8c5d7-${'ab'[i]}${index}`,
      node: n.name,
      phase: 'Running',
      ownerKind: 'ReplicaSet',
      ownerName: 'web-8c5d7',
      containers: [
        container({
          name: 'web',
          cpu: 0.12 + 0.02 * i,
          workingSet: 150 * mi,
          requests: { cpu: 0.25, memory: 256 * mi },
          limits: { cpu: 0.5, memory: 512 * mi },
        }),
      ],
    }),
  );
  const api = pod({
    namespace: 'shop',
    name: `api-55f4b-c${index}`,
    node: n1.name,
    phase: 'Running',
    ownerKind: 'ReplicaSet',
    ownerName: 'api-55f4b',
    containers: [
      container({
        name: 'api',
        cpu: 0.2,
        workingSet: 300 * mi,
        requests: { cpu: 0.5, memory: 512 * mi },
        limits: { memory: 1024 * mi },
      }),
      container({ name: 'envoy', cpu: 0.03, workingSet: 40 * mi, requests: { cpu: 0.05, memory: 64 * mi } }),
    ],
  });
  pod({
    namespace: 'shop',
    name: 'db-0',
    node: n0.name,
    phase: 'Running',
    ownerKind: 'StatefulSet',
    ownerName: 'db',
    containers: [
      container({
        name: 'postgres',
        cpu: 0.15,
        workingSet: 700 * mi,
        requests: { cpu: 0.5, memory: 1024 * mi },
        limits: { cpu: 1, memory: 2048 * mi },
      }),
    ],
  });
  // A finished Job: its requests no longer count.
  pod({
    namespace: 'shop',
    name: `migrate-q${index}`,
    node: n0.name,
    phase: 'Succeeded',
    ownerKind: 'Job',
    ownerName: 'migrate',
    containers: [container({ name: 'migrate', running: false, requests: { cpu: 1, memory: 1024 * mi } })],
  });

  const deployments: Replicas[] = [
    { namespace: 'kube-system', name: 'coredns', desired: 2, actual: 2 },
    { namespace: 'monitoring', name: 'kube-state-metrics', desired: 1, actual: 1 },
    { namespace: 'ingress-nginx', name: 'ingress-nginx-controller', desired: 1, actual: 1 },
    { namespace: 'shop', name: 'web', desired: 2, actual: 2 },
    { namespace: 'shop', name: 'api', desired: 1, actual: 1 },
  ];
  const statefulSets: Replicas[] = [{ namespace: 'shop', name: 'db', desired: 1, actual: 1 }];
  const daemonSets: Replicas[] = [
    { namespace: 'kube-system', name: 'kube-proxy', desired: 3, actual: 3 },
    { namespace: 'monitoring', name: 'node-exporter', desired: 3, actual: incidents ? 2 : 3 },
  ];

  if (incidents) {
    // A crash loop: the container waits in CrashLoopBackOff and restarts every 5 minutes.
    pod({
      namespace: 'payments',
      name: 'payments-6c9f8-z1',
      node: n1.name,
      phase: 'Running',
      ownerKind: 'ReplicaSet',
      ownerName: 'payments-6c9f8',
      containers: [
        container({
          name: 'payments',
          running: false,
          waitingReason: 'CrashLoopBackOff',
          restartsPer5m: 1,
          restartsBase: 40,
          requests: { cpu: 0.2, memory: 256 * mi },
          limits: { memory: 256 * mi },
        }),
      ],
    });
    // An OOM kill: the container ran out of memory once and runs again.
    pod({
      namespace: 'payments',
      name: 'cache-0',
      node: n2.name,
      phase: 'Running',
      ownerKind: 'StatefulSet',
      ownerName: 'cache',
      containers: [
        container({
          name: 'redis',
          cpu: 0.05,
          workingSet: 250 * mi,
          lastTerminatedReason: 'OOMKilled',
          restartsBase: 3,
          requests: { cpu: 0.1, memory: 256 * mi },
          limits: { memory: 256 * mi },
        }),
      ],
    });
    // A Pending pod: nothing fits it, so it has no node and no container status.
    pod({
      namespace: 'batch',
      name: 'report-7f6d5-p1',
      node: '',
      phase: 'Pending',
      ownerKind: 'ReplicaSet',
      ownerName: 'report-7f6d5',
      containers: [
        container({
          name: 'report',
          running: false,
          requests: { cpu: 4, memory: 8 * GIB },
          limits: { memory: 8 * GIB },
        }),
      ],
    });
    // A Failed Job pod: counted as Failed, its requests no longer reserved.
    pod({
      namespace: 'batch',
      name: 'nightly-29384-f1',
      node: n0.name,
      phase: 'Failed',
      ownerKind: 'Job',
      ownerName: 'nightly-29384',
      containers: [container({ name: 'nightly', running: false, requests: { cpu: 0.5, memory: 512 * mi } })],
    });
    deployments.push(
      { namespace: 'payments', name: 'payments', desired: 1, actual: 0 },
      { namespace: 'batch', name: 'report', desired: 1, actual: 0 },
    );
    statefulSets.push({ namespace: 'payments', name: 'cache', desired: 1, actual: 1 });
  }

  const httpShares = [0.45, 0.25, 0.15, 0.09, 0.055, 0.005];
  const apps: AppModel[] = [
    {
      namespace: 'shop',
      service: 'web',
      pods: web.map((p) => p.name),
      handler: '/',
      requests: [
        { method: 'get', code: '200', rate: 12 + index, latency: httpShares },
        { method: 'post', code: '201', rate: 3, latency: [0.3, 0.3, 0.2, 0.1, 0.08, 0.02] },
        { method: 'get', code: '404', rate: 0.5, latency: [0.9, 0.05, 0.03, 0.01, 0.005, 0.005] },
      ],
    },
    {
      namespace: 'shop',
      service: 'api',
      pods: [api.name],
      handler: '/api',
      requests: [
        { method: 'get', code: '200', rate: 8, latency: httpShares },
        ...(incidents ? [{ method: 'get', code: '503', rate: 0.4, latency: [0.1, 0.1, 0.1, 0.2, 0.3, 0.2] }] : []),
      ],
    },
  ];
  const ingresses: IngressModel[] = (<Array<Omit<IngressModel, 'statuses'> & { statuses: Record<string, number> }>>[
    {
      namespace: 'shop',
      ingress: 'web',
      service: 'web',
      host: `shop.${name}.example.com`,
      path: '/',
      statuses: { '200': 10, '304': 1.5 },
    },
    {
      namespace: 'shop',
      ingress: 'api',
      service: 'api',
      host: `api.${name}.example.com`,
      path: '/api',
      statuses: { '200': 6, '502': incidents ? 0.3 : 0, '503': incidents ? 0.1 : 0 },
    },
  ]).map((i) => ({
    ...i,
    statuses: Object.fromEntries(
      Object.entries(incidents ? statusClasses(i.statuses) : i.statuses).filter(([, r]) => r > 0),
    ),
  }));

  const apiRequests: ApiRequest[] = [
    { verb: 'GET', code: '200', resource: 'pods', scope: 'resource', rate: 20 + index },
    { verb: 'GET', code: '404', resource: 'pods', scope: 'resource', rate: 1 },
    { verb: 'LIST', code: '200', resource: 'pods', scope: 'namespace', rate: 5 },
    { verb: 'WATCH', code: '200', resource: 'pods', scope: 'cluster', rate: 2 },
    { verb: 'POST', code: '201', resource: 'events', scope: 'namespace', rate: 3 },
    ...(incidents
      ? [
          { verb: 'LIST', code: '429', resource: 'pods', scope: 'namespace', rate: 0.2 },
          { verb: 'POST', code: '500', resource: 'events', scope: 'namespace', rate: 0.1 },
        ]
      : []),
  ];
  const verbRate = (verb: string): number => apiRequests.filter((r) => r.verb === verb).reduce((a, r) => a + r.rate, 0);
  const apiLatency = [
    { verb: 'GET', resource: 'pods', scope: 'resource', skew: 2 },
    { verb: 'LIST', resource: 'pods', scope: 'namespace', skew: 5 },
    { verb: 'POST', resource: 'events', scope: 'namespace', skew: 3 },
    { verb: 'WATCH', resource: 'pods', scope: 'cluster', skew: 19 },
  ].map((v) => ({
    verb: v.verb,
    resource: v.resource,
    scope: v.scope,
    h: histogram(bounds.apiserver, verbRate(v.verb), shares(bounds.apiserver.length, v.skew)),
  }));

  return {
    name,
    profile,
    incidents,
    ip: `10.${net}.0.1`,
    nodes,
    pods,
    deployments,
    statefulSets,
    daemonSets,
    apps,
    ingresses,
    ingressController: ic.name,
    ksmPod: ksm.name,
    nodeExporterPods,
    apiserverIp: `10.${net}.0.2`,
    apiRequests,
    apiLatency,
    inflight: { readOnly: 3 + index, mutating: 1 },
  };
}

/**
 * ingress-nginx with --report-status-classes writes "2xx", "5xx" (the corpus shows both shapes):
 * the incident cluster's controller does, so the 5xx matcher meets classes as well as codes.
 */
function statusClasses(statuses: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, rate] of Object.entries(statuses)) out[`${code[0]}xx`] = (out[`${code[0]}xx`] ?? 0) + rate;
  return out;
}

/**
 * The node lifecycle controller's taints (no value): not-ready NoSchedule (TaintNodesByCondition)
 * and NoExecute (taint-based eviction) for Ready=False, disk-pressure NoSchedule for
 * DiskPressure, unschedulable NoSchedule for a cordoned node.
 */
function nodeTaints(notReady: boolean, diskPressure: boolean, cordoned: boolean): TaintModel[] {
  return [
    ...(notReady
      ? [
          { key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoExecute' },
        ]
      : []),
    ...(diskPressure ? [{ key: 'node.kubernetes.io/disk-pressure', value: '', effect: 'NoSchedule' }] : []),
    ...(cordoned ? [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }] : []),
  ];
}

/** Every condition the kubelet posts for a node, with its status: Ready, the pressures, NetworkUnavailable. */
export function nodeConditions(n: NodeModel): Array<[string, ReadyStatus]> {
  return [
    ['Ready', n.ready],
    ...PRESSURES.map((p): [string, ReadyStatus] => [p, n.pressure[p] ? 'true' : 'false']),
    ['NetworkUnavailable', n.networkUnavailable ? 'true' : 'false'],
  ];
}

/** Running pods with a sandbox on each node, as the kubelet counts them. */
export function runningPodsOn(c: ClusterModel, node: string): PodModel[] {
  return c.pods.filter((p) => p.node === node && p.phase === 'Running');
}
