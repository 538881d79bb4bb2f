import type { ReactNode } from 'react';
import { FleetOverview } from '@/components/fleet/fleet-overview';
import { toOverviewRow } from '@/lib/fleet/rows';
import { loadFleetOverview } from '@/lib/server/fleet-service';
import { fromNextSearchParams, parseOverviewParams } from '@/lib/url-state/overview';

export const dynamic = 'force-dynamic';

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function FleetOverviewPage({ searchParams }: PageProps): Promise<ReactNode> {
  const params = parseOverviewParams(fromNextSearchParams(await searchParams));
  const overview = await loadFleetOverview();
  return (
    <FleetOverview
      clusters={overview.clusters.map(toOverviewRow)}
      generatedAt={overview.generatedAt}
      initialFilters={params.value}
      paramErrors={params.ok ? [] : params.errors}
      notices={overview.notices}
      queries={overview.queries}
    />
  );
}
