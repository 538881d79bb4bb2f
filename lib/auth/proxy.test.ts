import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from '../../proxy';

/** proxy.ts with sign-in off (demo): everything open, headers and nonce on everything. */

afterEach(() => {
  delete process.env.FLEETWATCH_RATE_LIMIT_PER_MINUTE;
});

function cspOf(response: Response): Map<string, string> {
  const csp = response.headers.get('content-security-policy') ?? '';
  return new Map(
    csp.split(';').map(
      (d) =>
        d
          .trim()
          .split(/\s+(.*)/s)
          .slice(0, 2) as [string, string],
    ),
  );
}

describe('proxy without sign-in', () => {
  it('lets pages through with a fresh nonce in the CSP and hands it to the renderer', async () => {
    const a = await proxy(new NextRequest('http://127.0.0.1:3000/'));
    const b = await proxy(new NextRequest('http://127.0.0.1:3000/'));
    expect(a.headers.get('x-middleware-next')).toBe('1');
    const script = cspOf(a).get('script-src') ?? '';
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(cspOf(b).get('script-src')).not.toContain(nonce);
    expect(cspOf(a).get('frame-ancestors')).toBe("'none'");
    expect(cspOf(a).get('object-src')).toBe("'none'");
    expect(cspOf(a).get('style-src-elem')).toContain(`'nonce-${nonce}'`);
    // Next.js reads the nonce from the forwarded request header.
    expect(a.headers.get('x-middleware-request-content-security-policy')).toContain(`'nonce-${nonce}'`);
  });

  it('sets the hardening headers on pages and API answers', async () => {
    for (const url of [
      'http://127.0.0.1:3000/',
      'http://127.0.0.1:3000/api/fleet',
      'http://127.0.0.1:3000/api/health',
    ]) {
      const r = await proxy(new NextRequest(url));
      expect(r.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('answers 400 for a path with a malformed percent-encoding instead of letting the router fail', async () => {
    for (const path of ['/clusters/%E0%A4%A/summary', '/api/clusters/%zz/logs', '/clusters/abc%/nodes']) {
      const r = await proxy(new NextRequest(`http://127.0.0.1:3000${path}`));
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/percent-encoding/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await proxy(new NextRequest('http://127.0.0.1:3000/clusters/a%20b/summary'))).status).toBe(200);
  });

  it('upgrades insecure requests only behind TLS', async () => {
    const plain = await proxy(new NextRequest('http://127.0.0.1:3000/'));
    const tls = await proxy(new NextRequest('http://127.0.0.1:3000/', { headers: { 'x-forwarded-proto': 'https' } }));
    expect(cspOf(plain).has('upgrade-insecure-requests')).toBe(false);
    expect(cspOf(tls).has('upgrade-insecure-requests')).toBe(true);
  });

  it('rate-limits data routes per client with 429 and Retry-After, never /api/health', async () => {
    process.env.FLEETWATCH_RATE_LIMIT_PER_MINUTE = '20';
    const ip = { 'x-forwarded-for': '198.51.100.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await proxy(new NextRequest('http://127.0.0.1:3000/api/fleet', { headers: ip }))).status);
    // Burst of 10, then refused.
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const refused = await proxy(new NextRequest('http://127.0.0.1:3000/api/fleet', { headers: ip }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(
      (
        await proxy(
          new NextRequest('http://127.0.0.1:3000/api/fleet', { headers: { 'x-forwarded-for': '198.51.100.10' } }),
        )
      ).status,
    ).toBe(200);
    expect((await proxy(new NextRequest('http://127.0.0.1:3000/api/health', { headers: ip }))).status).toBe(200);
  });
});
