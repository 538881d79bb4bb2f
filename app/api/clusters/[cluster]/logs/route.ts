import { NextResponse, type NextRequest } from 'next/server';
import { clusterLogs } from '@/lib/catalog';
import { requireAuth } from '@/lib/auth/http';
import { hasContainerInsights } from '@/lib/fleet/cluster/panels';
import { logsRequestSchema, toLogLines } from '@/lib/fleet/cluster/logs';
import { routeContext } from '@/lib/server/request-context';

export const dynamic = 'force-dynamic';

/**
 * The live tail: container log lines of one cluster after a cursor. Polled every ~2 s by
 * the logs panel; never cached, so a line is served the moment the workspace has it.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ cluster: string }> }): Promise<NextResponse> {
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const { cluster: name } = await params;
  const parsed = logsRequestSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : (issue?.path.join('.') ?? '');
    return NextResponse.json({ error: `invalid query parameter ${where}: ${issue?.message ?? 'invalid'}` }, { status: 400 });
  }
  const ctx = await routeContext(auth.user, name, undefined, request.signal);
  const cluster = ctx.cluster;
  if (!cluster) return NextResponse.json({ error: `no cluster named "${name.slice(0, 100)}"` }, { status: 404 });
  if (!hasContainerInsights(cluster)) {
    return NextResponse.json({ error: `cluster "${cluster.name}" does not send container logs (Container insights is off)` }, { status: 404 });
  }
  const p = parsed.data;
  const outcome = await ctx.access.runner.run(
    clusterLogs.containerLogs,
    { clusterId: cluster.id, namespace: p.namespace, workload: p.workload, search: p.q || undefined, after: p.after, limit: 200 },
    { kind: 'instant', at: ctx.now },
    'PT1H',
    { signal: request.signal },
  );
  if (!outcome.ok) return NextResponse.json({ error: outcome.error.message, source: outcome.error.source, query: outcome.executed }, { status: 502 });
  return NextResponse.json({ lines: toLogLines(outcome.rows), servedAt: new Date(ctx.now * 1000).toISOString() }, { headers: { 'cache-control': 'no-store' } });
}
