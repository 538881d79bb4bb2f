import { describe, expect, it } from 'vitest';
import type { QueryRequest } from '../catalog/types';
import { CLUSTER_PAGES } from '../fleet/cluster/layers';
import { panelsOf } from '../fleet/cluster/panels';
import { getFleetOverview } from '../fleet/overview';
import { getDemoFleet } from '../demo/fleet';
import type { Backend } from '../sources/backend';
import { createDemoBackend } from '../sources/demo-backend';
import { createQueryRunner } from '../sources/runner';
import type { DataAccess } from './access';
import { readConfig } from './config';
import { loadClusterCost } from './cost-service';
import { loadPanel } from './panels';
import { clusterContext, createRequestContext } from './request-context';

/**
 * A cluster page costs the same at any fleet size: its lookup, every panel of every page and
 * its cost panel ask about that one cluster only. Counted at the backend on a 5,000-cluster
 * demo fleet, where one fleet-wide question would answer thousands of rows.
 */

const SIZE = 5000;
const NOW = 1_764_000_000;

interface Asked {
  id: string;
  params: Record<string, unknown>;
  rows: number;
}

/** Rows of any wire answer: Resource Graph data, Log Analytics tables, Prometheus results. */
function rowsOf(wire: unknown): number {
  const w = wire as { data?: unknown; tables?: Array<{ rows: unknown[] }>; result?: unknown[] } & {
    data?: { result?: unknown[] };
  };
  if (Array.isArray(w.data)) return w.data.length;
  if (w.tables) return w.tables.reduce((n, t) => n + t.rows.length, 0);
  const result = (w.data as { result?: unknown[] } | undefined)?.result ?? w.result;
  return Array.isArray(result) ? result.length : 0;
}

function counting(inner: Backend, log: Asked[]): Backend {
  return {
    label: inner.label,
    kinds: inner.kinds,
    async run(request: QueryRequest, options) {
      const answer = await inner.run(request, options);
      log.push({ id: request.query.id, params: request.params as Record<string, unknown>, rows: rowsOf(answer.wire) });
      return answer;
    },
  };
}

/** The cluster a query's parameters confine it to, or null when they name none (fleet-wide). */
function scopeOf(params: Record<string, unknown>): string[] | null {
  for (const key of ['clusters', 'names', 'clusterIds']) {
    const v = params[key];
    if (Array.isArray(v) && v.length > 0) return v as string[];
  }
  for (const key of ['cluster', 'clusterId']) if (typeof params[key] === 'string') return [params[key] as string];
  const prom = params['prom'] as { cluster?: string } | undefined;
  return prom?.cluster ? [prom.cluster] : null;
}

describe(`a cluster page at ${SIZE.toLocaleString('en')} clusters`, () => {
  const config = {
    ...readConfig({
      FLEETWATCH_DEMO_SEED: 'scope-test',
      FLEETWATCH_DEMO_CLUSTERS: String(SIZE),
      FLEETWATCH_CACHE_SECONDS: '0',
    }),
  };
  const fleet = getDemoFleet(config.demo.seed, SIZE);
  const log: Asked[] = [];
  const backend = counting(createDemoBackend(config.demo), log);
  const runner = createQueryRunner({ arg: backend, logs: backend, prom: backend });
  const access = {
    config,
    scope: 'shared',
    backends: { arg: backend, logs: backend, prom: backend },
    runner,
  } satisfies DataAccess;
  // One cluster with Prometheus and Container insights, one Arc-connected cluster.
  const picks = [
    fleet.clusters.find(
      (c) =>
        c.provider === 'aks' &&
        c.monitoring.managedPrometheus &&
        c.monitoring.containerInsights &&
        c.powerState === 'Running',
    ),
    fleet.clusters.find((c) => c.provider === 'arc'),
  ];

  for (const pick of picks) {
    it(`${pick?.provider} cluster: the lookup, every panel of every page and the cost panel ask about it alone`, async () => {
      expect(pick).toBeDefined();
      const name = pick?.name as string;
      const id = (pick?.id as string).toLowerCase();
      log.length = 0;
      const ctx = clusterContext(await createRequestContext(access, { cluster: name, now: NOW }));
      expect(ctx?.cluster.name).toBe(name);
      if (!ctx) return;
      for (const page of CLUSTER_PAGES) for (const spec of panelsOf(page)) await loadPanel(ctx, spec);
      const cost = await loadClusterCost(ctx);
      expect(cost.summary).toBeDefined();

      expect(log.length).toBeGreaterThan(10);
      for (const asked of log) {
        const scope = scopeOf(asked.params);
        expect(scope, `${asked.id} asked the whole fleet (${JSON.stringify(asked.params)})`).not.toBeNull();
        for (const s of scope ?? [])
          expect([name.toLowerCase(), id], `${asked.id} names another cluster`).toContain(s.toLowerCase());
      }
      // Scoped answers stay small: no answer holds more rows than the cluster has pods, say.
      const biggest = Math.max(...log.map((a) => a.rows));
      const totalRows = log.reduce((n, a) => n + a.rows, 0);
      console.log(
        `${pick?.provider} ${name}: ${log.length} queries, ${totalRows} rows, largest answer ${biggest} rows`,
      );
      expect(biggest).toBeLessThan(SIZE / 2);
    }, 60_000);
  }

  it("its summary is the overview's, by the same rules", async () => {
    const whole = await getFleetOverview(runner, {
      now: NOW,
      clusterLabel: 'cluster',
      latestMinor: config.latestMinor,
    });
    const fleetRows = log.slice(-whole.queries.length).reduce((n, a) => n + a.rows, 0);
    console.log(`the fleet overview: ${whole.queries.length} queries, ${fleetRows} rows`);
    for (const pick of picks) {
      const scoped = await getFleetOverview(runner, {
        now: NOW,
        clusterLabel: 'cluster',
        latestMinor: config.latestMinor,
        only: pick?.name,
      });
      expect(scoped.clusters).toHaveLength(1);
      expect(scoped.clusters[0]).toEqual(whole.clusters.find((c) => c.name === pick?.name));
    }
  }, 60_000);
});
