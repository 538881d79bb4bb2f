import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { getServerAuth } from '@/lib/auth/server';
import { AlertsView } from '@/components/alerts/alerts-view';
import { ConfigProblem } from '@/components/ui/config-problem';
import { buildAlertsData } from '@/lib/fleet/alerts';
import { dataAccess } from '@/lib/server/access';
import { loadAlerts } from '@/lib/server/alerts-service';
import { ConfigError } from '@/lib/server/config';
import { parseAlertParams } from '@/lib/url-state/alerts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AlertsPage({ searchParams }: PageProps): Promise<ReactNode> {
  // proxy.ts shows the sign-in page instead; this second check keeps data out if it ever does not.
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  const params = parseAlertParams(await searchParams);
  let loaded: Awaited<ReturnType<typeof loadAlerts>>;
  try {
    loaded = await loadAlerts(dataAccess(auth.user));
  } catch (error) {
    if (error instanceof ConfigError) return <ConfigProblem message={error.message} />;
    throw error;
  }
  return (
    <AlertsView
      data={buildAlertsData(loaded.inputs, loaded.fired, params.value, loaded.firing)}
      view={params.value}
      notices={loaded.notices}
      queries={loaded.queries}
      generatedAt={loaded.generatedAt}
      paramErrors={params.ok ? [] : params.errors}
    />
  );
}
