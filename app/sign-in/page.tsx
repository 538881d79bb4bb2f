import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { SignInPanel } from '@/components/auth/sign-in-panel';
import { AuthConfigError, getAuthConfig } from '@/lib/auth/config';
import { AUTH_STATUS_HEADER } from '@/lib/auth/verify';

export const metadata: Metadata = { title: 'Sign in' };

/**
 * Shown in place of any page the caller may not see (proxy.ts rewrites to it with status
 * 401 or 403, keeping the URL), and at /sign-in itself.
 */
export default async function SignInPage(): Promise<ReactNode> {
  const status = (await headers()).get(AUTH_STATUS_HEADER);
  let configError: string | null = null;
  let enabled = false;
  try {
    enabled = getAuthConfig() !== null;
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    configError = error.message;
  }
  if (configError) {
    return (
      <Card title="Sign-in is not configured correctly">
        <p className="mt-2 font-mono text-sm text-slate-700">{configError}</p>
        <p className="mt-3 text-sm text-slate-600">
          Fix the AUTH_* variable and restart the server; the README lists them.
        </p>
      </Card>
    );
  }
  if (!enabled) {
    return (
      <Card title="No sign-in on this server">
        <p className="mt-2 text-sm text-slate-600">
          Sign-in is off (no AUTH_* variables), so every page is open.{' '}
          <Link href="/" className="text-sky-700 underline">
            Go to the fleet
          </Link>
          .
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <SignInPanel forbidden={status === '403'} />
    </Card>
  );
}

/** Without a title the child renders the heading (the sign-in panel changes it on the client). */
function Card({ title, children }: { title?: string; children: ReactNode }): ReactNode {
  return (
    <section
      aria-labelledby="sign-in-title"
      className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      {title ? (
        <h1 id="sign-in-title" className="text-lg font-semibold text-slate-900">
          {title}
        </h1>
      ) : null}
      {children}
    </section>
  );
}
