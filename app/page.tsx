import type { ReactNode } from 'react';
import { FleetOverview } from '@/components/fleet/fleet-overview';
import { toOverviewRow } from '@/lib/fleet/rows';
import { ConfigError } from '@/lib/server/config';
import { loadFleetOverview } from '@/lib/server/fleet-service';
import { fromNextSearchParams, parseOverviewParams } from '@/lib/url-state/overview';

export const dynamic = 'force-dynamic';

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function FleetOverviewPage({ searchParams }: PageProps): Promise<ReactNode> {
  const params = parseOverviewParams(fromNextSearchParams(await searchParams));
  let overview: Awaited<ReturnType<typeof loadFleetOverview>>;
  try {
    overview = await loadFleetOverview();
  } catch (error) {
    if (error instanceof ConfigError) return <ConfigProblem message={error.message} />;
    throw error;
  }
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

/** A bad environment variable is the operator's to fix: say which, not "something went wrong". */
function ConfigProblem({ message }: { message: string }): ReactNode {
  return (
    <div role="alert" className="mx-auto mt-12 max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-red-800">Fleetwatch is not configured correctly</h1>
      <p className="mt-2 font-mono text-sm text-slate-700">{message}</p>
      <p className="mt-3 text-sm text-slate-600">Fix the variable and restart the server; the README&apos;s configuration table lists every variable.</p>
    </div>
  );
}
