import { describe, expect, it } from 'vitest';
import { getDemoFleet } from '../demo/fleet';
import type { Backend } from '../sources/backend';
import { createDemoBackend } from '../sources/demo-backend';
import { SourceError } from '../sources/errors';
import { createQueryRunner } from '../sources/runner';
import type { DataAccess } from './access';
import { readConfig } from './config';
import { sourceFailed } from './http';
import { createRequestContext } from './request-context';

/** A cluster page whose inventory cannot answer names the failing source; it never claims the cluster does not exist. */

const config = readConfig({
  FLEETWATCH_DEMO_SEED: 'lookup-test',
  FLEETWATCH_DEMO_CLUSTERS: '20',
  FLEETWATCH_CACHE_SECONDS: '0',
});
const demo = createDemoBackend(config.demo);
const name = getDemoFleet(config.demo.seed, 20).clusters[0]!.name;

// Lookups are cached per scope for at least a second; each access keeps its own.
function accessWith(arg: Backend, scope: string): DataAccess {
  const backends = { arg, logs: demo, prom: demo };
  return { config, scope, backends, runner: createQueryRunner(backends) };
}

const inventoryFails: Backend = {
  ...demo,
  run: (r, o) =>
    r.query.id === 'arg.fleet-inventory'
      ? Promise.reject(
          new SourceError('Resource Graph: 503 Service Unavailable', {
            source: 'arg',
            failure: 'unreachable',
            status: 503,
          }),
        )
      : demo.run(r, o),
};

describe('looking a cluster up', () => {
  it('finds a cluster of the fleet, and says plainly when a name is not in it', async () => {
    const found = await createRequestContext(accessWith(demo, 'healthy'), { cluster: name });
    expect(found.cluster?.name).toBe(name);
    expect(found.lookupFailure).toBeNull();
    const missing = await createRequestContext(accessWith(demo, 'healthy'), { cluster: 'no-such-cluster' });
    expect(missing.cluster).toBeNull();
    expect(missing.lookupFailure).toBeNull();
  });

  it('names the failing inventory instead of answering "not found"', async () => {
    const ctx = await createRequestContext(accessWith(inventoryFails, 'inventory-fails'), { cluster: name });
    expect(ctx.cluster).toBeNull();
    expect(ctx.lookupFailure).toMatchObject({ source: 'arg', failure: 'unreachable' });
    // Route handlers answer with the source's failure, not 404.
    const res = sourceFailed(ctx.lookupFailure!);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { source: expect.stringMatching(/Resource Graph/) } });
  });
});
