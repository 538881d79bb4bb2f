import { redirect } from 'next/navigation';
import { clusterPageHref, landingPage, safeDecode } from '@/lib/fleet/cluster/layers';
import { parseClusterView, serializeClusterView } from '@/lib/url-state/cluster';

export const dynamic = 'force-dynamic';

interface PageProps {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** A bare cluster link lands where its persona works; the rest of the view rides along. */
export default async function ClusterLanding({ params, searchParams }: PageProps): Promise<never> {
  const { cluster } = await params;
  const view = parseClusterView(await searchParams).value;
  redirect(clusterPageHref(safeDecode(cluster), landingPage(view.persona), serializeClusterView(view)));
}
