import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '@/lib/fleet/cluster/build';
import { HOSTILE, LONG_NAME } from '@/lib/testing/dom/cluster-fixtures';
import { TimeSeriesChart } from './time-series-chart';

const T0 = 1_763_996_400;
const chart = (names: string[]): ChartData => ({
  series: names.map((name, i) => ({ key: `s${i}`, name })),
  rows: Array.from({ length: 5 }, (_, r) =>
    Object.fromEntries([['t', T0 + r * 900], ...names.map((_, i) => [`s${i}`, (i + 1) * (r + 1) * 0.25])]),
  ),
});

describe('time series chart (Recharts in jsdom, 640 × 220)', () => {
  it('is a figure named by the panel, with one line and legend entry per series', () => {
    const { container } = render(
      <TimeSeriesChart
        data={chart(['aks-nodepool1-0', 'aks-nodepool1-1'])}
        unit="cores"
        label="Node CPU"
        span={3600}
      />,
    );
    const figure = screen.getByRole('figure', { name: 'Node CPU' });
    expect(within(figure).getByText('aks-nodepool1-0')).toBeTruthy();
    expect(within(figure).getByText('aks-nodepool1-1')).toBeTruthy();
    expect(container.querySelectorAll('.recharts-line').length).toBe(2);
    expect(container.querySelector('.recharts-wrapper > svg.recharts-surface')?.getAttribute('width')).toBe('640');
  });

  it('writes the time axis in UTC hours, dates too past a day, and the value axis in the unit', () => {
    const { container, rerender } = render(
      <TimeSeriesChart data={chart(['a'])} unit="bytes" label="Node memory" span={3600} />,
    );
    const ticks = (axis: string): string[] =>
      [...container.querySelectorAll(`.recharts-${axis}-tick-labels .recharts-cartesian-axis-tick-value`)].map(
        (t) => t.textContent ?? '',
      );
    expect(ticks('xAxis').length).toBeGreaterThan(0);
    for (const t of ticks('xAxis')) expect(t).toMatch(/^\d\d:\d\d$/);
    expect(ticks('yAxis').some((t) => /B$/.test(t))).toBe(true);
    rerender(<TimeSeriesChart data={chart(['a'])} unit="bytes" label="Node memory" span={7 * 86_400} />);
    for (const t of ticks('xAxis')) expect(t).toMatch(/^\d\d-\d\d \d\d:\d\d$/);
  });

  it('draws an empty frame, not a crash, for a chart without series', () => {
    const { container } = render(
      <TimeSeriesChart data={{ series: [], rows: [] }} unit="count" label="Restarts" span={3600} />,
    );
    expect(screen.getByRole('figure', { name: 'Restarts' })).toBeTruthy();
    expect(container.querySelectorAll('.recharts-line').length).toBe(0);
  });

  it('shows hostile and very long series names as text', () => {
    const names = [HOSTILE.script, HOSTILE.markup, HOSTILE.rtl, HOSTILE.emoji, LONG_NAME];
    const { container } = render(
      <TimeSeriesChart data={chart(names)} unit="percent" label={HOSTILE.quotes} span={3600} />,
    );
    const figure = screen.getByRole('figure', { name: HOSTILE.quotes });
    for (const name of names) expect(within(figure).getByText(name)).toBeTruthy();
    expect(container.querySelector('script, img, b')).toBeNull();
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });
});
