import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  OIDC_AUDIENCE,
  OIDC_CLIENT_ID,
  OIDC_ROLE,
  OIDC_SCOPE,
  OIDC_TENANT,
  startLocalOidc,
  type LocalOidc,
} from '../lib/testing/auth/local-oidc';
import { OverviewPage } from './pages/overview-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Sign-in through MSAL against a real OpenID provider (oidc-provider on loopback HTTPS):
 * the production server on its own port with AUTH_* set, the browser doing the redirect
 * flow, the server checking every request. playwright.config.ts stays as it is.
 */

const PORT = Number(process.env.E2E_AUTH_PORT ?? 3229);
const BASE = `http://127.0.0.1:${PORT}`;

let oidc: LocalOidc;
let server: ChildProcess;
let dir: string;

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('next start did not come up with sign-in configured');
}

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE, ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  oidc = await startLocalOidc(BASE);
  dir = mkdtempSync(path.join(tmpdir(), 'fleetwatch-e2e-auth-'));
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, oidc.ca);
  server = spawn('npx', ['next', 'start', '-p', String(PORT)], {
    stdio: 'ignore',
    detached: true,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_EXTRA_CA_CERTS: caFile,
      AUTH_CLIENT_ID: OIDC_CLIENT_ID,
      AUTH_AUTHORITY: oidc.issuer,
      AUTH_ISSUER: oidc.issuer,
      AUTH_AUDIENCE: OIDC_AUDIENCE,
      AUTH_API_SCOPE: OIDC_SCOPE,
      AUTH_REQUIRED_SCOPE: OIDC_SCOPE,
      AUTH_REQUIRED_ROLE: OIDC_ROLE,
      AUTH_ALLOWED_TENANTS: OIDC_TENANT,
    },
  });
  await waitForHealth();
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  await oidc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the API refuses a request without a token', async ({ request }) => {
  const response = await request.get('/api/fleet');
  expect(response.status()).toBe(401);
  expect(response.headers()['www-authenticate']).toContain('Bearer');
  expect((await request.get('/api/health')).status()).toBe(200);
});

test('sign in through MSAL, see the fleet, sign out and be refused', async ({ page }) => {
  const signIn = new SignInPage(page);
  const overview = new OverviewPage(page);
  const first = await page.goto('/?health=critical');
  expect(first?.status()).toBe(401);
  await signIn.expectSignInRequired();
  await expect(signIn.headerSignIn).toBeVisible();

  await signIn.signInAs('alice');
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible({ timeout: 20_000 });
  await expect(overview.dataRows().first()).toBeVisible();
  await expect(signIn.accountButton).toContainText('Alice Admin');
  // Back on the page that was asked for, with nothing secret in the address.
  expect(new URL(page.url()).searchParams.get('health')).toBe('critical');
  expect(page.url()).not.toMatch(/code=|access_token|id_token|#/);
  // The browser's session cookie now opens the API too.
  expect((await page.request.get('/api/fleet?limit=1')).status()).toBe(200);

  await signIn.signOut();
  // The provider sends the browser back to the portal (MSAL adds its `state`, nothing secret).
  await page.waitForURL((url) => url.origin === BASE && url.pathname === '/');
  await signIn.expectSignInRequired();
  expect((await page.request.get('/api/fleet?limit=1')).status()).toBe(401);
});

test('a user without the app role is signed in but refused', async ({ page }) => {
  const signIn = new SignInPage(page);
  await page.goto('/');
  await signIn.expectSignInRequired();
  await signIn.signInAs('bob');
  await expect(page.getByRole('heading', { name: 'You do not have access' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'Clusters' })).toHaveCount(0);
});
