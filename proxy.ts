import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from './lib/api/error-response';
import { apiErrorBody } from './lib/api/errors';
import { AuthConfigError, getAuthConfig, type AuthConfig } from './lib/auth/config';
import { authErrorResponse } from './lib/auth/http';
import { clientAddress, TokenBucketLimiter } from './lib/auth/rate-limit';
import { API_CSP, makeNonce, pageCsp, SECURITY_HEADERS } from './lib/auth/security-headers';
import { AUTH_STATUS_HEADER, verifyRequest } from './lib/auth/verify';

/**
 * Runs before every route (Next.js 16's "proxy", formerly middleware): security headers and
 * a per-request CSP nonce on every page, and — with AUTH_* configured — the token check on
 * every /api route except /api/health, so routes added later are covered without opting in.
 * Route handlers and server components check again with the same verifyRequest().
 */

const PUBLIC_API = new Set(['GET /api/health', 'HEAD /api/health', 'DELETE /api/auth/session']);

const PUBLIC_FILES = /^\/(?:icon\.svg|robots\.txt|screenshots\/[\w.-]+|templates\/[\w.-]+)$/;

let limiter: TokenBucketLimiter | null = null;

function getLimiter(): TokenBucketLimiter | null {
  const perMinute = Number(process.env.FLEETWATCH_RATE_LIMIT_PER_MINUTE ?? 600);
  if (!Number.isFinite(perMinute) || perMinute <= 0) return null;
  if (!limiter || limiter.perMinute !== perMinute)
    limiter = new TokenBucketLimiter(perMinute, Math.max(10, Math.ceil(perMinute / 2)));
  return limiter;
}

function withHeaders(response: NextResponse, csp: string): NextResponse {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

function readAuth(): { config: AuthConfig | null; error: string | null } {
  try {
    return { config: getAuthConfig(), error: null };
  } catch (error) {
    if (error instanceof AuthConfigError) return { config: null, error: error.message };
    throw error;
  }
}

async function apiProxy(request: NextRequest): Promise<NextResponse> {
  const path = request.nextUrl.pathname;
  if (PUBLIC_API.has(`${request.method} ${path}`)) return withHeaders(NextResponse.next(), API_CSP);
  const { config, error } = readAuth();
  if (error)
    return withHeaders(apiError(apiErrorBody({ status: 500, code: 'config_invalid', message: error })), API_CSP);
  const outcome = await verifyRequest(request, config);
  if (!outcome.ok) return withHeaders(authErrorResponse(outcome), API_CSP);
  const bucket = getLimiter()?.take(
    outcome.user ? `user:${outcome.user.subject}` : `ip:${clientAddress(request.headers)}`,
  );
  if (bucket && !bucket.allowed) {
    const body = apiErrorBody({
      status: 429,
      code: 'rate_limited',
      message: `too many requests; retry in ${bucket.retryAfterSeconds} s`,
      retryAfterSeconds: bucket.retryAfterSeconds,
    });
    return withHeaders(apiError(body), API_CSP);
  }
  return withHeaders(NextResponse.next(), API_CSP);
}

async function pageProxy(request: NextRequest): Promise<NextResponse> {
  const nonce = makeNonce();
  const { config, error } = readAuth();
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const csp = pageCsp({
    nonce,
    authorityOrigins: config ? [new URL(config.authority).origin] : [],
    dev: process.env.NODE_ENV === 'development',
    https,
  });
  const headers = new Headers(request.headers);
  headers.delete(AUTH_STATUS_HEADER);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  let status: number | null = error ? 500 : null;
  if (!error && config && request.nextUrl.pathname !== '/sign-in') {
    const outcome = await verifyRequest(request, config);
    if (!outcome.ok) status = outcome.status;
  }
  if (status === null) return withHeaders(NextResponse.next({ request: { headers } }), csp);
  // The URL stays as typed, so after sign-in a reload shows the page that was asked for.
  headers.set(AUTH_STATUS_HEADER, String(status));
  const response = NextResponse.rewrite(new URL('/sign-in', request.url), { request: { headers }, status });
  response.headers.set('cache-control', 'no-store');
  return withHeaders(response, csp);
}

/** A path Next.js cannot decode (a stray `%`) would end in its own 500; it is the caller's mistake. */
function undecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const path = request.nextUrl.pathname;
  if (undecodable(path)) {
    const message = 'the path has a malformed percent-encoding (a % not followed by two hex digits of valid UTF-8)';
    return withHeaders(
      apiError(apiErrorBody({ status: 400, code: 'bad_request', message, params: [{ param: 'path', message }] })),
      API_CSP,
    );
  }
  if (path === '/api' || path.startsWith('/api/')) return apiProxy(request);
  // Files from public/ carry the headers but need no sign-in and no nonce. Listed, not guessed
  // from a dot in the path: cluster names contain dots.
  if (PUBLIC_FILES.test(path)) return withHeaders(NextResponse.next(), API_CSP);
  return pageProxy(request);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
