import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { ClusterUnavailable } from '@/components/cluster/cluster-unavailable';
import { ClusterShell } from '@/components/cluster/cluster-shell';
import { SummaryPanels } from '@/components/cluster/summary-panels';
import { WorkloadSelection } from '@/components/cluster/workloads-panels';
import { CLUSTER_PAGES, PAGE_INFO, safeDecode, type ClusterPage } from '@/lib/fleet/cluster/layers';
import { panelsOf } from '@/lib/fleet/cluster/panels';
import { clusterContext, getRequestContext, searchString, type ClusterContext } from '@/lib/server/request-context';
import { CostSlot, PanelSlot } from './panel-slot';

export const dynamic = 'force-dynamic';

interface PageProps {
  params: Promise<{ cluster: string; page: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const isPage = (p: string): p is ClusterPage => (CLUSTER_PAGES as readonly string[]).includes(p);

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { cluster, page } = await params;
  return { title: `${safeDecode(cluster)} · ${isPage(page) ? PAGE_INFO[page].title : 'Cluster'}` };
}

/** What a page shows around its panel specs: the summary's cluster facts and cost, L3's selection. */
function PageBody({ ctx, page }: { ctx: ClusterContext; page: ClusterPage }): ReactNode {
  const panels = panelsOf(page)
    .filter((spec) => !spec.shown || spec.shown(ctx.panel))
    .map((spec) => <PanelSlot key={spec.id} ctx={ctx} spec={spec} />);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {page === 'summary' && <SummaryPanels ctx={ctx.panel} />}
      {page === 'workloads' && <WorkloadSelection ctx={ctx.panel} />}
      {panels}
      {page === 'summary' && <CostSlot ctx={ctx} />}
    </div>
  );
}

export default async function ClusterLayerPage({ params, searchParams }: PageProps): Promise<ReactNode> {
  const { cluster: rawName, page } = await params;
  if (!isPage(page)) notFound();
  const request = await getRequestContext(safeDecode(rawName), searchString(await searchParams));
  if (!request.ok) return <SignInRequired status={request.status} />;
  const { lookupFailure } = request.ctx;
  const ctx = clusterContext(request.ctx);
  if (!ctx && lookupFailure) return <ClusterUnavailable name={safeDecode(rawName)} failure={lookupFailure} />;
  if (!ctx) notFound();
  return (
    <ClusterShell ctx={ctx.panel} page={page} paramErrors={ctx.viewErrors.map((e) => e.message)}>
      <PageBody ctx={ctx} page={page} />
    </ClusterShell>
  );
}
