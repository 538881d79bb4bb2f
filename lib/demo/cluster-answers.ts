import * as cq from '../catalog/queries/cluster-prom';
import type { ClusterPromParams } from '../catalog/queries/cluster-prom';
import type { DemoCluster, DemoFleet } from './fleet';
import { crashLoopSince } from './answers';
import { codeShares, podRequests, servingPods } from './app-telemetry';
import { ingresses, ingressRequests, statusShares } from './ingress-telemetry';
import { podsOf, type PodState } from './pods';
import { API_LATENCY, API_MIX, apiserverOf } from './telemetry-families';
import {
  apiRequestsServed,
  containerCpuSeconds,
  containerWorkingSetBytes,
  counterRate,
  crashLoopRestarts,
  gridAt,
  idleCpuSeconds,
  memAvailableBytes,
} from './signals';

/**
 * Demo answers to the cluster pages' PromQL (catalog/queries/cluster-prom.ts), computed from
 * the same model and signals the telemetry export writes, the way each query's text says.
 * The agreement test holds every one against a real Prometheus.
 */

interface Sample {
  labels: Record<string, string>;
  value: number;
}
type ClusterEvaluator = (cluster: DemoCluster, t: number) => Sample[];

const PHASE_OF: Record<PodState, string> = { crashLooping: 'Running', running: 'Running', pending: 'Pending', failed: 'Failed', succeeded: 'Succeeded' };

/** A node has a sample within the lookback once its exporters have been scraped after boot. */
const booted = (bootTime: number, t: number): boolean => bootTime <= gridAt(t);

function sumBy(samples: Iterable<Sample>): Sample[] {
  const out = new Map<string, Sample>();
  for (const s of samples) {
    const key = JSON.stringify(s.labels);
    const prev = out.get(key);
    if (prev) prev.value += s.value;
    else out.set(key, { labels: s.labels, value: s.value });
  }
  return [...out.values()];
}

const EVALUATORS: Record<string, ClusterEvaluator> = {
  [cq.nodeCpu.id]: (c, t) =>
    c.nodes.flatMap((n) => {
      const idle = counterRate((s) => idleCpuSeconds(n, s), t, 300, true);
      return idle === null ? [] : [{ labels: { node: n.name }, value: 1 - idle }];
    }),
  [cq.nodeMemory.id]: (c, t) =>
    c.nodes.flatMap((n) => (booted(n.bootTime, t) ? [{ labels: { node: n.name }, value: 1 - memAvailableBytes(n, gridAt(t)) / n.memoryBytes }] : [])),
  [cq.nodeReady.id]: (c, t) =>
    c.nodes.flatMap((n) =>
      booted(n.bootTime, t) ? (['true', 'false', 'unknown'] as const).map((status) => ({ labels: { node: n.name, status }, value: n.ready === status ? 1 : 0 })) : [],
    ),
  [cq.nodeAllocatable.id]: (c, t) =>
    c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? [
            { labels: { node: n.name, resource: 'cpu' }, value: n.vcpus },
            { labels: { node: n.name, resource: 'memory' }, value: n.memoryBytes },
            { labels: { node: n.name, resource: 'pods' }, value: 110 },
          ]
        : [],
    ),
  [cq.nodeRunningPods.id]: (c, t) => {
    const running = new Map<string, number>();
    for (const p of podsOf(c)) if (p.node && (p.state === 'running' || p.state === 'crashLooping')) running.set(p.node.name, (running.get(p.node.name) ?? 0) + 1);
    return c.nodes.flatMap((n) => (booted(n.bootTime, t) ? [{ labels: { node: n.name }, value: running.get(n.name) ?? 0 }] : []));
  },
  [cq.apiserverRequests.id]: (c, t) => {
    const { phase, since } = apiserverOf(c);
    return API_MIX.flatMap(([verb, code, share]) => {
      const rate = counterRate((s) => Math.floor(apiRequestsServed(c.nodes.length, phase, since, s) * share), t, 300, true);
      return rate === null ? [] : [{ labels: { verb, code }, value: rate }];
    });
  },
  [cq.apiserverLatency.id]: (c, t) => {
    const { phase, since } = apiserverOf(c);
    return Object.entries(API_LATENCY).flatMap(([verb, mean]) => {
      const share = API_MIX.filter(([v]) => v === verb).reduce((sum, [, , s]) => sum + s, 0);
      const count = (s: number): number => Math.floor(apiRequestsServed(c.nodes.length, phase, since, s) * share);
      const sumRate = counterRate((s) => count(s) * mean, t, 300, true);
      const countRate = counterRate(count, t, 300, true);
      return sumRate === null || countRate === null ? [] : [{ labels: { verb }, value: sumRate / countRate }];
    });
  },
  [cq.kubeletPodSync.id]: (c, t) => {
    // As telemetry-families.ts writes kubelet_pod_worker_duration_seconds: every pod synced once a minute, 40 ms each.
    const pods = new Map<string, number>();
    for (const p of podsOf(c)) if (p.node) pods.set(p.node.name, (pods.get(p.node.name) ?? 0) + 1);
    return c.nodes.flatMap((n) => {
      const perSecond = (pods.get(n.name) ?? 0) / 60;
      const count = (s: number): number | null => (s < n.bootTime ? null : Math.floor((s - n.bootTime) * perSecond));
      const sumRate = counterRate((s) => {
        const k = count(s);
        return k === null ? null : k * 0.04;
      }, t, 300, true);
      const countRate = counterRate(count, t, 300, true);
      return sumRate === null || countRate === null ? [] : [{ labels: { node: n.name }, value: sumRate / countRate }];
    });
  },
  [cq.podPhasesOverTime.id]: (c) => {
    const counts: Record<string, number> = { Pending: 0, Running: 0, Succeeded: 0, Failed: 0, Unknown: 0 };
    for (const p of podsOf(c)) counts[PHASE_OF[p.state]] = (counts[PHASE_OF[p.state]] ?? 0) + 1;
    // kube-state-metrics writes all five phases per pod, so every phase has a series.
    return c.workloads.length ? Object.entries(counts).map(([phase, value]) => ({ labels: { phase }, value })) : [];
  },
  [cq.deploymentReplicas.id]: (c) =>
    c.workloads
      .filter((w) => w.kind === 'Deployment')
      .flatMap((w) => [
        { labels: { namespace: w.namespace, deployment: w.name, replicas: 'desired' }, value: w.desired },
        { labels: { namespace: w.namespace, deployment: w.name, replicas: 'available' }, value: w.running },
      ]),
  [cq.crashLoopingPods.id]: (c) =>
    sumBy(podsOf(c).filter((p) => p.state === 'crashLooping').map((p) => ({ labels: { namespace: p.namespace, pod: p.name, container: p.container }, value: 1 }))),
  [cq.restartsByNamespace.id]: (c, t) =>
    sumBy(
      podsOf(c).flatMap((p) => {
        if (p.state !== 'running' && p.state !== 'crashLooping') return [];
        const since = p.state === 'crashLooping' ? crashLoopSince(c, p.workload.name, p.replica) : null;
        const value = since === null ? 0 : (counterRate((s) => crashLoopRestarts(since, s), t, 3600, false) ?? 0);
        return [{ labels: { namespace: p.namespace }, value }];
      }),
    ),
  [cq.namespaceCpu.id]: (c, t) =>
    sumBy(
      podsOf(c).flatMap((p) => {
        if (p.state !== 'running' || !p.node) return [];
        const rate = counterRate((s) => containerCpuSeconds(p.workload.cpuRequestCores, p.phase, p.started, s), t, 300, true);
        return rate === null ? [] : [{ labels: { namespace: p.namespace }, value: rate }];
      }),
    ),
  [cq.namespaceMemory.id]: (c, t) =>
    sumBy(
      podsOf(c)
        .filter((p) => p.state === 'running' && p.node)
        .map((p) => ({ labels: { namespace: p.namespace }, value: containerWorkingSetBytes(p.workload.memoryRequestBytes, p.phase, gridAt(t)) })),
    ),
  [cq.appRequestRate.id]: (c, t) => appRates(c, t, () => true),
  [cq.appErrorRatio.id]: (c, t) => {
    const errors = new Map(appRates(c, t, (code) => code.startsWith('5')).map((s) => [JSON.stringify(s.labels), s.value]));
    return appRates(c, t, () => true).flatMap((all) => {
      const bad = errors.get(JSON.stringify(all.labels));
      // An app with no 5xx series has no left-hand side: the division drops it, as in PromQL.
      return bad === undefined ? [] : [{ labels: all.labels, value: bad / all.value }];
    });
  },
  [cq.ingressRequestRate.id]: (c, t) => ingressRates(c, t, () => true),
  [cq.ingressErrorRatio.id]: (c, t) => {
    const errors = new Map(ingressRates(c, t, (s) => s.startsWith('5')).map((s) => [JSON.stringify(s.labels), s.value]));
    return ingressRates(c, t, () => true).flatMap((all) => {
      const bad = errors.get(JSON.stringify(all.labels));
      return bad === undefined ? [] : [{ labels: all.labels, value: bad / all.value }];
    });
  },
};

/** sum by (namespace, ingress) (rate(nginx_ingress_controller_requests{status matching}[5m])). */
function ingressRates(c: DemoCluster, t: number, status: (status: string) => boolean): Sample[] {
  return sumBy(
    ingresses(c).flatMap((w) =>
      statusShares(w).flatMap(([k, share]) => {
        if (!status(k)) return [];
        const rate = counterRate((s) => ingressRequests(c, w, share, s), t, 300, true);
        return rate === null ? [] : [{ labels: { namespace: w.namespace, ingress: w.name }, value: rate }];
      }),
    ),
  );
}

/** sum by (namespace, service) (rate(http_requests_total{code matching}[5m])). */
function appRates(c: DemoCluster, t: number, code: (code: string) => boolean): Sample[] {
  return sumBy(
    servingPods(c).flatMap((p) =>
      codeShares(p).flatMap(([k, share]) => {
        if (!code(k)) return [];
        const rate = counterRate((s) => podRequests(p, share, s), t, 300, true);
        return rate === null ? [] : [{ labels: { namespace: p.namespace, service: p.workload.name }, value: rate }];
      }),
    ),
  );
}

/** The evaluator for a cluster query id, or null when the id is not one of the cluster pages'. */
export function clusterPromEvaluator(id: string): ((fleet: DemoFleet, params: ClusterPromParams, t: number) => Sample[]) | null {
  const evaluate = EVALUATORS[id];
  if (!evaluate) return null;
  return (fleet, params, t) => {
    const c = fleet.byName.get(params.cluster);
    // Only clusters whose metrics reach Prometheus have series, as in the fleet answers.
    if (!c || !c.monitoring.managedPrometheus || c.powerState !== 'Running') return [];
    return evaluate(c, t);
  };
}
