'use client';

import type { ReactNode } from 'react';
import { RouteError } from '@/components/ui/route-error';

export default function CostError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}): ReactNode {
  return <RouteError title="Cost could not be computed" error={error} reset={reset} />;
}
