import { NextResponse } from 'next/server';
import type { ApiErrorBody } from './errors';

/**
 * An error in the one /api envelope as a response: its status on the response, never cached,
 * Retry-After when the body says when. No `server-only` here: proxy.ts sends these too.
 */
export function apiError(body: ApiErrorBody, headers: Record<string, string> = {}): NextResponse {
  const h: Record<string, string> = { 'cache-control': 'no-store', ...headers };
  if (body.error.retryAfterSeconds !== undefined) h['retry-after'] = String(body.error.retryAfterSeconds);
  return NextResponse.json(body, { status: body.error.status, headers: h });
}
