import { describe, expect, it } from 'vitest';
import { clusterEvents, containerLogs, nodeEvents, nodeInventory } from '../catalog/queries/cluster-logs';
import type { QueryRequest } from '../catalog/types';
import { logsRows } from '../catalog/wire';
import { getDemoFleet } from './fleet';
import { answerClusterLogs, demoLogLines } from './cluster-logs';
import { demoOnboarding } from './onboarding';

// 100 clusters: the 40 of the default demo hold one crash-looping cluster with Container insights, and it lacks ContainerLogV2.
const fleet = getDemoFleet('fleetwatch', 100);
const withLogs = fleet.clusters.find(
  (c) =>
    c.monitoring.containerInsights &&
    demoOnboarding(fleet, c).containerLogV2 &&
    c.workloads.some((w) => w.crashLooping > 0),
);
const withoutV2 = fleet.clusters.find(
  (c) => c.monitoring.containerInsights && !demoOnboarding(fleet, c).containerLogV2,
);
const T = 1_764_000_000;

function request(params: Record<string, unknown>, at: number, query = containerLogs): QueryRequest {
  const p = query.params.parse(params);
  return {
    query,
    params: p,
    text: query.build(p as never),
    time: { kind: 'instant', at },
    timespan: 'PT1H',
  } as QueryRequest;
}

describe('demo container logs', () => {
  it('are the same lines whenever they are asked for', () => {
    if (!withLogs) throw new Error('the demo fleet has a crash-looping cluster with Container insights');
    const a = demoLogLines(withLogs, T - 600, T, { limit: 50 });
    const b = demoLogLines(withLogs, T - 600, T, { limit: 50 });
    expect(a.length).toBe(50);
    expect(a.map((l) => [l.time, l.pod.name, l.message])).toEqual(b.map((l) => [l.time, l.pod.name, l.message]));
    expect(a.every((l) => l.time > T - 600 && l.time <= T)).toBe(true);
  });

  it('a tail asking after its cursor gets exactly the lines written since, within seconds', () => {
    if (!withLogs) throw new Error('no cluster');
    const before = demoLogLines(withLogs, T - 300, T, { limit: 100_000 });
    const after = demoLogLines(withLogs, T, T + 5, { limit: 100_000 });
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((l) => l.time > T && l.time <= T + 5)).toBe(true);
    const all = demoLogLines(withLogs, T - 300, T + 5, { limit: 100_000 });
    expect(all.length).toBe(before.length + after.length);
  });

  it('answers in the ContainerLogV2 wire shape, filtered by workload and search', () => {
    if (!withLogs) throw new Error('no cluster');
    const w = withLogs.workloads.find((x) => x.crashLooping > 0);
    const wire = answerClusterLogs(
      fleet,
      request({ clusterId: withLogs.id.toUpperCase(), workload: w?.name, search: 'REFUSED' }, T),
      T,
      3600,
    );
    const rows = logsRows(wire);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ContainerName === w?.name && String(r.LogMessage).includes('connection refused'))).toBe(
      true,
    );
    const parsed = containerLogs.parse(wire, containerLogs.params.parse({ clusterId: withLogs.id }));
    expect(parsed[0]?.LogLevel).toBe('ERROR');
  });

  it('has no rows for a cluster without Container insights, and events for troubled workloads', () => {
    const dark = fleet.clusters.find((c) => !c.monitoring.containerInsights);
    if (dark) expect(logsRows(answerClusterLogs(fleet, request({ clusterId: dark.id }, T), T, 3600))).toEqual([]);
    if (!withLogs) throw new Error('no cluster');
    const w = withLogs.workloads.find((x) => x.crashLooping > 0);
    const events = clusterEvents.parse(
      answerClusterLogs(
        fleet,
        request({ clusterId: withLogs.id, namespace: w?.namespace, workload: w?.name }, T, clusterEvents as never),
        T,
        3600,
      ),
      { clusterId: withLogs.id },
    );
    expect(events.map((e) => e.Reason)).toContain('BackOff');
    expect(events.every((e) => e.Name.startsWith(w?.name ?? '?'))).toBe(true);
  });
  it('a cluster whose data collection rule leaves ContainerLogV2 out has no lines in it', () => {
    expect(withoutV2).toBeDefined();
    if (!withoutV2) return;
    const wire = answerClusterLogs(fleet, request({ clusterId: withoutV2.id }, T), T, 3600);
    expect(logsRows(wire!)).toEqual([]);
    // Its pods still write: the same window has lines where ContainerLogV2 is collected.
    expect(demoLogLines(withoutV2, T - 3600, T, { limit: 10 }).length).toBeGreaterThan(0);
  });

  it('tell of a not-Ready node what Prometheus says: NotReady in the inventory, NodeNotReady from the kubelet or the node controller', () => {
    const troubled = fleet.clusters.filter(
      (c) => c.monitoring.containerInsights && c.nodes.some((n) => n.ready !== 'true'),
    );
    expect(troubled.length).toBeGreaterThan(0);
    for (const c of troubled) {
      for (const n of c.nodes
        .filter((x) => x.ready !== 'true')
        .concat(c.nodes.filter((x) => x.ready === 'true').slice(0, 1))) {
        const params = { clusterId: c.id, node: n.name };
        const events = nodeEvents.parse(
          answerClusterLogs(fleet, request(params, T, nodeEvents as never), T, 3600),
          params,
        );
        const [inventory, ...more] = nodeInventory.parse(
          answerClusterLogs(fleet, request(params, T, nodeInventory as never), T, 3600),
          params,
        );
        expect(more).toEqual([]);
        expect(inventory?.KubeletVersion).toBe(n.kubeletVersion);
        if (n.ready === 'true') {
          expect(events).toEqual([]);
          expect(inventory?.Status).toBe('Ready');
          continue;
        }
        expect(inventory?.Status).toBe(n.ready === 'false' ? 'NotReady' : 'Unknown');
        expect(events).toEqual([
          expect.objectContaining({
            KubeEventType: 'Warning',
            Reason: 'NodeNotReady',
            Message: `Node ${n.name} status is now: NodeNotReady`,
            SourceComponent: n.ready === 'false' ? 'kubelet' : 'node-controller',
          }),
        ]);
      }
    }
    const dark = fleet.clusters.find((c) => !c.monitoring.containerInsights);
    const node = dark?.nodes[0]?.name ?? 'x';
    if (dark)
      expect(
        logsRows(answerClusterLogs(fleet, request({ clusterId: dark.id, node }, T, nodeEvents as never), T, 3600)),
      ).toEqual([]);
  });
});
