import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientSecretCredential } from '@azure/identity';
import { fleet as q } from '../../catalog';
import { getDemoFleet } from '../../demo/fleet';
import { localCredential, startDemoCloud } from '../../testing/azure/fixtures';
import type { LocalCloud } from '../../testing/azure/local-cloud';
import { createQueryRunner } from '../runner';
import { SourceError } from '../errors';
import { createResourceGraphBackend, parseQuotaResetsAfter, type ResourceGraphBackendOptions } from './resource-graph';

const fleet = getDemoFleet('fleetwatch', 2500);
const instant = { kind: 'instant', at: 1_764_000_000 } as const;

let cloud: LocalCloud;
let credential: ClientSecretCredential;

beforeAll(async () => {
  cloud = await startDemoCloud(fleet, { now: () => instant.at });
});
afterAll(() => cloud.close());
// A fresh identity per test: quota state and cached tokens are per credential.
beforeEach(() => {
  credential = localCredential(cloud);
});
afterEach(() => cloud.reset());

function runnerWith(extra: Partial<ResourceGraphBackendOptions> = {}) {
  const arg = createResourceGraphBackend({
    endpoint: cloud.url,
    credential,
    clientOptions: { tlsOptions: { ca: cloud.ca } },
    retry: { baseDelayMs: 20 },
    ...extra,
  });
  return { arg, runner: createQueryRunner({ arg, logs: null, prom: null }) };
}

const argRequests = () => cloud.requests.filter((r) => r.service === 'arg');

describe('Resource Graph backend over HTTPS with the real SDK', () => {
  it('pages the inventory with $skipToken, 1,000 rows a page, one request per page', async () => {
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.rows).toHaveLength(2500);
    expect(new Set(outcome.rows.map((r) => r.id)).size).toBe(2500);
    expect(outcome.notices).toEqual([]);
    expect(argRequests().map((r) => r.skipToken)).toEqual([false, true, true]);
    expect(argRequests().every((r) => r.top === 1000 && r.resultFormat === 'objectArray')).toBe(true);
    // The credential signed in once: OpenID discovery and one token for all three pages.
    expect(cloud.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'))).toHaveLength(1);
  });

  it('waits for Retry-After on a 429 and then succeeds', async () => {
    cloud.fault('arg', {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { code: 'RateLimiting', message: 'Client application has been throttled.' } },
    });
    const { runner } = runnerWith();
    const started = Date.now();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(argRequests().map((r) => r.status)).toEqual([429, 200, 200, 200]);
  });

  it('fails the panel at once when Retry-After is longer than it will wait', async () => {
    cloud.fault('arg', {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '120' },
      body: { error: { code: 'RateLimiting', message: 'Client application has been throttled.' } },
    });
    const { runner } = runnerWith();
    const started = Date.now();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ source: 'arg', failure: 'throttled', status: 429 });
    expect(outcome.error.message).toContain('retry in 120 s');
    expect(argRequests()).toHaveLength(1);
  });

  it('respects x-ms-user-quota-remaining 0 before the next page instead of getting throttled', async () => {
    cloud.fault('arg', { kind: 'quota', remaining: 0, resetsAfter: '00:00:01' });
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(true);
    const [first, second] = argRequests();
    expect(argRequests().map((r) => r.status)).toEqual([200, 200, 200]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('gives up without a request when the quota resets later than it will wait', async () => {
    cloud.fault('arg', { kind: 'quota', remaining: 0, resetsAfter: '00:01:00' });
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ failure: 'throttled' });
    expect(argRequests()).toHaveLength(1);
  });

  it('retries a 500 and then succeeds', async () => {
    cloud.fault('arg', { kind: 'status', status: 500 });
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(true);
    expect(argRequests().map((r) => r.status)).toEqual([500, 200, 200, 200]);
  });

  it('reports a 500 that does not go away as a server error of Resource Graph', async () => {
    cloud.fault('arg', { kind: 'status', status: 500 }, 5);
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ source: 'arg', failure: 'server-error', status: 500 });
    expect(argRequests()).toHaveLength(3); // the first try and two retries, no more
  });

  it('reports malformed JSON as a bad response', async () => {
    cloud.fault('arg', { kind: 'malformed' });
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.failure).toBe('bad-response');
  });

  it('times out a response slower than its deadline', async () => {
    cloud.fault('arg', { kind: 'delay', ms: 2000 });
    const { runner } = runnerWith({ timeoutMs: 400 });
    const started = Date.now();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ failure: 'timeout' });
  });

  it('reports an expired token as unauthorized', async () => {
    const { runner } = runnerWith();
    expect((await runner.run(q.fleetInventory, {}, instant)).ok).toBe(true);
    cloud.expireTokens();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatchObject({ failure: 'unauthorized', status: 401 });
      expect(outcome.error.message).toContain('ExpiredAuthenticationToken');
    }
  });

  it('reports a credential the token endpoint refuses as unauthorized, without calling Resource Graph', async () => {
    credential = localCredential(cloud, 'wrong-secret');
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.failure).toBe('unauthorized');
    expect(argRequests()).toHaveLength(0);
  });

  it('maps 403 to forbidden and 400 to a bad query with the service message', async () => {
    cloud.fault('arg', {
      kind: 'status',
      status: 403,
      body: {
        error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action.' },
      },
    });
    const { runner } = runnerWith();
    const forbidden = await runner.run(q.fleetInventory, {}, instant);
    if (!forbidden.ok) expect(forbidden.error).toMatchObject({ failure: 'forbidden', status: 403 });
    cloud.fault('arg', {
      kind: 'status',
      status: 400,
      body: {
        error: {
          code: 'BadRequest',
          message: 'Please provide below info when asking for support.',
          details: [{ code: 'InvalidQuery', message: 'Query is invalid.' }],
        },
      },
    });
    const bad = await runner.run(q.fleetInventory, {}, instant);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatchObject({ failure: 'bad-query', status: 400 });
      expect(bad.error.message).toContain('Query is invalid.');
    }
  });

  it('surfaces resultTruncated as a notice', async () => {
    cloud.fault('arg', { kind: 'truncate' });
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.rows).toHaveLength(1000);
    expect(outcome.notices).toEqual([
      expect.objectContaining({ severity: 'warning', source: 'arg', message: expect.stringContaining('truncated') }),
    ]);
  });

  it('says when the tenant has more subscriptions than Resource Graph answers for', async () => {
    cloud.fault('arg', { kind: 'headers', headers: { 'x-ms-tenant-subscription-limit-hit': 'true' } });
    const { runner } = runnerWith();
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.rows).toHaveLength(2500);
    expect(outcome.notices).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('first 10,000 subscriptions of tenant'),
      }),
    ]);
  });

  it('sends subscriptions in batches of fewer than 300', async () => {
    const real = [...new Set(fleet.clusters.map((c) => c.subscriptionId))];
    const padding = Array.from(
      { length: 600 - real.length },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const { runner } = runnerWith({ subscriptions: [...real, ...padding] });
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.rows).toHaveLength(2500);
    // First batch holds every real subscription (three pages); the others are empty (one page each).
    expect(argRequests().map((r) => r.subscriptions)).toEqual([250, 250, 250, 250, 100]);
    expect(argRequests().every((r) => r.allowPartialScopes === undefined)).toBe(true);
  });

  it('one failing batch costs its subscriptions, not the panel', async () => {
    const real = [...new Set(fleet.clusters.map((c) => c.subscriptionId))];
    const { runner } = runnerWith({ subscriptions: real, subscriptionBatchSize: 3 });
    cloud.fault('arg', {
      kind: 'status',
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: 'no access' } },
    });
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const failedSubs = new Set(real.slice(0, 3));
    expect(outcome.rows.length).toBe(fleet.clusters.filter((c) => !failedSubs.has(c.subscriptionId)).length);
    expect(outcome.notices).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('subscriptions 1–3 of') }),
    ]);
  });

  it('queries a management group when one is configured', async () => {
    const { runner } = runnerWith({ managementGroup: 'contoso-platform' });
    const outcome = await runner.run(q.fleetInventory, {}, instant);
    expect(outcome.ok).toBe(true);
    expect(argRequests()[0]).toMatchObject({
      managementGroups: ['contoso-platform'],
      subscriptions: undefined,
      allowPartialScopes: true,
    });
  });

  it('honours a per-request credential over the default one', async () => {
    const { arg } = runnerWith();
    const other = localCredential(cloud);
    cloud.expireTokens(); // nothing issued yet to `other`; the default's token would now fail
    const result = await arg.run(
      { query: q.fleetInventory, params: {}, text: q.fleetInventory.build({}), time: instant } as Parameters<
        typeof arg.run
      >[0],
      { credential: other } as Parameters<typeof arg.run>[1],
    );
    expect((result.wire as { count: number }).count).toBe(2500);
  });

  it('maps an unreachable endpoint to unreachable', async () => {
    const arg = createResourceGraphBackend({
      endpoint: 'https://127.0.0.1:9',
      credential,
      clientOptions: { tlsOptions: { ca: cloud.ca } },
      retry: { maxRetries: 0 },
    });
    await expect(
      arg.run({ query: q.fleetInventory, params: {}, text: 'resources | project id', time: instant } as Parameters<
        typeof arg.run
      >[0]),
    ).rejects.toSatisfy((e: unknown) => e instanceof SourceError && e.failure === 'unreachable');
  });
});

describe('parseQuotaResetsAfter', () => {
  it('reads hh:mm:ss', () => {
    expect(parseQuotaResetsAfter('00:00:03')).toBe(3000);
    expect(parseQuotaResetsAfter('01:02:03.5')).toBe(3_723_500);
    expect(parseQuotaResetsAfter('soon')).toBeNull();
    expect(parseQuotaResetsAfter(undefined)).toBeNull();
  });
});
