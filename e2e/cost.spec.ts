import { expect, test } from '@playwright/test';
import { CostPage } from './pages/insight-pages';
import { costResponseSchema } from '../lib/api/schemas';

test.describe('cost', () => {
  test('allocation plus idle adds up to the node cost, on the page and in the API', async ({ page, request }) => {
    const api = costResponseSchema.parse(await (await request.get('/api/cost')).json());
    expect(api.allocation.reduce((s, r) => s + r.cents, 0) + api.totals.idleCents).toBe(api.totals.nodeCents);
    const cost = new CostPage(page);
    await cost.goto();
    await expect
      .poll(async () => (await cost.allocationKeys()).slice(0, 5))
      .toEqual(api.allocation.slice(0, 5).map((r) => r.key));
    await expect(page.getByRole('region', { name: /^Packing density/ })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Node-size advice/ })).toBeVisible();
    await expect(page.getByText(/retail snapshot of 2026-10-01/)).toBeVisible();
  });

  test("a cluster's summary shows its cost as /cost does, and leads there", async ({ page, request }) => {
    const fleet = costResponseSchema.parse(await (await request.get('/api/cost?group=cluster')).json());
    const priced = fleet.clusters.find((c) => c.nodeCents > 0 && c.idleCents < c.nodeCents);
    if (!priced) throw new Error('the demo fleet should have a priced cluster');
    const api = costResponseSchema.parse(await (await request.get(`/api/cost?cluster=${priced.cluster}`)).json());
    const dollars = (cents: number): string =>
      (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
    await page.goto(`/clusters/${encodeURIComponent(priced.cluster)}/summary`);
    const panel = page.getByRole('region', { name: 'Cost' });
    await expect(panel).toContainText(dollars(api.totals.nodeCents));
    const top = api.allocation.filter((r) => r.cents > 0)[0];
    if (top)
      await expect(panel.getByRole('table', { name: 'Most expensive namespaces' })).toContainText(dollars(top.cents));
    await panel.getByRole('link', { name: 'Open in Cost →' }).click();
    await expect(page).toHaveURL(new RegExp(`/cost\\?cluster=${priced.cluster}$`));
    await expect(new CostPage(page).cluster).toHaveValue(priced.cluster);
  });

  test('filters live in the URL; a copied link reproduces the view', async ({ page, browser, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const cost = new CostPage(page);
    await cost.goto();
    await cost.group.selectOption('team');
    await expect(page).toHaveURL(/group=team/);
    await cost.range.selectOption('now-7d');
    await expect(page).toHaveURL(/from=now-7d/);
    const api = costResponseSchema.parse(await (await request.get('/api/cost?group=team&from=now-7d')).json());
    await expect
      .poll(() => cost.allocationKeys())
      .toEqual([...api.allocation.slice(0, 25).map((r) => r.key), '(idle)']);

    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/cost\?from=now-7d&group=team$/);
    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const other = new CostPage(await fresh.newPage());
    await other.page.goto(link);
    const expected = await cost.allocationKeys();
    // The page streams in behind its skeleton: wait for the rows rather than reading at once.
    await expect.poll(() => other.allocationKeys()).toEqual(expected);
    await expect(other.group).toHaveValue('team');
    await fresh.close();
  });

  test('old links keep working: range=7d opens the seven-day window', async ({ page, request }) => {
    const cost = new CostPage(page);
    await cost.goto('range=7d&group=team');
    await expect(cost.range).toHaveValue('now-7d');
    await expect(cost.group).toHaveValue('team');
    const api = costResponseSchema.parse(await (await request.get('/api/cost?group=team&from=now-7d')).json());
    await expect
      .poll(() => cost.allocationKeys())
      .toEqual([...api.allocation.slice(0, 25).map((r) => r.key), '(idle)']);
  });

  test('one cluster, CSV export, and bad input', async ({ page, request }) => {
    const all = costResponseSchema.parse(await (await request.get('/api/cost?group=cluster')).json());
    const one = all.clusters.find((c) => c.nodeCents > c.idleCents);
    expect(one).toBeDefined();
    const cost = new CostPage(page);
    await cost.goto(`cluster=${one?.cluster}`);
    await expect(cost.cluster).toHaveValue(one?.cluster ?? '');
    await expect
      .poll(async () => (await cost.allocationKeys()).every((k) => k.startsWith(`${one?.cluster}/`) || k === '(idle)'))
      .toBe(true);
    const csv = await (await request.get(`/api/cost?cluster=${one?.cluster}&format=csv`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines.slice(1).reduce((s, l) => s + Math.round(Number(l.split(',')[1]) * 100), 0)).toBe(one?.nodeCents);
    expect((await request.get('/api/cost?from=now-1y')).status()).toBe(400);
    expect((await request.get('/api/cost?range=1y')).status()).toBe(400);
    expect((await request.get('/api/cost?cluster=no-such-cluster')).status()).toBe(400);
  });
});
