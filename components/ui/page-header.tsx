import type { ReactNode } from 'react';
import { CopyLinkButton } from './copy-link-button';
import { IgnoredParams } from './ignored-params';
import type { ParamError } from '@/lib/url-state/codec';

export interface PageHeaderProps {
  title: string;
  /** One line on what the page answers and as of when. */
  children: ReactNode;
  /** Where this view downloads as CSV, if it does. */
  csvHref?: string;
  paramErrors: readonly ParamError[];
}

/** A view's title, what it answers, its share and export actions, and the link's ignored settings. */
export function PageHeader({ title, children, csvHref, paramErrors }: PageHeaderProps): ReactNode {
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          <p className="text-sm text-slate-500">{children}</p>
        </div>
        <div className="flex items-center gap-2">
          {csvHref && (
            <a
              href={csvHref}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            >
              Export CSV
            </a>
          )}
          <CopyLinkButton />
        </div>
      </div>
      <IgnoredParams errors={paramErrors} />
    </>
  );
}
