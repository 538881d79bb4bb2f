'use client';

import type { ReactNode } from 'react';
import { RouteError } from '@/components/ui/route-error';

/** The cluster page as a whole failed (a panel's failure stays in its panel). */
export default function ClusterError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}): ReactNode {
  return (
    <RouteError
      title="This cluster page could not be loaded"
      error={error}
      reset={reset}
      back={{ href: '/', label: 'Back to the fleet' }}
    />
  );
}
