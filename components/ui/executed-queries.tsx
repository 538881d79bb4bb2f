import type { ReactNode } from 'react';
// A type-only import that predates the layering rule: no runtime code of lib/sources reaches the bundle.
// eslint-disable-next-line no-restricted-imports
import type { ExecutedQuery } from '@/lib/sources/runner';
import { QueryBlock } from './query-block';

export interface ExecutedQueriesProps {
  queries: readonly ExecutedQuery[];
}

/** "Show queries": the exact text behind every number, ready to paste into the Azure portal, Grafana or Prometheus. */
export function ExecutedQueries({ queries }: ExecutedQueriesProps): ReactNode {
  return (
    <details className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-slate-700">
        Show queries ({queries.length})
      </summary>
      <ol className="divide-y divide-slate-100 border-t border-slate-200">
        {queries.map((q) => (
          <li key={q.id} className="px-4 py-3">
            <QueryBlock query={q} />
          </li>
        ))}
      </ol>
    </details>
  );
}
