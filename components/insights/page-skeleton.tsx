import type { ReactNode } from 'react';

export interface PageSkeletonProps {
  title: string;
  waitingFor: string;
  cards?: number;
  rows?: number;
}

/** The filter bar's two pickers and its search box, widths in Tailwind units. */
const FILTERS: ReadonlyArray<[string, number]> = [
  ['first-picker', 40],
  ['second-picker', 40],
  ['search', 52],
];

/** A skeleton shaped like the insight pages (cards, filters, table), saying what it waits for. */
export function PageSkeleton({ title, waitingFor, cards = 3, rows = 8 }: PageSkeletonProps): ReactNode {
  return (
    <div className="space-y-4" aria-busy="true">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <p role="status" className="text-sm text-slate-500">
          {waitingFor}
        </p>
      </div>
      {cards > 0 && (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {Array.from({ length: cards }, (_, i) => (
            <div
              key={`card-${i}`}
              className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <div className="h-3 w-1/3 rounded bg-slate-200" />
              <div className="mt-3 h-6 w-1/2 rounded bg-slate-200" />
            </div>
          ))}
        </div>
      )}
      <div className="flex gap-2">
        {FILTERS.map(([name, w]) => (
          <div key={name} className="h-9 animate-pulse rounded-md bg-slate-200" style={{ width: `${w * 4}px` }} />
        ))}
      </div>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="h-11 border-b border-slate-200 bg-slate-50" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={`row-${i}`} className="flex items-center gap-4 border-b border-slate-100 px-4 py-3">
            <div className="h-3 w-1/5 animate-pulse rounded bg-slate-200" />
            <div className="h-3 w-3/5 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
