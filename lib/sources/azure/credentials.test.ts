import type { TokenCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDemoFleet } from '../../demo/fleet';
import { localCredential, startDemoCloud } from '../../testing/azure/fixtures';
import type { LocalCloud } from '../../testing/azure/local-cloud';
import { reuseTokens, TOKEN_REFRESH_BEFORE_MS } from './credentials';

/**
 * Token reuse with the real @azure/identity ClientSecretCredential against the local token
 * endpoint, which logs every OpenID configuration fetch and every grant.
 */

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startDemoCloud(getDemoFleet('fleetwatch', 3));
});
afterAll(async () => cloud?.close());
afterEach(() => cloud.reset());

const grants = () => cloud.requests.filter((r) => r.service === 'token' && r.method === 'POST');
const openid = () =>
  cloud.requests.filter((r) => r.service === 'token' && r.method === 'GET' && r.path.endsWith('/openid-configuration'));
const ARM = () => `${cloud.url}/.default`;
const PROM = 'https://prometheus.monitor.azure.com/.default';

/** The real credential, with a count of what reaches it and a switch that makes it fail. */
function counting(inner: TokenCredential): {
  credential: TokenCredential;
  calls: () => number;
  failing: (on: boolean) => void;
} {
  let calls = 0;
  let fail = false;
  return {
    credential: {
      getToken(scopes, options) {
        calls++;
        return fail ? Promise.reject(new Error('token endpoint down')) : inner.getToken(scopes, options);
      },
    },
    calls: () => calls,
    failing: (on) => {
      fail = on;
    },
  };
}

/** Ten callers at once for each of two scopes, as a cold overview does. */
async function coldBurst(credential: TokenCredential): Promise<string[]> {
  const asked = Array.from({ length: 10 }, (_, i) => credential.getToken(i % 2 ? ARM() : PROM));
  return (await Promise.all(asked)).map((t) => t?.token ?? '');
}

describe('reuseTokens', () => {
  it('without it, concurrent callers each ask Entra and each fetch the OpenID configuration (the defect)', async () => {
    await coldBurst(localCredential(cloud));
    expect(grants().length).toBeGreaterThan(2);
    expect(openid().length).toBeGreaterThan(1);
  });

  it('asks once per scope and fetches the OpenID configuration once, however many callers', async () => {
    const credential = reuseTokens(localCredential(cloud));
    const tokens = await coldBurst(credential);
    expect(
      grants()
        .map((g) => g.scope)
        .sort(),
    ).toEqual([ARM(), PROM].sort());
    expect(openid()).toHaveLength(1);
    expect(new Set(tokens).size).toBe(2);
    // Later calls are answered from the cache, with the same token.
    expect((await credential.getToken(ARM()))?.token).toBe(tokens[1]);
    expect((await credential.getToken([PROM]))?.token).toBe(tokens[0]);
    expect(grants()).toHaveLength(2);
  });

  it('renews a token with less than five minutes left, once for all callers', async () => {
    let now = Date.now();
    const { credential: counted, calls } = counting(localCredential(cloud));
    const credential = reuseTokens(counted, { now: () => now });
    const first = await credential.getToken(ARM());
    expect(first).not.toBeNull();
    // Not yet: more than five minutes left.
    now = first!.expiresOnTimestamp - TOKEN_REFRESH_BEFORE_MS - 1000;
    expect((await credential.getToken(ARM()))?.token).toBe(first!.token);
    expect(calls()).toBe(1);
    now = first!.expiresOnTimestamp - TOKEN_REFRESH_BEFORE_MS + 1000;
    await Promise.all([credential.getToken(ARM()), credential.getToken(ARM()), credential.getToken(ARM())]);
    expect(calls()).toBe(2);
  });

  it('keeps a still-valid token when its renewal fails, and fails once it has expired', async () => {
    let now = Date.now();
    const { credential: counted, failing } = counting(localCredential(cloud));
    const credential = reuseTokens(counted, { now: () => now });
    const first = await credential.getToken(ARM());
    failing(true);
    now = first!.expiresOnTimestamp - 60_000;
    expect((await credential.getToken(ARM()))?.token).toBe(first!.token);
    now = first!.expiresOnTimestamp + 1;
    await expect(credential.getToken(ARM())).rejects.toThrow(/token endpoint down/);
    failing(false);
    expect((await credential.getToken(ARM()))?.token).toBeTruthy();
  });

  it('a claims challenge gets a new token, which later callers then share', async () => {
    const { credential: counted, calls } = counting(localCredential(cloud));
    const credential = reuseTokens(counted);
    const first = await credential.getToken(ARM(), { enableCae: true });
    const challenged = await credential.getToken(ARM(), {
      enableCae: true,
      claims: '{"access_token":{"nbf":{"essential":true,"value":"1"}}}',
    });
    expect(calls()).toBe(2);
    expect(challenged?.token).not.toBe(first?.token);
    expect((await credential.getToken(ARM(), { enableCae: true }))?.token).toBe(challenged?.token);
    expect(calls()).toBe(2);
  });

  it('one caller giving up does not cancel the request the others wait for', async () => {
    const credential = reuseTokens(localCredential(cloud));
    cloud.fault('token', { kind: 'delay', ms: 300 });
    const controller = new AbortController();
    const quitter = credential.getToken(ARM(), { abortSignal: controller.signal });
    const patient = credential.getToken(ARM());
    controller.abort();
    await expect(quitter).rejects.toThrow();
    expect((await patient)?.token).toBeTruthy();
    expect(grants()).toHaveLength(1);
  });

  it('is one wrapper per credential, and wrapping a wrapper changes nothing', () => {
    const raw = localCredential(cloud);
    const wrapped = reuseTokens(raw);
    expect(reuseTokens(raw)).toBe(wrapped);
    expect(reuseTokens(wrapped)).toBe(wrapped);
    // Another credential (another user's) has its own tokens.
    expect(reuseTokens(localCredential(cloud))).not.toBe(wrapped);
  });
});
