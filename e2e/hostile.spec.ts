import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { sendJson, startFakePrometheus, type FakePrometheus } from '../lib/sources/prometheus/testing/fake-prometheus';
import { fleetResponseSchema } from '../lib/api/schemas';

/**
 * Cluster names are label values, and label values can hold anything. A Prometheus that
 * reports a cluster named like an XSS payload: the portal must show the name as text and
 * run nothing. The spec starts its own `next start` in Prometheus-only mode.
 */

const PORT = Number(process.env.E2E_HOSTILE_PORT ?? 3228);
const BASE = `http://127.0.0.1:${PORT}`;
const HOSTILE = `<img src=x onerror="window.__xss=1">"'><script>window.__xss=2</script>`;

let prom: FakePrometheus;
let server: ChildProcess;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const now = Date.now() / 1000;
  prom = await startFakePrometheus((request, response) => {
    if (request.path.endsWith('/api/v1/query')) {
      // Every instant query sees one node of the hostile cluster.
      sendJson(response, 200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            {
              metric: {
                cluster: HOSTILE,
                node: 'node-1',
                kubelet_version: 'v1.34.2',
                condition: 'Ready',
                status: 'true',
                phase: 'Running',
              },
              value: [now, '1'],
            },
          ],
        },
      });
      return;
    }
    sendJson(response, 200, { status: 'success', data: [] });
  });
  server = spawn('npx', ['next', 'start', '-p', String(PORT)], {
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PROMETHEUS_URL: prom.url, FLEETWATCH_CACHE_SECONDS: '0' },
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('next start did not come up');
});

test.afterAll(async () => {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  await prom?.close();
});

test('a cluster named like markup renders as text and runs nothing', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Fleet overview' })).toBeVisible();
  await expect(page.getByText(HOSTILE, { exact: true }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('main img[src="x"], main script:not([src])').count()).toBe(0);
  // React escaped it; the CSP had nothing to block.
  expect(blocked).toEqual([]);
});

test('the JSON API returns the name as data with a no-sniff JSON type', async ({ request }) => {
  const response = await request.get('/api/fleet');
  expect(response.headers()['content-type']).toContain('application/json');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  const body = fleetResponseSchema.parse(await response.json());
  expect(body.clusters.map((c) => c.name)).toContain(HOSTILE);
});
