import type { ReactNode } from 'react';

export default function ExploreLoading(): ReactNode {
  return (
    <div className="space-y-4" aria-busy="true">
      <p role="status" className="text-sm text-slate-500">
        Running the query…
      </p>
      <div className="h-28 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="h-80 animate-pulse rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
