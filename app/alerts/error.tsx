'use client';

import type { ReactNode } from 'react';
import { RouteError } from '@/components/ui/route-error';

export default function AlertsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}): ReactNode {
  return <RouteError title="Alerts could not be loaded" error={error} reset={reset} />;
}
