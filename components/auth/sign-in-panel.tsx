'use client';

import { useState, type ReactNode } from 'react';
import { useAuth } from './auth-provider';

export interface SignInPanelProps {
  /** Signed in, but without the role or scope this portal requires. */
  forbidden: boolean;
}

export function SignInPanel({ forbidden: forbiddenByServer }: SignInPanelProps): ReactNode {
  const auth = useAuth();
  const [error, setError] = useState<string | null>(null);
  if (!auth) return null;
  const forbidden = forbiddenByServer || auth.denied;
  const act = (action: () => Promise<void>): void => {
    setError(null);
    action().catch((e: unknown) => setError(e instanceof Error ? e.message : 'sign-in failed'));
  };
  return (
    <div className="text-sm text-slate-600">
      <h1 id="sign-in-title" className="text-lg font-semibold text-slate-900">
        {forbidden ? 'You do not have access' : 'Sign in to Fleetwatch'}
      </h1>
      {forbidden ? (
        <p className="mt-2">
          You are signed in{auth.session?.username ? ` as ${auth.session.username}` : ''}, but your account lacks the
          app role or scope this portal requires. Ask an administrator to assign it, or sign in with another account.
        </p>
      ) : (
        <p className="mt-2">
          Fleetwatch shows your organisation&apos;s clusters only to signed-in users. Sign in with your work account.
        </p>
      )}
      <div className="mt-4 flex gap-2">
        <button
          type="button"
          onClick={() => act(auth.signIn)}
          className="rounded bg-sky-600 px-4 py-2 font-medium text-white hover:bg-sky-500"
        >
          {forbidden ? 'Sign in with another account' : 'Sign in'}
        </button>
        {forbidden || auth.session ? (
          <button
            type="button"
            onClick={() => act(auth.signOut)}
            className="rounded border border-slate-300 px-4 py-2 text-slate-700 hover:bg-slate-50"
          >
            Sign out
          </button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
