import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDemoFleet } from '../lib/demo/fleet';
import {
  backfillDemoTelemetry,
  startPrometheus,
  type LocalPrometheus,
} from '../lib/sources/prometheus/testing/local-prometheus';
import { startPortal, stopPortal, waitForHealth } from './support/portal';
import { fleetResponseSchema } from '../lib/api/schemas';

/**
 * Prometheus-only mode names platforms truthfully: a fleet known from kube_node_info alone is
 * "metrics only" in the provider card, the table and the cluster header — never "AKS" for an
 * EKS cluster, never "Arc" for a cluster no Azure resource stands behind — and /api/fleet
 * answers provider "prometheus". A real Prometheus backfilled with the demo telemetry.
 */

const PORT = Number(process.env.E2E_PLATFORM_PORT ?? 3289);
const BASE = `http://127.0.0.1:${PORT}`;
const CLUSTERS = 8;
const fleet = getDemoFleet('fleetwatch', CLUSTERS);
// Written out here rather than imported, so the test does not check the code with itself.
const NAMES: Record<string, string> = {
  aks: 'AKS',
  eks: 'EKS',
  gke: 'GKE',
  k3s: 'k3s',
  openshift: 'OpenShift',
  other: 'Kubernetes',
};

let dir = '';
let prometheus: LocalPrometheus | undefined;
let portal: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Backfilling takes a while on a busy machine.
  test.setTimeout(240_000);
  dir = mkdtempSync(path.join(tmpdir(), 'fleetwatch-e2e-platform-'));
  const end = Math.floor(Date.now() / 1000) + 3600;
  const { dataDir } = await backfillDemoTelemetry({
    dir,
    seed: 'fleetwatch',
    clusters: CLUSTERS,
    hours: 2,
    step: 30,
    end,
  });
  prometheus = await startPrometheus({ dir, dataDir });
  portal = startPortal(PORT, { PROMETHEUS_URL: prometheus.url });
  await waitForHealth(BASE);
});

test.afterAll(async () => {
  stopPortal(portal);
  await prometheus?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the API, the provider card and the cluster header say "metrics only" with the distribution', async ({ page }) => {
  const api = fleetResponseSchema.parse(await (await fetch(`${BASE}/api/fleet?sort=name&dir=asc`)).json());
  // Clusters without managed Prometheus export no metrics, so Prometheus knows only the others.
  const listed = fleet.clusters.filter((c) => api.clusters.some((x) => x.name === c.name));
  expect(listed.length).toBe(api.clusters.length);
  expect(listed.some((c) => c.provider === 'arc')).toBe(true);
  for (const c of api.clusters) {
    expect(c.provider).toBe('prometheus');
    expect(c.distribution).toBe(fleet.clusters.find((d) => d.name === c.name)?.distribution);
  }
  // "prometheus" selects this whole fleet; an unknown value is refused with the list.
  expect((await (await fetch(`${BASE}/api/fleet?provider=prometheus`)).json()).matching).toBe(listed.length);
  const refused = await fetch(`${BASE}/api/fleet?provider=metrics`);
  expect(refused.status).toBe(400);
  expect(JSON.stringify(await refused.json())).toContain('aks, arc, prometheus');

  const expected = new Map<string, number>();
  for (const c of listed)
    expected.set(
      `${NAMES[c.distribution]} · metrics only`,
      (expected.get(`${NAMES[c.distribution]} · metrics only`) ?? 0) + 1,
    );
  await page.goto(BASE);
  const card = page.getByRole('region', { name: 'Providers' });
  for (const [label, count] of expected)
    await expect(card.getByRole('button', { name: new RegExp(`^${label} ${count}$`) })).toBeVisible();
  await expect(card).not.toContainText('Arc');
  expect(await card.getByRole('button').count()).toBe(expected.size);

  // The table says the same words.
  const k3s = listed.find((c) => c.distribution === 'k3s');
  const aks = listed.find((c) => c.distribution === 'aks');
  expect(k3s && aks).toBeTruthy();
  await expect(page.locator(`[data-cluster="${k3s!.name}"]`).getByRole('cell').nth(1)).toHaveText('k3s · metrics only');

  // The header: an Arc distribution seen only in metrics is not "AKS", nor "Arc".
  await page.goto(`${BASE}/clusters/${encodeURIComponent(k3s!.name)}/summary`);
  await expect(page.getByTestId('cluster-platform')).toHaveText(
    new RegExp(`^k3s · metrics only · v${k3s!.kubernetesVersion.replace(/\./g, '\\.')}`),
  );
  await page.goto(`${BASE}/clusters/${encodeURIComponent(aks!.name)}/summary`);
  await expect(page.getByTestId('cluster-platform')).toHaveText(/^AKS · metrics only · v/);
});
