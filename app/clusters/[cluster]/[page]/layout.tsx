import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { getServerAuth } from '@/lib/auth/server';
import { CLUSTER_PAGES, safeDecode } from '@/lib/fleet/cluster/layers';
import { dataAccess } from '@/lib/server/access';
import { findCluster } from '@/lib/server/cluster-service';

interface LayoutProps {
  children: ReactNode;
  params: Promise<{ cluster: string; page: string }>;
}

/**
 * Checks the page and looks the cluster up before the page's loading skeleton streams, so a name that is not in
 * the fleet (or not in the user's rights) answers 404, not a 200 page that says "not found".
 */
export default async function ClusterLayout({ children, params }: LayoutProps): Promise<ReactNode> {
  const { cluster, page } = await params;
  if (!(CLUSTER_PAGES as readonly string[]).includes(page)) notFound();
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  if (!(await findCluster(dataAccess(auth.user), safeDecode(cluster)))) notFound();
  return children;
}
