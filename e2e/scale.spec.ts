import { expect, test } from '@playwright/test';
import config from '../playwright.config';
import { OverviewPage } from './pages/overview-page';
import { fleetResponseSchema } from '../lib/api/schemas';

const largeBase = `http://127.0.0.1:${String(config.metadata?.largePort)}`;

test.describe('a 5,000-cluster fleet', () => {
  test.use({ baseURL: largeBase });

  test('the API serves all 5,000 clusters', async ({ request }) => {
    const body = fleetResponseSchema.parse(await (await request.get('/api/fleet?limit=3')).json());
    expect(body.total).toBe(5000);
    expect(body.clusters).toHaveLength(3);
  });

  test('loads, keeps the DOM small, and scrolls to the last cluster', async ({ page, request }) => {
    const api = fleetResponseSchema.parse(await (await request.get('/api/fleet?sort=name&dir=asc')).json());
    const overview = new OverviewPage(page);
    await overview.goto('sort=name&dir=asc');
    await expect(overview.visibleCount).toHaveText('5,000');
    expect(await overview.dataRows().count()).toBeLessThan(80);
    const firstRows = await overview.renderedNames();
    expect(firstRows).toEqual(api.clusters.slice(0, firstRows.length).map((c) => c.name));

    // Rows are measured as they render, so the list's height settles while scrolling: keep going to the end.
    const last = api.clusters[api.clusters.length - 1]?.name ?? '';
    // Rendered is not enough: overscan renders it below the fold before the taller rows above are measured.
    await expect
      .poll(async () => {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        return page.evaluate((name) => {
          const row = document.querySelector(`[data-cluster="${CSS.escape(name)}"]`);
          if (!row) return false;
          const r = row.getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight;
        }, last);
      })
      .toBe(true);
    await expect(overview.table.locator(`[data-cluster="${last}"]`)).toBeInViewport();
    expect(await overview.dataRows().count()).toBeLessThan(80);

    // Filtering 5,000 rows stays interactive.
    const started = Date.now();
    await overview.search.fill('k3s-store');
    await expect(page).toHaveURL(/q=k3s-store/);
    const k3s = api.clusters.filter((c) => c.name.includes('k3s-store')).length;
    await expect(overview.visibleCount).toHaveText(k3s.toLocaleString('en-US'));
    test.info().annotations.push({ type: 'filter-ms', description: String(Date.now() - started) });
  });
});
