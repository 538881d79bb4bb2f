import { NextResponse, type NextRequest } from 'next/server';
import { clusterLogs } from '@/lib/catalog';
import { requireAuth } from '@/lib/auth/http';
import { hasContainerInsights } from '@/lib/fleet/cluster/panels';
import { logsRequestSchema, toLogLines } from '@/lib/fleet/cluster/logs';
import { badRequest, notFound, sourceFailed } from '@/lib/server/http';
import { routeContext } from '@/lib/server/request-context';

export const dynamic = 'force-dynamic';

/**
 * The live tail: container log lines of one cluster after a cursor. Polled every ~2 s by
 * the logs panel; never cached, so a line is served the moment the workspace has it.
 */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ cluster: string }> },
): Promise<NextResponse> {
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const { cluster: name } = await params;
  const parsed = logsRequestSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : (issue?.path.join('.') ?? '');
    return badRequest([{ param: where, message: `invalid query parameter ${where}: ${issue?.message ?? 'invalid'}` }]);
  }
  const ctx = await routeContext(auth.user, name, undefined, request.signal);
  const cluster = ctx.cluster;
  if (!cluster && ctx.lookupFailure) return sourceFailed(ctx.lookupFailure);
  if (!cluster) return notFound(`no cluster named "${name.slice(0, 100)}"`);
  if (!hasContainerInsights(cluster))
    return notFound(
      `cluster "${cluster.name}" does not send container logs (Container insights is off)`,
      'not_collected',
    );
  const p = parsed.data;
  const outcome = await ctx.access.runner.run(
    clusterLogs.containerLogs,
    {
      clusterId: cluster.id,
      namespace: p.namespace,
      workload: p.workload,
      search: p.q || undefined,
      after: p.after,
      limit: 200,
    },
    { kind: 'instant', at: ctx.now },
    'PT1H',
    { signal: request.signal },
  );
  // Not configured is a 503 naming Log Analytics, throttling a 429 with its wait: the status says whose it is to fix.
  if (!outcome.ok) return sourceFailed(outcome.error, outcome.executed.text);
  return NextResponse.json(
    { lines: toLogLines(outcome.rows), servedAt: new Date(ctx.now * 1000).toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
}
