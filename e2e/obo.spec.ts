import { expect, test, type Browser, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDemoFleet } from '../lib/demo/fleet';
import {
  OIDC_AUDIENCE,
  OIDC_CLIENT_ID,
  OIDC_ROLE,
  OIDC_SCOPE,
  OIDC_TENANT,
  startLocalOidc,
  type LocalOidc,
} from '../lib/testing/auth/local-oidc';
import { demoCloudAnswers } from '../lib/testing/azure/demo-answers';
import { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, LOCAL_TENANT } from '../lib/testing/azure/fixtures';
import { startLocalCloud, type LocalCloud } from '../lib/testing/azure/local-cloud';
import { OverviewPage } from './pages/overview-page';
import { SignInPage } from './pages/sign-in-page';
import { azureModeEnv } from './support/azure';
import { startPortal, stopPortal, waitForHealth } from './support/portal';
import { fleetResponseSchema } from '../lib/api/schemas';

/**
 * On-behalf-of in a real browser: users sign in through MSAL at the local OpenID provider;
 * the portal trades each user's token at the local Entra token endpoint and asks the local
 * Resource Graph and Log Analytics with the user's own rights. The server's own identity has
 * no secret here, so every row on screen came through a user's downstream token.
 */

const PORT = Number(process.env.E2E_OBO_PORT ?? 3259);
const BASE = `http://127.0.0.1:${PORT}`;
const fleet = getDemoFleet('fleetwatch', 40);
// Carol's Azure role assignments cover one subscription; Alice's cover the whole tenant.
const carolSubscription = fleet.clusters[0]!.subscriptionId;
const carolClusters = fleet.clusters
  .filter((c) => c.subscriptionId === carolSubscription)
  .map((c) => c.name)
  .sort();
const outsideCarol = fleet.clusters.find((c) => c.subscriptionId !== carolSubscription)!.name;

let oidc: LocalOidc;
let cloud: LocalCloud;
let server: ChildProcess;
let dir: string;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE, ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  oidc = await startLocalOidc(BASE);
  cloud = await startLocalCloud({
    tenantId: LOCAL_TENANT,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    answers: demoCloudAnswers(fleet, {
      readableSubscriptions: (subject) => (subject === 'carol' ? [carolSubscription] : null),
    }),
    verifyUserAssertion: (assertion) => oidc.verifyAccessToken(assertion),
  });
  dir = mkdtempSync(path.join(tmpdir(), 'fleetwatch-e2e-obo-'));
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, `${oidc.ca}\n${cloud.ca}`);
  const { AZURE_CLIENT_SECRET: _serverSecret, ...azure } = azureModeEnv(cloud.url, caFile);
  server = startPortal(PORT, {
    ...azure,
    // Long enough that Carol's and Alice's overviews fall in the same cache period.
    FLEETWATCH_CACHE_SECONDS: '120',
    AUTH_CLIENT_ID: OIDC_CLIENT_ID,
    AUTH_AUTHORITY: oidc.issuer,
    AUTH_ISSUER: oidc.issuer,
    AUTH_AUDIENCE: OIDC_AUDIENCE,
    AUTH_API_SCOPE: OIDC_SCOPE,
    AUTH_REQUIRED_ROLE: OIDC_ROLE,
    AUTH_ALLOWED_TENANTS: OIDC_TENANT,
    AUTH_AZURE_ACCESS: 'obo',
    AUTH_API_CLIENT_ID: LOCAL_CLIENT_ID,
    AUTH_CLIENT_SECRET: LOCAL_CLIENT_SECRET,
  });
  await waitForHealth(BASE);
});

test.afterAll(async () => {
  stopPortal(server);
  await cloud?.close();
  await oidc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signedInPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await page.goto('/');
  await signIn.expectSignInRequired();
  await signIn.signInAs(login);
  // The loaded overview, not its skeleton (which has the same heading).
  await expect(page.getByRole('table', { name: 'Clusters' })).toBeVisible({ timeout: 30_000 });
  return page;
}

async function apiClusterNames(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/fleet');
  expect(response.status()).toBe(200);
  return fleetResponseSchema
    .parse(await response.json())
    .clusters.map((c) => c.name)
    .sort();
}

test('each user sees the clusters their Azure rights allow, asked with their own token', async ({ browser }) => {
  test.setTimeout(90_000);
  const carol = await signedInPage(browser, 'carol');
  const carolView = new OverviewPage(carol);
  await expect.poll(async () => (await carolView.allNames()).sort()).toEqual(carolClusters);
  expect(await apiClusterNames(carol)).toEqual(carolClusters);

  // Same cache period: Alice gets her own answer, not Carol's cached one.
  const alice = await signedInPage(browser, 'alice');
  await expect.poll(async () => (await new OverviewPage(alice).allNames()).length).toBe(fleet.clusters.length);
  expect(await apiClusterNames(alice)).toEqual(fleet.clusters.map((c) => c.name).sort());
  // …and Carol's next look is still hers.
  expect(await apiClusterNames(carol)).toEqual(carolClusters);

  // Every Azure request carried a user's downstream token; the server never used its own identity.
  const data = cloud.requests.filter((r) => r.service === 'arg' || r.service === 'logs');
  expect(data.length).toBeGreaterThan(0);
  expect(new Set(data.map((r) => r.subject))).toEqual(new Set(['carol', 'alice']));
  const grants = cloud.requests.filter((r) => r.service === 'token' && r.method === 'POST');
  expect(grants.every((r) => r.subject === 'carol' || r.subject === 'alice')).toBe(true);
  await carol.context().close();
  await alice.context().close();
});

test("a cluster outside the user's rights is not found, on the page and in the API", async ({ browser }) => {
  const carol = await signedInPage(browser, 'carol');
  const response = await carol.goto(`/clusters/${encodeURIComponent(outsideCarol)}/summary`);
  expect(response?.status()).toBe(404);
  await expect(carol.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect((await carol.request.get(`/api/clusters/${encodeURIComponent(outsideCarol)}/logs`)).status()).toBe(404);
  // Her own cluster opens.
  await carol.goto(`/clusters/${encodeURIComponent(carolClusters[0]!)}/summary`);
  await expect(carol.getByRole('heading', { name: carolClusters[0]! })).toBeVisible({ timeout: 20_000 });
  await carol.context().close();
});
