'use client';

import type { ReactNode } from 'react';
import { RouteError } from '@/components/ui/route-error';

export default function ExploreError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}): ReactNode {
  return <RouteError title="The explorer could not run this query" error={error} reset={reset} />;
}
