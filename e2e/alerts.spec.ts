import { expect, test } from '@playwright/test';
import { AlertsPage } from './pages/insight-pages';

test.describe('alerts', () => {
  test('shows firing alerts grouped by cluster, and recommended-rule coverage', async ({ page }) => {
    const alerts = new AlertsPage(page);
    await alerts.goto();
    await expect(page.getByText(/alerts firing on \d+ clusters/)).toBeVisible();
    await expect(alerts.firing.getByText('KubePodCrashLooping').first()).toBeAttached();
    await expect.poll(async () => (await alerts.coverageClusters()).length).toBe(40);
    await expect(page.getByRole('region', { name: /^The recommended rules/ })).toContainText('KubeNodeReadinessFlapping');
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

  test('a bad severity is named, and the rest of the view still renders', async ({ page }) => {
    const alerts = new AlertsPage(page);
    await alerts.goto('sev=critical');
    await expect(page.getByRole('alert').filter({ hasText: 'sev must be one of' })).toBeVisible();
    await expect.poll(async () => (await alerts.coverageClusters()).length).toBe(40);
  });
});
