import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PanelNotice } from '@/lib/fleet/types';
import { HOSTILE, LONG_NAME } from '@/lib/testing/dom/cluster-fixtures';
import type { ExecutedQuery } from '@/lib/fleet/cluster/panels';
import { ConfigProblem } from './config-problem';
import { CopyTextButton } from './copy-text-button';
import { ExecutedQueries } from './executed-queries';
import { IgnoredParams } from './ignored-params';
import { PanelNotices } from './panel-notices';
import { RouteError } from './route-error';
import { SeverityBadge } from './severity-badge';

afterEach(() => {
  vi.unstubAllGlobals();
});

const notice = (change: Partial<PanelNotice>): PanelNotice => ({
  queryId: 'arg.fleet.clusters',
  panel: 'Clusters',
  severity: 'error',
  source: 'Resource Graph',
  message: 'failed',
  ...change,
});

describe('panel notices (the overview’s per-source problems)', () => {
  it('render nothing without a notice', () => {
    const { container } = render(<PanelNotices notices={[]} />);
    expect(container.innerHTML).toBe('');
  });

  it('an error is an alert, a warning or information a status, each naming source and panel', () => {
    render(
      <PanelNotices
        notices={[
          notice({ severity: 'error', message: 'HTTP 403: no read access' }),
          notice({
            queryId: 'logs.fleet.insights',
            severity: 'warning',
            source: 'Log Analytics',
            panel: 'Pods',
            message: 'throttled, retry in 12 s',
          }),
          notice({
            queryId: 'prom.fleet.up',
            severity: 'info',
            source: 'Prometheus',
            panel: 'CPU',
            message: 'not configured',
          }),
        ]}
      />,
    );
    const list = screen.getByRole('list', { name: 'Data source problems' });
    expect(within(list).getByRole('alert').textContent).toBe('Resource Graph · Clusters: HTTP 403: no read access');
    expect(
      within(list)
        .getAllByRole('status')
        .map((s) => s.textContent),
    ).toEqual(['Log Analytics · Pods: throttled, retry in 12 s', 'Prometheus · CPU: not configured']);
  });

  it('hostile and long messages are text', () => {
    render(
      <PanelNotices
        notices={[
          notice({ message: `${HOSTILE.script} ${HOSTILE.markup}` }),
          notice({ queryId: 'q2', message: LONG_NAME, panel: HOSTILE.rtl }),
        ]}
      />,
    );
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      `Resource Graph · Clusters: ${HOSTILE.script} ${HOSTILE.markup}`,
      `Resource Graph · ${HOSTILE.rtl}: ${LONG_NAME}`,
    ]);
    expect(document.querySelector('script, img')).toBeNull();
  });
});

describe('route error', () => {
  it('titles the failure, gives the server’s message and reference, and retries', async () => {
    const reset = vi.fn();
    render(
      <RouteError
        title="The cluster page failed"
        error={Object.assign(new Error('Resource Graph timed out'), { digest: '3141592653' })}
        reset={reset}
        back={{ href: '/', label: 'Back to the fleet' }}
      />,
    );
    const box = screen.getByRole('alert');
    expect(within(box).getByRole('heading', { level: 1, name: 'The cluster page failed' })).toBeTruthy();
    expect(within(box).getByText('Resource Graph timed out')).toBeTruthy();
    expect(within(box).getByText('Reference: 3141592653')).toBeTruthy();
    expect(within(box).getByRole('link', { name: 'Back to the fleet' }).getAttribute('href')).toBe('/');
    await userEvent.click(within(box).getByRole('button', { name: 'Try again' }));
    expect(reset).toHaveBeenCalledTimes(1);
  });

  it('says an unexpected error occurred when the message was withheld, and shows no empty reference', () => {
    render(<RouteError title="Alerts failed" error={new Error('')} reset={() => {}} />);
    expect(screen.getByText('An unexpected error occurred on the server.')).toBeTruthy();
    expect(screen.queryByText(/Reference:/)).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('a hostile message is text', () => {
    render(<RouteError title="Failed" error={new Error(HOSTILE.markup)} reset={() => {}} />);
    expect(screen.getByText(HOSTILE.markup)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('configuration problem', () => {
  it('names the variable to fix, as an alert', () => {
    render(<ConfigProblem message="PROMETHEUS_URL: must be an http(s) URL" />);
    const box = screen.getByRole('alert');
    expect(within(box).getByRole('heading', { name: 'Fleetwatch is not configured correctly' })).toBeTruthy();
    expect(within(box).getByText('PROMETHEUS_URL: must be an http(s) URL')).toBeTruthy();
  });
});

describe('ignored link settings', () => {
  it('render nothing for a clean link, else an alert listing each setting', () => {
    const { container, rerender } = render(<IgnoredParams errors={[]} />);
    expect(container.innerHTML).toBe('');
    rerender(
      <IgnoredParams
        errors={[
          { param: 'sort', message: 'sort must be one of name, health' },
          { param: 'q', message: HOSTILE.script },
        ]}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      `Some of this link's settings were not understood and are ignored: sort must be one of name, health; ${HOSTILE.script}.`,
    );
    expect(document.querySelector('script')).toBeNull();
  });
});

describe('severity badge', () => {
  it('colours known severities and shows unknown ones plainly, as text', () => {
    render(
      <>
        <SeverityBadge severity="Sev0" />
        <SeverityBadge severity={HOSTILE.quotes} />
      </>,
    );
    expect(screen.getByText('Sev0').className).toContain('bg-red-700');
    expect(screen.getByText(HOSTILE.quotes).className).toContain('bg-slate-100');
  });
});

describe('executed queries and copying them', () => {
  const q = (id: string, text: string): ExecutedQuery => ({
    id,
    title: `Query ${id}`,
    kind: 'logs',
    text,
    backend: 'Log Analytics',
    durationMs: 40,
    time: { kind: 'instant', at: 1_764_000_000 },
  });

  it('lists each query with its exact text, hostile text included, as text', () => {
    render(
      <ExecutedQueries queries={[q('logs.a', 'KubeEvents | take 10'), q('logs.b', `print "${HOSTILE.script}"`)]} />,
    );
    expect(screen.getByText('Show queries (2)')).toBeTruthy();
    expect(screen.getByText('KubeEvents | take 10').tagName).toBe('CODE');
    expect(screen.getByText(`print "${HOSTILE.script}"`).tagName).toBe('CODE');
    expect(document.querySelector('script')).toBeNull();
  });

  it('says "Copied" after copying, and "Select and copy" when the clipboard is blocked', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { rerender } = render(<CopyTextButton text="up" label="Copy the query" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy the query' }));
    expect(writeText).toHaveBeenCalledWith('up');
    expect(screen.getByRole('button', { name: 'Copy the query' }).textContent).toBe('Copied');

    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    });
    rerender(<CopyTextButton key="blocked" text="up" label="Copy again" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy again' }));
    expect(screen.getByRole('button', { name: 'Copy again' }).textContent).toBe('Select and copy');
  });
});
