'use client';

import { useState, type ReactNode } from 'react';

/** Copies the current URL, which holds the whole view; falls back to showing it where the clipboard is blocked. */
export function CopyLinkButton(): ReactNode {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [href, setHref] = useState('');

  async function copy(): Promise<void> {
    const url = window.location.href;
    setHref(url);
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
      window.setTimeout(() => setState('idle'), 2000);
    } catch {
      setState('manual');
    }
  }

  return (
    <div className="relative">
      <button
        type="button"
        onClick={copy}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-4 w-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        >
          <path d="M8 12a3.5 3.5 0 0 0 5 0l3-3a3.5 3.5 0 0 0-5-5l-1 1M12 8a3.5 3.5 0 0 0-5 0l-3 3a3.5 3.5 0 0 0 5 5l1-1" />
        </svg>
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Link to this view copied to the clipboard' : ''}
      </span>
      {state === 'manual' && (
        <div className="absolute right-0 z-20 mt-2 w-80 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg">
          <label className="block text-slate-600">
            The clipboard is blocked here; copy the link yourself:
            <input
              readOnly
              value={href}
              onFocus={(e) => e.currentTarget.select()}
              className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            />
          </label>
          <button type="button" className="mt-2 text-xs text-slate-500 underline" onClick={() => setState('idle')}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
