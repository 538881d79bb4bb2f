import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ExecutedQuery, QueryFailure } from '@/lib/fleet/cluster/panels';
import { FAILURES, HOSTILE, LONG_NAME } from '@/lib/testing/dom/cluster-fixtures';
import {
  BODY_HEIGHT,
  ColumnHeads,
  Panel,
  PanelBody,
  PanelEmpty,
  PanelError,
  PanelSkeleton,
  PanelUnavailable,
} from './panel';

const query = (change: Partial<ExecutedQuery> = {}): ExecutedQuery => ({
  id: 'prom.cluster.node-cpu',
  title: 'Node CPU',
  kind: 'prom',
  text: 'sum by (node) (rate(node_cpu_seconds_total{mode!="idle", cluster="aks-prod-1"}[5m]))',
  backend: 'Prometheus',
  durationMs: 12,
  time: { kind: 'range', start: 1_763_996_400, end: 1_764_000_000, step: 15 },
  ...change,
});

describe('panel frame', () => {
  it('is a region named by its title, with its description and body', () => {
    render(
      <Panel title="Node CPU" description="Cores in use per node.">
        <p>body</p>
      </Panel>,
    );
    const region = screen.getByRole('region', { name: 'Node CPU' });
    expect(within(region).getByRole('heading', { level: 2, name: 'Node CPU' })).toBeTruthy();
    expect(within(region).getByText('Cores in use per node.')).toBeTruthy();
    expect(within(region).getByText('body')).toBeTruthy();
    expect(within(region).queryByText(/Show query/)).toBeNull();
  });

  it('shows the exact query text behind "Show query", counted when there are several', async () => {
    const { rerender } = render(
      <Panel title="Node CPU" queries={[query()]}>
        <p>body</p>
      </Panel>,
    );
    const summary = screen.getByText('Show query');
    expect(summary.closest('details')?.open).toBe(false);
    await userEvent.click(summary);
    expect(summary.closest('details')?.open).toBe(true);
    expect(screen.getByText(query().text)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open in explorer' }).getAttribute('href')).toMatch(
      /^\/explore\/metrics\?/,
    );

    rerender(
      <Panel
        title="Node CPU"
        queries={[
          query(),
          query({ id: 'prom.cluster.node-memory', title: 'Node memory', text: 'node_memory_MemAvailable_bytes' }),
        ]}
      >
        <p>body</p>
      </Panel>,
    );
    expect(screen.getByText('Show query (2)')).toBeTruthy();
    // With several queries each names itself.
    expect(screen.getByText('Node memory')).toBeTruthy();
  });
});

describe('loading state', () => {
  it('keeps the title, says what loads, and is busy with the body height of its kind', () => {
    render(<PanelSkeleton title="Kubernetes events" height={BODY_HEIGHT.table} wide />);
    const region = screen.getByRole('region', { name: 'Kubernetes events' });
    expect(region.getAttribute('aria-busy')).toBe('true');
    expect(region.className).toContain('lg:col-span-2');
    expect(within(region).getByRole('heading', { name: 'Kubernetes events' })).toBeTruthy();
    expect(within(region).getByText('Loading Kubernetes events…')).toBeTruthy();
    expect(region.querySelector('.h-32.animate-pulse')).not.toBeNull();
  });

  it('defaults to a chart-sized body', () => {
    render(<PanelSkeleton title="Node CPU" />);
    expect(
      screen.getByRole('region', { name: 'Node CPU' }).querySelector(`.${BODY_HEIGHT.chart}.animate-pulse`),
    ).not.toBeNull();
  });
});

describe('empty state', () => {
  it('says why it is empty', () => {
    render(
      <PanelBody error={null} empty="No container restarted in the last hour.">
        {'rows'}
      </PanelBody>,
    );
    expect(screen.getByText('No container restarted in the last hour.')).toBeTruthy();
    expect(screen.queryByText('rows')).toBeNull();
  });

  it('renders the content when there is neither an error nor an empty reason', () => {
    render(
      <PanelBody error={null} empty={null}>
        {'rows'}
      </PanelBody>,
    );
    expect(screen.getByText('rows')).toBeTruthy();
  });

  it('puts the failure before the empty reason', () => {
    render(
      <PanelBody error={FAILURES.timeout} empty="No data">
        {'rows'}
      </PanelBody>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Prometheus did not answer in time');
    expect(screen.queryByText('No data')).toBeNull();
  });

  it('says what a cluster must send for data that cannot exist yet, with a way to turn it on', () => {
    render(<PanelUnavailable what="Kubernetes events" capability="Container insights" />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe(
      'Kubernetes events needs Container insights, which this cluster does not send. See how to turn it on.',
    );
    expect(within(status).getByRole('link', { name: 'See how to turn it on' }).getAttribute('href')).toBe(
      '/onboarding',
    );
  });
});

describe('error state, one per failure kind', () => {
  /** The failure's box, its headline and, when it has one, the text behind "Details". */
  function renderFailure(failure: QueryFailure): { box: HTMLElement; headline: string; details: string | null } {
    render(<PanelError error={failure} />);
    const box = screen.queryByRole('alert') ?? screen.getByRole('status');
    const details = box.querySelector('details p');
    return { box, headline: box.querySelector('p')?.textContent ?? '', details: details?.textContent ?? null };
  }

  it('403: no permission is information that names the missing role and where, the raw answer behind Details', () => {
    const { box, headline, details } = renderFailure(FAILURES.forbidden);
    expect(box.getAttribute('role')).toBe('status');
    expect(headline).toBe('No permission to read Log Analytics (needs Log Analytics Reader on ws-prod)');
    expect(details).toBe('HTTP 403 · The provided credentials have insufficient access · scope: ws-prod');
    expect(within(box).getByText('Details').tagName).toBe('SUMMARY');
  });

  it('404: not found is said as such, a warning', () => {
    const { box, headline, details } = renderFailure(FAILURES.notFound);
    expect(box.getAttribute('role')).toBe('alert');
    expect(headline).toBe('Azure Resource Manager: not found');
    expect(details).toContain('HTTP 404');
  });

  it('429: throttling says when to ask again', () => {
    const { box, headline } = renderFailure(FAILURES.throttled);
    expect(box.getAttribute('role')).toBe('alert');
    expect(headline).toBe('Resource Graph is throttling requests; retry in 12 s');
  });

  it('timeout: says the source did not answer in time', () => {
    const { box, headline, details } = renderFailure(FAILURES.timeout);
    expect(box.getAttribute('role')).toBe('alert');
    expect(headline).toBe('Prometheus did not answer in time');
    expect(details).toBe('no answer within 30 s');
  });

  it('unconfigured source: information with what to set, no details toggle', () => {
    const { box, headline, details } = renderFailure(FAILURES.notConfigured);
    expect(box.getAttribute('role')).toBe('status');
    expect(headline).toBe('Log Analytics is not configured: set AZURE_TENANT_ID to read Log Analytics');
    expect(details).toBeNull();
    expect(within(box).queryByText('Details')).toBeNull();
  });

  it('anything else: a warning naming the source, the backend message and status behind Details', async () => {
    const { box, headline, details } = renderFailure(FAILURES.generic);
    expect(box.getAttribute('role')).toBe('alert');
    expect(headline).toBe('Prometheus failed');
    expect(details).toBe('HTTP 500 · internal error: query processing would load too many samples');
    const toggle = box.querySelector('details') as HTMLDetailsElement;
    expect(toggle.open).toBe(false);
    await userEvent.click(within(box).getByText('Details'));
    expect(toggle.open).toBe(true);
  });

  it('a hostile backend message stays text, and a long one may wrap anywhere', () => {
    const { box, details } = renderFailure({
      ...FAILURES.generic,
      message: `${HOSTILE.script} ${HOSTILE.markup} ${LONG_NAME}`,
    });
    expect(details).toBe(`HTTP 500 · ${HOSTILE.script} ${HOSTILE.markup} ${LONG_NAME}`);
    expect(box.querySelector('script, img')).toBeNull();
    expect(box.querySelector('details p')?.className).toContain('[overflow-wrap:anywhere]');
  });
});

describe('table heads', () => {
  it('are column headers from the spec, right-aligned where asked, the last without a gap', () => {
    render(
      <table>
        <thead>
          <tr>
            <ColumnHeads
              columns={[
                { header: 'Node' },
                { header: 'CPU', align: 'right', title: 'Allocatable cores' },
                { header: 'Pods' },
              ]}
            />
          </tr>
        </thead>
      </table>,
    );
    const heads = screen.getAllByRole('columnheader');
    expect(heads.map((h) => h.textContent)).toEqual(['Node', 'CPU', 'Pods']);
    expect(heads[1]?.className).toContain('text-right');
    expect(heads[1]?.getAttribute('title')).toBe('Allocatable cores');
    expect(heads[0]?.className).toContain('pr-3');
    expect(heads[2]?.className).not.toContain('pr-3');
  });
});

describe('empty box', () => {
  it('holds any reason, hostile text included, as text', () => {
    render(<PanelEmpty>{HOSTILE.quotes}</PanelEmpty>);
    expect(screen.getByText(HOSTILE.quotes).tagName).toBe('P');
    expect(document.querySelector('b')).toBeNull();
  });
});
