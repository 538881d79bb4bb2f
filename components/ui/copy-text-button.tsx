'use client';

import { useState, type ReactNode } from 'react';

export interface CopyTextButtonProps {
  text: string;
  label: string;
}

/** Copies a query's text; says so, or says the clipboard is blocked. */
export function CopyTextButton({ text, label }: CopyTextButtonProps): ReactNode {
  const [state, setState] = useState<'idle' | 'copied' | 'blocked'>('idle');
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState('copied');
        } catch {
          setState('blocked');
        }
        window.setTimeout(() => setState('idle'), 2000);
      }}
      className="rounded border border-slate-600 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-800"
    >
      {state === 'copied' ? 'Copied' : state === 'blocked' ? 'Select and copy' : 'Copy'}
    </button>
  );
}
