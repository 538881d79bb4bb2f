import type { ReactNode } from 'react';
import { PageSkeleton } from '@/components/insights/page-skeleton';

export default function Loading(): ReactNode {
  return (
    <PageSkeleton
      title="Monitoring onboarding"
      waitingFor="Reading add-ons, data collection rules, diagnostic settings and alert rules of every cluster…"
      cards={0}
      rows={12}
    />
  );
}
