import type { ReactNode } from 'react';
import { formatPercent } from '@/lib/format';

export interface UtilizationCellProps {
  value: number | null;
  warning: number;
  critical: number;
  label: string;
}

/** A percentage with a thin bar; the colour follows the same thresholds as the health rollup. */
export function UtilizationCell({ value, warning, critical, label }: UtilizationCellProps): ReactNode {
  if (value === null) {
    return (
      <span className="text-slate-500" title={`${label}: no data`}>
        —
      </span>
    );
  }
  const clamped = Math.min(1, Math.max(0, value));
  const color = value >= critical ? 'bg-critical' : value >= warning ? 'bg-warning' : 'bg-sky-500';
  return (
    <span className="flex min-w-0 items-center gap-2" title={`${label}: ${formatPercent(value, 1)}`}>
      <span className="w-9 shrink-0 text-right tabular-nums">{formatPercent(value)}</span>
      <span aria-hidden="true" className="block h-1.5 w-12 shrink-0 overflow-hidden rounded-full bg-slate-200">
        <span className={`block h-full rounded-full ${color}`} style={{ width: `${clamped * 100}%` }} />
      </span>
    </span>
  );
}
