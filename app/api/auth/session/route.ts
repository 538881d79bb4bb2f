import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from '@/lib/api/error-response';
import { apiErrorBody } from '@/lib/api/errors';
import { requireAuth } from '@/lib/auth/http';
import { SESSION_COOKIE } from '@/lib/auth/verify';

export const dynamic = 'force-dynamic';

function secure(request: NextRequest): boolean {
  return request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

/**
 * POST with `Authorization: Bearer <access token>`: after MSAL signs in (and after each
 * silent renewal) the browser hands its token to the server as an httpOnly cookie, so
 * server-rendered pages can check the same token. The token is checked first; the cookie
 * lives no longer than the token. Only a header can start a session, so another site cannot.
 */
export async function POST(request: NextRequest): Promise<NextResponse> {
  if (!request.headers.get('authorization')) {
    return apiError(
      apiErrorBody({
        status: 401,
        code: 'missing_token',
        message: 'send the access token in the Authorization header',
      }),
    );
  }
  const auth = await requireAuth(request);
  if (auth instanceof NextResponse) return auth;
  const response = NextResponse.json(
    {
      user: auth.user
        ? { name: auth.user.name, username: auth.user.username, roles: auth.user.roles, expiresAt: auth.user.expiresAt }
        : null,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
  if (auth.user) {
    response.cookies.set(SESSION_COOKIE, auth.user.token, {
      httpOnly: true,
      secure: secure(request),
      sameSite: 'lax',
      path: '/',
      maxAge: Math.max(0, auth.user.expiresAt - Math.floor(Date.now() / 1000)),
    });
  }
  return response;
}

/** Sign-out: forget the server-side copy of the token. Needs no token, so an expired session can still end. */
export function DELETE(request: NextRequest): NextResponse {
  const response = new NextResponse(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  response.cookies.set(SESSION_COOKIE, '', {
    httpOnly: true,
    secure: secure(request),
    sameSite: 'lax',
    path: '/',
    maxAge: 0,
  });
  return response;
}
