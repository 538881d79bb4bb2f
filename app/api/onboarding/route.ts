import { NextResponse, type NextRequest } from 'next/server';
import { requireAuth } from '@/lib/auth/http';
import { buildOnboardingData, onboardingCsv } from '@/lib/fleet/onboarding-matrix';
import { dataAccess } from '@/lib/server/access';
import { ConfigError } from '@/lib/server/config';
import { badRequest, configInvalid } from '@/lib/server/http';
import { loadOnboarding } from '@/lib/server/onboarding-service';
import { parseOnboardingApiParams } from '@/lib/url-state/onboarding';

export const dynamic = 'force-dynamic';

/** GET /api/onboarding — the matrix as JSON, or ?format=csv with one line per cluster × capability. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  // proxy.ts checked already; checking here too keeps the route safe if the matcher changes.
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const parsed = parseOnboardingApiParams(request.nextUrl.searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  let loaded: Awaited<ReturnType<typeof loadOnboarding>>;
  try {
    loaded = await loadOnboarding(dataAccess(auth.user));
  } catch (error) {
    if (error instanceof ConfigError) return configInvalid(error.message);
    throw error;
  }
  const data = buildOnboardingData(loaded.inputs, parsed.value.filters);
  if (parsed.value.format === 'csv') {
    return new NextResponse(onboardingCsv(data), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="fleetwatch-onboarding.csv"',
        'cache-control': 'private, max-age=5',
      },
    });
  }
  return NextResponse.json(
    { generatedAt: loaded.generatedAt, ...data, notices: loaded.notices, queries: loaded.queries },
    { headers: { 'cache-control': 'private, max-age=5' } },
  );
}
