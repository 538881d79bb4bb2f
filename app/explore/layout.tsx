import Link from 'next/link';
import type { ReactNode } from 'react';

/** Metrics and logs explorers side by side as tabs. */
export default function ExploreLayout({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="space-y-3">
      <nav aria-label="Explorers" className="flex gap-1 border-b border-slate-200 text-sm">
        <Link href="/explore/metrics" className="rounded-t px-3 py-1.5 text-slate-700 hover:bg-white">
          Metrics (PromQL)
        </Link>
        <Link href="/explore/logs" className="rounded-t px-3 py-1.5 text-slate-700 hover:bg-white">
          Logs (KQL)
        </Link>
      </nav>
      {children}
    </div>
  );
}
