import type { ReactNode } from 'react';
import type { PressureSummary } from '@/lib/fleet/cluster/build';

const CONDITION_TEXT: Record<string, string> = { MemoryPressure: 'memory', DiskPressure: 'disk', PIDPressure: 'PIDs' };

/** L2's node pressure: the kubelets' memory, disk and PID pressure conditions, the ones that evict pods. */
export function PressureList({ summary }: { summary: PressureSummary }): ReactNode {
  if (summary.pressed.length === 0) {
    return (
      <p
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-3 text-sm text-emerald-900"
      >
        None of {summary.nodes} nodes reports memory, disk or PID pressure: no kubelet is evicting pods.
      </p>
    );
  }
  return (
    <ul aria-label="Nodes under pressure" className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm">
      {summary.pressed.map((p) => (
        <li key={`${p.node}/${p.condition}`} className="flex flex-wrap items-center gap-x-3 py-1.5">
          <span className="min-w-0 truncate font-medium" title={p.node}>
            {p.node}
          </span>
          <span className="ml-auto shrink-0 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-200">
            {CONDITION_TEXT[p.condition] ?? p.condition} pressure
          </span>
        </li>
      ))}
    </ul>
  );
}
