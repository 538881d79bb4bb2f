import { NextResponse, type NextRequest } from 'next/server';
import { requireAuth } from '@/lib/auth/http';
import { applyFleetFilters } from '@/lib/fleet/filter';
import { dataAccess } from '@/lib/server/access';
import { loadFleetOverview } from '@/lib/server/fleet-service';
import { ConfigError } from '@/lib/server/config';
import { badRequest, configInvalid } from '@/lib/server/http';
import { parseFleetApiParams } from '@/lib/url-state/fleet-api';

export const dynamic = 'force-dynamic';

/** GET /api/fleet — the overview's clusters, filtered and sorted like the page. Documented in the README. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  // proxy.ts checked already; checking here too keeps the route safe if the matcher changes.
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const parsed = parseFleetApiParams(request.nextUrl.searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  const { filters, limit, offset } = parsed.value;
  let overview: Awaited<ReturnType<typeof loadFleetOverview>>;
  try {
    overview = await loadFleetOverview(dataAccess(auth.user));
  } catch (error) {
    if (error instanceof ConfigError) return configInvalid(error.message);
    throw error;
  }
  const matching = applyFleetFilters(overview.clusters, filters);
  return NextResponse.json(
    {
      generatedAt: overview.generatedAt,
      total: overview.clusters.length,
      matching: matching.length,
      offset,
      clusters: matching.slice(offset, limit === undefined ? undefined : offset + limit),
      notices: overview.notices,
      queries: overview.queries,
    },
    { headers: { 'cache-control': 'private, max-age=5' } },
  );
}
