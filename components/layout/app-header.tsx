import Link from 'next/link';
import type { ReactNode } from 'react';
import { MainNav } from './main-nav';

export interface AppHeaderProps {
  mode: 'demo' | 'live';
  modeLabel: string;
  /** 'off': no AUTH_* configured, anyone who reaches the server sees the data; the header says so. */
  signIn?: 'on' | 'off';
  /** The account menu (a client component), shown when sign-in is on. */
  account?: ReactNode;
}

export function AppHeader({ mode, modeLabel, signIn = 'off', account }: AppHeaderProps): ReactNode {
  const open = signIn === 'off';
  return (
    <header className="sticky top-0 z-30 border-b border-slate-800 bg-slate-900 text-slate-100">
      {/* Phones: logo and status on the first row, the sections on a second. */}
      <div className="mx-auto flex min-h-12 w-full max-w-[1600px] flex-wrap items-center gap-x-4 px-3 sm:flex-nowrap sm:px-6">
        <Link
          href="/"
          aria-label="Fleetwatch"
          className="flex h-12 shrink-0 items-center gap-2 font-semibold tracking-tight"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            className="h-5 w-5 text-sky-400"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          >
            <path d="M12 2 3 7v10l9 5 9-5V7z" />
            <path d="m3 7 9 5 9-5M12 12v10" />
          </svg>
          <span>Fleetwatch</span>
        </Link>
        <MainNav />
        <span
          className={`ml-auto shrink-0 truncate rounded-full border px-2.5 py-0.5 text-xs ${mode === 'demo' ? 'border-amber-400/40 bg-amber-400/10 text-amber-200' : open ? 'border-red-400/50 bg-red-400/10 text-red-200' : 'border-emerald-400/40 bg-emerald-400/10 text-emerald-200'}`}
          title={
            open
              ? `${mode === 'demo' ? 'Synthetic data from the embedded demo fleet' : 'Live data from the configured backends'}; no sign-in: anyone who can reach this server sees it (set AUTH_* to require Entra ID sign-in).`
              : mode === 'demo'
                ? 'Synthetic data from the embedded demo fleet; sign-in required.'
                : 'Live data from the configured backends; sign-in required.'
          }
        >
          <span className="hidden sm:inline">
            {modeLabel}
            {open ? ' · no sign-in' : ''}
          </span>
          <span className="sm:hidden">
            {mode === 'demo' ? 'Demo' : 'Live'}
            {open ? ' · no sign-in' : ''}
          </span>
        </span>
        {account}
      </div>
    </header>
  );
}
