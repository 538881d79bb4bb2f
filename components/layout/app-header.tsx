import Link from 'next/link';
import type { ReactNode } from 'react';

export interface AppHeaderProps {
  mode: 'demo' | 'live';
  modeLabel: string;
}

export function AppHeader({ mode, modeLabel }: AppHeaderProps): ReactNode {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-800 bg-slate-900 text-slate-100">
      <div className="mx-auto flex h-12 w-full max-w-[1600px] items-center gap-4 px-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 text-sky-400" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M12 2 3 7v10l9 5 9-5V7z" />
            <path d="m3 7 9 5 9-5M12 12v10" />
          </svg>
          Fleetwatch
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          <Link href="/" className="rounded px-2 py-1 text-slate-200 hover:bg-slate-800">
            Fleet
          </Link>
        </nav>
        <span
          className={`ml-auto truncate rounded-full border px-2.5 py-0.5 text-xs ${mode === 'demo' ? 'border-amber-400/40 bg-amber-400/10 text-amber-200' : 'border-emerald-400/40 bg-emerald-400/10 text-emerald-200'}`}
          title={mode === 'demo' ? 'Synthetic data from the embedded demo fleet; no sign-in needed.' : 'Live data from the configured backends.'}
        >
          <span className="hidden sm:inline">{modeLabel}</span>
          <span className="sm:hidden">{mode === 'demo' ? 'Demo fleet' : 'Live'}</span>
        </span>
      </div>
    </header>
  );
}
