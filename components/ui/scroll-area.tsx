import type { ComponentProps, ReactNode } from 'react';

/**
 * A box that scrolls its content (a wide or long table, a log). It is a Tab stop so keyboard
 * users can scroll it with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable),
 * with a visible focus ring.
 */
export function ScrollArea({ className = '', ...props }: ComponentProps<'div'>): ReactNode {
  return (
    <div
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll container must be focusable to be scrolled by keys
      tabIndex={0}
      className={`focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600 ${className}`}
      {...props}
    />
  );
}
