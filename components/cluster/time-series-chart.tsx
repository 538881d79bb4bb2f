'use client';

import type { ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { ChartData, ChartSeries } from '@/lib/fleet/cluster/build';
import { AXIS_UNIT, formatValue, type ValueUnit } from '@/lib/fleet/cluster/units';

export interface TimeSeriesChartProps {
  data: ChartData;
  unit: ValueUnit;
  /** Accessible name: what the chart shows. */
  label: string;
  /** Span of the range in seconds: decides whether ticks show dates. */
  span: number;
  /** Said after a highlighted series' name in the legend ("not Ready"). */
  highlight?: string | null;
  /** Height of the plot's SVG; the legend sits below it, so it never eats the plot. */
  height?: number;
}

function timeTick(t: number, span: number): string {
  const iso = new Date(t * 1000).toISOString();
  // UTC everywhere, so a shared link reads the same for a colleague in another zone.
  return span > 86_400 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** A marker on every `every`-th point of a highlighted line: it stands out without colour. */
function markers(color: string, every: number) {
  return function Marker({ cx, cy, index }: DotItemDotProps): ReactNode {
    if (index % every !== 0 || cx === undefined || cy === undefined) return <g key={`m${index}`} />;
    return <circle key={`m${index}`} cx={cx} cy={cy} r={3.5} fill="#ffffff" stroke={color} strokeWidth={2} />;
  };
}

function Swatch({ s }: { s: ChartSeries }): ReactNode {
  return (
    <svg width="20" height="10" aria-hidden="true" className="shrink-0">
      <line
        x1="0"
        y1="5"
        x2="20"
        y2="5"
        stroke={s.color}
        strokeWidth={s.highlight ? 3 : 2}
        strokeDasharray={s.dash || undefined}
      />
      {s.highlight && <circle cx="10" cy="5" r="3" fill="#ffffff" stroke={s.color} strokeWidth="2" />}
    </svg>
  );
}

/**
 * A line chart of a few series over time; props are plain data from a server panel. Each
 * series' colour and dash come with it (seriesStyles), the same on every chart. The legend is
 * HTML below the plot, so on a phone it wraps under the chart instead of shrinking it. Lines are
 * drawn in reverse of the legend: the highlighted and worst series lie on top.
 */
export function TimeSeriesChart({ data, unit, label, span, highlight, height = 220 }: TimeSeriesChartProps): ReactNode {
  const every = Math.max(1, Math.round(data.rows.length / 16));
  return (
    <figure aria-label={label} className="w-full">
      <LineChart
        responsive
        data={data.rows}
        style={{ width: '100%', height }}
        margin={{ top: 18, right: 8, bottom: 0, left: 0 }}
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
          label={{
            value: AXIS_UNIT[unit],
            position: 'top',
            offset: 8,
            fontSize: 11,
            fill: '#475569',
            className: 'axis-unit',
          }}
        />
        <Tooltip
          labelFormatter={(t) => `${new Date(Number(t) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`}
          formatter={(v) => formatValue(Number(v), unit, false)}
          itemSorter={(item) => -Number(item.value ?? 0)}
          contentStyle={{ fontSize: 12 }}
        />
        {[...data.series].reverse().map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.highlight && highlight ? `${s.name} (${highlight})` : s.name}
            stroke={s.color}
            strokeDasharray={s.dash || undefined}
            dot={s.highlight ? markers(s.color, every) : false}
            strokeWidth={s.highlight ? 3 : 1.5}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
      {data.series.length > 0 && (
        <ul aria-label="Legend" className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] leading-4 text-slate-700">
          {data.series.map((s) => (
            <li key={s.key} className="flex max-w-full items-center gap-1">
              <Swatch s={s} />
              <span className={`[overflow-wrap:anywhere] ${s.highlight ? 'font-semibold text-slate-900' : ''}`}>
                {s.name}
              </span>
              {s.highlight && highlight && <span className="font-semibold text-red-700">({highlight})</span>}
            </li>
          ))}
        </ul>
      )}
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
