import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { MetricsExplorer } from '@/components/explore/metrics-explorer';
import { CATALOG } from '@/lib/catalog';
import { explorerExamples } from '@/lib/explore/examples';
import { exploreMetrics, REAL_ENGINE_COMMAND } from '@/lib/explore/run';
import { getServerAuth } from '@/lib/auth/server';
import { dataAccess } from '@/lib/server/access';
import { parseMetricsExplore } from '@/lib/url-state/explore';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Metrics explorer' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The page runs the link's queries on the server, so a shared link opens with its result. */
export default async function MetricsExplorePage({ searchParams }: PageProps): Promise<ReactNode> {
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  const parsed = parseMetricsExplore(await searchParams);
  const access = dataAccess(auth.user);
  const { config } = access;
  const state = parsed.value;
  // A Server Component renders once per request: this is the request's time, not a render's.
  // eslint-disable-next-line react-hooks/purity
  const nowMs = Date.now();
  const result = state.queries.length ? await exploreMetrics(access.runner, state, { nowMs }) : null;
  const examples = explorerExamples(
    [...CATALOG.values()].filter((q) => q.kind === 'prom'),
    { clusterLabel: config.prometheus.clusterLabel },
  );
  return (
    <MetricsExplorer
      key={JSON.stringify(state)}
      initial={state}
      result={result}
      paramErrors={parsed.ok ? [] : parsed.errors}
      examples={examples}
      engineCommand={REAL_ENGINE_COMMAND}
    />
  );
}
