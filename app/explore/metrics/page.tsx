import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { MetricsExplorer } from '@/components/explore/metrics-explorer';
import { CATALOG } from '@/lib/catalog';
import { exploreMetrics, REAL_ENGINE_COMMAND } from '@/lib/explore/run';
import { getQueryRunner } from '@/lib/server/backends';
import { getConfig } from '@/lib/server/config';
import { parseMetricsExplore, searchParamsFrom } from '@/lib/url-state/explore';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Metrics explorer' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The page runs the link's queries on the server, so a shared link opens with its result. */
export default async function MetricsExplorePage({ searchParams }: PageProps): Promise<ReactNode> {
  const parsed = parseMetricsExplore(searchParamsFrom(await searchParams));
  const config = getConfig();
  const state = parsed.value;
  const result = state.queries.length
    ? await exploreMetrics(getQueryRunner(config), state, { nowMs: Date.now(), clusterLabel: config.prometheus.clusterLabel })
    : null;
  const examples = [...CATALOG.values()]
    .filter((q) => q.kind === 'prom')
    .flatMap((q) => {
      const params = q.params.safeParse({ clusterLabel: config.prometheus.clusterLabel });
      return params.success ? [{ id: q.id, title: q.title, text: q.build(params.data as never) }] : [];
    });
  return <MetricsExplorer key={JSON.stringify(state)} initial={state} result={result} paramErrors={parsed.ok ? [] : parsed.errors} examples={examples} engineCommand={REAL_ENGINE_COMMAND} />;
}
