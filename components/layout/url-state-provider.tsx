'use client';

import { NuqsAdapter } from 'nuqs/adapters/next/app';
import type { ReactNode } from 'react';
import { canonicalOrder } from '@/lib/url-state/codec';

/** Every URL a client-side state change writes gets the order the server's links have. */
export function UrlStateProvider({ children }: { children: ReactNode }): ReactNode {
  return <NuqsAdapter processUrlSearchParams={canonicalOrder}>{children}</NuqsAdapter>;
}
