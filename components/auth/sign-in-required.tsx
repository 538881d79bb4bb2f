import Link from 'next/link';
import type { ReactNode } from 'react';

/** A page's answer when its server-side check fails; no data is rendered. */
export function SignInRequired({ status }: { status: 401 | 403 | 503 }): ReactNode {
  const message =
    status === 403
      ? 'Your account lacks the app role or scope this portal requires.'
      : status === 503
        ? 'The sign-in provider cannot be reached right now; try again shortly.'
        : 'Sign in to see the fleet.';
  return (
    <div
      role="alert"
      className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700 shadow-sm"
    >
      <p>{message}</p>
      <Link href="/sign-in" className="mt-3 inline-block text-sky-700 underline">
        Go to sign-in
      </Link>
    </div>
  );
}
