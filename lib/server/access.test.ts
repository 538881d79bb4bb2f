import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readAuthConfig, type AuthConfig } from '../auth/config';
import { verifyToken, type AuthUser } from '../auth/verify';
import { getDemoFleet } from '../demo/fleet';
import { startTestIssuer, type TestIssuer } from '../testing/auth/test-issuer';
import { demoCloudAnswers } from '../testing/azure/demo-answers';
import { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, LOCAL_TENANT } from '../testing/azure/fixtures';
import { startLocalCloud, type LocalCloud } from '../testing/azure/local-cloud';
import { createAccessRegistry, SHARED_SCOPE } from './access';
import { readConfig, type AppConfig } from './config';
import { loadFleetOverview } from './fleet-service';
import { loadOnboarding } from './onboarding-service';

/**
 * On-behalf-of through the data services: each signed-in user's questions reach the local
 * Azure with that user's downstream token (the servers record its subject), Azure RBAC
 * decides what comes back, and the caches never hand one user's answer to another.
 */

const fleet = getDemoFleet('fleetwatch', 30);
const NOW_S = 1_764_000_000;
const API = 'api://fleetwatch-obo';
// Carol is a developer whose Azure role assignments cover one subscription; Alice reads all.
const carolSubscription = fleet.clusters[0]!.subscriptionId;
const carolClusters = fleet.clusters
  .filter((c) => c.subscriptionId === carolSubscription)
  .map((c) => c.name)
  .sort();
const allClusters = fleet.clusters.map((c) => c.name).sort();

let issuer: TestIssuer;
let cloud: LocalCloud;
let app: AppConfig;
let auth: AuthConfig;

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: API });
  cloud = await startLocalCloud({
    tenantId: LOCAL_TENANT,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    answers: demoCloudAnswers(fleet, {
      now: () => NOW_S,
      readableSubscriptions: (subject) => (subject === 'user-carol' ? [carolSubscription] : null),
    }),
    verifyUserAssertion: (assertion) => issuer.verifyAccessToken(assertion),
  });
  app = readConfig({
    AZURE_TENANT_ID: LOCAL_TENANT,
    AZURE_AUTHORITY_HOST: cloud.url,
    AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
    AZURE_RESOURCE_MANAGER_ENDPOINT: cloud.url,
    AZURE_LOG_ANALYTICS_ENDPOINT: cloud.url,
    // Discovered Azure Monitor workspaces are not reachable from a test: fail fast.
    PROMETHEUS_TIMEOUT_MS: '500',
  });
  const read = readAuthConfig({
    AUTH_CLIENT_ID: 'fleetwatch-spa',
    AUTH_AUTHORITY: issuer.issuer,
    AUTH_ISSUER: issuer.issuer,
    AUTH_JWKS_URI: issuer.jwksUri,
    AUTH_AUDIENCE: API,
    AUTH_AZURE_ACCESS: 'obo',
    AUTH_API_CLIENT_ID: LOCAL_CLIENT_ID,
    AUTH_CLIENT_SECRET: LOCAL_CLIENT_SECRET,
    AZURE_TENANT_ID: LOCAL_TENANT,
  });
  if (!read) throw new Error('expected a sign-in configuration');
  auth = read;
});

afterAll(async () => {
  await cloud?.close();
  await issuer?.close();
});

afterEach(() => cloud.reset());

async function signedIn(subject: string, claims: Record<string, unknown> = {}): Promise<AuthUser> {
  const outcome = await verifyToken(
    await issuer.sign({ scp: 'Fleet.Read', tid: LOCAL_TENANT, ...claims }, { subject }),
    auth,
  );
  if (!outcome.ok || !outcome.user) throw new Error(`token for ${subject} was refused`);
  return outcome.user;
}

const served = (service: 'arg' | 'logs' | 'arm' | 'token') => cloud.requests.filter((r) => r.service === service);

// Many HTTPS round trips per test (token exchanges, Resource Graph, Log Analytics): room for a busy machine.
describe('on-behalf-of through the data services', { timeout: 20_000 }, () => {
  it('each user sees what their Azure rights allow, asked with their own token, in the same cache period', async () => {
    const registry = createAccessRegistry({ ca: cloud.ca });
    const alice = registry.forUser(await signedIn('user-alice'), app, auth);
    const carol = registry.forUser(await signedIn('user-carol'), app, auth);
    expect(alice.scope).not.toBe(carol.scope);
    const nowMs = NOW_S * 1000;

    const aliceView = await loadFleetOverview(alice, nowMs);
    const aliceArg = served('arg').length;
    const carolView = await loadFleetOverview(carol, nowMs);

    expect(aliceView.clusters.map((c) => c.name).sort()).toEqual(allClusters);
    expect(carolView.clusters.map((c) => c.name).sort()).toEqual(carolClusters);
    expect(carolClusters.length).toBeGreaterThan(0);
    expect(carolClusters.length).toBeLessThan(allClusters.length);
    // Carol's overview was asked, not served from Alice's cache entry of the same period.
    expect(served('arg').length).toBeGreaterThan(aliceArg);
    expect(
      served('arg')
        .slice(aliceArg)
        .every((r) => r.subject === 'user-carol'),
    ).toBe(true);
    // Every data request carried a user's downstream token: the server's identity was never used.
    const data = [...served('arg'), ...served('logs')];
    expect(data.length).toBeGreaterThan(4);
    expect(data.every((r) => r.subject === 'user-alice' || r.subject === 'user-carol')).toBe(true);
    expect(
      served('token')
        .filter((r) => r.method === 'POST')
        .every((r) => r.subject !== undefined),
    ).toBe(true);
    // Carol's Log Analytics questions went only to workspaces in her subscription (none refused).
    expect(served('logs').every((r) => r.status === 200)).toBe(true);

    // Within the period each user's answer comes from their own cache entry.
    const before = cloud.requests.length;
    expect((await loadFleetOverview(carol, nowMs + 1)).clusters.map((c) => c.name).sort()).toEqual(carolClusters);
    expect((await loadFleetOverview(alice, nowMs + 1)).clusters.length).toBe(allClusters.length);
    expect(cloud.requests.length).toBe(before);
  });

  it("each user's downstream tokens are asked once per scope, kept for that user only", async () => {
    const registry = createAccessRegistry({ ca: cloud.ca });
    const alice = registry.forUser(await signedIn('user-alice'), app, auth);
    const carol = registry.forUser(await signedIn('user-carol'), app, auth);
    const nowMs = NOW_S * 1000 + 30_000;
    // Cold, at the same time: every panel of both overviews wants a token.
    await Promise.all([loadFleetOverview(alice, nowMs), loadFleetOverview(carol, nowMs)]);
    const grants = served('token').filter((r) => r.method === 'POST');
    for (const user of ['user-alice', 'user-carol']) {
      const own = grants.filter((r) => r.subject === user);
      // Resource Graph + Log Analytics (one origin here) and managed Prometheus: two scopes, two exchanges.
      expect(own.map((r) => r.scope?.split(' ').find((x) => x.endsWith('/.default'))).sort()).toEqual(
        [`${cloud.url}/.default`, 'https://prometheus.monitor.azure.com/.default'].sort(),
      );
    }
    expect(grants).toHaveLength(4);
    // One OpenID configuration per user's msal app, not one per request.
    expect(served('token').filter((r) => r.method === 'GET')).toHaveLength(2);
    // A later period reuses each user's tokens; each request still carries its own user's.
    const before = grants.length;
    await loadFleetOverview(carol, nowMs + 3_600_000);
    expect(served('token').filter((r) => r.method === 'POST')).toHaveLength(before);
    const late = served('arg').slice(-2);
    expect(late.every((r) => r.subject === 'user-carol')).toBe(true);
  });

  it("diagnostic settings are read from ARM with the user's token, only for their clusters", async () => {
    const registry = createAccessRegistry({ ca: cloud.ca });
    const carol = registry.forUser(await signedIn('user-carol'), app, auth);
    const loaded = await loadOnboarding(carol, NOW_S * 1000 + 7_000);
    expect(loaded.inputs.clusters.map((c) => c.name).sort()).toEqual(carolClusters);
    const arm = served('arm');
    expect(arm.length).toBeGreaterThan(0);
    expect(arm.every((r) => r.subject === 'user-carol' && r.status !== 403)).toBe(true);
    // Alice in the same cache period gets her own matrix, not Carol's.
    const alice = registry.forUser(await signedIn('user-alice'), app, auth);
    expect((await loadOnboarding(alice, NOW_S * 1000 + 7_000)).inputs.clusters.length).toBe(allClusters.length);
  });

  it("a renewed token keeps the user's backends; a second user gets their own; the oldest user is let go", async () => {
    const registry = createAccessRegistry({ ca: cloud.ca, maxUsers: 2 });
    const first = registry.forUser(await signedIn('user-alice'), app, auth, 1);
    const renewed = registry.forUser(await signedIn('user-alice', { jti: 'renewed' }), app, auth, 2);
    expect(renewed).toBe(first);
    registry.forUser(await signedIn('user-carol'), app, auth, 3);
    expect(registry.userCount()).toBe(2);
    registry.forUser(await signedIn('user-dave'), app, auth, 4);
    expect(registry.userCount()).toBe(2);
    // Alice was least recently seen: she gets fresh backends (and a fresh discovery) next time.
    expect(registry.forUser(await signedIn('user-alice'), app, auth, 5)).not.toBe(first);
  });

  it('an Entra user is the same user under any app: the scope is tenant + object id', async () => {
    const registry = createAccessRegistry({ ca: cloud.ca });
    const a = registry.forUser(await signedIn('pairwise-sub-1', { oid: 'oid-alice' }), app, auth);
    const b = registry.forUser(await signedIn('pairwise-sub-2', { oid: 'oid-alice' }), app, auth);
    expect(a).toBe(b);
    expect(a.scope).toBe(`user:${LOCAL_TENANT}:oid-alice`);
  });

  it("with the server's identity (or the demo) everyone shares one access and one cache", async () => {
    const registry = createAccessRegistry({ ca: cloud.ca });
    const server = { ...auth, azureAccess: 'server' as const };
    const a = registry.forUser(await signedIn('user-alice'), app, server);
    const b = registry.forUser(await signedIn('user-carol'), app, server);
    expect(a).toBe(b);
    expect(a.scope).toBe(SHARED_SCOPE);
    const demo = readConfig({});
    expect(registry.forUser(await signedIn('user-alice'), demo, auth).scope).toBe(SHARED_SCOPE);
    expect(registry.userCount()).toBe(0);
    expect(() => registry.forUser(null, app, auth)).toThrow(/signed-in user/);
  });

  it("a user whose token Entra refuses to exchange gets failed panels, never another user's data", async () => {
    const registry = createAccessRegistry({ ca: cloud.ca });
    const user = await signedIn('user-mallory');
    // The portal accepted the token; Entra refuses the exchange (e.g. consent revoked).
    const forged = {
      ...user,
      token: await issuer.sign({ scp: 'Fleet.Read' }, { subject: 'user-mallory', forge: true }),
    };
    const view = await loadFleetOverview(registry.forUser(forged, app, auth), NOW_S * 1000 + 20_000);
    expect(view.clusters).toEqual([]);
    expect(view.notices.length).toBeGreaterThan(0);
    // The panel says what went wrong in words a user can act on, as an authorization failure.
    expect(view.notices[0]).toMatchObject({ queryId: 'arg.fleet-inventory', failure: 'unauthorized' });
    expect(view.notices[0]?.message).toContain(
      'on-behalf-of token exchange refused (AADSTS50013): Entra did not accept your sign-in token for the exchange: sign in again',
    );
    expect(served('arg').filter((r) => r.status === 200)).toEqual([]);
  });
});
