import type { ReactNode } from 'react';

function Bar({ width }: { width: string }): ReactNode {
  return <div className="h-3 animate-pulse rounded bg-slate-200" style={{ width }} />;
}

/** The filter bar's controls and their widths (Tailwind units), in its order. */
const FILTERS: ReadonlyArray<[string, number]> = [
  ['search', 72],
  ['health', 28],
  ['provider', 28],
  ['region', 28],
  ['version', 28],
];

/** Skeleton of the overview, shaped like it, while the backends answer. */
export default function Loading(): ReactNode {
  return (
    <div className="space-y-4" aria-busy="true">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Fleet overview</h1>
        <p role="status" className="text-sm text-slate-500">
          Asking the inventory, the activity log and the metrics for every cluster…
        </p>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {['health', 'providers', 'versions', 'nodes'].map((k) => (
          <div key={k} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <Bar width="40%" />
            <div className="h-7 w-1/3 animate-pulse rounded bg-slate-200" />
            <Bar width="90%" />
            <Bar width="75%" />
            <Bar width="60%" />
          </div>
        ))}
      </div>
      <div className="flex gap-2">
        {FILTERS.map(([name, w]) => (
          <div key={name} className="h-9 animate-pulse rounded-md bg-slate-200" style={{ width: `${w * 4}px` }} />
        ))}
      </div>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="h-11 border-b border-slate-200 bg-slate-50" />
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 border-b border-slate-100 px-4 py-4">
            <Bar width="14%" />
            <Bar width="8%" />
            <Bar width="30%" />
            <Bar width="10%" />
            <Bar width="12%" />
          </div>
        ))}
      </div>
    </div>
  );
}
