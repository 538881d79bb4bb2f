'use client';

import { useState, type ReactNode } from 'react';
import { useAuth } from './auth-provider';

/** Header control: "Sign in" when signed out; the user's name with a sign-out menu when signed in. */
export function AccountMenu(): ReactNode {
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!auth) return null;
  if (!auth.session) {
    return (
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          auth.signIn().catch(() => setBusy(false));
        }}
        className="rounded bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-60"
      >
        Sign in
      </button>
    );
  }
  const label = auth.session.name ?? auth.session.username ?? 'Signed in';
  return (
    <div className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-[14rem] items-center gap-2 rounded px-2 py-1 text-sm text-slate-100 hover:bg-slate-800"
      >
        <span
          aria-hidden="true"
          className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-sky-700 text-xs font-semibold"
        >
          {label.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden truncate sm:inline">{label}</span>
      </button>
      {open ? (
        <div
          role="menu"
          aria-label="Account"
          className="absolute right-0 mt-1 w-64 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg"
        >
          <div className="border-b border-slate-100 px-3 py-2">
            <div className="truncate font-medium">{label}</div>
            {auth.session.username ? (
              <div className="truncate text-xs text-slate-500">{auth.session.username}</div>
            ) : null}
          </div>
          <button
            type="button"
            role="menuitem"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              auth.signOut().catch(() => setBusy(false));
            }}
            className="mt-1 w-full rounded px-3 py-2 text-left hover:bg-slate-100"
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
