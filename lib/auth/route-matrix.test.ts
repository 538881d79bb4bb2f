import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NextRequest, type NextResponse } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type SignOptions, type TestIssuer } from '../testing/auth/test-issuer';

/**
 * Every data route × every kind of bad token. Routes are found on disk (app/api/**\/route.ts),
 * so a route another engineer adds tomorrow is in this matrix without anyone listing it.
 * Each request goes through proxy.ts exactly as `next start` runs it; when the proxy lets
 * it through, the route handler answers.
 */

const ROOT = path.resolve(__dirname, '../..');
const API_DIR = path.join(ROOT, 'app/api');
const TENANT = '11111111-2222-3333-4444-555555555555';
const AUDIENCE = 'api://fleetwatch-test';
const ROLE = 'Fleet.Reader';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Open on purpose: liveness, and sign-out (it only deletes the caller's own cookie). */
const PUBLIC = new Set(['GET /api/health', 'HEAD /api/health', 'DELETE /api/auth/session']);

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response> | Response;

/** Request bodies for routes whose good answer needs one; any other non-GET route is sent `{}`. */
const BODIES: Record<string, string> = {
  'POST /api/explore/kql': JSON.stringify({ query: 'KubeNodeInventory | take 1' }),
};

interface RouteFile {
  file: string;
  /** e.g. /api/clusters/[cluster]/logs */
  pattern: string;
}

function findRoutes(dir: string): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findRoutes(full));
    else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
      const rel = path.relative(path.join(ROOT, 'app'), path.dirname(full)).split(path.sep);
      // Route groups "(x)" do not appear in the URL.
      found.push({ file: full, pattern: `/${rel.filter((s) => !/^\(.*\)$/.test(s)).join('/')}` });
    }
  }
  return found.sort((a, b) => (a.pattern < b.pattern ? -1 : 1));
}

interface Case {
  name: string;
  expected: number | '2xx';
  header: (issuer: TestIssuer) => Promise<string | null>;
}

const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  tid: TENANT,
  roles: [ROLE],
  name: 'Alice',
  ...extra,
});
const bearer = (issuer: TestIssuer, extra: Record<string, unknown>, options: SignOptions = {}): Promise<string> =>
  issuer.sign(claims(extra), options).then((t) => `Bearer ${t}`);

const CASES: Case[] = [
  { name: 'no token', expected: 401, header: async () => null },
  { name: 'not a bearer token', expected: 401, header: async () => 'Basic YWxpY2U6c2VjcmV0' },
  { name: 'garbage bearer', expected: 401, header: async () => 'Bearer not.a.jwt' },
  { name: 'expired', expected: 401, header: (i) => bearer(i, {}, { expiresIn: -3600 }) },
  { name: 'not yet valid', expected: 401, header: (i) => bearer(i, {}, { notBefore: 3600 }) },
  { name: 'wrong audience', expected: 401, header: (i) => bearer(i, {}, { audience: 'api://someone-else' }) },
  { name: 'wrong issuer', expected: 401, header: (i) => bearer(i, {}, { issuer: 'https://issuer.invalid/' }) },
  { name: 'bad signature', expected: 401, header: (i) => bearer(i, {}, { forge: true }) },
  { name: 'unknown key id', expected: 401, header: (i) => bearer(i, {}, { unknownKid: true }) },
  {
    name: 'tenant not allowed',
    expected: 401,
    header: (i) => bearer(i, { tid: '99999999-0000-0000-0000-000000000000' }),
  },
  { name: 'missing role', expected: 403, header: (i) => bearer(i, { roles: ['Something.Else'] }) },
  { name: 'valid', expected: '2xx', header: (i) => bearer(i, {}) },
];

let issuer: TestIssuer;
let proxy: (request: NextRequest) => Promise<NextResponse>;
/** Values for dynamic segments; catch-all segments take a path. */
// A real panel id: the route answers 404 for unknown ones, and the matrix wants the 2xx a good token gets.
const samples: Record<string, string> = { path: 'api/v1/labels', id: 'node-table' };

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: AUDIENCE });
  Object.assign(process.env, {
    AUTH_CLIENT_ID: 'fleetwatch-test',
    AUTH_AUTHORITY: issuer.issuer,
    AUTH_ISSUER: issuer.issuer,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_REQUIRED_ROLE: ROLE,
    AUTH_ALLOWED_TENANTS: TENANT,
    FLEETWATCH_RATE_LIMIT_PER_MINUTE: '0',
  });
  ({ proxy } = await import('../../proxy'));
  // Dynamic segments need a value that exists, so "valid" can prove a 2xx, not a 404.
  const { loadFleetOverview } = await import('../server/fleet-service');
  const { dataAccess } = await import('../server/access');
  const overview = await loadFleetOverview(dataAccess(null));
  const withLogs = overview.clusters.find((c) => c.monitoring.containerInsights !== false);
  if (withLogs) samples.cluster = withLogs.name;
});

afterAll(async () => {
  for (const key of [
    'AUTH_CLIENT_ID',
    'AUTH_AUTHORITY',
    'AUTH_ISSUER',
    'AUTH_AUDIENCE',
    'AUTH_REQUIRED_ROLE',
    'AUTH_ALLOWED_TENANTS',
    'FLEETWATCH_RATE_LIMIT_PER_MINUTE',
  ])
    delete process.env[key];
  await issuer?.close();
});

function fill(pattern: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const url = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, name: string) => {
    const value = samples[name];
    if (!value) throw new Error(`route ${pattern}: add a sample value for [${name}] to route-matrix.test.ts`);
    params[name] = rest ? value.split('/') : value;
    return rest ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
  return { url: `http://127.0.0.1:3000${url}`, params };
}

async function call(route: RouteFile, method: string, handler: Handler, authorization: string | null): Promise<number> {
  const { url, params } = fill(route.pattern);
  const headers = new Headers(authorization ? { authorization } : {});
  const body = method === 'GET' || method === 'HEAD' ? undefined : (BODIES[`${method} ${route.pattern}`] ?? '{}');
  const gate = await proxy(new NextRequest(url, { method, headers, body }));
  // NextResponse.next() marks "continue to the route" with this header.
  if (gate.headers.get('x-middleware-next') !== '1') return gate.status;
  const response = await handler(new NextRequest(url, { method, headers, body }), { params: Promise.resolve(params) });
  return response.status;
}

const routes = findRoutes(API_DIR);

describe('route × token matrix', () => {
  it('finds the data routes on disk', () => {
    expect(routes.map((r) => r.pattern)).toContain('/api/fleet');
    expect(routes.length).toBeGreaterThanOrEqual(3);
  });

  for (const route of routes) {
    it(`${route.pattern}: every method refuses bad tokens and serves a good one`, async () => {
      const mod = (await import(route.file)) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === 'function' && !PUBLIC.has(`${m} ${route.pattern}`));
      const results: string[] = [];
      for (const method of methods) {
        for (const c of CASES) {
          const status = await call(route, method, mod[method] as Handler, await c.header(issuer));
          const ok = c.expected === '2xx' ? status >= 200 && status < 300 : status === c.expected;
          const hint = !ok && c.expected === '2xx' ? ' — if the route needs input, add it to BODIES or samples' : '';
          results.push(
            `${ok ? 'ok  ' : 'FAIL'} ${method} ${route.pattern} ${c.name}: ${status} (want ${c.expected})${hint}`,
          );
        }
      }
      matrixCount += methods.length * CASES.length;
      expect(results.filter((r) => r.startsWith('FAIL'))).toEqual([]);
    }, 60_000);
  }

  it('health stays open without a token', async () => {
    const response = await proxy(new NextRequest('http://127.0.0.1:3000/api/health'));
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });

  it('fetched the signing keys through discovery', () => {
    expect(issuer.hits).toContain('/.well-known/openid-configuration');
    expect(issuer.hits).toContain('/keys');
  });

  it('ran a case for every route and method', () => {
    // Printed so the count can be quoted; fails if routes or cases silently vanish.
    console.info(`route × token matrix: ${matrixCount} cases over ${routes.length} route files`);
    expect(matrixCount).toBeGreaterThanOrEqual(3 * CASES.length);
  });
});

let matrixCount = 0;

describe('defence in depth', () => {
  it('/api/fleet refuses on its own, without the proxy', async () => {
    const { GET } = await import('../../app/api/fleet/route');
    expect((await GET(new NextRequest('http://127.0.0.1:3000/api/fleet'))).status).toBe(401);
    const forged = await issuer.sign(claims(), { forge: true });
    expect(
      (
        await GET(
          new NextRequest('http://127.0.0.1:3000/api/fleet', { headers: { authorization: `Bearer ${forged}` } }),
        )
      ).status,
    ).toBe(401);
  });
});
