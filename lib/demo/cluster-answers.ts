import * as cq from '../catalog/queries/cluster-prom';
import type { ClusterPromParams } from '../catalog/queries/cluster-prom/query-kit';
import type { DemoCluster, DemoFleet } from './fleet-model';
import { APP_DURATION, codeShares, podRequests, servingPods } from './app-telemetry';
import { ingresses, ingressRequests, statusShares } from './ingress-telemetry';
import { podsOf, type PodState } from './pods';
import {
  CAPACITY_EVALUATORS,
  containerCpuUsage,
  containerWorkingSet,
  controllerReplicasUp,
  desiredVs,
} from './capacity-answers';
import { API_LATENCY, apiserverOf, timedShare } from './control-plane-telemetry';
import { booted, sumBy, type ClusterEvaluator, type Sample } from './evaluator-kit';
import { CONTROL_PLANE_EVALUATORS, apiRequestRates, percentileSamples } from './control-plane-answers';
import { bucketRates } from './histogram-quantile';
import { maxPodsOf, podsByNode, runningPodsByNode } from './node-capacity';
import { NODE_TRIAGE_EVALUATORS } from './node-triage-answers';
import {
  apiRequestsServed,
  counterRate,
  crashLoopRestarts,
  crashLoopSince,
  gridAt,
  idleCpuSeconds,
  memAvailableBytes,
} from './signals';

/**
 * Demo answers to the cluster pages' PromQL (catalog/queries/cluster-prom/), computed from
 * the same model and signals the telemetry export writes, the way each query's text says.
 * The agreement test holds every one against a real Prometheus.
 */

const PHASE_OF: Record<PodState, string> = {
  crashLooping: 'Running',
  running: 'Running',
  pending: 'Pending',
  failed: 'Failed',
  succeeded: 'Succeeded',
};

const EVALUATORS: Record<string, ClusterEvaluator> = {
  [cq.nodeCpu.id]: (c, t) =>
    c.nodes.flatMap((n) => {
      const idle = counterRate((s) => idleCpuSeconds(n, s), t, 300, true);
      return idle === null ? [] : [{ labels: { node: n.name }, value: 1 - idle }];
    }),
  [cq.nodeMemory.id]: (c, t) =>
    c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? [{ labels: { node: n.name }, value: 1 - memAvailableBytes(n, gridAt(t)) / n.memoryBytes }]
        : [],
    ),
  [cq.nodeReady.id]: (c, t) =>
    c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? (['true', 'false', 'unknown'] as const).map((status) => ({
            labels: { node: n.name, status },
            value: n.ready === status ? 1 : 0,
          }))
        : [],
    ),
  [cq.nodeAllocatable.id]: (c, t) =>
    c.nodes.flatMap((n) =>
      booted(n.bootTime, t)
        ? [
            { labels: { node: n.name, resource: 'cpu' }, value: n.vcpus },
            { labels: { node: n.name, resource: 'memory' }, value: n.memoryBytes },
            { labels: { node: n.name, resource: 'pods' }, value: maxPodsOf(c) },
          ]
        : [],
    ),
  [cq.nodeRunningPods.id]: (c, t) => {
    const running = runningPodsByNode(c);
    return c.nodes.flatMap((n) =>
      booted(n.bootTime, t) ? [{ labels: { node: n.name }, value: running.get(n.name) ?? 0 }] : [],
    );
  },
  [cq.apiserverRequests.id]: (c, t) =>
    apiRequestRates(c, t, () => true).map((r) => ({ labels: { verb: r.verb, code: r.code }, value: r.rate })),
  [cq.apiserverLatency.id]: (c, t) => {
    const { phase, since } = apiserverOf(c);
    return Object.entries(API_LATENCY).flatMap(([verb, mean]) => {
      const share = timedShare(c, verb);
      const count = (s: number): number => Math.floor(apiRequestsServed(c.nodes.length, phase, since, s) * share);
      const sumRate = counterRate((s) => count(s) * mean, t, 300, true);
      const countRate = counterRate(count, t, 300, true);
      return sumRate === null || countRate === null ? [] : [{ labels: { verb }, value: sumRate / countRate }];
    });
  },
  [cq.kubeletPodSync.id]: (c, t) => {
    // As node-telemetry.ts writes kubelet_pod_worker_duration_seconds: every pod synced once a minute, 40 ms each.
    const pods = podsByNode(c);
    return c.nodes.flatMap((n) => {
      const perSecond = (pods.get(n.name) ?? 0) / 60;
      const count = (s: number): number | null => (s < n.bootTime ? null : Math.floor((s - n.bootTime) * perSecond));
      const sumRate = counterRate(
        (s) => {
          const k = count(s);
          return k === null ? null : k * 0.04;
        },
        t,
        300,
        true,
      );
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
    desiredVs(c, 'Deployment', 'deployment', 'available', (w) => controllerReplicasUp(c, w)),
  [cq.crashLoopingPods.id]: (c) =>
    sumBy(
      podsOf(c)
        .filter((p) => p.state === 'crashLooping')
        .map((p) => ({ labels: { namespace: p.namespace, pod: p.name, container: p.container }, value: 1 })),
    ),
  [cq.restartsByNamespace.id]: (c, t) =>
    sumBy(
      podsOf(c).flatMap((p) => {
        if (p.state !== 'running' && p.state !== 'crashLooping') return [];
        const since = p.state === 'crashLooping' ? crashLoopSince(c, p.workload.name, p.replica) : null;
        const value = since === null ? 0 : (counterRate((s) => crashLoopRestarts(since, s), t, 3600, false) ?? 0);
        return [{ labels: { namespace: p.namespace }, value }];
      }),
    ),
  [cq.namespaceCpu.id]: (c, t) => sumBy(containerCpuUsage(c, t)),
  [cq.namespaceMemory.id]: (c, t) => sumBy(containerWorkingSet(c, t)),
  [cq.appRequestRate.id]: (c, t) => appRates(c, t, () => true),
  [cq.appErrorRatio.id]: (c, t) => {
    const errors = new Map(
      appRates(c, t, (code) => code.startsWith('5')).map((s) => [JSON.stringify(s.labels), s.value]),
    );
    return appRates(c, t, () => true).flatMap((all) => {
      // An app with traffic and no 5xx series reads 0 (the query's `or 0 * total`); no traffic is 0/0, dropped.
      const bad = errors.get(JSON.stringify(all.labels)) ?? 0;
      return all.value === 0 ? [] : [{ labels: all.labels, value: bad / all.value }];
    });
  },
  [cq.appLatency.id]: (c, t) =>
    percentileSamples(bucketRates(APP_DURATION.series(c, {}), APP_DURATION.bounds, ['namespace', 'service'], t)),
  [cq.ingressRequestRate.id]: (c, t) => ingressRates(c, t, () => true),
  [cq.ingressErrorRatio.id]: (c, t) => {
    const errors = new Map(
      ingressRates(c, t, (s) => s.startsWith('5')).map((s) => [JSON.stringify(s.labels), s.value]),
    );
    return ingressRates(c, t, () => true).flatMap((all) => {
      const bad = errors.get(JSON.stringify(all.labels)) ?? 0;
      return all.value === 0 ? [] : [{ labels: all.labels, value: bad / all.value }];
    });
  },
  ...CAPACITY_EVALUATORS,
  ...CONTROL_PLANE_EVALUATORS,
  ...NODE_TRIAGE_EVALUATORS,
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
export function clusterPromEvaluator(
  id: string,
): ((fleet: DemoFleet, params: ClusterPromParams, t: number) => Sample[]) | null {
  const evaluate = EVALUATORS[id];
  if (!evaluate) return null;
  return (fleet, params, t) => {
    const c = fleet.byName.get(params.cluster);
    // Only clusters whose metrics reach Prometheus have series, as in the fleet answers.
    if (!c || !c.monitoring.managedPrometheus || c.powerState !== 'Running') return [];
    return evaluate(c, t);
  };
}
