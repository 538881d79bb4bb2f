'use client';

import type { ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartData } from '@/lib/fleet/cluster/build';
import { formatValue, type ValueUnit } from '@/lib/fleet/cluster/units';

export interface TimeSeriesChartProps {
  data: ChartData;
  unit: ValueUnit;
  /** Accessible name: what the chart shows. */
  label: string;
  /** Span of the range in seconds: decides whether ticks show dates. */
  span: number;
  height?: number;
}

const COLORS = [
  '#2563eb',
  '#059669',
  '#d97706',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#ea580c',
  '#4f46e5',
  '#0d9488',
  '#9333ea',
];

function timeTick(t: number, span: number): string {
  const iso = new Date(t * 1000).toISOString();
  // UTC everywhere, so a shared link reads the same for a colleague in another zone.
  return span > 86_400 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** A line chart of a few series over time; props are plain data from a server panel. */
export function TimeSeriesChart({ data, unit, label, span, height = 220 }: TimeSeriesChartProps): ReactNode {
  return (
    <figure aria-label={label} className="w-full">
      <LineChart
        responsive
        data={data.rows}
        style={{ width: '100%', height }}
        margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          scale="time"
          tickFormatter={(t: number) => timeTick(t, span)}
          tick={{ fontSize: 11, fill: '#64748b' }}
          minTickGap={40}
        />
        <YAxis
          tickFormatter={(v: number) => formatValue(v, unit, true)}
          tick={{ fontSize: 11, fill: '#64748b' }}
          width={unit === 'bytes' ? 72 : 52}
          allowDecimals={unit !== 'count'}
        />
        <Tooltip
          labelFormatter={(t) => `${new Date(Number(t) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`}
          formatter={(v) => formatValue(Number(v), unit, false)}
          contentStyle={{ fontSize: 12 }}
        />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {data.series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={COLORS[i % COLORS.length]}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
