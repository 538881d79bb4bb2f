import { act, render as renderInDom, screen, within } from '@testing-library/react';
import { withNuqsTestingAdapter } from 'nuqs/adapters/testing';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterEventRow } from '@/lib/catalog/queries/cluster-logs';
import type { FiredAlert } from '@/lib/fleet/alerts';
import type { PanelData, PanelView as PanelViewData, TableColumn } from '@/lib/fleet/cluster/panels';
import { FAILURES, HOSTILE, LONG_NAME, NOW, panelContext, panelData } from '@/lib/testing/dom/cluster-fixtures';
import { PanelView } from './panel-view';

// The URL-state hooks (nuqs) need an adapter; the testing one keeps the URL in memory.
const render = (ui: ReactElement) => renderInDom(ui, { wrapper: withNuqsTestingAdapter() });

/** A hostile value in a link: it reads back as itself, and nothing in the href can close the attribute or open a tag. */
function expectEncoded(href: string | null, param: string, value: string): void {
  expect(new URL(href ?? '', 'http://x').searchParams.get(param)).toBe(value);
  expect(href).not.toMatch(/[<>"]/);
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const ctx = panelContext();
const arcCtx = panelContext({
  cluster: {
    name: 'arc-edge-7',
    provider: 'arc',
    monitoring: { metrics: true, nodeSource: 'prometheus', containerInsights: null, managedPrometheus: null },
  },
});
const pinnedCtx = panelContext({
  view: { range: { from: { kind: 'absolute', at: NOW - 7200 }, to: { kind: 'absolute', at: NOW - 3600 } } },
});

const table = (view: Extract<PanelViewData, { kind: 'table' }>, change: Partial<PanelData> = {}): PanelData =>
  panelData({ view, status: 'ok', ...change });
const columns = (...headers: string[]): TableColumn[] => headers.map((header) => ({ header }));

function renderPanel(data: PanelData, c = ctx): HTMLElement {
  render(<PanelView data={data} ctx={c} />);
  return screen.getByRole('region', { name: data.title });
}

describe('any panel', () => {
  it('says what cannot exist on this cluster instead of asking for it', () => {
    const region = renderPanel(
      panelData({
        title: 'Kubernetes events',
        status: 'unavailable',
        unavailable: { what: 'Kubernetes events', capability: 'Container insights' },
      }),
    );
    expect(within(region).getByRole('status').textContent).toContain(
      'Kubernetes events needs Container insights, which this cluster does not send.',
    );
  });

  it('shows the failure of a query that left nothing to draw, in its own words per kind', () => {
    const forbidden = renderPanel(panelData({ title: 'Forbidden', status: 'error', failures: [FAILURES.forbidden] }));
    expect(within(forbidden).getByRole('status').textContent).toContain(
      'No permission to read Log Analytics (needs Log Analytics Reader on ws-prod)',
    );
    const timeout = renderPanel(panelData({ title: 'Timed out', status: 'error', failures: [FAILURES.timeout] }));
    expect(within(timeout).getByRole('alert').textContent).toContain('Prometheus did not answer in time');
  });

  it('keeps "Show query" whatever the state', () => {
    const executed = [
      {
        id: 'prom.cluster.node-cpu',
        title: 'Node CPU',
        kind: 'prom' as const,
        text: 'up',
        backend: 'Prometheus',
        durationMs: 3,
        time: { kind: 'instant' as const, at: NOW },
      },
    ];
    const region = renderPanel(
      panelData({ title: 'Node CPU', status: 'error', failures: [FAILURES.generic], executed }),
    );
    expect(within(region).getByText('Show query')).toBeTruthy();
  });
});

describe('time series panel', () => {
  const chartView = (names: string[], dropped = 0, change: Partial<PanelViewData> = {}): PanelViewData =>
    ({
      kind: 'timeseries',
      unit: 'cores',
      span: 3600,
      rank: { keep: 'highest', measure: 'peak', what: 'CPU use' },
      dropped,
      hidden: Array.from({ length: dropped }, (_, i) => ({
        name: `node-x${i}`,
        value: 0.5 - i / 100,
        highlight: false,
      })),
      highlight: null,
      series: names.length + dropped,
      chart: {
        series: names.map((name, i) => ({
          key: `s${i}`,
          name,
          color: '#0072B2',
          dash: '',
          highlight: false,
          value: i,
        })),
        rows: [0, 1, 2].map((r) =>
          Object.fromEntries([['t', NOW - 3600 + r * 1800], ...names.map((_, i) => [`s${i}`, r + i])]),
        ),
      },
      ...change,
    }) as PanelViewData;

  it('empty: says why, draws no chart', () => {
    const region = renderPanel(
      panelData({
        title: 'Node CPU',
        status: 'empty',
        empty: 'No node reported CPU in this range.',
        view: chartView([]),
      }),
    );
    expect(within(region).getByText('No node reported CPU in this range.')).toBeTruthy();
    expect(within(region).queryByRole('figure')).toBeNull();
  });

  it('ok: a chart named by the panel, which lines it kept and why, and the rest behind a disclosure', () => {
    const region = renderPanel(panelData({ title: 'Node CPU', view: chartView(['node-a', 'node-b'], 13) }));
    expect(within(region).getByRole('figure', { name: 'Node CPU' })).toBeTruthy();
    expect(within(region).getByText('Showing the 2 worst (highest CPU use in the range) of 15 series.')).toBeTruthy();
    const more = within(region).getByText('13 more series');
    expect(more.tagName).toBe('SUMMARY');
    const list = within(region).getByRole('list', { name: '13 more series', hidden: true });
    const items = within(list).getAllByRole('listitem', { hidden: true });
    expect(items).toHaveLength(13);
    expect(items[0]?.textContent).toBe('node-x00.5 cores');
    expect(items[12]?.textContent).toBe('node-x120.38 cores');
  });

  it('ok: all series drawn, no note; a failed highlight query says the chart is unmarked', () => {
    const region = renderPanel(panelData({ title: 'Node CPU', view: chartView(['node-a']) }));
    expect(within(region).queryByText(/more series/)).toBeNull();
    expect(within(region).queryByText(/Showing the/)).toBeNull();
    const unmarked = renderPanel(
      panelData({
        title: 'Node memory',
        view: chartView(['node-a'], 0, { highlight: 'not Ready' }),
        failures: [FAILURES.generic],
      }),
    );
    expect(within(unmarked).getByText(/Series are not marked not Ready: asking which failed/)).toBeTruthy();
  });

  it('says how many highlighted series lead, and marks left-off ones too', () => {
    const view = chartView(['node-down', 'node-a'], 2, {
      highlight: 'not Ready',
      hidden: [
        { name: 'node-down-2', value: 0.01, highlight: true },
        { name: 'node-b', value: 0.3, highlight: false },
      ],
    });
    if (view.kind !== 'timeseries') throw new Error('chart view');
    view.chart.series[0] = { ...view.chart.series[0]!, highlight: true };
    const region = renderPanel(panelData({ title: 'Node CPU', view }));
    expect(
      within(region).getByText(
        'Showing the 2 worst (highest CPU use in the range) of 4 series, the 1 not Ready first.',
      ),
    ).toBeTruthy();
    const legend = within(region).getByRole('list', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem')[0]?.textContent).toBe('node-down(not Ready)');
    expect(within(region).getByText('node-down-2 (not Ready)')).toBeTruthy();
  });

  it('failed: the failure, no chart', () => {
    const region = renderPanel(
      panelData({ title: 'Node CPU', status: 'error', failures: [FAILURES.throttled], view: null }),
    );
    expect(within(region).getByRole('alert').textContent).toContain(
      'Resource Graph is throttling requests; retry in 12 s',
    );
    expect(within(region).queryByRole('figure')).toBeNull();
  });
});

describe('stat panel', () => {
  it('shows the value in its unit, a dash when the query had no number, the reason when empty', () => {
    expect(
      renderPanel(panelData({ title: 'CPU', view: { kind: 'stat', unit: 'cores', value: 2.5 } })).textContent,
    ).toContain('2.5 cores');
    expect(
      within(renderPanel(panelData({ title: 'Memory', view: { kind: 'stat', unit: 'bytes', value: null } }))).getByText(
        '—',
      ),
    ).toBeTruthy();
    const empty = renderPanel(
      panelData({
        title: 'Restarts',
        status: 'empty',
        empty: 'kube-state-metrics is not scraped here.',
        view: { kind: 'stat', unit: 'count', value: null },
      }),
    );
    expect(within(empty).getByText('kube-state-metrics is not scraped here.')).toBeTruthy();
  });
});

describe('node table', () => {
  type TriageRow = Extract<PanelViewData, { table: 'nodes' }>['rows'][number];
  const nodes = (
    rows: Array<Omit<TriageRow, 'pool' | 'trouble' | 'readyChange'> & Partial<TriageRow>>,
  ): Extract<PanelViewData, { kind: 'table' }> => ({
    kind: 'table',
    table: 'nodes',
    columns: columns('Node', 'Pool', 'Ready', 'CPU', 'Memory', 'Pods'),
    rows: rows.map((r) => ({ pool: null, trouble: [], readyChange: null, ...r })),
  });

  it('lists nodes with readiness, links each to its charts and marks the selected one', () => {
    const selected = panelContext({ view: { node: 'aks-nodepool1-1' } });
    const region = renderPanel(
      table(
        nodes([
          {
            name: 'aks-nodepool1-0',
            ready: 'true',
            cpuCores: 3.86,
            memoryBytes: 12 * 1024 ** 3,
            podsRunning: 28,
            podsCapacity: 30,
          },
          {
            name: 'aks-nodepool1-1',
            ready: 'false',
            cpuCores: null,
            memoryBytes: null,
            podsRunning: null,
            podsCapacity: 30,
          },
        ]),
        { title: 'Nodes' },
      ),
      selected,
    );
    const rows = within(within(region).getByRole('table', { name: 'Nodes' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.getAttribute('data-node'))).toEqual(['aks-nodepool1-0', 'aks-nodepool1-1']);
    expect(within(rows[0] as HTMLElement).getByText('Ready')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('28 / 30')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('NotReady')).toBeTruthy();
    expect(rows[1]?.getAttribute('aria-selected')).toBe('true');
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link', { name: 'aks-nodepool1-0' })
        .getAttribute('href'),
    ).toBe('/clusters/aks-prod-1/nodes?node=aks-nodepool1-0');
    expect(within(region).getByRole('link', { name: 'Show every node' })).toBeTruthy();
  });

  it('partial: says which query failed above the rows the others filled', () => {
    const region = renderPanel(
      table(
        nodes([{ name: 'n1', ready: 'true', cpuCores: null, memoryBytes: null, podsRunning: 3, podsCapacity: 30 }]),
        { title: 'Nodes', failures: [FAILURES.timeout] },
      ),
    );
    expect(within(region).getByRole('alert').textContent).toContain('Prometheus did not answer in time');
    expect(within(region).getByRole('table', { name: 'Nodes' })).toBeTruthy();
  });

  it('empty: the reason, unless a failure already explains it', () => {
    expect(
      within(
        renderPanel(table(nodes([]), { title: 'Nodes', status: 'empty', empty: 'No node is reporting.' })),
      ).getByText('No node is reporting.'),
    ).toBeTruthy();
    const failed = renderPanel(
      table(nodes([]), {
        title: 'Failed nodes',
        status: 'error',
        empty: 'No node is reporting.',
        failures: [FAILURES.forbidden],
      }),
    );
    expect(within(failed).queryByText('No node is reporting.')).toBeNull();
    expect(within(failed).getByRole('status').textContent).toContain('No permission');
  });

  it('long and hostile node names: truncated cells with the full name in the title, as text', () => {
    const region = renderPanel(
      table(
        nodes([
          { name: LONG_NAME, ready: 'unknown', cpuCores: 1, memoryBytes: 1, podsRunning: 1, podsCapacity: 1 },
          { name: HOSTILE.markup, ready: null, cpuCores: 1, memoryBytes: 1, podsRunning: 1, podsCapacity: 1 },
        ]),
        { title: 'Nodes' },
      ),
    );
    const long = within(region).getByRole('link', { name: LONG_NAME });
    expect(long.getAttribute('title')).toBe(LONG_NAME);
    expect(long.closest('td')?.className).toMatch(/\btruncate\b/);
    expect(long.closest('td')?.className).toMatch(/max-w-\[280px\]/);
    const href = within(region).getByRole('link', { name: HOSTILE.markup }).getAttribute('href');
    expect(href).toMatch(/^\/clusters\/aks-prod-1\/nodes\?node=/);
    expectEncoded(href, 'node', HOSTILE.markup);
    expect(region.querySelector('img')).toBeNull();
  });
});

describe('workload tables', () => {
  it('replicas: namespace/name linking to the workload, short ones in red', () => {
    const region = renderPanel(
      table(
        {
          kind: 'table',
          table: 'replicas',
          label: 'Deployments',
          columns: columns('Deployment', 'Available'),
          rows: [
            { namespace: 'shop', name: 'cart', desired: 3, actual: 1 },
            { namespace: 'shop', name: 'web', desired: 2, actual: 2 },
          ],
        },
        { title: 'Deployments' },
      ),
    );
    const link = within(region).getByRole('link', { name: 'shop/cart' });
    expect(link.getAttribute('href')).toBe('/clusters/aks-prod-1/workloads?namespace=shop&workload=cart');
    expect(within(region).getByText('1 / 3').className).toContain('text-red-700');
    expect(within(region).getByText('2 / 2').className).not.toContain('text-red-700');
  });

  it('resources: usage, requests, limits ("none" when unset) and the share of requests', () => {
    const region = renderPanel(
      table(
        {
          kind: 'table',
          table: 'resources',
          label: 'CPU by namespace',
          unit: 'cores',
          columns: columns('Namespace', 'Usage', 'Requests', 'Limits', 'Of requests'),
          rows: [{ namespace: 'shop', usage: 1.5, requests: 1, limits: null }],
        },
        { title: 'CPU by namespace' },
      ),
    );
    const row = within(region).getAllByRole('row')[1] as HTMLElement;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['shop', '1.5', '1', 'none', '150.0%']);
    expect(within(row).getByText('none').getAttribute('title')).toBe('No container here sets a limit');
  });

  it('a 200-character namespace stays in its truncating cell, whole in the title and the link', () => {
    const region = renderPanel(
      table(
        {
          kind: 'table',
          table: 'resources',
          label: 'Memory by namespace',
          unit: 'bytes',
          columns: columns('Namespace', 'Usage', 'Requests', 'Limits', 'Of requests'),
          rows: [{ namespace: LONG_NAME, usage: 1024, requests: 2048, limits: 4096 }],
        },
        { title: 'Memory' },
      ),
    );
    expect(LONG_NAME).toHaveLength(200);
    const link = within(region).getByRole('link', { name: LONG_NAME });
    expect(link.getAttribute('title')).toBe(LONG_NAME);
    expect(link.closest('td')?.className).toMatch(/\bmax-w-0\b.*\btruncate\b/);
    expect(link.getAttribute('href')).toBe(`/clusters/aks-prod-1/workloads?namespace=${LONG_NAME}`);
    // The panel body and the table can shrink: nothing forces the grid wider than its column.
    expect(region.className).toContain('min-w-0');
    expect(within(region).getByRole('table').closest('.overflow-auto')).not.toBeNull();
  });

  it('containers and restarts: hostile names are text, in links that encode them', () => {
    const region = renderPanel(
      table(
        {
          kind: 'table',
          table: 'containers',
          label: 'Crash-looping containers',
          columns: [],
          rows: [{ namespace: HOSTILE.rtl, pod: HOSTILE.script, container: HOSTILE.emoji }],
        },
        { title: 'Crash loops' },
      ),
    );
    const list = within(region).getByRole('list', { name: 'Crash-looping containers' });
    expect(within(list).getByText(HOSTILE.script)).toBeTruthy();
    expect(within(list).getByText(`${HOSTILE.rtl}/`)).toBeTruthy();
    const link = within(list).getByRole('link', { name: `Events and logs of ${HOSTILE.emoji}` });
    expect(new URL(link.getAttribute('href') ?? '', 'http://x').searchParams.get('namespace')).toBe(HOSTILE.rtl);
    expect(region.querySelector('script')).toBeNull();

    const restarts = renderPanel(
      table(
        {
          kind: 'table',
          table: 'restarts',
          columns: [],
          rows: [
            { namespace: HOSTILE.quotes, restarts: 12 },
            { namespace: 'shop', restarts: 3 },
          ],
        },
        { title: 'Restarts' },
      ),
    );
    expect(within(restarts).getByRole('link', { name: HOSTILE.quotes })).toBeTruthy();
    expect(restarts.querySelector('b')).toBeNull();
    const bars = [...restarts.querySelectorAll<HTMLElement>('.bg-amber-500')].map((b) => b.style.width);
    expect(bars).toEqual(['100%', '25%']);
  });

  it('empty: each table says why', () => {
    const region = renderPanel(
      table(
        { kind: 'table', table: 'replicas', label: 'StatefulSets', columns: columns('StatefulSet', 'Ready'), rows: [] },
        { title: 'StatefulSets', status: 'empty', empty: 'No StatefulSet runs on this cluster.' },
      ),
    );
    expect(within(region).getByText('No StatefulSet runs on this cluster.')).toBeTruthy();
    expect(within(region).queryByRole('table')).toBeNull();
  });

  it('failed: the failure replaces the table', () => {
    const region = renderPanel(
      table(
        {
          kind: 'table',
          table: 'replicas',
          label: 'Deployments',
          columns: columns('Deployment', 'Available'),
          rows: [],
        },
        { title: 'Deployments', status: 'error', failures: [FAILURES.notFound] },
      ),
    );
    expect(within(region).getByRole('alert').textContent).toContain('Azure Resource Manager: not found');
    expect(within(region).queryByRole('table')).toBeNull();
  });
});

describe('node pressure', () => {
  it('says no kubelet evicts when none is pressed, else lists node and condition', () => {
    const calm = renderPanel(
      table({ kind: 'table', table: 'pressure', columns: [], summary: { nodes: 3, pressed: [] } }, { title: 'Calm' }),
    );
    expect(within(calm).getByRole('status').textContent).toBe(
      'None of 3 nodes reports memory, disk or PID pressure: no kubelet is evicting pods.',
    );
    const pressed = renderPanel(
      table(
        {
          kind: 'table',
          table: 'pressure',
          columns: [],
          summary: {
            nodes: 3,
            pressed: [
              { node: 'n1', condition: 'DiskPressure' },
              { node: LONG_NAME, condition: 'MemoryPressure' },
            ],
          },
        },
        { title: 'Pressed' },
      ),
    );
    const items = within(within(pressed).getByRole('list', { name: 'Nodes under pressure' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual(['n1disk pressure', `${LONG_NAME}memory pressure`]);
    expect(within(items[1] as HTMLElement).getByText(LONG_NAME).className).toMatch(/\bmin-w-0\b.*\btruncate\b/);
  });

  it('empty when no node reported conditions', () => {
    const region = renderPanel(
      table(
        { kind: 'table', table: 'pressure', columns: [], summary: { nodes: 0, pressed: [] } },
        { title: 'Pressure', status: 'empty', empty: 'No kubelet reported node conditions.' },
      ),
    );
    expect(within(region).getByText('No kubelet reported node conditions.')).toBeTruthy();
  });
});

describe('events', () => {
  const event = (change: Partial<ClusterEventRow> = {}): ClusterEventRow =>
    ({
      LastSeen: '2025-11-24T15:00:00Z',
      Namespace: 'shop',
      ObjectKind: 'Pod',
      Name: 'cart-1',
      Reason: 'BackOff',
      Message: 'Back-off restarting failed container',
      KubeEventType: 'Warning',
      Count: 4,
      ...change,
    }) as ClusterEventRow;
  const events = (rows: ClusterEventRow[]): Extract<PanelViewData, { kind: 'table' }> => ({
    kind: 'table',
    table: 'events',
    columns: columns('Last seen', 'Object', 'Reason', 'Message', 'Count'),
    rows,
  });

  it('lists events, warnings marked, hostile messages as text', () => {
    const region = renderPanel(
      table(
        events([
          event(),
          event({ Name: 'cart-2', Reason: 'Pulled', KubeEventType: 'Normal', Message: HOSTILE.script }),
        ]),
        { title: 'Kubernetes events' },
      ),
    );
    const rows = within(within(region).getByRole('table', { name: 'Kubernetes events' }))
      .getAllByRole('row')
      .slice(1);
    expect(within(rows[0] as HTMLElement).getByText('BackOff').className).toContain('text-amber-800');
    expect(within(rows[1] as HTMLElement).getByText(HOSTILE.script)).toBeTruthy();
    expect(region.querySelector('script')).toBeNull();
  });

  it('empty on Arc: the reason, and that Container insights may be off', () => {
    const region = renderPanel(
      table(events([]), { title: 'Kubernetes events', status: 'empty', empty: 'No events in this range.' }),
      arcCtx,
    );
    expect(within(region).getByText(/No events in this range\./).textContent).toContain(
      'Container insights may not be enabled on this cluster; check onboarding.',
    );
    expect(within(region).getByRole('link', { name: 'check onboarding' }).getAttribute('href')).toBe('/onboarding');
  });

  it('empty on AKS, where the inventory knows insights are on: only the reason', () => {
    const region = renderPanel(
      table(events([]), { title: 'Kubernetes events', status: 'empty', empty: 'No events in this range.' }),
    );
    expect(within(region).queryByText(/Container insights may not be enabled/)).toBeNull();
  });
});

describe('container logs', () => {
  const logs = (
    lines: Extract<PanelViewData, { table: 'logs' }>['lines'],
  ): Extract<PanelViewData, { kind: 'table' }> => ({ kind: 'table', table: 'logs', columns: [], lines });

  it('a pinned range: the lines oldest first, hostile ones as text, no live tail', () => {
    const region = renderPanel(
      table(
        logs([
          {
            key: 'k1',
            time: '2025-11-24T14:00:01.000Z',
            namespace: 'shop',
            pod: 'cart-1',
            container: 'cart',
            level: 'ERROR',
            message: HOSTILE.markup,
          },
          {
            key: 'k2',
            time: '2025-11-24T14:00:02.000Z',
            namespace: 'shop',
            pod: HOSTILE.rtl,
            container: 'cart',
            level: 'INFO',
            message: HOSTILE.emoji,
          },
        ]),
        { title: 'Container logs' },
      ),
      pinnedCtx,
    );
    const log = within(region).getByRole('log', { name: 'Log lines' });
    expect(
      within(log)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`14:00:01 ERROR cart-1 ${HOSTILE.markup}`, `14:00:02 INFO  ${HOSTILE.rtl} ${HOSTILE.emoji}`]);
    expect(log.querySelector('img')).toBeNull();
    expect((within(region).getByRole('checkbox', { name: 'Live tail' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('empty and pinned: no lines, and the reason', () => {
    const region = renderPanel(
      table(logs([]), { title: 'Container logs', status: 'empty', empty: 'No container wrote a line in this range.' }),
      pinnedCtx,
    );
    expect(within(region).getByText('No log lines.')).toBeTruthy();
    expect(within(region).getByText('No container wrote a line in this range.')).toBeTruthy();
  });

  it('a live tail that the logs route refuses says why', async () => {
    vi.useFakeTimers();
    const body = {
      error: { status: 503, code: 'not_configured', message: 'Log Analytics is not configured: set AZURE_TENANT_ID' },
    };
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const region = renderPanel(table(logs([]), { title: 'Container logs', status: 'empty' }));
    expect(within(region).getByText('Waiting for new lines…')).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2100);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toMatch(/^\/api\/clusters\/aks-prod-1\/logs\?after=/);
    expect(within(region).getByRole('alert').textContent).toBe(
      'Live tail stopped getting lines: Log Analytics is not configured: set AZURE_TENANT_ID',
    );
  });
});

describe('alerts on this cluster', () => {
  const alert = (i: number, change: Partial<FiredAlert> = {}): FiredAlert => ({
    id: `a${i}`,
    rule: `Rule ${i}`,
    severity: 'Sev2',
    cluster: 'aks-prod-1',
    service: 'Azure Monitor',
    since: '2025-11-24T14:00:00Z',
    description: `Description ${i}`,
    instances: 1,
    ...change,
  });
  const alerts = (rows: FiredAlert[]): Extract<PanelViewData, { kind: 'table' }> => ({
    kind: 'table',
    table: 'alerts',
    columns: [],
    rows,
    at: NOW,
  });

  it('lists the worst eight and counts the rest, linking to the alerts page for this cluster', () => {
    const region = renderPanel(
      table(alerts(Array.from({ length: 11 }, (_, i) => alert(i))), { title: 'Firing alerts' }),
    );
    expect(within(within(region).getByRole('list', { name: 'Firing alerts' })).getAllByRole('listitem')).toHaveLength(
      8,
    );
    expect(within(region).getByText('+3 more')).toBeTruthy();
    expect(within(region).getByRole('link', { name: 'Open in Alerts →' }).getAttribute('href')).toBe(
      '/alerts?q=aks-prod-1',
    );
  });

  it('one source failing is said above what the other answered; all failing leaves no empty claim', () => {
    const partial = renderPanel(
      table(alerts([alert(1, { rule: HOSTILE.script })]), { title: 'Partial alerts', failures: [FAILURES.throttled] }),
    );
    expect(within(partial).getByRole('alert').textContent).toContain('throttling');
    expect(within(partial).getByText(HOSTILE.script)).toBeTruthy();
    const failed = renderPanel(
      table(alerts([]), {
        title: 'Failed alerts',
        status: 'error',
        empty: 'No alert is firing.',
        failures: [FAILURES.generic],
      }),
    );
    expect(within(failed).queryByText('No alert is firing.')).toBeNull();
  });

  it('empty: the reason', () => {
    const region = renderPanel(
      table(alerts([]), { title: 'Firing alerts', status: 'empty', empty: 'No alert is firing on this cluster.' }),
    );
    expect(within(region).getByText('No alert is firing on this cluster.')).toBeTruthy();
  });

  it('a hostile cluster name is encoded in the alerts link', () => {
    const hostileCtx = panelContext({ cluster: { name: HOSTILE.markup } });
    render(<PanelView data={table(alerts([]), { title: 'Firing alerts', status: 'empty' })} ctx={hostileCtx} />);
    const href = screen.getByRole('link', { name: 'Open in Alerts →' }).getAttribute('href');
    expect(href).toMatch(/^\/alerts\?q=/);
    expectEncoded(href, 'q', HOSTILE.markup);
  });
});
