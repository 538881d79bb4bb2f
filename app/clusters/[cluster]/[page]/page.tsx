import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { AppsPanels } from '@/components/cluster/apps-panels';
import { ClusterShell } from '@/components/cluster/cluster-shell';
import type { ClusterPageContext } from '@/components/cluster/context';
import { ControlPlanePanels } from '@/components/cluster/control-plane-panels';
import { NetworkPanels } from '@/components/cluster/network-panels';
import { NodesPanels } from '@/components/cluster/nodes-panels';
import { SummaryPanels } from '@/components/cluster/summary-panels';
import { WorkloadsPanels } from '@/components/cluster/workloads-panels';
import { getServerAuth } from '@/lib/auth/server';
import { CLUSTER_PAGES, PAGE_INFO, safeDecode, type ClusterPage } from '@/lib/fleet/cluster/layers';
import { resolveRange } from '@/lib/fleet/cluster/time-range';
import { dataAccess } from '@/lib/server/access';
import { clusterLabel, findCluster } from '@/lib/server/cluster-service';
import { parseClusterView } from '@/lib/url-state/cluster';
import { fromNextSearchParams } from '@/lib/url-state/overview';

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

export default async function ClusterLayerPage({ params, searchParams }: PageProps): Promise<ReactNode> {
  const { cluster: rawName, page } = await params;
  if (!isPage(page)) notFound();
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  const cluster = await findCluster(dataAccess(auth.user), safeDecode(rawName));
  if (!cluster) notFound();
  const parsed = parseClusterView(fromNextSearchParams(await searchParams));
  const range = resolveRange(parsed.value.range, Date.now() / 1000);
  const ctx: ClusterPageContext = {
    cluster,
    view: parsed.value,
    range,
    at: range.end,
    prom: { clusterLabel: clusterLabel(), cluster: cluster.name },
  };
  const body: Record<ClusterPage, ReactNode> = {
    summary: <SummaryPanels ctx={ctx} />,
    nodes: <NodesPanels ctx={ctx} />,
    'control-plane': <ControlPlanePanels ctx={ctx} />,
    workloads: <WorkloadsPanels ctx={ctx} />,
    applications: <AppsPanels ctx={ctx} />,
    network: <NetworkPanels ctx={ctx} />,
  };
  return (
    <ClusterShell ctx={ctx} page={page} paramErrors={parsed.ok ? [] : parsed.errors.map((e) => e.message)}>
      {body[page]}
    </ClusterShell>
  );
}
