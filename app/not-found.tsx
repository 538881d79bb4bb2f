import Link from 'next/link';
import type { ReactNode } from 'react';

export default function NotFound(): ReactNode {
  return (
    <div className="mx-auto mt-12 max-w-xl rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">This link does not point to a Fleetwatch view.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-sky-700 underline">
        Back to the fleet overview
      </Link>
    </div>
  );
}
