import type { NextResponse } from 'next/server';
import { apiError } from '../api/error-response';
import { apiErrorBody } from '../api/errors';
import { verifyRequest, type AuthOutcome, type AuthUser } from './verify';

type Denied = Extract<AuthOutcome, { ok: false }>;

/**
 * The JSON answer for a refused request, with the RFC 6750 challenge so scripts know why.
 * The message never repeats the token.
 */
export function authErrorResponse(outcome: Denied): NextResponse {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (outcome.status !== 503) {
    const error =
      outcome.code === 'missing_token'
        ? ''
        : `, error="${outcome.code}", error_description="${outcome.message.replace(/["\\]/g, '')}"`;
    headers['www-authenticate'] = `Bearer realm="fleetwatch"${error}`;
  } else {
    headers['retry-after'] = '5';
  }
  return apiError(apiErrorBody({ status: outcome.status, code: outcome.code, message: outcome.message }), headers);
}

/**
 * For route handlers: `const auth = await requireAuth(request); if (auth instanceof NextResponse) return auth;`
 * `auth.user` is null when sign-in is off (demo without AUTH_*), else the checked user.
 */
export async function requireAuth(request: { headers: Headers }): Promise<{ user: AuthUser | null } | NextResponse> {
  const outcome = await verifyRequest(request);
  return outcome.ok ? { user: outcome.user } : authErrorResponse(outcome);
}
