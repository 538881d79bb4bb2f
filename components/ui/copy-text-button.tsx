'use client';

import { useState, type ReactNode } from 'react';

export interface CopyTextButtonProps {
  text: string;
  label: string;
  /** 'dark' sits on code blocks, 'light' on white panels. */
  tone?: 'dark' | 'light';
  children?: ReactNode;
}

const TONES = {
  dark: 'rounded border border-slate-600 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-800',
  light:
    'inline-flex items-center rounded border border-slate-300 bg-white px-1.5 py-0.5 text-[11px] font-medium text-slate-700 hover:bg-slate-50',
} as const;

/** Copies a query, a command or a script; says so, or says the clipboard is blocked. */
export function CopyTextButton({ text, label, tone = 'dark', children = 'Copy' }: CopyTextButtonProps): ReactNode {
  const [state, setState] = useState<'idle' | 'copied' | 'blocked'>('idle');
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState('copied');
        } catch {
          setState('blocked');
        }
        window.setTimeout(() => setState('idle'), 2000);
      }}
      className={TONES[tone]}
    >
      {state === 'copied' ? 'Copied' : state === 'blocked' ? 'Select and copy' : children}
    </button>
  );
}
