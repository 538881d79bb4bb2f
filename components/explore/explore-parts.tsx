'use client';

import type { ReactNode } from 'react';
import { describeRange, parseTimePoint } from '@/lib/fleet/cluster/time-range';
import { RELATIVE_CHOICES, relativeText, type TimeRange } from '@/lib/explore/time';
import { CopyTextButton } from '../ui/copy-text-button';

export interface RangePickerProps {
  range: TimeRange;
  /** The resolved range of the last run: what "pin" freezes. */
  resolved: { start: number; end: number } | null;
  maxSeconds: number;
  onChange: (range: TimeRange) => void;
}

/** Relative ranges, or the absolute one a pinned link carries; "pin" makes a link mean the same tomorrow. */
export function RangePicker({ range, resolved, maxSeconds, onChange }: RangePickerProps): ReactNode {
  const current = relativeText(range);
  const offset = (text: string): number => (parseTimePoint(text) as { offsetSeconds: number }).offsetSeconds;
  const options = RELATIVE_CHOICES.filter((r) => offset(r) <= maxSeconds);
  // A link may carry a relative range the picker does not list (now-2h): it is shown as it is.
  const extra = current && !(options as readonly string[]).includes(current) ? current : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-1.5">
        <span className="text-slate-500">Range</span>
        <select
          value={current ?? 'absolute'}
          onChange={(e) => {
            const from = e.target.value === 'absolute' ? null : parseTimePoint(e.target.value);
            if (from) onChange({ from, to: { kind: 'now', offsetSeconds: 0 } });
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 shadow-sm"
        >
          {[...options, ...(extra ? [extra] : [])].map((r) => (
            <option key={r} value={r}>
              Last {r.slice(4)}
            </option>
          ))}
          {!current && <option value="absolute">{describeRange(range)}</option>}
        </select>
      </label>
      {current && resolved && (
        <button
          type="button"
          onClick={() =>
            onChange({ from: { kind: 'absolute', at: resolved.start }, to: { kind: 'absolute', at: resolved.end } })
          }
          className="rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100"
          title="Freeze this range so the link shows the same data later"
        >
          Pin to absolute
        </button>
      )}
    </div>
  );
}

export interface EngineNeededProps {
  message: string;
  command: string;
}

/** The demo answers only catalog queries; this says how to get an engine for anything else. */
export function EngineNeeded({ message, command }: EngineNeededProps): ReactNode {
  return (
    <div role="status" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">
      <p>{message.split(':')[0]}.</p>
      <div className="mt-2 flex items-center gap-2 rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">
        <code className="flex-1">{command}</code>
        <CopyTextButton text={command} label="Copy the command" />
      </div>
    </div>
  );
}

export function QueryError({ source, message }: { source: string; message: string }): ReactNode {
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <span className="font-semibold">{source}</span>: {message}
    </p>
  );
}
