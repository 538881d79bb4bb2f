import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * A minimal token issuer on loopback for unit tests: a discovery document, a JWKS with one
 * published key, and helpers that sign good and deliberately bad tokens. The Playwright
 * journey uses the real oidc-provider instead (e2e/auth.spec.ts).
 */
export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  /** Requests the issuer served, to prove discovery and JWKS are really fetched. */
  hits: string[];
  sign(claims: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** What Entra does with an on-behalf-of assertion: the subject of a token this issuer signed for the audience, or null. */
  verifyAccessToken(token: string): Promise<string | null>;
  close(): Promise<void>;
}

export interface SignOptions {
  /** Sign with a key the JWKS does not publish, under the published kid: a forged signature. */
  forge?: boolean;
  /** Sign with an unpublished key under an unknown kid. */
  unknownKid?: boolean;
  issuer?: string;
  audience?: string;
  /** Seconds relative to now. */
  expiresIn?: number;
  notBefore?: number;
  subject?: string;
}

export const TEST_KID = 'fleetwatch-test-1';

export async function startTestIssuer(defaults: { audience: string }): Promise<TestIssuer> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const other: { privateKey: CryptoKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(published.publicKey)), kid: TEST_KID, alg: 'RS256', use: 'sig' };
  const hits: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/keys` }));
    } else if (req.url === '/keys') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer: base,
    jwksUri: `${base}/keys`,
    hits,
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const key = options.forge || options.unknownKid ? other.privateKey : published.privateKey;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: options.unknownKid ? 'unknown-kid' : TEST_KID, typ: 'JWT' })
        .setIssuer(options.issuer ?? base)
        .setAudience(options.audience ?? defaults.audience)
        .setSubject(options.subject ?? 'user-alice')
        .setIssuedAt(now - 10)
        .setExpirationTime(now + (options.expiresIn ?? 600));
      if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
      return jwt.sign(key);
    },
    async verifyAccessToken(token) {
      try {
        return (
          (await jwtVerify(token, published.publicKey, { issuer: base, audience: defaults.audience })).payload.sub ??
          null
        );
      } catch {
        return null;
      }
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
