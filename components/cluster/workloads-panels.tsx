import Link from 'next/link';
import type { ReactNode } from 'react';
import { hrefWith, type ClusterPageContext } from './context';

/** L3 with a workload picked: events and logs below are its; one link clears the selection. */
export function WorkloadSelection({ ctx }: { ctx: ClusterPageContext }): ReactNode {
  if (!ctx.view.workload) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900 lg:col-span-2">
      <span>
        Workload{' '}
        <strong>
          {ctx.view.namespace ? `${ctx.view.namespace}/` : ''}
          {ctx.view.workload}
        </strong>
        : events and logs below are filtered to it.
      </span>
      <Link
        href={hrefWith(ctx, 'workloads', { workload: null, namespace: null, q: '' })}
        className="ml-auto font-medium underline underline-offset-2"
      >
        Clear selection
      </Link>
    </div>
  );
}
