import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { getServerAuth } from '@/lib/auth/server';
import { CostView } from '@/components/cost/cost-view';
import { ConfigProblem } from '@/components/ui/config-problem';
import { buildCostData } from '@/lib/fleet/cost-report';
import { ConfigError } from '@/lib/server/config';
import { costOptionsFor } from '@/lib/server/cost-options';
import { dataAccess } from '@/lib/server/access';
import { loadCost } from '@/lib/server/cost-service';
import { parseCostParams } from '@/lib/url-state/cost';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Cost' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function CostPage({ searchParams }: PageProps): Promise<ReactNode> {
  // proxy.ts shows the sign-in page instead; this second check keeps data out if it ever does not.
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  const params = parseCostParams(await searchParams);
  let loaded: Awaited<ReturnType<typeof loadCost>>;
  let options: ReturnType<typeof costOptionsFor>;
  try {
    loaded = await loadCost(dataAccess(auth.user));
    options = costOptionsFor(params.value, loaded.prices);
  } catch (error) {
    if (error instanceof ConfigError) return <ConfigProblem message={error.message} />;
    throw error;
  }
  const names = loaded.inputs.inventory.map((c) => c.name).sort();
  const unknownCluster = params.value.cluster !== null && !names.includes(params.value.cluster);
  const view = unknownCluster ? { ...params.value, cluster: null } : params.value;
  const errors = [
    ...(params.ok ? [] : params.errors),
    ...(unknownCluster
      ? [{ param: 'cluster', message: `cluster ${params.value.cluster ?? ''} is not in the fleet` }]
      : []),
  ];
  return (
    <CostView
      data={buildCostData(loaded.inputs, { ...options, cluster: view.cluster })}
      view={view}
      clusterNames={names}
      notices={loaded.notices}
      queries={loaded.queries}
      generatedAt={loaded.generatedAt}
      paramErrors={errors}
      thresholds={{ requestedMax: options.requestedMax, utilizationMin: options.utilizationMin }}
      arcRates={options.arc}
    />
  );
}
