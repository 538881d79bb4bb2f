import type { ReactNode } from 'react';

/** Skeleton of the overview while the backends answer. */
export default function Loading(): ReactNode {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the fleet">
      <div className="h-7 w-48 animate-pulse rounded bg-slate-200" />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {['health', 'providers', 'versions', 'nodes'].map((k) => (
          <div key={k} className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />
        ))}
      </div>
      <div className="h-9 w-full max-w-2xl animate-pulse rounded bg-slate-200" />
      <div className="space-y-px overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-14 animate-pulse bg-slate-50" />
        ))}
      </div>
    </div>
  );
}
