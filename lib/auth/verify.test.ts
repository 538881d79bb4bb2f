import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../testing/auth/test-issuer';
import { readAuthConfig, toPublicAuthConfig, type AuthConfig } from './config';
import { readToken, SESSION_COOKIE, verifyToken } from './verify';

let issuer: TestIssuer;
let config: AuthConfig;

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: 'fleetwatch-api' });
  const read = readAuthConfig({
    AUTH_CLIENT_ID: 'fleetwatch-api',
    AUTH_AUTHORITY: issuer.issuer,
    AUTH_ISSUER: issuer.issuer,
    AUTH_JWKS_URI: issuer.jwksUri,
    AUTH_REQUIRED_SCOPE: 'Fleet.Read',
    AUTH_AZURE_ACCESS: 'obo',
    AUTH_CLIENT_SECRET: 'secret',
    AZURE_TENANT_ID: '72f988bf-0000-4000-8000-00000000f1ee',
  });
  if (!read) throw new Error('expected a configuration');
  config = read;
});

afterAll(() => issuer.close());

describe('readAuthConfig', () => {
  it('is off without AUTH_CLIENT_ID', () => {
    expect(readAuthConfig({})).toBeNull();
  });

  it('refuses half a configuration instead of leaving the portal open', () => {
    expect(() => readAuthConfig({ AUTH_TENANT_ID: 'contoso.onmicrosoft.com' })).toThrow(
      /AUTH_TENANT_ID set without AUTH_CLIENT_ID/,
    );
    expect(() => readAuthConfig({ AUTH_CLIENT_ID: 'x' })).toThrow(/needs AUTH_TENANT_ID/);
    expect(() => readAuthConfig({ AUTH_CLIENT_ID: 'x', AUTH_TENANT_ID: 't' })).toThrow(/AUTH_REQUIRED_ROLE/);
    expect(() => readAuthConfig({ AUTH_CLIENT_ID: 'x', AUTH_TENANT_ID: 't', AUTH_AZURE_ACCESS: 'obo' })).toThrow(
      /AUTH_CLIENT_SECRET/,
    );
    expect(() =>
      readAuthConfig({ AUTH_CLIENT_ID: 'x', AUTH_TENANT_ID: 't', AUTH_AZURE_ACCESS: 'obo', AUTH_CLIENT_SECRET: 's' }),
    ).toThrow(/needs AZURE_TENANT_ID/);
    expect(
      readAuthConfig({
        AUTH_CLIENT_ID: 'spa',
        AUTH_TENANT_ID: 't',
        AUTH_AZURE_ACCESS: 'obo',
        AUTH_CLIENT_SECRET: 's',
        AZURE_TENANT_ID: 't',
      }),
    ).toMatchObject({ azureAccess: 'obo', apiClientId: 'spa' });
    expect(
      readAuthConfig({
        AUTH_CLIENT_ID: 'spa',
        AUTH_TENANT_ID: 't',
        AUTH_AZURE_ACCESS: 'obo',
        AUTH_CLIENT_SECRET: 's',
        AZURE_TENANT_ID: 't',
        AUTH_API_CLIENT_ID: 'api',
      }),
    ).toMatchObject({ apiClientId: 'api' });
    expect(() =>
      readAuthConfig({
        AUTH_CLIENT_ID: 'x',
        AUTH_AUTHORITY: 'http://idp.example.com',
        AUTH_ISSUER: 'http://idp.example.com',
        AUTH_REQUIRED_ROLE: 'r',
      }),
    ).toThrow(/https/);
  });

  it('derives Entra defaults from the tenant', () => {
    const c = readAuthConfig({ AUTH_CLIENT_ID: 'app', AUTH_TENANT_ID: 'tenant-1', AUTH_REQUIRED_ROLE: 'Fleet.Reader' });
    expect(c).toMatchObject({
      authority: 'https://login.microsoftonline.com/tenant-1',
      issuer: 'https://login.microsoftonline.com/tenant-1/v2.0',
      audiences: ['app', 'api://app'],
      allowedTenants: ['tenant-1'],
      azureAccess: 'server',
    });
    expect(c && toPublicAuthConfig(c)).toMatchObject({
      protocol: 'AAD',
      scopes: expect.arrayContaining(['api://app/Fleet.Read']),
    });
  });

  it('speaks OIDC to any other provider and keeps the secret out of the public part', () => {
    expect(toPublicAuthConfig(config)).toEqual({
      clientId: 'fleetwatch-api',
      authority: issuer.issuer,
      protocol: 'OIDC',
      knownAuthorities: [new URL(issuer.issuer).host],
      scopes: ['openid', 'profile', 'offline_access', 'api://fleetwatch-api/Fleet.Read'],
    });
  });
});

describe('verifyToken', () => {
  it('accepts a token with the scope and returns who it is', async () => {
    const outcome = await verifyToken(
      await issuer.sign({ scp: 'Fleet.Read other', name: 'Alice', oid: 'o-1', tid: 't-1' }),
      config,
    );
    expect(outcome).toMatchObject({
      ok: true,
      user: { subject: 'user-alice', objectId: 'o-1', name: 'Alice', scopes: ['Fleet.Read', 'other'] },
    });
  });

  it('answers 403 when the scope is missing and 401 when the token is bad', async () => {
    expect(await verifyToken(await issuer.sign({ scp: 'Other' }), config)).toMatchObject({
      ok: false,
      status: 403,
      code: 'insufficient_scope',
    });
    expect(await verifyToken(await issuer.sign({ scp: 'Fleet.Read' }, { expiresIn: -600 }), config)).toMatchObject({
      ok: false,
      status: 401,
      message: 'the token has expired',
    });
    expect(await verifyToken(null, config)).toMatchObject({ status: 401, code: 'missing_token' });
  });

  it('tolerates the configured clock skew and no more', async () => {
    expect(await verifyToken(await issuer.sign({ scp: 'Fleet.Read' }, { expiresIn: -30 }), config)).toMatchObject({
      ok: true,
    });
    expect(await verifyToken(await issuer.sign({ scp: 'Fleet.Read' }, { expiresIn: -90 }), config)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it('answers 503, not 401 and not 200, when the issuer cannot be reached', async () => {
    const down = { ...config, jwksUri: 'http://127.0.0.1:9/keys' };
    expect(await verifyToken(await issuer.sign({ scp: 'Fleet.Read' }), down)).toMatchObject({ ok: false, status: 503 });
  });

  it('never echoes the token in a refusal', async () => {
    const token = await issuer.sign({ scp: 'x' }, { forge: true });
    const outcome = await verifyToken(token, config);
    expect(JSON.stringify(outcome)).not.toContain(token.split('.')[2]);
  });
});

describe('readToken', () => {
  it('reads the bearer header first, then the session cookie, never the URL', () => {
    expect(readToken(new Headers({ authorization: 'Bearer abc.def.ghi' }))).toBe('abc.def.ghi');
    expect(readToken(new Headers({ authorization: 'Basic abc' }))).toBe('');
    expect(readToken(new Headers({ cookie: `a=1; ${SESSION_COOKIE}=x.y.z; b=2` }))).toBe('x.y.z');
    expect(readToken(new Headers())).toBeNull();
  });
});
