'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';

export interface RouteErrorProps {
  title: string;
  error: Error & { digest?: string };
  reset: () => void;
  /** Where to go instead, e.g. back to the fleet from a cluster page. */
  back?: { href: string; label: string };
}

/** A whole route failed (not one panel): say so, give the server's reference, offer a retry. */
export function RouteError({ title, error, reset, back }: RouteErrorProps): ReactNode {
  return (
    <div role="alert" className="mx-auto mt-12 max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-red-800">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{error.message || 'An unexpected error occurred on the server.'}</p>
      {error.digest && <p className="mt-1 font-mono text-xs text-slate-500">Reference: {error.digest}</p>}
      <div className="mt-4 flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white"
        >
          Try again
        </button>
        {back && (
          <Link href={back.href} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            {back.label}
          </Link>
        )}
      </div>
    </div>
  );
}
