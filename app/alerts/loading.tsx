import type { ReactNode } from 'react';
import { PageSkeleton } from '@/components/insights/page-skeleton';

export default function Loading(): ReactNode {
  return (
    <PageSkeleton
      title="Alerts"
      waitingFor="Collecting fired alerts and the alert rule groups of every cluster…"
      cards={0}
      rows={10}
    />
  );
}
