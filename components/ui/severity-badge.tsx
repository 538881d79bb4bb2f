import type { ReactNode } from 'react';

const STYLE: Record<string, string> = {
  Sev0: 'bg-red-700 text-white',
  Sev1: 'bg-red-100 text-red-800',
  critical: 'bg-red-100 text-red-800',
  Sev2: 'bg-orange-100 text-orange-800',
  warning: 'bg-orange-100 text-orange-800',
  Sev3: 'bg-amber-100 text-amber-900',
  info: 'bg-sky-100 text-sky-800',
  Sev4: 'bg-sky-100 text-sky-800',
};

/** An alert's severity as its source names it: Azure's Sev0–Sev4 or a Prometheus rule's word. */
export function SeverityBadge({ severity }: { severity: string }): ReactNode {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[severity] ?? 'bg-slate-100 text-slate-700'}`}>
      {severity}
    </span>
  );
}
