import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fleet as catalog } from '../lib/catalog';
import { getDemoFleet } from '../lib/demo/fleet';
import {
  backfillDemoTelemetry,
  startPrometheus,
  type LocalPrometheus,
} from '../lib/sources/prometheus/testing/local-prometheus';
import { startDemoCloud } from '../lib/testing/azure/fixtures';
import type { LocalCloud } from '../lib/testing/azure/local-cloud';
import { ExplorePage } from './pages/explore-page';
import { azureModeEnv } from './support/azure';
import { startPortal, stopPortal, waitForHealth } from './support/portal';
import { fleetResponseSchema } from '../lib/api/schemas';

/**
 * The explorers against real engines: PromQL against a real Prometheus backfilled with the
 * demo telemetry, KQL against the local Log Analytics protocol server. Each block starts its
 * own `next start` on its own port with its own configuration.
 */

const PROM_PORT = Number(process.env.E2E_EXPLORE_PORT ?? 3239);
const AZURE_PORT = PROM_PORT + 10;

test.describe('metrics explorer on a real Prometheus', () => {
  test.describe.configure({ mode: 'serial' });
  const base = `http://127.0.0.1:${PROM_PORT}`;
  let dir = '';
  let prometheus: LocalPrometheus | undefined;
  let portal: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(path.join(tmpdir(), 'fleetwatch-e2e-explore-'));
    // Two hours ending an hour from now: "now-1h" is inside the data whenever the test runs.
    const end = Math.floor(Date.now() / 1000) + 3600;
    const { dataDir } = await backfillDemoTelemetry({ dir, seed: 'fleetwatch', clusters: 6, hours: 2, step: 30, end });
    prometheus = await startPrometheus({ dir, dataDir });
    portal = startPortal(PROM_PORT, { PROMETHEUS_URL: prometheus.url });
    await waitForHealth(base);
  });

  test.afterAll(async () => {
    stopPortal(portal);
    await prometheus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('completes a metric name, charts the query, and a copied link reopens the same result', async ({
    page,
    browser,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const explore = new ExplorePage(page);
    await page.goto(`${base}/explore/metrics`);
    await explore.type('PromQL query A', 'sum by (cluster) (kube_node_status_co');
    await expect(explore.completion('kube_node_status_condition')).toBeVisible();
    // CodeMirror ignores Enter for a moment after the menu opens (interactionDelay), so a fast typist does not pick by accident.
    await page.waitForTimeout(250);
    await page.keyboard.press('Enter');
    await page.keyboard.type(')');
    await expect(explore.editor('PromQL query A')).toHaveText('sum by (cluster) (kube_node_status_condition)');
    await page.keyboard.press('ControlOrMeta+Enter');

    await expect(page).toHaveURL(/[?&]query=sum\+by\+\(cluster\)/);
    const chart = page.getByRole('figure', { name: 'Query result over time' });
    await expect(chart).toBeVisible();
    // Node counts are flat lines, which have no height to be "visible": check the drawn path instead.
    await expect(chart.locator('path.recharts-curve').first()).toHaveAttribute(
      'd',
      /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){10,}/,
    );
    const legend = page.getByRole('list', { name: 'Legend' });
    const entries = await legend.getByRole('listitem').allTextContents();
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.every((e) => e.startsWith('{cluster="'))).toBe(true);
    // The link keeps "last hour", so only the series and step must match, not the clock.
    const summary =
      (await page.getByText(/\d+ series · step/).textContent())?.match(/^\d+ series · step \d+s/)?.[0] ?? '';
    expect(summary).not.toBe('');

    const link = await explore.copyLink();
    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByRole('figure', { name: 'Query result over time' })).toBeVisible();
    await expect(other.getByRole('list', { name: 'Legend' }).getByRole('listitem')).toHaveText(entries);
    await expect(other.getByText(/\d+ series · step/)).toContainText(summary);
    await fresh.close();
  });

  test('a bad query shows Prometheus’ own message', async ({ page }) => {
    await page.goto(`${base}/explore/metrics?q=${encodeURIComponent('sum(rate(up[5m])')}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Query A' })).toContainText(
      /parse error|unclosed|expected/i,
    );
  });
});

test.describe('logs explorer on the local Log Analytics server', () => {
  test.describe.configure({ mode: 'serial' });
  const base = `http://127.0.0.1:${AZURE_PORT}`;
  let cloud: LocalCloud | undefined;
  let portal: ChildProcess | undefined;
  let dir = '';

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    cloud = await startDemoCloud(getDemoFleet('fleetwatch', 40));
    dir = mkdtempSync(path.join(tmpdir(), 'fleetwatch-e2e-kql-'));
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, cloud.ca);
    portal = startPortal(AZURE_PORT, azureModeEnv(cloud.url, caFile));
    await waitForHealth(base);
  });

  test.afterAll(async () => {
    stopPortal(portal);
    await cloud?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('shows a syntax error while typing and does not send the query', async ({ page }) => {
    const explore = new ExplorePage(page);
    await page.goto(`${base}/explore/logs`);
    await explore.type('KQL query', 'AzureActivity | where | take 10');
    // The first check loads the Kusto language service on the server (about half a second idle).
    await expect(page.locator('.cm-lintRange-error').first()).toBeVisible({ timeout: 20_000 });
    const before = cloud?.requests.filter((r) => r.service === 'logs').length ?? 0;
    await explore.run.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not sent' })).toContainText('Missing expression');
    expect(cloud?.requests.filter((r) => r.service === 'logs').length).toBe(before);
  });

  test('runs the seed’s upgrade query from the saved queries, and a copied link reopens it', async ({
    page,
    browser,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const explore = new ExplorePage(page);
    await page.goto(`${base}/explore/logs`);
    const saved = page.getByRole('region', { name: 'Saved queries' }).getByRole('button');
    await expect(saved.first()).toHaveText(catalog.upgradeStatus.title);
    await saved.first().click();
    const table = page.getByRole('table', { name: 'Rows' });
    await expect(table.getByRole('columnheader').first()).toContainText('TimeGenerated');
    const rows = (await page.getByText(/^\d[\d,]* rows/).textContent())?.match(/^[\d,]+ rows/)?.[0] ?? '';
    expect(Number(rows.replace(/[^\d]/g, ''))).toBeGreaterThan(0);

    const link = await explore.copyLink();
    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByText(/^\d[\d,]* rows/)).toContainText(rows);
    await fresh.close();
  });
});

test.describe('from a cluster panel into the explorer, on the demo fleet', () => {
  test("a panel's query opens with its range and the demo answers it (no real engine needed)", async ({
    page,
    request,
  }) => {
    const api = fleetResponseSchema.parse(await (await request.get('/api/fleet')).json());
    const scraped = api.clusters.find((c) => c.monitoring.metrics);
    if (!scraped) throw new Error('the demo fleet should have a scraped cluster');
    await page.goto(`/clusters/${encodeURIComponent(scraped.name)}/nodes`);
    const panel = page
      .getByRole('region')
      .filter({ has: page.locator('figure') })
      .first();
    await panel.getByText(/^Show query/).click();
    const text = await panel.locator('pre code').first().textContent();
    expect(text).toContain(scraped.name);
    await panel.getByRole('link', { name: 'Open in explorer' }).first().click();
    await expect(page).toHaveURL(/\/explore\/metrics\?/);
    const result = page.getByRole('region', { name: 'Result' });
    await expect(result).toContainText(/[1-9]\d* series/);
    await expect(result.locator('path.recharts-line-curve').first()).toBeAttached();
    await expect(page.getByText('npm run demo:prometheus')).toHaveCount(0);
  });
});
