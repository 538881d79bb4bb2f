import Link from 'next/link';
import type { ReactNode } from 'react';
import { QUERY_LANGUAGES } from '@/lib/catalog/sources';
import { explorerHref } from '@/lib/explore/links';
// A type-only import that predates the layering rule: no runtime code of lib/sources reaches the bundle.
// eslint-disable-next-line no-restricted-imports
import type { ExecutedQuery } from '@/lib/sources/runner';
import { CopyTextButton } from './copy-text-button';

export interface QueryBlockProps {
  query: ExecutedQuery;
  /** Panels already show their title; lists of queries name each one. */
  showTitle?: boolean;
}

/** One query that ran: what, where, how long, the exact text to copy, and a way into the explorer. */
export function QueryBlock({ query: q, showTitle = true }: QueryBlockProps): ReactNode {
  const href = explorerHref(q);
  return (
    <>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        {showTitle && <span className="font-medium">{q.title}</span>}
        <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">{QUERY_LANGUAGES[q.kind]}</span>
        <span className="text-xs text-slate-500">
          {q.backend} · {q.durationMs} ms · <code>{q.id}</code>
        </span>
        {href && (
          <Link href={href} className="text-xs font-medium text-sky-700 hover:underline">
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
    </>
  );
}
