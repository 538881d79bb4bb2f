'use client';

import { useRouter } from 'next/navigation';
import { useQueryStates } from 'nuqs';
import { useEffect, useState, type ReactNode } from 'react';
import {
  describeRange,
  parseTimePoint,
  pinRange,
  RELATIVE_CHOICES,
  type TimePoint,
  type TimeRange,
} from '@/lib/fleet/cluster/time-range';
import { clusterTimeParsers, REFRESH_CHOICES, type Refresh } from '@/lib/url-state/cluster';

export interface TimeRangePickerProps {
  from: string;
  to: string;
  refresh: Refresh;
}

const REFRESH_MS: Record<Refresh, number> = { off: 0, '30s': 30_000, '1m': 60_000, '5m': 300_000 };
const LABELS: Record<(typeof RELATIVE_CHOICES)[number], string> = {
  'now-1h': 'Last hour',
  'now-6h': 'Last 6 hours',
  'now-24h': 'Last 24 hours',
  'now-7d': 'Last 7 days',
};

/** "2026-11-24T20:00:00Z" ⇄ the value of a datetime-local input, read as UTC. */
const toInput = (iso: string): string => iso.slice(0, 16);
const fromInput = (v: string): string => `${v}:00Z`;

/** Relative and absolute ranges, "pin to absolute" for sharing, and auto-refresh; all in the URL. */
export function TimeRangePicker({ from, to, refresh }: TimeRangePickerProps): ReactNode {
  const router = useRouter();
  // Not shallow: the server renders the panels for the new range. `range` is there only to drop an old link's name.
  const [, setTime] = useQueryStates(clusterTimeParsers, { shallow: false, history: 'push', scroll: false });
  const range: TimeRange | null = (() => {
    const f = parseTimePoint(from);
    const t = parseTimePoint(to);
    return f && t ? { from: f, to: t } : null;
  })();
  const absolute = range?.from.kind === 'absolute';
  const [custom, setCustom] = useState(absolute);
  const [start, setStart] = useState(absolute ? toInput(from) : '');
  const [end, setEnd] = useState(absolute && to !== 'now' ? toInput(to) : '');

  const go = (change: { from?: TimePoint | null; to?: TimePoint | null; refresh?: Refresh | null }): void =>
    void setTime({ ...change, range: null });

  useEffect(() => {
    const ms = REFRESH_MS[refresh];
    if (!ms || to !== 'now') return;
    const id = window.setInterval(() => router.refresh(), ms);
    return () => window.clearInterval(id);
  }, [refresh, to, router]);

  const relativeValue =
    !absolute && to === 'now' && (RELATIVE_CHOICES as readonly string[]).includes(from) ? from : 'custom';

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-1.5">
        <span className="text-slate-600">Time</span>
        <select
          aria-label="Time range"
          value={custom ? 'custom' : relativeValue}
          onChange={(e) => {
            if (e.target.value === 'custom') {
              setCustom(true);
              return;
            }
            setCustom(false);
            go({ from: parseTimePoint(e.target.value), to: null });
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          {RELATIVE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {LABELS[c]}
            </option>
          ))}
          <option value="custom">{absolute && range ? describeRange(range) : 'Absolute…'}</option>
        </select>
      </label>
      {custom && (
        <form
          className="flex flex-wrap items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            if (start && end) go({ from: parseTimePoint(fromInput(start)), to: parseTimePoint(fromInput(end)) });
          }}
        >
          <input
            type="datetime-local"
            aria-label="From (UTC)"
            value={start}
            onChange={(e) => setStart(e.target.value)}
            className="rounded-md border border-slate-300 px-1.5 py-0.5"
            required
          />
          <span className="text-slate-500">→</span>
          <input
            type="datetime-local"
            aria-label="To (UTC)"
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            className="rounded-md border border-slate-300 px-1.5 py-0.5"
            required
          />
          <span className="text-xs text-slate-500">UTC</span>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50">
            Apply
          </button>
        </form>
      )}
      {range && to === 'now' && (
        <button
          type="button"
          onClick={() => {
            const pinned = pinRange(range, Date.now() / 1000);
            go({ from: pinned.from, to: pinned.to, refresh: null });
          }}
          title="Replace the relative range by the absolute instants it covers now, so a shared link shows exactly this data"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50"
        >
          Pin to absolute
        </button>
      )}
      <label className="flex items-center gap-1.5">
        <span className="text-slate-600">Refresh</span>
        <select
          aria-label="Auto-refresh"
          value={refresh}
          disabled={to !== 'now'}
          onChange={(e) =>
            go({
              refresh: (REFRESH_CHOICES as readonly string[]).includes(e.target.value)
                ? (e.target.value as Refresh)
                : null,
            })
          }
          className="rounded-md border border-slate-300 bg-white px-2 py-1 disabled:text-slate-500"
        >
          {REFRESH_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
