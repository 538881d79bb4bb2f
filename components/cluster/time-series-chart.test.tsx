import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '@/lib/fleet/cluster/build';
import { HOSTILE, LONG_NAME } from '@/lib/testing/dom/cluster-fixtures';
import { TimeSeriesChart } from './time-series-chart';
import { SERIES_PALETTE } from '@/lib/fleet/cluster/series-colors';

const T0 = 1_763_996_400;
const chart = (names: string[], highlighted: string[] = []): ChartData => ({
  series: names.map((name, i) => ({
    key: `s${i}`,
    name,
    color: SERIES_PALETTE[i % SERIES_PALETTE.length] as string,
    dash: i >= SERIES_PALETTE.length ? '6 3' : '',
    highlight: highlighted.includes(name),
    value: i,
  })),
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

  it('draws each series in its own colour and dash, the first (worst) line last, on top', () => {
    const names = Array.from({ length: 9 }, (_, i) => `node-${i}`);
    const { container } = render(<TimeSeriesChart data={chart(names)} unit="percent" label="CPU" span={3600} />);
    const curves = [...container.querySelectorAll('path.recharts-line-curve')];
    expect(curves).toHaveLength(9);
    // Drawn in reverse of the legend: the last path in the SVG is the legend's first series.
    expect(curves.at(-1)?.getAttribute('stroke')).toBe(SERIES_PALETTE[0]);
    expect(curves[0]?.getAttribute('stroke-dasharray')).toBe('6 3');
    const looks = curves.map((c) => `${c.getAttribute('stroke')} ${c.getAttribute('stroke-dasharray') ?? ''}`);
    expect(new Set(looks).size).toBe(9);
  });

  it('draws highlighted series thicker and with markers, and says why in the legend', () => {
    const { container } = render(
      <TimeSeriesChart
        data={chart(['aks-0', 'aks-1'], ['aks-1'])}
        unit="percent"
        label="Node CPU"
        span={3600}
        highlight="not Ready"
      />,
    );
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['aks-0', 'aks-1(not Ready)']);
    const widths = [...container.querySelectorAll('path.recharts-line-curve')].map((c) =>
      c.getAttribute('stroke-width'),
    );
    expect(widths.sort()).toEqual(['1.5', '3']);
    expect(container.querySelectorAll('.recharts-line-dots circle').length).toBeGreaterThan(0);
  });

  it('names the value axis unit, req/s for request rates whose ticks are bare numbers', () => {
    const { container, rerender } = render(
      <TimeSeriesChart data={chart(['GET 200'])} unit="rps" label="Requests" span={3600} />,
    );
    const unitLabel = (): string | null | undefined => container.querySelector('text.axis-unit')?.textContent;
    expect(unitLabel()).toBe('req/s');
    for (const [unit, text] of [
      ['percent', '%'],
      ['bytes', 'bytes'],
      ['cores', 'cores'],
      ['count', 'count'],
      ['seconds', 'duration'],
    ] as const) {
      rerender(<TimeSeriesChart data={chart(['GET 200'])} unit={unit} label="Requests" span={3600} />);
      expect(unitLabel()).toBe(text);
    }
  });
});
