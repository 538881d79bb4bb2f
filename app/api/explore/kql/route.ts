import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '@/lib/catalog/queries/explore';
import { checkKql } from '@/lib/explore/kql-check';
import { badRequest } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ query: z.string().max(MAX_QUERY_LENGTH) });

/** POST /api/explore/kql {query} → the query's syntax errors, found without asking Log Analytics. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return badRequest([{ param: 'body', message: 'the body must be JSON: {"query": "..."}' }]);
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success)
    return badRequest([{ param: 'query', message: `query ${parsed.error.issues[0]?.message ?? 'is invalid'}` }]);
  return NextResponse.json({ diagnostics: checkKql(parsed.data.query) }, { headers: { 'cache-control': 'no-store' } });
}
