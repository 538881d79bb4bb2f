import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { createDemoPromMeta, createLivePromMeta, type PromMetaSource } from '@/lib/explore/prom-meta';
import { requireAuth } from '@/lib/auth/http';
import type { AuthUser } from '@/lib/auth/verify';
import { dataAccess } from '@/lib/server/access';
import { SourceError, type SourceFailure } from '@/lib/sources/errors';

export const dynamic = 'force-dynamic';

/**
 * The read-only slice of the Prometheus HTTP API the PromQL editor completes from
 * (/api/v1/labels, /label/<name>/values, /series, /metadata), answered by the configured
 * Prometheus or by the demo fleet. Envelopes as Prometheus sends them.
 */

/** How a backend failure reads to the editor: Prometheus's errorType words, statuses that say whose fault it is. */
const UPSTREAM_STATUS: Partial<Record<SourceFailure, [number, string]>> = {
  'bad-query': [400, 'bad_data'],
  unsupported: [400, 'bad_data'],
  forbidden: [403, 'forbidden'],
  unauthorized: [401, 'unauthorized'],
  throttled: [429, 'throttled'],
  timeout: [504, 'timeout'],
  'not-configured': [503, 'unavailable'],
};

const matchSchema = z.array(z.string().min(1).max(1000)).max(10);
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function ok(data: unknown): NextResponse {
  return NextResponse.json({ status: 'success', data }, { headers: { 'cache-control': 'private, max-age=30' } });
}
function fail(status: number, errorType: string, error: string): NextResponse {
  return NextResponse.json({ status: 'error', errorType, error }, { status });
}

function source(user: AuthUser | null): PromMetaSource | null {
  const access = dataAccess(user);
  const { config } = access;
  if (config.mode === 'demo') {
    return createDemoPromMeta({
      seed: config.demo.seed,
      clusters: config.demo.clusters,
      clusterLabel: config.prometheus.clusterLabel,
      nowMs: Date.now(),
    });
  }
  return createLivePromMeta(access.backends.prom);
}

async function handle(request: NextRequest, params: Promise<{ path: string[] }>): Promise<NextResponse> {
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const { path } = await params;
  const form = request.method === 'POST' ? new URLSearchParams(await request.text()) : request.nextUrl.searchParams;
  const match = matchSchema.safeParse(form.getAll('match[]'));
  if (!match.success) return fail(400, 'bad_data', 'match[] takes at most 10 selectors of at most 1000 characters');
  const meta = source(auth.user);
  if (!meta) return fail(503, 'unavailable', 'no Prometheus endpoint to complete from: set PROMETHEUS_URL');
  const route = path.join('/');
  try {
    if (route === 'api/v1/labels') return ok(await meta.labels(match.data));
    if (route === 'api/v1/series') {
      if (match.data.length === 0) return fail(400, 'bad_data', 'no match[] parameter provided');
      return ok(await meta.series(match.data));
    }
    if (route === 'api/v1/metadata') return ok(await meta.metadata());
    const values = /^api\/v1\/label\/([^/]+)\/values$/.exec(route);
    if (values?.[1]) {
      if (!LABEL.test(values[1])) return fail(400, 'bad_data', `invalid label name: ${values[1].slice(0, 60)}`);
      return ok(await meta.labelValues(values[1], match.data));
    }
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    // Prometheus's own 400 for a bad selector is the caller's to fix, not a bad gateway.
    const [status, errorType] = UPSTREAM_STATUS[error.failure] ?? [502, 'unavailable'];
    const response = fail(status, errorType, error.message);
    if (error.retryAfterSeconds !== undefined) response.headers.set('retry-after', String(error.retryAfterSeconds));
    return response;
  }
  return fail(404, 'not_found', `unknown endpoint /${route.slice(0, 80)}`);
}

export function GET(request: NextRequest, context: { params: Promise<{ path: string[] }> }): Promise<NextResponse> {
  return handle(request, context.params);
}

export function POST(request: NextRequest, context: { params: Promise<{ path: string[] }> }): Promise<NextResponse> {
  return handle(request, context.params);
}
