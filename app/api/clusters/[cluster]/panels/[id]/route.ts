import { NextResponse, type NextRequest } from 'next/server';
import { requireAuth } from '@/lib/auth/http';
import { panelById } from '@/lib/fleet/cluster/panels';
import { badRequest, notFound, sourceFailed } from '@/lib/server/http';
import { loadPanel } from '@/lib/server/panels';
import { clusterContext, routeContext } from '@/lib/server/request-context';

export const dynamic = 'force-dynamic';

/** The cluster view's parameters (lib/url-state/cluster.ts), renamed ones included; nothing else is read. */
const VIEW_PARAMS = new Set(['persona', 'from', 'to', 'refresh', 'node', 'namespace', 'workload', 'q', 'range', 'ns']);

/**
 * One panel of a cluster page as JSON, the same data the page renders: for refreshing a panel
 * alone. The view (time range, selection) is the page's query string. A backend's failure is
 * the panel's own "error" status, not this route's: the route answered.
 */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ cluster: string; id: string }> },
): Promise<NextResponse> {
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const { cluster: name, id } = await params;
  const spec = panelById(id);
  if (!spec) return notFound(`no panel "${id.slice(0, 100)}" on the cluster pages`);
  const search = request.nextUrl.searchParams;
  const unknown = [...new Set(search.keys())].filter((k) => !VIEW_PARAMS.has(k));
  if (unknown.length)
    return badRequest(
      unknown.map((k) => ({
        param: k.slice(0, 100),
        message: `${k.slice(0, 100)} is not a parameter of the cluster view`,
      })),
    );
  const ctx = await routeContext(auth.user, name, search, request.signal);
  if (ctx.viewErrors.length) return badRequest(ctx.viewErrors);
  const cluster = clusterContext(ctx);
  if (!cluster && ctx.lookupFailure) return sourceFailed(ctx.lookupFailure);
  if (!cluster) return notFound(`no cluster named "${name.slice(0, 100)}"`);
  return NextResponse.json(await loadPanel(cluster, spec), { headers: { 'cache-control': 'no-store' } });
}
