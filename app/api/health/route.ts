import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/** Liveness for load balancers: the process is up and serving. */
export function GET(): NextResponse {
  return NextResponse.json(
    { status: 'ok', time: new Date().toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
}
