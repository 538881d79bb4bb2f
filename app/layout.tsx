import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AccountMenu } from '@/components/auth/account-menu';
import { AuthProvider } from '@/components/auth/auth-provider';
import { AppHeader } from '@/components/layout/app-header';
import { UrlStateProvider } from '@/components/layout/url-state-provider';
import { getLayoutAuth } from '@/lib/auth/server';
import { ConfigError } from '@/lib/server/config';
import { describeMode } from '@/lib/server/fleet-service';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Fleetwatch', template: '%s · Fleetwatch' },
  description: 'Kubernetes fleet monitoring for AKS, Arc-connected and Prometheus clusters.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/** The page's content; the skip link's target, focusable from it (tabIndex -1) but not by Tab. */
function Main({ children }: { children: ReactNode }): ReactNode {
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-[1600px] px-3 pb-16 pt-4 outline-none sm:px-6">
      {children}
    </main>
  );
}

export default async function RootLayout({ children }: { children: ReactNode }): Promise<ReactNode> {
  const auth = await getLayoutAuth();
  let mode: ReturnType<typeof describeMode>;
  try {
    mode = describeMode();
  } catch (error) {
    // The page says what is wrong; the header must still render.
    if (!(error instanceof ConfigError)) throw error;
    mode = { mode: 'live', label: 'Configuration error' };
  }
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {/* The first focusable element: hidden until focused, then over the header's logo. */}
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white text-sm font-medium text-slate-900 shadow-lg ring-2 ring-sky-600 focus:not-sr-only focus:fixed focus:left-3 focus:top-2 focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <UrlStateProvider>
          {auth.publicConfig ? (
            <AuthProvider config={auth.publicConfig} session={auth.session}>
              <AppHeader modeLabel={mode.label} mode={mode.mode} signIn="on" account={<AccountMenu />} />
              <Main>{children}</Main>
            </AuthProvider>
          ) : (
            <>
              <AppHeader modeLabel={mode.label} mode={mode.mode} signIn={auth.signIn} />
              <Main>{children}</Main>
            </>
          )}
        </UrlStateProvider>
      </body>
    </html>
  );
}
