import { describe, expect, it } from 'vitest';
import * as cq from '../catalog/queries/cluster-prom';
import type { SampleRow, SeriesRow } from '../catalog/queries/cluster-prom/query-kit';
import type { PromQuery, QueryRequest, QueryTime } from '../catalog/types';
import { answerDemoQuery } from './answers';
import { THROTTLED_FROM_NODES } from './control-plane-telemetry';
import { getDemoFleet } from './fleet';
import type { DemoCluster } from './fleet-model';
import { maxPodsOf, networkPluginOf, podsByNode, runningPodsByNode } from './node-capacity';
import { podsOf } from './pods';
import { exportedClusters } from './telemetry';
import { crashReason, memoryLimitBytes } from './workload-resources';

/** The demo's answers to the new cluster-page queries hold what the fleet model says. */

const fleet = getDemoFleet('fleetwatch', 40);
const scraped = exportedClusters(fleet);
const T = 1_795_000_020;

function ask<R>(query: PromQuery<cq.ClusterPromParams, R>, c: DemoCluster, time: QueryTime): R[] {
  const params = query.params.parse({ cluster: c.name });
  const request: QueryRequest<cq.ClusterPromParams, R> = { query, params, text: query.build(params), time };
  return query.parse(answerDemoQuery(fleet, request as QueryRequest), params);
}
const now = (query: PromQuery<cq.ClusterPromParams, SampleRow>, c: DemoCluster): SampleRow[] =>
  ask(query, c, { kind: 'instant', at: T });
const day = (query: PromQuery<cq.ClusterPromParams, SeriesRow>, c: DemoCluster): SeriesRow[] =>
  ask(query, c, { kind: 'range', start: T - 86_400, end: T, step: 1800 });

/** Per series without `percentile` and time: p50, p95, p99 in that order. */
function percentileTriples(rows: readonly SeriesRow[]): number[][] {
  const byKey = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const { percentile, ...rest } = r.labels;
    for (const [t, v] of r.points) {
      const key = `${JSON.stringify(rest)}@${t}`;
      byKey.set(key, { ...byKey.get(key), [percentile ?? '']: v });
    }
  }
  return [...byKey.values()].map((p) => [p['p50'] ?? NaN, p['p95'] ?? NaN, p['p99'] ?? NaN]);
}

describe('demo answers to the cluster pages’ capacity and latency queries', () => {
  it('has latency percentiles in order, p50 ≤ p95 ≤ p99, for the API server and every app', () => {
    let triples = 0;
    for (const c of scraped.slice(0, 8)) {
      for (const rows of [day(cq.apiserverLatencyPercentiles, c), day(cq.appLatency, c)]) {
        for (const [p50, p95, p99] of percentileTriples(rows)) {
          expect(p50).toBeGreaterThan(0);
          expect(p50).toBeLessThanOrEqual(p95 as number);
          expect(p95).toBeLessThanOrEqual(p99 as number);
          triples++;
        }
      }
    }
    expect(triples).toBeGreaterThan(500);
  });

  it('leaves the API server’s long-running WATCH requests out of its latency', () => {
    // Every WATCH lasts 30–60 minutes: with them in, the p99 would sit at the 60 s bucket.
    for (const c of scraped.slice(0, 8)) {
      const p99 = day(cq.apiserverLatencyPercentiles, c).find((r) => r.labels['percentile'] === 'p99');
      expect(p99?.points.length).toBeGreaterThan(40);
      expect(Math.max(...(p99?.points ?? []).map(([, v]) => v))).toBeLessThan(1);
    }
  });

  it('keeps every namespace’s working set under its requests and limits, and its requests under its limits', () => {
    let namespaces = 0;
    for (const c of scraped) {
      const rows = new Map<string, Record<string, number>>();
      for (const s of now(cq.namespaceMemoryVsRequests, c))
        rows.set(s.labels['namespace'] ?? '', {
          ...rows.get(s.labels['namespace'] ?? ''),
          [s.labels['measure'] ?? '']: s.value,
        });
      for (const [namespace, m] of rows) {
        // Every container sets a memory limit, so the sums compare like for like.
        expect(m['limits'], `${c.name}/${namespace}`).toBeDefined();
        if (m['usage'] !== undefined)
          expect(m['usage'], `${c.name}/${namespace}`).toBeLessThanOrEqual(m['requests'] ?? 0);
        expect(m['requests'], `${c.name}/${namespace}`).toBeLessThanOrEqual(m['limits'] ?? 0);
        namespaces++;
      }
    }
    expect(namespaces).toBeGreaterThan(50);
  });

  it('sums the CPU requests of the Pending and Running pods only, as the model holds them', () => {
    for (const c of scraped.slice(0, 10)) {
      const answered = new Map(
        now(cq.namespaceCpuVsRequests, c)
          .filter((s) => s.labels['measure'] === 'requests')
          .map((s) => [s.labels['namespace'], s.value]),
      );
      const model = new Map<string, number>();
      for (const p of podsOf(c))
        if (p.state !== 'succeeded' && p.state !== 'failed')
          model.set(p.namespace, (model.get(p.namespace) ?? 0) + p.workload.cpuRequestCores);
      expect([...answered.keys()].sort()).toEqual([...model.keys()].sort());
      for (const [namespace, cores] of model)
        expect(answered.get(namespace), `${c.name}/${namespace}`).toBeCloseTo(cores, 9);
      // Usage stays below requests: containers use 15–45 % of what they ask for.
      for (const s of now(cq.namespaceCpuVsRequests, c).filter((x) => x.labels['measure'] === 'usage'))
        expect(s.value).toBeLessThan(answered.get(s.labels['namespace']) ?? 0);
    }
  });

  it('lists as OOM-killed exactly the crash-looping replicas of the workloads that outgrow their memory limit', () => {
    let oom = 0;
    for (const c of scraped) {
      const rows = now(cq.oomKilledContainers, c);
      const expected = c.workloads.filter((w) => crashReason(c, w) === 'OOMKilled');
      expect(rows.length, c.name).toBe(expected.reduce((sum, w) => sum + w.crashLooping, 0));
      const crashing = new Set(now(cq.crashLoopingPods, c).map((s) => s.labels['pod']));
      for (const s of rows) expect(crashing.has(s.labels['pod']), `${s.labels['pod']} also crash-loops`).toBe(true);
      // Their limit is their request: no headroom.
      for (const w of expected) expect(memoryLimitBytes(c, w)).toBe(w.memoryRequestBytes);
      oom += rows.length;
    }
    expect(oom).toBeGreaterThan(0);
  });

  it('never has more ready than desired replicas; a DaemonSet misses exactly the nodes that are not Ready', () => {
    let notReadyChecked = 0;
    for (const c of scraped) {
      for (const query of [cq.statefulSetReplicas, cq.daemonSetPods]) {
        const rows = now(query, c);
        const label = query === cq.daemonSetPods ? 'daemonset' : 'statefulset';
        const desired = new Map(
          rows.filter((s) => s.labels['replicas'] === 'desired').map((s) => [s.labels[label], s.value]),
        );
        for (const s of rows.filter((x) => x.labels['replicas'] === 'ready'))
          expect(s.value).toBeLessThanOrEqual(desired.get(s.labels[label]) ?? -1);
      }
      const down = c.nodes.filter((n) => n.ready !== 'true').length;
      const ready = now(cq.daemonSetPods, c).filter((s) => s.labels['replicas'] === 'ready');
      expect(ready.length).toBeGreaterThan(0);
      for (const s of ready) expect(s.value, `${c.name} ${s.labels['daemonset']}`).toBe(c.nodes.length - down);
      if (down > 0) notReadyChecked++;
    }
    expect(notReadyChecked).toBeGreaterThan(0);
    expect(scraped.some((c) => now(cq.statefulSetReplicas, c).length > 0)).toBe(true);
  });

  it('binds pods within what their nodes hold; only a pod no node has room for overcommits one', () => {
    const overcommitted = (size: number): { nodes: number; over: number; fullest: number } => {
      let nodes = 0;
      let over = 0;
      let fullest = 0;
      for (const c of getDemoFleet('fleetwatch', size).clusters) {
        const used = new Map<string, { cpu: number; mem: number }>();
        for (const p of podsOf(c)) {
          if (!p.node || (p.state !== 'running' && p.state !== 'crashLooping')) continue;
          const u = used.get(p.node.name) ?? { cpu: 0, mem: 0 };
          u.cpu += p.workload.cpuRequestCores;
          u.mem += p.workload.memoryRequestBytes;
          used.set(p.node.name, u);
        }
        for (const n of c.nodes) {
          const u = used.get(n.name) ?? { cpu: 0, mem: 0 };
          nodes++;
          if (u.cpu > n.vcpus + 1e-9 || u.mem > n.memoryBytes) over++;
          else fullest = Math.max(fullest, u.cpu / n.vcpus, u.mem / n.memoryBytes);
        }
      }
      return { nodes, over, fullest };
    };
    // The default demo fleet: no node holds more than it has (spread over every node, small
    // system pools held up to 196 % of their CPU).
    const small = overcommitted(40);
    expect(small.over).toBe(0);
    expect(small.fullest).toBeGreaterThan(0.5);
    // A thousand clusters: the few clusters whose pods outgrow their nodes overcommit a node or two.
    const big = overcommitted(1000);
    expect(big.nodes).toBeGreaterThan(15_000);
    expect(big.over / big.nodes).toBeLessThan(0.001);
  });

  it('never runs more pods on a node than its max pods, 30 per node on Azure CNI', () => {
    const big = getDemoFleet('fleetwatch', 1000);
    let azureCni = 0;
    for (const c of big.clusters) {
      const max = maxPodsOf(c);
      if (networkPluginOf(c) === 'azure') {
        expect(max).toBe(30);
        azureCni++;
      }
      for (const [node, pods] of runningPodsByNode(c)) expect(pods, `${c.name}/${node}`).toBeLessThanOrEqual(max);
    }
    expect(azureCni).toBeGreaterThan(50);
    for (const c of scraped.slice(0, 10)) {
      for (const r of day(cq.nodePodCapacity, c)) {
        for (const [, v] of r.points) {
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('keeps root filesystems under the 80 % disk alert and no node under pressure', () => {
    for (const c of scraped) {
      const fs = day(cq.nodeFilesystem, c);
      expect(fs.length, c.name).toBe(c.nodes.length);
      for (const r of fs) {
        for (const [, v] of r.points) {
          expect(v).toBeGreaterThan(0.1);
          expect(v).toBeLessThan(0.8);
        }
      }
      const pressure = now(cq.nodePressure, c);
      expect(pressure.length).toBe(c.nodes.length * 3);
      expect(pressure.filter((s) => s.value !== 0)).toEqual([]);
    }
  });

  it('answers in-flight requests in whole numbers, 429s only on large clusters and a few 5xx everywhere', () => {
    for (const c of scraped) {
      for (const r of day(cq.apiserverInflight, c))
        for (const [, v] of r.points) expect(Number.isInteger(v) && v >= 1).toBe(true);
      const codes = day(cq.apiserverRejections, c)
        .map((r) => r.labels['code'])
        .sort();
      expect(codes, c.name).toEqual(c.nodes.length >= THROTTLED_FROM_NODES ? ['429', '500'] : ['500']);
    }
    expect(scraped.some((c) => c.nodes.length >= THROTTLED_FROM_NODES)).toBe(true);
  });

  it('has each node’s PLEG relist p99 well under the kubelet’s 10 s alert, slower with more pods', () => {
    for (const c of scraped.slice(0, 10)) {
      const pods = podsByNode(c);
      const p99 = ask(cq.kubeletPlegP99, c, { kind: 'instant', at: T }).map((r) => ({
        pods: pods.get(r.labels['node'] ?? '') ?? 0,
        value: r.points[0]?.[1] ?? NaN,
      }));
      expect(p99.length).toBe(c.nodes.length);
      for (const s of p99) {
        expect(s.value).toBeGreaterThan(0.002);
        expect(s.value).toBeLessThan(1);
      }
      const byPods = [...p99].sort((a, b) => a.pods - b.pods);
      const [fewest, most] = [byPods[0], byPods[byPods.length - 1]];
      if (fewest && most && most.pods > fewest.pods) expect(most.value, c.name).toBeGreaterThan(fewest.value);
    }
  });
});
