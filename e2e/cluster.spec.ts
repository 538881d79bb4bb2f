import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { ClusterPage } from './pages/cluster-page';
import { OverviewPage } from './pages/overview-page';
import { panelsOf } from '../lib/fleet/cluster/panels';
import {
  fleetResponseSchema,
  logsTailResponseSchema,
  onboardingResponseSchema,
  type FleetResponse,
} from '../lib/api/schemas';

/** Whether each cluster's Container insights rule collects ContainerLogV2, from the onboarding view's cells. */
async function containerLogV2ByCluster(page: Page): Promise<Map<string, boolean>> {
  const data = onboardingResponseSchema.parse(await (await page.request.get('/api/onboarding')).json());
  const out = new Map<string, boolean>();
  for (const r of data.rows) {
    const cell = r.cells.find((c) => c.capability === 'container-log-v2');
    if (cell?.status === 'ok' || cell?.status === 'gap') out.set(r.name, cell.status === 'ok');
  }
  return out;
}

async function fleet(page: Page): Promise<FleetResponse['clusters']> {
  return fleetResponseSchema.parse(await (await page.request.get('/api/fleet')).json()).clusters;
}

/** Console errors of our own pages; the header prefetches views other work adds (e.g. /cost), which may 404 in this build. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() !== 'error') return;
    const url = m.location().url;
    if (/Failed to load resource/.test(m.text()) && !/\/(clusters|api\/clusters)\//.test(url)) return;
    errors.push(`${m.text()} @ ${url}`);
  });
  return errors;
}

test.describe('cluster pages', () => {
  test('journey: overview → unhealthy cluster → its reason’s layer → failing workload → events and live logs', async ({
    page,
  }) => {
    const errors = watchConsole(page);
    // The worst reason of a crash-looping cluster is L3's: its workloads down, or the crash loops.
    const v2 = await containerLogV2ByCluster(page);
    const target = (await fleet(page)).find(
      (c) =>
        c.health.reasons.some((r) => r.signal === 'crash-loops') &&
        c.health.reasons[0]?.layer === 'L3' &&
        c.monitoring.containerInsights === true,
    );
    expect(target, 'the demo fleet has a crash-looping cluster with Container insights').toBeDefined();
    const name = target?.name ?? '';

    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.search.fill(name);
    const row = overview.table.locator(`[data-cluster="${name}"]`);
    await row.getByRole('link', { name: target?.health.reasons[0]?.message ?? '' }).click();

    const cluster = new ClusterPage(page);
    await cluster.expectCluster(name);
    await expect(page).toHaveURL(new RegExp(`/clusters/${name}/workloads$`));
    await expect(cluster.currentLayer()).toHaveText(/L3 Workloads/);
    const crashing = cluster.panel('Containers in CrashLoopBackOff').getByRole('listitem');
    await expect(crashing.first()).toBeVisible();
    // A container the OOM killer stops writes no error; follow one that exits on an error.
    const oomPanel = cluster.panel('OOM-killed containers');
    await expect(
      oomPanel
        .getByRole('list', { name: 'OOM-killed containers' })
        .or(oomPanel.getByText("No container's last termination was the OOM killer.")),
    ).toBeVisible();
    const oom = new Set(
      await oomPanel
        .locator('[data-container]')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-container'))),
    );
    const failing = crashing
      .filter({ hasNot: page.locator([...oom].map((c) => `[data-container="${c}"]`).join(', ') || '#none') })
      .getByRole('link', { name: /^Events and logs of / });
    await expect(failing.first()).toBeVisible();
    const workload = ((await failing.first().textContent()) ?? '').replace('Events and logs of ', '').trim();
    await failing.first().click();

    await expect(page).toHaveURL(new RegExp(`[?&]workload=${workload}(&|$)`));
    await expect(page.getByText(`: events and logs below are filtered to it.`)).toContainText(workload);
    const events = page.getByRole('table', { name: 'Kubernetes events' });
    await expect(events).toContainText('BackOff');
    await expect(events).toContainText(`Back-off restarting failed container ${workload}`);
    if (v2.get(name) === false) {
      // Its collection rule sends the legacy ContainerLog table: no ContainerLogV2 lines, and the panel says why.
      await expect(cluster.panel('Container logs')).toContainText('does not send ContainerLogV2');
      await expect(cluster.logLines).toHaveCount(0);
      // The live tail and search, on a cluster that collects ContainerLogV2 and has a crash-looping workload.
      const withLogs = (await fleet(page)).find(
        (c) => c.monitoring.containerInsights === true && v2.get(c.name) === true && c.health.status !== 'unknown',
      );
      expect(withLogs, 'a cluster that collects ContainerLogV2').toBeDefined();
      await cluster.goto(withLogs?.name ?? '', 'workloads');
    } else {
      for (const line of await cluster.logLines.allTextContents()) expect(line).toContain(workload);
    }
    await expect(cluster.logLines.first()).toBeVisible();

    // Live tail: a line written after the page loaded shows within 5 s of its timestamp.
    const lastBefore = (await cluster.logLines.last().textContent()) ?? '';
    await expect
      .poll(async () => (await cluster.logLines.last().textContent()) ?? '', { timeout: 10_000, intervals: [250] })
      .not.toBe(lastBefore);
    const lag = await page.evaluate(() => {
      const items = document.querySelectorAll('[role="log"] li');
      const hhmmss = items[items.length - 1]?.textContent?.slice(0, 8) ?? '';
      const now = new Date();
      const [h, m, s] = hhmmss.split(':').map(Number);
      const written = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m, s);
      return (now.getTime() - written) / 1000;
    });
    console.log(`live tail: newest line shown ${lag.toFixed(1)} s after it was written`);
    expect(lag).toBeLessThan(5);

    // Search narrows the lines and lives in the URL: the crash's error, or a route steady pods log.
    const term = v2.get(name) === false ? 'healthz' : 'refused';
    await page.getByRole('searchbox', { name: 'Search log lines' }).fill(term);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${term}`));
    // The address bar changes first; the lines follow when the search has answered.
    await expect(cluster.logLines.first()).toContainText(term === 'refused' ? 'connection refused' : '/healthz');
    await expect
      .poll(async () => (await cluster.logLines.allTextContents()).every((line) => line.includes(term)))
      .toBe(true);
    expect(errors).toEqual([]);
  });

  test('a selected NotReady node says why: status line with since and reason, pool, versions, taints and its events', async ({
    page,
  }) => {
    const errors = watchConsole(page);
    const target = (await fleet(page)).find(
      (c) =>
        c.health.reasons.some((r) => r.signal === 'node-readiness') &&
        c.monitoring.metrics &&
        c.monitoring.containerInsights !== false,
    );
    expect(target, 'the demo fleet has a cluster with NotReady nodes, metrics and Container insights').toBeDefined();
    const name = target?.name ?? '';
    const cluster = new ClusterPage(page);
    await cluster.goto(name, 'nodes');
    const table = page.getByRole('table', { name: 'Nodes' });
    await expect(table.getByRole('columnheader', { name: 'Pool' })).toBeVisible();
    const row = table.locator('tr[data-node]').first();
    const node = (await row.getAttribute('data-node')) ?? '';
    // The table already says why: the conditions in trouble and how long Ready has held.
    await expect(row).toContainText(/NotReady|Unknown/);
    await expect(row.getByTestId('node-why')).toContainText(/for the whole range|since \d{4}-/);
    const pool = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
    expect(pool).not.toBe('—');
    await expect(cluster.panel(/^Node details/)).toHaveCount(0);

    await row.getByRole('link', { name: node }).click();
    await expect(page).toHaveURL(new RegExp(`node=${node}`));
    const details = cluster.panel(`Node details · ${node}`);
    const status = details.getByRole('status').filter({ hasText: /^Not Ready/ });
    await expect(status).toContainText(/Not Ready.*(for the whole range|since)/i);
    await expect(status).toContainText(`Reason: NodeNotReady: Node ${node} status is now: NodeNotReady`);
    await expect(details.getByText(pool, { exact: true })).toBeVisible();
    await expect(details.getByRole('region', { name: 'Taints' })).toContainText(
      /node\.kubernetes\.io\/(not-ready|unreachable):NoExecute/,
    );
    await expect(details.getByRole('region', { name: 'Conditions' })).toContainText('Ready');
    await expect(details).toContainText(/kubelet: no successful scrape within the range/);
    await expect(details).toContainText(/Last report/);
    const events = details.getByRole('table', { name: 'Node events' });
    await expect(events.getByRole('row').nth(1)).toContainText('NodeNotReady');
    // The same data as JSON from the panel route (the browser's fetch: the test's own request context may hold
    // a keep-alive connection the server closed while the page loaded).
    const route = `/api/clusters/${encodeURIComponent(name)}/panels/node-details?node=${encodeURIComponent(node)}`;
    const json = await page.evaluate(async (url) => (await fetch(url)).json(), route);
    expect(json.view.details).toMatchObject({ node, pool, known: true });
    expect(errors).toEqual([]);
  });

  test('a link with persona, layer, absolute time and a selected node opens the same view in a new browser', async ({
    page,
    browser,
  }) => {
    const target = (await fleet(page)).find(
      (c) => c.health.reasons.some((r) => r.signal === 'node-readiness') && c.monitoring.metrics,
    );
    const name = target?.name ?? '';
    const cluster = new ClusterPage(page);
    await cluster.goto(name, '', 'persona=platform-engineer');
    await expect(page).toHaveURL(new RegExp(`/clusters/${name}/nodes\\?persona=platform-engineer$`));
    expect((await cluster.layerNames())[0]).toBe('L1 Nodes');
    const notReady = page.getByRole('table', { name: 'Nodes' }).locator('tr[data-node]').first();
    const node = (await notReady.getAttribute('data-node')) ?? '';
    await expect(notReady).toContainText(/NotReady|Unknown/);
    await notReady.getByRole('link', { name: node }).click();
    await expect(page).toHaveURL(new RegExp(`node=${node}`));
    await page.getByRole('combobox', { name: 'Time range' }).selectOption('now-6h');
    await expect(cluster.resolvedRange).toContainText('Last 6 hours');
    await page.getByRole('button', { name: 'Pin to absolute' }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\dT[^&]+&to=\d{4}/);
    // The address bar changes first; the page then re-renders on the server with the pinned times.
    await expect(cluster.resolvedRange).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d → /);
    await expect(cluster.panel(`CPU utilisation per node · ${node}`)).toBeVisible();
    const range = (await cluster.resolvedRange.textContent()) ?? '';
    const query = await cluster.panel(`CPU utilisation per node · ${node}`).locator('pre').first().textContent();
    const link = page.url();

    const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const other = new ClusterPage(await fresh.newPage());
    await other.page.goto(link);
    await other.expectCluster(name);
    await expect(other.currentLayer()).toHaveText(/L1 Nodes/);
    await expect(other.resolvedRange).toHaveText(range);
    await expect(other.page.getByRole('combobox', { name: 'Persona' })).toHaveValue('platform-engineer');
    await expect(other.page.getByRole('table', { name: 'Nodes' }).locator(`tr[data-node="${node}"]`)).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(other.panel(`CPU utilisation per node · ${node}`).locator('pre').first()).toHaveText(query ?? '');
    await expect(other.charts().first()).toBeVisible();
    await fresh.close();
  });

  test('the persona decides the landing page and the order of the layers', async ({ page }) => {
    const name = (await fleet(page)).find((c) => c.monitoring.metrics && c.provider === 'aks')?.name ?? '';
    const cluster = new ClusterPage(page);
    await cluster.goto(name, '', 'persona=developer&from=now-24h');
    await expect(page).toHaveURL(new RegExp(`/clusters/${name}/applications\\?persona=developer&from=now-24h$`));
    expect(await cluster.layerNames()).toEqual([
      'L4 Applications',
      'L3 Workloads',
      'Summary',
      'L1 Nodes',
      'L2 Control plane',
      'L5 Network',
    ]);
    await expect(cluster.charts()).toHaveCount(3);
    await page.getByRole('combobox', { name: 'Persona' }).selectOption('platform-engineer');
    await expect(page).toHaveURL(new RegExp(`/clusters/${name}/nodes\\?persona=platform-engineer&from=now-24h$`));
    await expect(cluster.currentLayer()).toHaveText(/L1 Nodes/);
    await expect
      .poll(async () => (await cluster.layerNames()).slice(0, 3))
      .toEqual(['L1 Nodes', 'L2 Control plane', 'L3 Workloads']);
  });

  test('old links keep working: range=6h and ns= are read as from=now-6h and namespace=', async ({ page }) => {
    const name = (await fleet(page)).find((c) => c.monitoring.metrics && c.provider === 'aks')?.name ?? '';
    const cluster = new ClusterPage(page);
    await cluster.goto(name, 'workloads', 'range=6h&ns=kube-system');
    await expect(cluster.resolvedRange).toContainText('Last 6 hours');
    await expect(cluster.panel('Container CPU by namespace · kube-system')).toBeVisible();
  });

  test('every layer page draws its charts for AKS and Arc clusters, without console errors', async ({ page }) => {
    const errors = watchConsole(page);
    const clusters = await fleet(page);
    const picks = (['aks', 'arc'] as const).map((p) => clusters.find((c) => c.provider === p && c.monitoring.metrics));
    const cluster = new ClusterPage(page);
    for (const c of picks) {
      expect(c).toBeDefined();
      for (const path of ['nodes', 'control-plane', 'workloads', 'applications'] as const) {
        await cluster.goto(c?.name ?? '', path);
        // One drawn chart per time-series spec of the page: a panel added to a page is counted without editing this test.
        await expect(cluster.charts()).toHaveCount(panelsOf(path).filter((s) => s.view === 'timeseries').length);
        // Panels name their failures in role=alert boxes; Next's route announcer is one too, outside them.
        await expect(page.locator('section [role="alert"]')).toHaveCount(0);
      }
      // L5 draws when the cluster runs an ingress controller and says so when it does not.
      await cluster.goto(c?.name ?? '', 'network');
      const none = page.getByText('No ingress controller found');
      // Two panels, each either a drawn chart or the empty state (charts draw after the browser measures them).
      await expect.poll(async () => (await cluster.charts().count()) + (await none.count())).toBe(2);
      await cluster.goto(c?.name ?? '', 'summary');
      await expect(cluster.panel('Health')).toBeVisible();
    }
    expect(errors).toEqual([]);
  });

  test('L1 and L2 draw disk, pod budget, API server percentiles, in-flight, 429/5xx and PLEG, and say no node is under pressure', async ({
    page,
  }) => {
    const errors = watchConsole(page);
    const c = (await fleet(page)).find((x) => x.monitoring.metrics && x.provider === 'aks');
    const cluster = new ClusterPage(page);
    await cluster.goto(c?.name ?? '', 'nodes');
    for (const title of ['Root filesystem used per node', 'Pods per node vs max pods'])
      await expect(cluster.chartIn(title), title).toBeVisible();
    await expect(cluster.tick('Root filesystem used per node', /^\d+(\.\d+)?%$/)).toBeVisible();
    await cluster.goto(c?.name ?? '', 'control-plane');
    for (const title of [
      'API server latency p50, p95, p99',
      'API server in-flight requests',
      'API server 429 and 5xx responses',
      'Kubelet PLEG relist p99 per node',
    ]) {
      await expect(cluster.chartIn(title), title).toBeVisible();
    }
    const percentiles = cluster.panel('API server latency p50, p95, p99');
    for (const name of ['p50', 'p95', 'p99'])
      await expect(percentiles.getByRole('list', { name: 'Legend' })).toContainText(name);
    await expect(cluster.tick('API server latency p50, p95, p99', /^\d+ms$/)).toBeVisible();
    await expect(cluster.panel('API server 429 and 5xx responses').getByRole('list', { name: 'Legend' })).toContainText(
      '500',
    );
    await expect(cluster.panel('Node pressure (kubelet eviction signals)')).toContainText(
      `None of ${c?.nodes.total} nodes reports memory, disk or PID pressure`,
    );
    // Every panel offers its exact query and a way into the explorer.
    const pleg = cluster.panel('Kubelet PLEG relist p99 per node');
    await pleg.getByText('Show query').click();
    // Its own query first, then the node readiness that marks not Ready nodes.
    await expect(pleg.locator('pre')).toHaveCount(2);
    await expect(pleg.locator('pre').first()).toContainText(
      'histogram_quantile(0.99, sum by (node, le) (label_replace(rate(kubelet_pleg_relist_duration_seconds_bucket{',
    );
    await expect(pleg.locator('pre').nth(1)).toContainText('kube_node_status_condition');
    await expect(pleg.getByRole('link', { name: 'Open in explorer' }).first()).toHaveAttribute(
      'href',
      /^\/explore\/metrics\?/,
    );
    expect(errors).toEqual([]);
  });

  test('L3 lists OOM-killed containers, StatefulSets, DaemonSets and usage against requests and limits', async ({
    page,
  }) => {
    const errors = watchConsole(page);
    const clusters = (await fleet(page)).filter((c) => c.monitoring.metrics);
    const cluster = new ClusterPage(page);
    // The crash-looping clusters, most crashes first: one of them runs out of memory.
    let oomKilled = 0;
    for (const c of clusters
      .filter((x) => (x.containers.crashLooping ?? 0) > 0)
      .sort((a, b) => (b.containers.crashLooping ?? 0) - (a.containers.crashLooping ?? 0))) {
      await cluster.goto(c.name, 'workloads');
      const oom = cluster.panel('OOM-killed containers');
      await expect(
        oom
          .getByRole('list', { name: 'OOM-killed containers' })
          .or(oom.getByText("No container's last termination was the OOM killer.")),
      ).toBeVisible();
      oomKilled = await oom.getByRole('listitem').count();
      if (oomKilled > 0) {
        // Each is crash-looping too, and links to its workload's events and logs.
        const container = (await oom.locator('[data-container]').first().getAttribute('data-container')) ?? '';
        await expect(
          cluster.panel('Containers in CrashLoopBackOff').locator(`[data-container="${container}"]`).first(),
        ).toBeVisible();
        await expect(oom.getByRole('link', { name: `Events and logs of ${container}` }).first()).toBeVisible();
        break;
      }
    }
    expect(oomKilled).toBeGreaterThan(0);

    // The largest cluster runs StatefulSets; every cluster runs DaemonSets.
    const largest = [...clusters].sort((a, b) => (b.nodes.total ?? 0) - (a.nodes.total ?? 0))[0];
    await cluster.goto(largest?.name ?? '', 'workloads');
    await expect(page.getByRole('table', { name: 'StatefulSets' }).locator('tr[data-workload]').first()).toBeVisible();
    const daemonSets = page.getByRole('table', { name: 'DaemonSets' });
    // A DaemonSet's pod on a node that is not Ready is not ready either.
    await expect(daemonSets.locator('tr[data-workload="kube-proxy"]')).toContainText(
      `${largest?.nodes.ready} / ${largest?.nodes.total}`,
    );
    for (const [table, unit] of [
      ['CPU by namespace', ''],
      ['Memory by namespace', 'iB'],
    ] as const) {
      const row = page.getByRole('table', { name: table }).locator('tr[data-namespace="kube-system"]');
      await expect(row, table).toBeVisible();
      await expect(row.getByRole('cell').nth(3), `${table} limits`).toContainText(unit === '' ? /\d/ : unit);
      await expect(row.getByRole('cell').nth(4), `${table} share of requests`).toContainText('%');
    }
    expect(errors).toEqual([]);
  });

  test('L4 draws the p99 of every app, and p50, p95 and p99 of one app picked from its deployment', async ({
    page,
  }) => {
    const errors = watchConsole(page);
    const c = (await fleet(page)).find(
      (x) => x.monitoring.metrics && x.provider === 'aks' && x.health.status === 'healthy',
    );
    const cluster = new ClusterPage(page);
    await cluster.goto(c?.name ?? '', 'applications');
    const all = cluster.chartIn('Request latency per app · p99');
    await expect(all).toBeVisible();
    await expect(cluster.tick('Request latency per app · p99', /^\d+(ms|\.\d\ds)$/)).toBeVisible();
    // Pick an app the way users do: from its deployment on L3, then the L4 tab keeps the selection.
    await cluster.goto(c?.name ?? '', 'workloads');
    const deployment = page
      .getByRole('table', { name: 'Deployments' })
      .locator('tr[data-workload]')
      .filter({ hasNotText: 'kube-system/' })
      .first();
    const app = (await deployment.getAttribute('data-workload')) ?? '';
    await deployment.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`workload=${app}`));
    await cluster.layers.getByRole('link', { name: /L4 Applications/ }).click();
    const one = cluster.panel(`Request latency per app: p50, p95, p99 · ${app}`);
    await expect(one.locator('figure path.recharts-line-curve')).toHaveCount(3);
    for (const name of ['p50', 'p95', 'p99'])
      await expect(one.getByRole('list', { name: 'Legend' })).toContainText(name);
    expect(errors).toEqual([]);
  });

  test('a cluster without Container insights says so and links to onboarding; unknown clusters are not found', async ({
    page,
    request,
  }) => {
    const dark = (await fleet(page)).find((c) => c.monitoring.containerInsights === false && c.monitoring.metrics);
    const cluster = new ClusterPage(page);
    await cluster.goto(dark?.name ?? '', 'workloads');
    await expect(cluster.panel('Container logs')).toContainText('needs Container insights');
    await expect(cluster.panel('Container logs').getByRole('link', { name: 'See how to turn it on' })).toHaveAttribute(
      'href',
      '/onboarding',
    );
    // The layout looks the cluster up before the page's skeleton streams, so the status line says 404 too.
    expect((await page.goto('/clusters/no-such-cluster/nodes'))?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect((await request.get(`/clusters/${encodeURIComponent(dark?.name ?? '')}/no-such-page`)).status()).toBe(404);
    expect((await request.get('/clusters/%E0%A4%A/nodes')).status()).toBe(400);
  });

  test('the live-tail route validates its input', async ({ request, page }) => {
    const name = (await fleet(page)).find((c) => c.monitoring.containerInsights === true)?.name ?? '';
    expect((await request.get(`/api/clusters/${name}/logs?after=yesterday`)).status()).toBe(400);
    expect((await request.get(`/api/clusters/${name}/logs?workload=${encodeURIComponent('x"} or 1')}`)).status()).toBe(
      400,
    );
    expect((await request.get(`/api/clusters/${name}/logs?unknown=1`)).status()).toBe(400);
    expect((await request.get('/api/clusters/no-such-cluster/logs')).status()).toBe(404);
    const ok = await request.get(`/api/clusters/${name}/logs?after=${new Date(Date.now() - 60_000).toISOString()}`);
    expect(ok.status()).toBe(200);
    const body = logsTailResponseSchema.parse(await ok.json());
    expect(body.lines.length).toBeGreaterThan(0);
  });

  test('on a phone the per-node charts keep a real plot, and draw the not Ready nodes first, marked', async ({
    browser,
  }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'UTC' });
    const page = await ctx.newPage();
    const c = (await fleet(page)).find(
      (x) => x.monitoring.metrics && x.nodes.total !== null && x.nodes.ready !== null && x.nodes.ready < x.nodes.total,
    );
    expect(c).toBeDefined();
    const cluster = new ClusterPage(page);
    await cluster.goto(c?.name ?? '', 'nodes');
    for (const title of [
      'CPU utilisation per node',
      'Memory utilisation per node',
      'Root filesystem used per node',
      'Pods per node vs max pods',
    ]) {
      await expect(cluster.chartIn(title), title).toBeVisible();
      const plot = await cluster.panel(title).locator('.recharts-cartesian-grid').boundingBox();
      expect(plot?.height ?? 0, title).toBeGreaterThanOrEqual(160);
      await expect(
        cluster.panel(title).getByRole('list', { name: 'Legend' }).getByRole('listitem').first(),
        title,
      ).toContainText('(not Ready)');
    }
    await ctx.close();
  });

  test('fits a phone screen without sideways scrolling', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'UTC' });
    const page = await ctx.newPage();
    const name =
      (await fleet(page)).find((c) => c.monitoring.metrics && c.monitoring.containerInsights === true)?.name ?? '';
    const cluster = new ClusterPage(page);
    for (const path of ['summary', 'nodes', 'control-plane', 'workloads', 'applications']) {
      await cluster.goto(name, path);
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      // The page body, not the app header (whose navigation other views extend).
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('main');
        return main ? main.scrollWidth - main.clientWidth : 1;
      });
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await ctx.close();
  });
});
