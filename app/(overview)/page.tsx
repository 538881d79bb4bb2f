import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { FleetOverview } from '@/components/fleet/fleet-overview';
import { ConfigProblem } from '@/components/ui/config-problem';
import { getServerAuth } from '@/lib/auth/server';
import { toOverviewRow } from '@/lib/fleet/rows';
import { ConfigError } from '@/lib/server/config';
import { dataAccess } from '@/lib/server/access';
import { loadFleetOverview } from '@/lib/server/fleet-service';
import { parseOverviewParams } from '@/lib/url-state/overview';

export const dynamic = 'force-dynamic';

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function FleetOverviewPage({ searchParams }: PageProps): Promise<ReactNode> {
  // proxy.ts shows the sign-in page instead; this second check keeps data out if it ever does not.
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  const params = parseOverviewParams(await searchParams);
  let overview: Awaited<ReturnType<typeof loadFleetOverview>>;
  try {
    overview = await loadFleetOverview(dataAccess(auth.user));
  } catch (error) {
    if (error instanceof ConfigError) return <ConfigProblem message={error.message} />;
    throw error;
  }
  return (
    <FleetOverview
      clusters={overview.clusters.map(toOverviewRow)}
      generatedAt={overview.generatedAt}
      paramErrors={params.ok ? [] : params.errors}
      notices={overview.notices}
      queries={overview.queries}
    />
  );
}
