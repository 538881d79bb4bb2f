import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CLUSTER_PAGES } from '../lib/fleet/cluster/layers';
import { panelResponseSchema } from '../lib/api/panel-schemas';
import { fleetResponseSchema } from '../lib/api/schemas';

/**
 * axe-core on every page route (app/**\/page.tsx), at a desktop and a phone viewport: no
 * serious or critical WCAG 2.1 A/AA violation. Each page is audited once its content (not its
 * loading skeleton) is on screen.
 */

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface Route {
  name: string;
  path: (cluster: string) => string;
  ready: (page: Page, cluster: string) => Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) =>
  expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

const ROUTES: Route[] = [
  {
    name: 'overview',
    path: () => '/',
    ready: async (page) => {
      await heading('Fleet overview')(page);
      await expect(page.getByRole('table', { name: 'Clusters' }).locator('[data-cluster]').first()).toBeVisible();
    },
  },
  {
    name: 'cost',
    path: () => '/cost',
    ready: async (page) => expect(page.getByRole('region', { name: /^Capacity alerts/ })).toBeVisible(),
  },
  {
    name: 'onboarding',
    path: () => '/onboarding',
    ready: async (page) => expect(page.getByText(/clusters have gaps/)).toBeVisible(),
  },
  {
    name: 'alerts',
    path: () => '/alerts',
    ready: async (page) => expect(page.getByRole('region', { name: 'Recommended rule coverage' })).toBeVisible(),
  },
  {
    name: 'metrics explorer',
    path: () => '/explore/metrics',
    ready: async (page) => expect(page.locator('.cm-editor').first()).toBeVisible(),
  },
  {
    name: 'logs explorer',
    path: () => '/explore/logs',
    ready: async (page) => expect(page.locator('.cm-editor').first()).toBeVisible(),
  },
  {
    name: 'sign-in',
    path: () => '/sign-in',
    ready: async (page) => expect(page.getByRole('heading').first()).toBeVisible(),
  },
  ...CLUSTER_PAGES.map((layer): Route => ({
    name: `cluster ${layer}`,
    path: (cluster) => `/clusters/${encodeURIComponent(cluster)}/${layer}`,
    ready: async (page, cluster) => heading(cluster)(page),
  })),
  {
    // The node triage panel of a NotReady node: its status line, facts, conditions, taints and events.
    name: 'cluster nodes with a NotReady node selected',
    path: () => `/clusters/${encodeURIComponent(notReady.cluster)}/nodes?node=${encodeURIComponent(notReady.node)}`,
    ready: async (page) =>
      expect(
        page.getByRole('region', { name: `Node details · ${notReady.node}` }).getByText(/^Not Ready/),
      ).toBeVisible(),
  },
];

let cluster = '';
let notReady = { cluster: '', node: '' };

test.beforeAll(async ({ request }) => {
  const fleet = fleetResponseSchema.parse(await (await request.get('/api/fleet')).json());
  // An unhealthy cluster shows the most: reasons, badges, failing workloads.
  cluster = (fleet.clusters.find((c) => c.health.status === 'critical') ?? fleet.clusters[0])?.name ?? '';
  expect(cluster, 'the demo fleet has clusters').not.toBe('');
  const down = fleet.clusters.find(
    (c) => c.health.reasons.some((r) => r.signal === 'node-readiness') && c.monitoring.metrics,
  );
  const nodes = panelResponseSchema.parse(
    await (await request.get(`/api/clusters/${encodeURIComponent(down?.name ?? '')}/panels/node-table`)).json(),
  );
  const rows = nodes.view?.kind === 'table' && nodes.view.table === 'nodes' ? nodes.view.rows : [];
  notReady = { cluster: down?.name ?? '', node: rows.find((r) => r.ready !== 'true')?.name ?? '' };
  expect(notReady.node, 'the demo fleet has a NotReady node Prometheus sees').not.toBe('');
});

for (const viewport of VIEWPORTS) {
  test.describe(`accessibility at ${viewport.width}×${viewport.height} (${viewport.name})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const route of ROUTES) {
      test(`${route.name} has no serious or critical axe violation`, async ({ page }) => {
        await page.goto(route.path(cluster));
        await route.ready(page, cluster);
        // Streaming panels and route skeletons mark themselves busy until their content arrives.
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });

        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const report = blocking
          .map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help}\n` +
              v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary ?? ''}`).join('\n'),
          )
          .join('\n');
        expect(blocking.length, `${route.path(cluster)} at ${viewport.name}:\n${report}`).toBe(0);
      });
    }
  });
}

test.describe('skip link', () => {
  for (const viewport of VIEWPORTS) {
    test(`is the first Tab stop and moves focus to the content (${viewport.name})`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Fleet overview' })).toBeVisible();
      const skip = page.getByRole('link', { name: 'Skip to content' });
      // Hidden (sr-only: 1×1 px, clipped) until focused.
      expect((await skip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
      await page.keyboard.press('Tab');
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      expect((await skip.boundingBox())?.width ?? 0).toBeGreaterThan(40);
      await page.keyboard.press('Enter');
      await expect(page.locator('main#main')).toBeFocused();
      await expect(page).toHaveURL(/#main$/);
    });
  }
});
