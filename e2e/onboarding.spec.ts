import { expect, test } from '@playwright/test';
import { OnboardingPage } from './pages/insight-pages';
import { apiErrorSchema, onboardingResponseSchema } from '../lib/api/schemas';

test.describe('onboarding gaps', () => {
  test('shows every cluster with a column per capability, like the API', async ({ page, request }) => {
    const api = onboardingResponseSchema.parse(await (await request.get('/api/onboarding')).json());
    const onboarding = new OnboardingPage(page);
    await onboarding.goto();
    await expect.poll(() => onboarding.clusterNames()).toEqual(api.rows.map((r) => r.name));
    expect((await onboarding.columnHeaders()).length).toBe(1 + api.columns.length);
  });

  test('a gap shows the exact command for that cluster, with a copy button', async ({ page, request, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const api = onboardingResponseSchema.parse(
      await (await request.get('/api/onboarding?cap=container-insights&gaps=1')).json(),
    );
    const row = api.rows.find((r) => r.cells[0]?.fix?.startsWith('az aks'));
    test.skip(!row, 'no AKS cluster without Container insights in this seed');
    const onboarding = new OnboardingPage(page);
    await onboarding.goto('cap=container-insights&gaps=1');
    await page.getByRole('link', { name: new RegExp(`^${row?.name} · Container insights: gap`) }).click();
    await expect(page).toHaveURL(new RegExp(`sel=${row?.name}~container-insights`));
    const fix = page.getByLabel('Command that closes the gap');
    await expect(fix).toContainText(
      `--name ${row?.name} --resource-group ${row?.resourceGroup} --subscription ${row?.subscriptionId}`,
    );
    await page.getByRole('button', { name: `Copy the fix for ${row?.name}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(row?.cells[0]?.fix);
  });

  test('persona and filters live in the URL; a copied link reproduces the view', async ({ page, browser, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const onboarding = new OnboardingPage(page);
    await onboarding.goto();
    await onboarding.persona.selectOption('network-engineer');
    await expect(page).toHaveURL(/persona=network-engineer/);
    await expect(onboarding.matrix.locator('thead th')).toHaveCount(4);
    await onboarding.gapsOnly.check();
    await expect(page).toHaveURL(/gaps=1/);
    await onboarding.search.fill('aks-prod');
    await onboarding.search.press('Enter');
    await expect(page).toHaveURL(/q=aks-prod/);
    // The filtered view arrives by navigation: wait until it has replaced the full list.
    await expect.poll(async () => (await onboarding.clusterNames()).every((n) => n.includes('aks-prod'))).toBe(true);
    const names = await onboarding.clusterNames();
    expect(names.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/onboarding\?persona=network-engineer&q=aks-prod&gaps=1$/);
    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const other = new OnboardingPage(await fresh.newPage());
    await other.page.goto(link);
    // The page streams in behind its skeleton: wait for the rows rather than reading at once.
    await expect.poll(() => other.clusterNames()).toEqual(names);
    await expect(other.persona).toHaveValue('network-engineer');
    await expect(other.gapsOnly).toBeChecked();
    await fresh.close();
  });

  test('CSV export and a bad parameter answer clearly', async ({ request, page }) => {
    const csv = await request.get('/api/onboarding?persona=developer&format=csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'cluster,resource_group,subscription_id,capability,status,detail,fix',
    );
    const bad = await request.get('/api/onboarding?persona=ceo');
    expect(bad.status()).toBe(400);
    expect(apiErrorSchema.parse(await bad.json()).error.params?.[0]?.param).toBe('persona');
    const onboarding = new OnboardingPage(page);
    await onboarding.goto('persona=ceo');
    await expect(page.getByRole('alert').filter({ hasText: 'persona must be one of' })).toBeVisible();
    await onboarding.goto('q=zzz-none');
    await expect(page.getByText('No cluster matches these filters.')).toBeVisible();
  });
});
