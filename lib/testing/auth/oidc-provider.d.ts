/**
 * The slice of oidc-provider 9's API the test identity provider uses; the package ships no
 * types. https://github.com/panva/node-oidc-provider/blob/main/docs/README.md
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcAccount {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>>;
  }

  export interface OidcToken {
    kind: string;
    accountId?: string;
  }

  export interface OidcContext {
    oidc: { route?: string };
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string } };
  }

  export interface OidcConfiguration {
    clients?: Array<Record<string, unknown>>;
    jwks?: { keys: Array<Record<string, unknown>> };
    cookies?: { keys: string[] };
    claims?: Record<string, string[]>;
    scopes?: string[];
    ttl?: Record<string, number>;
    pkce?: { required?: () => boolean };
    findAccount?: (ctx: OidcContext, sub: string) => Promise<OidcAccount | undefined>;
    extraTokenClaims?: (ctx: OidcContext, token: OidcToken) => Promise<Record<string, unknown> | undefined>;
    clientBasedCORS?: (ctx: OidcContext, origin: string, client: unknown) => boolean;
    renderError?: (ctx: { body: unknown; type: string }, out: Record<string, unknown>, error: Error) => Promise<void>;
    features?: {
      devInteractions?: { enabled: boolean };
      rpInitiatedLogout?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (
          ctx: OidcContext,
          client: unknown,
          oneOf?: string[],
        ) => Promise<string | string[] | undefined>;
        useGrantedResource?: (ctx: OidcContext, model: unknown) => Promise<boolean>;
        getResourceServerInfo?: (
          ctx: OidcContext,
          resourceIndicator: string,
          client: unknown,
        ) => Promise<ResourceServerInfo>;
      };
    };
  }

  export default class Provider {
    constructor(issuer: string, configuration?: OidcConfiguration);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
