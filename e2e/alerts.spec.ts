import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/insight-pages';
import { fleetResponseSchema } from '../lib/api/schemas';

test.describe('alerts', () => {
  test('shows firing alerts grouped by cluster, and recommended-rule coverage', async ({ page }) => {
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await expect(page.getByText(/alerts firing on \d+ clusters/)).toBeVisible();
    await expect(alerts.firing.getByText('KubePodCrashLooping').first()).toBeAttached();
    await expect.poll(async () => (await alerts.coverageClusters()).length).toBe(40);
    await expect(page.getByRole('region', { name: /^The recommended rules/ })).toContainText(
      'KubeNodeReadinessFlapping',
    );
  });

  test('filters live in the URL; a copied link reproduces the view', async ({ page, browser, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await alerts.group.selectOption('rule');
    await expect(page).toHaveURL(/group=rule/);
    await expect(alerts.firing).toContainText('KubePodCrashLooping');
    await alerts.coverageGaps.check();
    await expect(page).toHaveURL(/cov=gaps/);
    // The filtered view arrives by navigation: wait until it has replaced the full list.
    await expect.poll(async () => (await alerts.coverageClusters()).length).toBeGreaterThan(0);
    await expect.poll(async () => (await alerts.coverageClusters()).length).toBeLessThan(40);
    const clusters = await alerts.coverageClusters();

    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const other = new AlertsPage(await fresh.newPage());
    await other.page.goto(link);
    // The page streams in behind its skeleton: wait for the rows rather than reading at once.
    await expect.poll(() => other.coverageClusters()).toEqual(clusters);
    await expect(other.group).toHaveValue('rule');
    await expect(other.coverageGaps).toBeChecked();
    await fresh.close();
  });

  test('fired alerts are a health reason; it leads from the cluster to exactly its alerts', async ({
    page,
    request,
  }) => {
    const api = fleetResponseSchema.parse(await (await request.get('/api/fleet')).json());
    const target = api.clusters.find((c) => c.health.reasons.some((r) => r.signal === 'alerts'));
    if (!target) throw new Error('the demo fleet should have a cluster with firing alerts');
    const count = target.health.reasons.find((r) => r.signal === 'alerts')?.value ?? 0;
    await page.goto(`/clusters/${encodeURIComponent(target.name)}/summary`);
    // The summary lists the cluster's own firing alerts (up to eight) next to the rollup.
    await expect(page.getByRole('list', { name: 'Firing alerts' }).getByRole('listitem')).toHaveCount(
      Math.min(count, 8),
    );
    const reasons = page.getByRole('list', { name: 'Health reasons' });
    await expect(reasons).toContainText(`${count} alert${count === 1 ? '' : 's'} firing`);
    await reasons.getByRole('link', { name: 'Open the alerts →' }).click();
    await expect(page).toHaveURL(new RegExp(`/alerts\\?q=${target.name}$`));
    await expect(page.getByText(`${count} alert${count === 1 ? '' : 's'} firing on 1 cluster ·`)).toBeVisible();
  });

  test('a bad severity is named, and the rest of the view still renders', async ({ page }) => {
    const alerts = new AlertsPage(page);
    await alerts.goto('sev=critical');
    await expect(page.getByRole('alert').filter({ hasText: 'sev must be one of' })).toBeVisible();
    await expect.poll(async () => (await alerts.coverageClusters()).length).toBe(40);
  });
});
