import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rest } from '../../catalog';
import { getDemoFleet } from '../../demo/fleet';
import { demoCloudAnswers } from '../../testing/azure/demo-answers';
import { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, LOCAL_TENANT, localCredential } from '../../testing/azure/fixtures';
import { startLocalCloud, type LocalCloud } from '../../testing/azure/local-cloud';
import { createDemoBackend } from '../demo-backend';
import { createQueryRunner, type QueryRunner } from '../runner';
import { createArmBackend } from './arm-backend';

const fleet = getDemoFleet('fleetwatch', 40);
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({
    tenantId: LOCAL_TENANT,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    answers: demoCloudAnswers(fleet),
  });
});
afterAll(() => cloud.close());
afterEach(() => cloud.reset());

const runnerOf = (o: { secret?: string; concurrency?: number } = {}): QueryRunner =>
  createQueryRunner({
    arg: null,
    logs: null,
    prom: null,
    arm: createArmBackend({
      endpoint: cloud.url,
      credential: localCredential(cloud, o.secret),
      ca: cloud.ca,
      concurrency: o.concurrency ?? 4,
    }),
  });
const demo = createQueryRunner({
  arg: null,
  logs: null,
  prom: null,
  arm: createDemoBackend({ seed: 'fleetwatch', clusters: 40 }),
});
const at = { kind: 'instant', at: 1_795_000_000 } as const;
const read = (runner: QueryRunner, resourceId: string, signal?: AbortSignal) =>
  runner.run(rest.diagnosticSettings, { resourceId }, at, undefined, { signal });
const aks = fleet.clusters.filter((c) => c.provider === 'aks').slice(0, 6);
const sub = `/subscriptions/${aks[0]?.subscriptionId ?? ''}`;

describe('diagnostic settings from Azure Resource Manager over HTTPS, as a catalog query', () => {
  it('reads clusters and a subscription, exactly as the demo reads them', async () => {
    const ids = [...aks.map((c) => c.id), sub];
    const runner = runnerOf();
    const [real, fromDemo] = await Promise.all([
      Promise.all(ids.map((id) => read(runner, id))),
      Promise.all(ids.map((id) => read(demo, id))),
    ]);
    expect(real.every((o) => o.ok)).toBe(true);
    expect(real.map((o) => o.ok && o.rows)).toEqual(fromDemo.map((o) => o.ok && o.rows));
    expect(real[0]?.executed).toMatchObject({
      kind: 'arm',
      id: 'arm.diagnostic-settings',
      text: `${aks[0]?.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
    });
    const arm = cloud.requests.filter((r) => r.service === 'arm');
    expect(arm).toHaveLength(ids.length);
    expect(
      arm.every((r) => r.status === 200 && r.path.endsWith('/providers/Microsoft.Insights/diagnosticSettings')),
    ).toBe(true);
    // One token for all of them.
    expect(cloud.requests.filter((r) => r.service === 'token' && r.method === 'POST')).toHaveLength(1);
  });

  it('one missing or forbidden resource costs only that resource, named as Azure Resource Manager', async () => {
    cloud.fault('arm', {
      kind: 'status',
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization.' } },
    });
    const runner = runnerOf({ concurrency: 1 });
    const forbidden = await read(runner, aks[1]?.id ?? '');
    const missing = await read(runner, `${aks[0]?.id ?? ''}-gone`);
    const fine = await read(runner, aks[2]?.id ?? '');
    expect(forbidden).toMatchObject({ ok: false, error: { source: 'arm', failure: 'forbidden', status: 403 } });
    expect(missing).toMatchObject({ ok: false, error: { source: 'arm', status: 404 } });
    expect(fine.ok).toBe(true);
  });

  it('waits for Retry-After on a 429, then reads', async () => {
    cloud.fault('arm', {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { code: 'TooManyRequests', message: 'slow down' } },
    });
    const started = Date.now();
    expect((await read(runnerOf(), aks[0]?.id ?? '')).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a credential that cannot sign in is unauthorized, and nothing reaches ARM', async () => {
    const out = await read(runnerOf({ secret: 'wrong-secret' }), sub);
    expect(out).toMatchObject({ ok: false, error: { source: 'arm', failure: 'unauthorized' } });
    expect(cloud.requests.filter((r) => r.service === 'arm')).toHaveLength(0);
  });

  it('a cancelled request stops its HTTP call', async () => {
    const controller = new AbortController();
    const runner = runnerOf();
    await read(runner, sub); // sign in first, so the abort lands on the ARM call
    cloud.fault('arm', { kind: 'delay', ms: 3000 });
    const started = Date.now();
    const pending = read(runner, aks[0]?.id ?? '', controller.signal);
    setTimeout(() => controller.abort(), 200);
    const out = await pending;
    expect(out).toMatchObject({ ok: false, error: { source: 'arm' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a resource id that is not one before anything is sent', async () => {
    for (const resourceId of [
      '/subscriptions/x/../../tenants',
      'https://evil.example/x',
      '/subscriptions/abc?api-version=1#',
      `${sub}/resourceGroups/rg/providers/Microsoft.X/y/z%2F..`,
    ]) {
      const out = await read(runnerOf(), resourceId);
      expect(out, resourceId).toMatchObject({ ok: false, error: { failure: 'bad-query' } });
    }
    expect(cloud.requests.filter((r) => r.service === 'arm')).toHaveLength(0);
  });
});
