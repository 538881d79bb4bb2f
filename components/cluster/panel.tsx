import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ExecutedQuery, PanelBodySize, QueryFailure, TableColumn } from '@/lib/fleet/cluster/panels';
import { QueryBlock } from '@/components/ui/query-block';
import { failureView } from '@/lib/fleet/failure-view';
import { ScrollArea } from '@/components/ui/scroll-area';

/**
 * One panel of a cluster page: title, body, and "show query" with the exact text that ran.
 * Loading, empty, error and "cannot exist here" are states of the same frame, so the page
 * keeps its shape whatever one backend does.
 */

export interface PanelProps {
  title: string;
  description?: string;
  queries?: readonly ExecutedQuery[];
  /** Wide panels span both columns of the grid. */
  wide?: boolean;
  children: ReactNode;
}

export function Panel({ title, description, queries = [], wide, children }: PanelProps): ReactNode {
  return (
    <section
      aria-label={title}
      className={`flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white shadow-sm ${wide ? 'lg:col-span-2' : ''}`}
    >
      <header className="border-b border-slate-100 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
        {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
      </header>
      <div className="min-w-0 flex-1 px-4 py-3">{children}</div>
      {queries.length > 0 && <ShowQuery queries={queries} />}
    </section>
  );
}

function ShowQuery({ queries }: { queries: readonly ExecutedQuery[] }): ReactNode {
  return (
    <details className="border-t border-slate-100 text-sm">
      <summary className="cursor-pointer px-4 py-2 text-xs font-medium text-slate-600 hover:text-slate-900">
        Show query{queries.length > 1 ? ` (${queries.length})` : ''}
      </summary>
      <ol className="space-y-3 px-4 pb-3">
        {queries.map((q) => (
          <li key={q.id}>
            <QueryBlock query={q} showTitle={queries.length > 1} />
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * A failed query as Headlamp shows one: a missing permission (naming the role) or an
 * unconfigured source is information; anything else a warning, its raw details behind a toggle.
 */
export function PanelError({ error }: { error: QueryFailure }): ReactNode {
  const view = failureView(error);
  const info = view.level === 'info';
  return (
    <div
      role={info ? 'status' : 'alert'}
      className={`rounded-md border px-3 py-2 text-sm ${info ? 'border-sky-200 bg-sky-50 text-sky-900' : 'border-amber-200 bg-amber-50 text-amber-950'}`}
    >
      <p className="font-medium [overflow-wrap:anywhere]">{view.headline}</p>
      {view.details && (
        <details className="mt-1 text-xs">
          <summary className="cursor-pointer select-none underline-offset-2 hover:underline">Details</summary>
          <p className="mt-1 font-mono [overflow-wrap:anywhere]">{view.details}</p>
        </details>
      )}
    </div>
  );
}

/** A panel body's three states: what failed, the empty state, or the content. */
export function PanelBody({
  error,
  empty,
  children,
}: {
  error: QueryFailure | null;
  empty: ReactNode;
  children: ReactNode;
}): ReactNode {
  if (error) return <PanelError error={error} />;
  if (empty) return <PanelEmpty>{empty}</PanelEmpty>;
  return children;
}

/** A table that scrolls inside its panel, its head kept in view. */
export function PanelTable({
  label,
  className = 'w-full text-left text-sm',
  head,
  children,
}: {
  label: string;
  className?: string;
  head: ReactNode;
  children: ReactNode;
}): ReactNode {
  return (
    <ScrollArea className="max-h-72 overflow-auto">
      <table aria-label={label} className={className}>
        <thead className="sticky top-0 whitespace-nowrap bg-white text-xs text-slate-500">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </ScrollArea>
  );
}

export function PanelEmpty({ children }: { children: ReactNode }): ReactNode {
  return (
    <p className="flex min-h-24 items-center justify-center rounded-md border border-dashed border-slate-200 px-3 py-6 text-center text-sm text-slate-500">
      {children}
    </p>
  );
}

/** The data cannot exist for this cluster until a capability is switched on. */
export function PanelUnavailable({ what, capability }: { what: string; capability: string }): ReactNode {
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-3 text-sm text-amber-900">
      {what} needs {capability}, which this cluster does not send.{' '}
      <Link href="/onboarding" className="font-medium underline underline-offset-2">
        See how to turn it on
      </Link>
      .
    </div>
  );
}

/** The skeleton heights of the panel bodies, as specs name them. */
export const BODY_HEIGHT: Record<PanelBodySize, string> = {
  chart: 'h-56',
  short: 'h-24',
  table: 'h-32',
  list: 'h-40',
  log: 'h-72',
};

/** The Suspense fallback of a panel: its title and a shape the size of its body. */
export function PanelSkeleton({
  title,
  wide,
  height = 'h-56',
}: {
  title: string;
  wide?: boolean;
  height?: string;
}): ReactNode {
  return (
    <section
      aria-label={title}
      aria-busy="true"
      className={`rounded-lg border border-slate-200 bg-white shadow-sm ${wide ? 'lg:col-span-2' : ''}`}
    >
      <header className="border-b border-slate-100 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
      </header>
      <div className="px-4 py-3">
        <div className={`${height} animate-pulse rounded bg-slate-100`} />
        <span className="sr-only">Loading {title}…</span>
      </div>
    </section>
  );
}

/** Column heads from a spec; the last column has no gap after it. */
export function ColumnHeads({
  columns,
  gap = 'pr-3',
}: {
  columns: readonly TableColumn[];
  gap?: 'pr-2' | 'pr-3';
}): ReactNode {
  return columns.map((c, i) => (
    <th
      key={c.header}
      className={['py-1.5', i < columns.length - 1 ? gap : '', c.align === 'right' ? 'text-right' : '', 'font-medium']
        .filter(Boolean)
        .join(' ')}
      title={c.title}
    >
      {c.header}
    </th>
  ));
}
