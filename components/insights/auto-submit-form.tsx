'use client';

import type { ReactNode } from 'react';

export interface AutoSubmitFormProps {
  action: string;
  label: string;
  children: ReactNode;
}

/**
 * A GET form whose fields are the view's URL parameters: it works without JavaScript, and
 * with it every change applies at once. Empty fields are dropped so the URL stays minimal.
 */
export function AutoSubmitForm({ action, label, children }: AutoSubmitFormProps): ReactNode {
  return (
    <form
      action={action}
      method="get"
      aria-label={label}
      className="flex flex-wrap items-end gap-3"
      onChange={(e) => {
        const target = e.target as HTMLElement;
        // Text fields apply on Enter; selects and checkboxes at once.
        if (target instanceof HTMLInputElement && target.type === 'search') return;
        e.currentTarget.requestSubmit();
      }}
      onSubmit={(e) => {
        for (const el of Array.from(e.currentTarget.elements)) {
          if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name && el.value === '')
            el.disabled = true;
        }
      }}
    >
      {children}
    </form>
  );
}
