import type { ReactNode } from 'react';
import { PageSkeleton } from '@/components/insights/page-skeleton';

export default function Loading(): ReactNode {
  return (
    <PageSkeleton
      title="Cost"
      waitingFor="Pricing every node pool and allocating requests and usage by namespace and team…"
      cards={4}
      rows={10}
    />
  );
}
