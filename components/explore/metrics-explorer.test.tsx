import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_METRICS_STATE } from '@/lib/url-state/explore';
import { MetricsExplorer } from './metrics-explorer';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

const editor = (name: string): HTMLElement => screen.getByRole('textbox', { name });

describe('metrics explorer query editors', () => {
  it('removing query A keeps B in its own editor, renamed A', async () => {
    render(
      <MetricsExplorer
        initial={{ ...DEFAULT_METRICS_STATE, queries: ['up', 'rate(http_requests_total[5m])'] }}
        result={null}
        paramErrors={[]}
        examples={[]}
        engineCommand=""
      />,
    );
    const b = editor('PromQL query B');
    expect(b.textContent).toBe('rate(http_requests_total[5m])');
    await userEvent.click(screen.getByRole('button', { name: 'Remove query A' }));
    // The same CodeMirror instance (its cursor and undo history) now holds query A.
    expect(editor('PromQL query A')).toBe(b);
    expect(b.textContent).toBe('rate(http_requests_total[5m])');
    expect(screen.queryByRole('textbox', { name: 'PromQL query B' })).toBeNull();
  });
});
