import { NextResponse, type NextRequest } from 'next/server';
import { requireAuth } from '@/lib/auth/http';
import { buildCostData, costCsv } from '@/lib/fleet/cost-report';
import { dataAccess } from '@/lib/server/access';
import { ConfigError } from '@/lib/server/config';
import { costOptionsFor } from '@/lib/server/cost-options';
import { loadCost } from '@/lib/server/cost-service';
import { badRequest, configInvalid } from '@/lib/server/http';
import { parseCostApiParams } from '@/lib/url-state/cost';

export const dynamic = 'force-dynamic';

/** GET /api/cost — allocation, density, advice and capacity alerts; ?format=csv for the allocation. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  // proxy.ts checked already; checking here too keeps the route safe if the matcher changes.
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const parsed = parseCostApiParams(request.nextUrl.searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  const { view, format } = parsed.value;
  let loaded: Awaited<ReturnType<typeof loadCost>>;
  let options: ReturnType<typeof costOptionsFor>;
  try {
    loaded = await loadCost(dataAccess(auth.user));
    options = costOptionsFor(view, loaded.prices);
  } catch (error) {
    if (error instanceof ConfigError) return configInvalid(error.message);
    throw error;
  }
  if (view.cluster && !loaded.inputs.inventory.some((c) => c.name === view.cluster)) {
    return badRequest([{ param: 'cluster', message: `cluster ${view.cluster} is not in the fleet` }]);
  }
  const data = buildCostData(loaded.inputs, options);
  if (format === 'csv') {
    return new NextResponse(costCsv(data, view.group), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="fleetwatch-cost-${view.group}-${view.range}.csv"`,
        'cache-control': 'private, max-age=5',
      },
    });
  }
  return NextResponse.json(
    { generatedAt: loaded.generatedAt, ...data, notices: loaded.notices, queries: loaded.queries },
    { headers: { 'cache-control': 'private, max-age=5' } },
  );
}
