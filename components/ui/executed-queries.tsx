import type { ReactNode } from 'react';
import Link from 'next/link';
import { explorerHref } from '@/lib/explore/links';
import type { ExecutedQuery } from '@/lib/sources/runner';
import { CopyTextButton } from './copy-text-button';

export interface ExecutedQueriesProps {
  queries: readonly ExecutedQuery[];
}

const KIND_LABEL: Record<ExecutedQuery['kind'], string> = { arg: 'Resource Graph KQL', logs: 'Log Analytics KQL', prom: 'PromQL' };

/** "Show query": the exact text behind every number, ready to paste into the Azure portal, Grafana or Prometheus. */
export function ExecutedQueries({ queries }: ExecutedQueriesProps): ReactNode {
  return (
    <details className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-slate-700">Show queries ({queries.length})</summary>
      <ol className="divide-y divide-slate-100 border-t border-slate-200">
        {queries.map((q) => (
          <li key={q.id} className="px-4 py-3">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
              <span className="font-medium">{q.title}</span>
              <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">{KIND_LABEL[q.kind]}</span>
              <span className="text-xs text-slate-500">
                {q.backend} · {q.durationMs} ms · <code>{q.id}</code>
              </span>
              {explorerHref(q) && (
                <Link href={explorerHref(q) ?? ''} className="text-xs font-medium text-sky-700 hover:underline">
                  Open in explorer
                </Link>
              )}
            </div>
            <div className="relative mt-2">
              <pre className="overflow-x-auto rounded bg-slate-900 p-3 pr-20 text-xs leading-relaxed text-slate-100">
                <code>{q.text}</code>
              </pre>
              <span className="absolute right-2 top-2">
                <CopyTextButton text={q.text} label={`Copy the query “${q.title}”`} />
              </span>
            </div>
          </li>
        ))}
      </ol>
    </details>
  );
}
