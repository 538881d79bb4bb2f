import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { ClusterUnavailable } from '@/components/cluster/cluster-unavailable';
import { CLUSTER_PAGES, safeDecode } from '@/lib/fleet/cluster/layers';
import { getRequestContext } from '@/lib/server/request-context';

interface LayoutProps {
  children: ReactNode;
  params: Promise<{ cluster: string; page: string }>;
}

/**
 * Checks the page and looks the cluster up before the page's loading skeleton streams, so a name that is not in
 * the fleet (or not in the user's rights) answers 404, not a 200 page that says "not found"; when the inventory could
 * not answer, the page names the failing source instead of claiming the cluster does not exist. The page shares
 * this lookup: the request context memoises it per render.
 */
export default async function ClusterLayout({ children, params }: LayoutProps): Promise<ReactNode> {
  const { cluster, page } = await params;
  if (!(CLUSTER_PAGES as readonly string[]).includes(page)) notFound();
  const request = await getRequestContext(safeDecode(cluster));
  if (!request.ok) return <SignInRequired status={request.status} />;
  const { ctx } = request;
  if (!ctx.cluster && ctx.lookupFailure)
    return <ClusterUnavailable name={safeDecode(cluster)} failure={ctx.lookupFailure} />;
  if (!ctx.cluster) notFound();
  return children;
}
