import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoWorkspaces } from '../lib/demo/azure-workspaces';
import { getDemoFleet } from '../lib/demo/fleet';
import { startFakePrometheus, sendJson, type FakePrometheus } from '../lib/sources/prometheus/testing/fake-prometheus';
import { startDemoCloud } from '../lib/testing/azure/fixtures';
import type { LocalCloud } from '../lib/testing/azure/local-cloud';
import { OverviewPage } from './pages/overview-page';
import { azureModeEnv } from './support/azure';
import { startPortal, stopPortal, waitForHealth } from './support/portal';
import { fleetResponseSchema } from '../lib/api/schemas';

/**
 * What one overview costs the backends, counted at the local HTTPS Azure (tokens, OpenID
 * configuration, Resource Graph, Log Analytics) and at a local Prometheus asked with an Entra
 * token (PROMETHEUS_AUTH=azure), against the production server: a cold page load, then
 * `/api/fleet` in the same cache period. Route handlers and pages are separate module graphs
 * in Next.js; the second look must cost nothing, and each token scope one request. Two set-ups:
 * PromQL to that local Prometheus (PROMETHEUS_URL), and to the Azure Monitor workspaces
 * discovery finds, which a test cannot reach (their token requests still count).
 */

const PORT = Number(process.env.E2E_REQUESTS_PORT ?? 3269);
const CACHE_SECONDS = 3600;
const fleet = getDemoFleet('fleetwatch', 40);

let cloud: LocalCloud;
let prometheus: FakePrometheus;

/** Any Prometheus API read answers "nothing here", which is all counting needs. */
function emptyAnswers(): Parameters<typeof startFakePrometheus>[0] {
  return (request, response) => {
    const data =
      request.path === '/api/v1/query'
        ? { resultType: 'vector', result: [] }
        : request.path === '/api/v1/query_range'
          ? { resultType: 'matrix', result: [] }
          : request.path === '/api/v1/rules'
            ? { groups: [] }
            : request.path === '/api/v1/alerts'
              ? { alerts: [] }
              : [];
    sendJson(response, 200, { status: 'success', data });
  };
}

interface Tally {
  tokens: number;
  tokenScopes: number;
  openidConfiguration: number;
  resourceGraph: number;
  logAnalytics: number;
  arm: number;
  prometheus: number;
  prometheusTokens: number;
  other: number;
}

/** The requests since a mark (the lengths of both logs). */
function tally(since: Mark = { cloud: 0, prometheus: 0 }): Tally {
  const r = cloud.requests.slice(since.cloud);
  const grants = r.filter((x) => x.service === 'token' && x.method === 'POST');
  const bearer = prometheus.requests.slice(since.prometheus).map((x) => String(x.headers.authorization ?? ''));
  return {
    tokens: grants.length,
    tokenScopes: new Set(grants.map((x) => x.scope)).size,
    openidConfiguration: r.filter(
      (x) => x.service === 'token' && x.method === 'GET' && x.path.endsWith('/openid-configuration'),
    ).length,
    resourceGraph: r.filter((x) => x.service === 'arg').length,
    logAnalytics: r.filter((x) => x.service === 'logs').length,
    arm: r.filter((x) => x.service === 'arm').length,
    prometheus: bearer.length,
    prometheusTokens: new Set(bearer).size,
    other: r.filter((x) => x.service === 'other').length,
  };
}

interface Mark {
  cloud: number;
  prometheus: number;
}

const mark = (): Mark => ({ cloud: cloud.requests.length, prometheus: prometheus.requests.length });

const ZERO: Tally = {
  tokens: 0,
  tokenScopes: 0,
  openidConfiguration: 0,
  resourceGraph: 0,
  logAnalytics: 0,
  arm: 0,
  prometheus: 0,
  prometheusTokens: 0,
  other: 0,
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  cloud = await startDemoCloud(fleet);
  prometheus = await startFakePrometheus(emptyAnswers());
});

test.afterAll(async () => {
  await cloud?.close();
  await prometheus?.close();
});

for (const setup of [
  {
    name: 'PromQL to PROMETHEUS_URL with an Entra token',
    port: PORT,
    env: (): Record<string, string> => ({ PROMETHEUS_URL: prometheus.url, PROMETHEUS_AUTH: 'azure' }),
  },
  {
    name: 'PromQL to the discovered Azure Monitor workspaces',
    port: PORT + 1,
    env: (): Record<string, string> => ({}),
  },
]) {
  test.describe(setup.name, () => {
    const base = `http://127.0.0.1:${setup.port}`;
    let server: ChildProcess;
    let dir: string;

    test.beforeAll(async () => {
      test.setTimeout(90_000);
      dir = mkdtempSync(path.join(tmpdir(), 'fleetwatch-e2e-requests-'));
      const caFile = path.join(dir, 'ca.pem');
      writeFileSync(caFile, cloud.ca);
      server = startPortal(setup.port, {
        ...azureModeEnv(cloud.url, caFile),
        ...setup.env(),
        FLEETWATCH_CACHE_SECONDS: String(CACHE_SECONDS),
      });
      await waitForHealth(base);
    });

    test.afterAll(() => {
      stopPortal(server);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('a cold overview asks each token scope once, and /api/fleet in the same cache period asks nothing', async ({
      page,
    }) => {
      test.setTimeout(150_000);
      // Both looks must fall in one cache period (periods are aligned to multiples of its length).
      const periodMs = CACHE_SECONDS * 1000;
      const left = periodMs - (Date.now() % periodMs);
      if (left < 60_000) await new Promise((r) => setTimeout(r, left + 1000));
      const period = Math.floor(Date.now() / periodMs);
      cloud.reset();
      prometheus.requests.length = 0;

      await page.goto(base);
      await expect(new OverviewPage(page).visibleCount).toHaveText(String(fleet.clusters.length));
      const cold = tally();
      const afterPage = mark();

      const api = fleetResponseSchema.parse(await (await fetch(`${base}/api/fleet`)).json());
      expect(api.clusters).toHaveLength(fleet.clusters.length);
      const again = tally(afterPage);
      expect(Math.floor(Date.now() / periodMs)).toBe(period);

      const figures = { cold, apiAfterPage: again };
      test.info().annotations.push({ type: 'requests', description: JSON.stringify(figures) });
      console.log(`${setup.name}: ${JSON.stringify(figures)}`);

      // Cold: one token per scope (Resource Graph and Log Analytics share the local origin's
      // scope; managed Prometheus has its own), one OpenID configuration for the one credential.
      expect(cold.tokenScopes).toBe(2);
      expect(cold.tokens).toBe(cold.tokenScopes);
      expect(cold.openidConfiguration).toBe(1);
      // Fleet-wide questions: inventory and fired alerts, plus six for discovery.
      expect(cold.resourceGraph).toBe(2 + 6);
      // Last upgrade, node and pod state (Prometheus knows no cluster here), 10 workspaces a request.
      expect(cold.logAnalytics).toBe(3 * Math.ceil(demoWorkspaces(fleet).length / 10));
      if (setup.port === PORT) {
        expect(cold.prometheus).toBeGreaterThan(0);
        expect(cold.prometheusTokens).toBe(1);
      } else {
        expect(cold.prometheus).toBe(0);
      }
      expect(cold.other).toBe(0);
      // The route handler shares the page's overview: nothing is asked again.
      expect(again).toEqual(ZERO);
    });
  });
}
