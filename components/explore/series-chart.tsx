'use client';

import type { ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartData } from '@/lib/explore/chart-data';

export const SERIES_COLORS = [
  '#0284c7',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#ea580c',
  '#4f46e5',
];

export interface SeriesChartProps {
  data: ChartData;
  start: number;
  end: number;
  /** Label for screen readers: what the chart shows. */
  label: string;
}

function timeLabel(ms: number, spanSeconds: number): string {
  const iso = new Date(ms).toISOString();
  return spanSeconds > 2 * 86_400 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** Lines on a UTC time axis; many series keep one colour per query order, cycling. */
export function SeriesChart({ data, start, end, label }: SeriesChartProps): ReactNode {
  const span = end - start;
  return (
    <figure aria-label={label} className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data.rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[start * 1000, end * 1000]}
            tickFormatter={(v: number) => timeLabel(v, span)}
            tick={{ fontSize: 11 }}
            minTickGap={40}
          />
          <YAxis tickFormatter={(v: number) => numberFormat.format(v)} tick={{ fontSize: 11 }} width={56} />
          <Tooltip
            labelFormatter={(v) => `${new Date(Number(v)).toISOString().slice(0, 19).replace('T', ' ')} UTC`}
            formatter={(v) => numberFormat.format(Number(v))}
            contentStyle={{ fontSize: 12 }}
          />
          {data.series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export interface SeriesLegendProps {
  data: ChartData;
}

export function SeriesLegend({ data }: SeriesLegendProps): ReactNode {
  return (
    <ul aria-label="Legend" className="max-h-40 space-y-0.5 overflow-auto text-xs text-slate-700">
      {data.series.map((s, i) => (
        <li key={s.key} className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="h-0.5 w-4 shrink-0"
            style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }}
          />
          <span className="truncate font-mono" title={s.name}>
            {s.name}
          </span>
        </li>
      ))}
    </ul>
  );
}
