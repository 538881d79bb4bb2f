import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify } from 'jose';
import Provider from 'oidc-provider';
import { makeTestCertificate } from '../azure/tls';

/**
 * A certified OpenID provider (panva's oidc-provider) on loopback HTTPS, standing in for
 * Entra ID in the sign-in journey: MSAL speaks to it in OIDC protocol mode (MSAL insists on
 * https authorities, hence TLS with a certificate made at test time). Its login page accepts
 * any password for the users below; access tokens are JWTs for the portal's API carrying
 * `scope`, `roles` and `tid` the way Entra's do.
 */

export const OIDC_TENANT = 'tenant-local-1';
export const OIDC_AUDIENCE = 'api://fleetwatch-e2e';
export const OIDC_SCOPE = 'Fleet.Read';
export const OIDC_ROLE = 'Fleet.Reader';
export const OIDC_CLIENT_ID = 'fleetwatch-spa';

export interface TestUser {
  name: string;
  email: string;
  roles: string[];
}

export const OIDC_USERS: Record<string, TestUser> = {
  alice: { name: 'Alice Admin', email: 'alice@fleetwatch.test', roles: [OIDC_ROLE] },
  bob: { name: 'Bob Nobody', email: 'bob@fleetwatch.test', roles: [] },
  // A developer: may use the portal, but Azure RBAC (the local cloud's) gives her one subscription.
  carol: { name: 'Carol Checkout', email: 'carol@fleetwatch.test', roles: [OIDC_ROLE] },
};

export interface LocalOidc {
  issuer: string;
  /** PEM of the self-signed certificate, for NODE_EXTRA_CA_CERTS of the portal. */
  ca: string;
  /**
   * What Entra does with the assertion of an on-behalf-of request: checks it is this
   * provider's access token for the portal's API and returns its subject (null if not).
   */
  verifyAccessToken(token: string): Promise<string | null>;
  close(): Promise<void>;
}

export async function startLocalOidc(appOrigin: string): Promise<LocalOidc> {
  const tls = makeTestCertificate();
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'local-oidc-1', alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${appOrigin}/`],
        post_logout_redirect_uris: [`${appOrigin}/`],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    ttl: { AccessToken: 600, IdToken: 600, Session: 3600, Grant: 3600, Interaction: 600 },
    async findAccount(_ctx, sub) {
      const user = OIDC_USERS[sub];
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: user.name, preferred_username: user.email, email: user.email }),
      };
    },
    // Entra puts who and what in the access token; so does this provider.
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const user = OIDC_USERS[token.accountId];
      return user
        ? { tid: OIDC_TENANT, roles: user.roles, name: user.name, preferred_username: user.email }
        : undefined;
    },
    clientBasedCORS: (_ctx, origin) => origin === appOrigin,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // MSAL sends no `resource`: every token is for the portal's API.
        defaultResource: async () => OIDC_AUDIENCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: OIDC_SCOPE,
          audience: OIDC_AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  provider.proxy = false;
  handler = provider.callback();
  return {
    issuer,
    ca: tls.cert,
    async verifyAccessToken(token) {
      try {
        return (await jwtVerify(token, publicKey, { issuer, audience: OIDC_AUDIENCE })).payload.sub ?? null;
      } catch {
        return null;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
