import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoWorkspaces } from '../lib/demo/azure-workspaces';
import { getDemoFleet } from '../lib/demo/fleet';
import { startDemoCloud } from '../lib/testing/azure/fixtures';
import type { LocalCloud } from '../lib/testing/azure/local-cloud';
import { startRetailPricesServer, type RetailPricesServer } from '../lib/testing/azure/retail-prices-server';
import { getSnapshotPrices } from '../lib/fleet/prices';
import { OverviewPage } from './pages/overview-page';
import { azureModeEnv } from './support/azure';
import { startPortal, stopPortal, waitForHealth } from './support/portal';
import { costResponseSchema, fleetResponseSchema } from '../lib/api/schemas';

/**
 * The production server in Azure mode against the local HTTPS protocol servers: the
 * server signs in through DefaultAzureCredential (environment credential → the local
 * token endpoint), lists clusters through Resource Graph and reads upgrades from Log
 * Analytics, trusting the test certificate through NODE_EXTRA_CA_CERTS. The spec starts
 * its own `next start` on its own port, so the demo servers of playwright.config.ts stay
 * as they are.
 */

const PORT = Number(process.env.E2E_AZURE_PORT ?? 3219);
const BASE = `http://127.0.0.1:${PORT}`;
const fleet = getDemoFleet('fleetwatch', 40);

let cloud: LocalCloud;
let prices: RetailPricesServer;
let server: ChildProcess;
let dir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  cloud = await startDemoCloud(fleet);
  // Live prices 10 % above the snapshot, so the page shows which list it used.
  prices = await startRetailPricesServer({ factor: 1.1, pageSize: 50 });
  dir = mkdtempSync(path.join(tmpdir(), 'fleetwatch-e2e-azure-'));
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, `${cloud.ca}\n${prices.ca}`);
  server = startPortal(PORT, {
    ...azureModeEnv(cloud.url, caFile),
    FLEETWATCH_PRICES: 'auto',
    FLEETWATCH_RETAIL_PRICES_URL: prices.url,
  });
  await waitForHealth(BASE);
});

test.afterAll(async () => {
  stopPortal(server);
  await cloud?.close();
  await prices?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test.afterEach(() => cloud.reset());

test('the overview lists the clusters Resource Graph serves, with versions and last upgrade from Log Analytics', async ({
  page,
}) => {
  const api = fleetResponseSchema.parse(await (await fetch(`${BASE}/api/fleet`)).json());
  expect(api.clusters.map((c) => c.name).sort()).toEqual(fleet.clusters.map((c) => c.name).sort());
  for (const c of fleet.clusters) {
    expect(api.clusters.find((x) => x.id === c.id)?.kubernetesVersion).toBe(c.kubernetesVersion);
  }
  // Upgrades are read from the workspaces the clusters report to (AKS clusters with Container insights).
  const upgraded = fleet.clusters.filter((c) => c.upgrades.length > 0 && c.monitoring.workspaceResourceId);
  expect(upgraded.length).toBeGreaterThan(3);
  for (const c of upgraded) expect(api.clusters.find((x) => x.id === c.id)?.lastUpgrade).not.toBeNull();
  expect(api.notices.filter((n) => n.source !== 'Prometheus' && n.severity === 'error')).toEqual([]);
  expect(api.queries.find((q) => q.id === 'arg.fleet-inventory')?.backend).toContain('Resource Graph');
  // Fleet-wide: one Resource Graph request per question (inventory, fired alerts; plus six for discovery), at most one Log Analytics request per workspace.
  expect(cloud.requests.filter((r) => r.service === 'arg').length).toBe(2 + 6);
  // Three fleet-wide Log Analytics questions (last upgrade, node state, pod state), ten workspaces per request by default.
  expect(cloud.requests.filter((r) => r.service === 'logs').length).toBe(
    3 * Math.ceil(demoWorkspaces(fleet).length / 10),
  );

  const overview = new OverviewPage(page);
  await page.goto(BASE);
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  await expect(overview.visibleCount).toHaveText('40');
  const first = [...fleet.clusters].sort((a, b) => a.name.localeCompare(b.name))[0];
  await overview.search.fill(first?.name ?? '');
  await expect(overview.table.locator(`[data-cluster="${first?.name}"]`)).toContainText(first?.kubernetesVersion ?? '');
});

test('a Log Analytics failure costs its panel; the rest of the page renders', async ({ page }) => {
  cloud.fault(
    'logs',
    {
      kind: 'status',
      status: 403,
      body: {
        error: {
          code: 'InsufficientAccessError',
          message: 'The provided credentials have insufficient access to perform the requested operation',
        },
      },
    },
    1000,
  );
  const overview = new OverviewPage(page);
  await page.goto(BASE);
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  const problems = page.getByRole('list', { name: 'Data source problems' });
  // Every Log Analytics panel of the overview says so, naming the role it needs; none of them hides the clusters.
  const refused = problems.getByRole('status').filter({ hasText: 'Log Analytics' }).first();
  await expect(refused).toContainText('insufficient access');
  await expect(refused).toContainText('needs Log Analytics Reader on');
  await expect(overview.visibleCount).toHaveText('40');
  await expect(overview.dataRows().first()).toBeVisible();
});

test('cost in Azure mode prices nodes from the Retail Prices API, kept rather than asked on every view', async ({
  page,
}) => {
  const body = costResponseSchema.parse(await (await fetch(`${BASE}/api/cost`)).json());
  expect(body.priceSource).toBe('retail-api');
  expect(body.priceDate).toBe(new Date().toISOString().slice(0, 10));
  const snapshot = getSnapshotPrices();
  const regionOf = new Map(fleet.clusters.map((c) => [c.name, c.location]));
  const priced = body.density.filter((d) => d.priceSource === 'retail' && d.hourlyCost !== null);
  expect(priced.length).toBeGreaterThan(3);
  for (const d of priced) {
    const list = snapshot.hourly.get(`${d.vmSize}|${regionOf.get(d.cluster)}`.toLowerCase()) ?? NaN;
    expect(d.hourlyCost).toBeCloseTo(list * 1.1 * d.nodes, 4);
  }
  expect(prices.requests.length).toBeGreaterThan(0);
  await page.goto(`${BASE}/cost`);
  await expect(page.getByText(/Prices: Azure Retail Prices API, read \d{4}-\d{2}-\d{2}/)).toBeVisible();
  // The price list is kept for FLEETWATCH_PRICES_HOURS: looking again does not ask again.
  const asked = prices.requests.length;
  await page.reload();
  await expect(page.getByText(/Prices: Azure Retail Prices API/)).toBeVisible();
  expect((await (await fetch(`${BASE}/api/cost`)).json()).priceSource).toBe('retail-api');
  expect(prices.requests.length).toBe(asked);
});

test('a cluster whose provisioning Failed and an Arc agent that is offline say so in their own words', async ({
  page,
}) => {
  const api = fleetResponseSchema.parse(await (await fetch(`${BASE}/api/fleet`)).json());
  // The 40-cluster demo has one of each (lib/demo/fleet-model.ts DemoArmState): they were "healthy" and "unknown" before.
  const failed = fleet.clusters.filter((c) => c.arm.provisioningState === 'Failed' && c.powerState === 'Running');
  const offline = fleet.clusters.filter((c) => c.arm.connectivity?.status === 'Offline');
  expect(failed.length).toBeGreaterThan(0);
  expect(offline.length).toBeGreaterThan(0);
  for (const c of failed) {
    const s = api.clusters.find((x) => x.id === c.id);
    expect(s?.health.status).toBe('critical');
    expect(s?.health.reasons.map((r) => r.message)).toContainEqual(
      expect.stringContaining('Provisioning state Failed'),
    );
  }
  for (const c of offline) {
    const s = api.clusters.find((x) => x.id === c.id);
    expect(s?.health.status).toBe('critical');
    expect(s?.health.reasons.map((r) => r.message)).toContainEqual(
      expect.stringMatching(/^Arc agent offline since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/),
    );
  }
  const overview = new OverviewPage(page);
  await page.goto(`${BASE}/?q=${encodeURIComponent(failed[0]?.name ?? '')}`);
  await expect(overview.table.locator(`[data-cluster="${failed[0]?.name}"]`)).toContainText(
    'Provisioning state Failed',
  );
});
