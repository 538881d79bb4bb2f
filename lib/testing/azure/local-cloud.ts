import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { ArgResponse, LogsResponse } from '../../catalog/wire';
import { makeTestCertificate } from './tls';

/**
 * A local HTTPS "Azure" that speaks the documented REST protocols the SDKs use:
 *   - Entra ID token endpoint (OpenID discovery + client-credentials grant), so a real
 *     ClientSecretCredential / DefaultAzureCredential gets real bearer tokens;
 *   - Resource Graph: POST /providers/Microsoft.ResourceGraph/resources?api-version=…
 *     with $top/$skipToken paging, quota headers and 429 + Retry-After;
 *   - Log Analytics: POST /v1/workspaces/{workspaceId}/query (+ `workspaces` for
 *     cross-workspace queries), with partial errors.
 * Every request is logged so tests can count what a question cost. Faults are queued per
 * service and consumed one request at a time. Test support only: nothing in production
 * imports this, and no production switch fakes a token.
 */

export type Service = 'arg' | 'logs' | 'token' | 'arm';

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Answer normally, but only after a delay (longer than the client's timeout to test it). */
  | { kind: 'delay'; ms: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** Log Analytics: rows plus a PartialError, as the service does for non-fatal errors. */
  | { kind: 'partial'; message?: string }
  /** Resource Graph: answer normally but announce a quota state (remaining, hh:mm:ss). */
  | { kind: 'quota'; remaining: number; resetsAfter: string }
  /** Resource Graph: one page with resultTruncated "true" and no $skipToken. */
  | { kind: 'truncate' }
  /** Answer normally with extra response headers. */
  | { kind: 'headers'; headers: Record<string, string> };

export interface LoggedRequest {
  service: Service | 'other';
  method: string;
  path: string;
  at: number;
  status: number;
  /** Resource Graph: the scope and paging of the request. */
  subscriptions?: number;
  managementGroups?: string[];
  skipToken?: boolean;
  top?: number;
  resultFormat?: string;
  allowPartialScopes?: boolean;
  /** Log Analytics: the workspaces the request named. */
  workspaces?: string[];
  /** The user a downstream (on-behalf-of) token was issued for; absent for the app's own tokens. */
  subject?: string;
  /** Token endpoint: the scope a token was asked for. */
  scope?: string;
  timespan?: string;
  prefer?: string;
}

export interface ArgRequestBody {
  query: string;
  subscriptions?: string[];
  managementGroups?: string[];
  options?: { $top?: number; $skip?: number; $skipToken?: string; resultFormat?: string; allowPartialScopes?: boolean };
}

export interface LocalCloudAnswers {
  /** The whole result of a Resource Graph query for a scope; the server pages it. */
  arg(body: ArgRequestBody): ArgResponse;
  /** The result of a Log Analytics query over some workspaces (customer ids). */
  logs(workspaces: string[], query: string, timespan: string | undefined): LogsResponse;
  /** Workspace ids the server knows; others answer 404 like the service. */
  knowsWorkspace(id: string): boolean;
  /**
   * ARM: the body of GET {resourceId}/providers/Microsoft.Insights/diagnosticSettings, or null
   * for a resource that does not exist (404). Optional: servers without it answer 404.
   */
  diagnosticSettings?(resourceId: string): unknown;
  /**
   * Azure RBAC: whether `caller` (the user of an on-behalf-of token; undefined for the app's
   * own identity) may read a resource id or a workspace (customer id). Absent: everyone reads
   * everything. Resource Graph then leaves unreadable rows out, as the service does;
   * Log Analytics and ARM answer 403.
   */
  mayRead?(caller: string | undefined, target: string): boolean;
}

/** The resource a Resource Graph row describes, for the RBAC check; null when it names none. */
function rowResource(row: Record<string, unknown>): string | null {
  for (const key of ['id', 'clusterId', 'ClusterId']) {
    const value = row[key];
    if (typeof value === 'string' && value.toLowerCase().startsWith('/subscriptions/')) return value;
  }
  return typeof row.subscriptionId === 'string' ? `/subscriptions/${row.subscriptionId}` : null;
}

export interface LocalCloudOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  answers: LocalCloudAnswers;
  /** Quota headers on every Resource Graph answer (the service's default window). */
  argQuota?: { remaining: number; resetsAfter: string };
  /**
   * On-behalf-of (jwt-bearer grant): checks the user's token the portal presents and returns
   * its subject, or null to refuse. Without it the grant is refused like any unknown grant.
   */
  verifyUserAssertion?: (assertion: string) => Promise<string | null>;
}

export interface LocalCloud {
  url: string;
  /** PEM of the self-signed certificate, for tlsOptions.ca or NODE_EXTRA_CA_CERTS. */
  ca: string;
  requests: LoggedRequest[];
  fault(service: Service, fault: Fault, times?: number): void;
  /** Every token issued so far is now expired (the service answers 401 ExpiredAuthenticationToken). */
  expireTokens(): void;
  count(service: Service): number;
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-request-id': randomBytes(8).toString('hex'),
    ...headers,
  });
  res.end(text);
}

function encodeSkipToken(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ offset, q: query.length })).toString('base64');
}

function decodeSkipToken(token: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const offset = typeof parsed === 'object' && parsed !== null ? (parsed as { offset?: unknown }).offset : undefined;
    return typeof offset === 'number' && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const { key, cert } = makeTestCertificate();
  const requests: LoggedRequest[] = [];
  const faults: Record<Service, Fault[]> = { arg: [], logs: [], token: [], arm: [] };
  const tokens = new Map<string, { expiresAt: number; scope: string; subject?: string }>();
  // After a quota announcement of 0, requests before the reset are throttled like the real service.
  let quotaBlockedUntil = 0;
  let url = '';

  const takeFault = (service: Service): Fault | undefined => faults[service].shift();

  function authorize(
    req: IncomingMessage,
  ): { ok: true; subject?: string } | { ok: false; code: string; message: string } {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const issued = token ? tokens.get(token) : undefined;
    if (!token || !issued)
      return { ok: false, code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' };
    if (issued.expiresAt <= Date.now()) {
      return {
        ok: false,
        code: 'ExpiredAuthenticationToken',
        message: 'The access token expiry UTC time is earlier than current UTC time.',
      };
    }
    if (issued.scope !== `${url}/.default`)
      return {
        ok: false,
        code: 'InvalidAuthenticationTokenAudience',
        message: `The access token has been obtained for wrong audience (${issued.scope}).`,
      };
    return { ok: true, subject: issued.subject };
  }

  async function handleToken(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    log: LoggedRequest,
  ): Promise<void> {
    const tenant = path.split('/')[1] ?? '';
    if (req.method === 'GET' && path.endsWith('/.well-known/openid-configuration')) {
      const base = `${url}/${tenant}`;
      send(res, 200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        issuer: `${base}/v2.0`,
        response_types_supported: ['code', 'id_token', 'token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        tenant_region_scope: null,
        cloud_instance_name: 'localhost',
      });
      log.status = 200;
      return;
    }
    if (req.method === 'POST' && path.endsWith('/oauth2/v2.0/token')) {
      const form = new URLSearchParams(await readBody(req));
      log.scope = form.get('scope') ?? undefined;
      const fault = takeFault('token');
      if (fault?.kind === 'status') {
        log.status = fault.status;
        send(
          res,
          fault.status,
          fault.body ?? {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          },
        );
        return;
      }
      // On-behalf-of: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow
      const obo =
        form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
        form.get('requested_token_use') === 'on_behalf_of';
      if (
        obo &&
        tenant === options.tenantId &&
        form.get('client_id') === options.clientId &&
        form.get('client_secret') === options.clientSecret
      ) {
        const subject = options.verifyUserAssertion
          ? await options.verifyUserAssertion(form.get('assertion') ?? '')
          : null;
        if (!subject) {
          log.status = 400;
          send(res, 400, {
            error: 'invalid_grant',
            error_description: 'AADSTS50013: Assertion failed signature validation.',
            error_codes: [50013],
          });
          return;
        }
        const token = randomBytes(24).toString('base64url');
        tokens.set(token, {
          expiresAt: Date.now() + 3600_000,
          scope:
            form
              .get('scope')
              ?.split(' ')
              .find((s) => s.endsWith('/.default')) ?? '',
          subject,
        });
        log.status = 200;
        log.subject = subject;
        send(res, 200, {
          token_type: 'Bearer',
          scope: form.get('scope') ?? '',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: token,
        });
        return;
      }
      if (
        tenant !== options.tenantId ||
        form.get('client_id') !== options.clientId ||
        form.get('client_secret') !== options.clientSecret ||
        form.get('grant_type') !== 'client_credentials'
      ) {
        log.status = 401;
        send(res, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
          error_codes: [7000215],
        });
        return;
      }
      const scope = form.get('scope') ?? '';
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { expiresAt: Date.now() + 3600_000, scope });
      log.status = 200;
      send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
      return;
    }
    log.status = 404;
    send(res, 404, { error: 'not_found' });
  }

  async function handleArg(req: IncomingMessage, res: ServerResponse, log: LoggedRequest): Promise<void> {
    const raw = await readBody(req);
    let body: ArgRequestBody;
    try {
      body = JSON.parse(raw) as ArgRequestBody;
    } catch {
      log.status = 400;
      send(res, 400, { error: { code: 'BadRequest', message: 'request body is not JSON' } });
      return;
    }
    log.subscriptions = body.subscriptions?.length;
    log.managementGroups = body.managementGroups;
    log.skipToken = Boolean(body.options?.$skipToken);
    log.top = body.options?.$top;
    log.resultFormat = body.options?.resultFormat;
    log.allowPartialScopes = body.options?.allowPartialScopes;
    const now = Date.now();
    if (now < quotaBlockedUntil) {
      log.status = 429;
      const seconds = Math.ceil((quotaBlockedUntil - now) / 1000);
      send(
        res,
        429,
        { error: { code: 'RateLimiting', message: 'Client application has been throttled.' } },
        {
          'retry-after': String(seconds),
          'x-ms-user-quota-remaining': '0',
          'x-ms-user-quota-resets-after': `00:00:${String(seconds).padStart(2, '0')}`,
        },
      );
      return;
    }
    const fault = takeFault('arg');
    if (fault?.kind === 'status') {
      log.status = fault.status;
      send(
        res,
        fault.status,
        fault.body ?? { error: { code: 'InternalServerError', message: 'Encountered an internal server error.' } },
        fault.headers,
      );
      return;
    }
    if (fault?.kind === 'malformed') {
      log.status = 200;
      send(res, 200, '{"totalRecords": 3, "count": 3, "data": [{"id": "/subscriptions/');
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (body.options?.resultFormat !== 'objectArray') {
      log.status = 400;
      send(res, 400, { error: { code: 'BadRequest', message: 'this server only speaks resultFormat objectArray' } });
      return;
    }
    const answered = options.answers.arg(body);
    const mayRead = options.answers.mayRead;
    const full = mayRead
      ? {
          ...answered,
          data: answered.data.filter((row) => {
            const r = rowResource(row);
            return r === null || mayRead(log.subject, r);
          }),
        }
      : answered;
    const top = Math.min(body.options?.$top ?? 1000, 1000);
    const token = body.options?.$skipToken;
    const offset = token ? decodeSkipToken(token) : (body.options?.$skip ?? 0);
    if (offset === null) {
      log.status = 400;
      send(res, 400, { error: { code: 'BadRequest', message: 'invalid $skipToken' } });
      return;
    }
    const page = full.data.slice(offset, offset + top);
    const more = offset + top < full.data.length;
    const truncated = fault?.kind === 'truncate';
    const quota = fault?.kind === 'quota' ? fault : (options.argQuota ?? { remaining: 14, resetsAfter: '00:00:05' });
    if (fault?.kind === 'quota' && fault.remaining <= 0) {
      const [h, m, s] = fault.resetsAfter.split(':').map(Number) as [number, number, number];
      quotaBlockedUntil = Date.now() + (h * 3600 + m * 60 + s) * 1000;
    }
    log.status = 200;
    send(
      res,
      200,
      {
        totalRecords: full.data.length,
        count: page.length,
        resultTruncated: truncated ? 'true' : 'false',
        ...(more && !truncated ? { $skipToken: encodeSkipToken(offset + top, body.query) } : {}),
        facets: [],
        data: page,
      },
      {
        'x-ms-user-quota-remaining': String(quota.remaining),
        'x-ms-user-quota-resets-after': quota.resetsAfter,
        ...(fault?.kind === 'headers' ? fault.headers : {}),
      },
    );
  }

  async function handleLogs(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    log: LoggedRequest,
  ): Promise<void> {
    const workspace = decodeURIComponent(path.split('/')[3] ?? '');
    const raw = await readBody(req);
    let body: { query?: string; timespan?: string; workspaces?: string[] };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      log.status = 400;
      send(res, 400, { error: { code: 'BadArgumentError', message: 'The request had some invalid properties' } });
      return;
    }
    const workspaces = [workspace, ...(body.workspaces ?? [])];
    log.workspaces = workspaces;
    log.timespan = body.timespan;
    log.prefer = typeof req.headers.prefer === 'string' ? req.headers.prefer : undefined;
    const unknown = workspaces.find((w) => !options.answers.knowsWorkspace(w));
    if (unknown) {
      log.status = 404;
      send(res, 404, {
        error: {
          code: 'WorkspaceNotFoundError',
          message: `The workspace could not be found`,
          innererror: { code: 'WorkspaceNotFoundError', message: `Workspace ${unknown} not found` },
        },
      });
      return;
    }
    const denied = workspaces.find((w) => options.answers.mayRead && !options.answers.mayRead(log.subject, w));
    if (denied) {
      log.status = 403;
      send(res, 403, {
        error: {
          code: 'InsufficientAccessError',
          message: 'The provided credentials have insufficient access to perform the requested operation',
          innererror: { code: 'InsufficientAccessError', message: `no read access to workspace ${denied}` },
        },
      });
      return;
    }
    const fault = takeFault('logs');
    if (fault?.kind === 'status') {
      log.status = fault.status;
      send(
        res,
        fault.status,
        fault.body ?? { error: { code: 'InternalServerError', message: 'Internal server error' } },
        fault.headers,
      );
      return;
    }
    if (fault?.kind === 'malformed') {
      log.status = 200;
      send(res, 200, '{"tables": [{"name": "PrimaryResult", "columns": [');
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (!body.query) {
      log.status = 400;
      send(res, 400, { error: { code: 'BadArgumentError', message: 'query is required' } });
      return;
    }
    let answer: LogsResponse;
    try {
      answer = options.answers.logs(workspaces, body.query, body.timespan);
    } catch (error) {
      log.status = 400;
      send(res, 400, {
        error: {
          code: 'BadArgumentError',
          message: 'The request had some invalid properties',
          details: [{ code: 'SemanticError', message: error instanceof Error ? error.message : String(error) }],
        },
      });
      return;
    }
    log.status = 200;
    if (fault?.kind === 'partial') {
      send(res, 200, {
        ...answer,
        error: {
          code: 'PartialError',
          message: fault.message ?? 'There were some errors when processing your query.',
          details: [
            {
              code: 'EngineError',
              message: 'Query exceeded the memory limit on some shards; results may be incomplete.',
            },
          ],
        },
      });
      return;
    }
    send(res, 200, answer);
  }

  // ARM list of a resource's diagnostic settings (api-version 2021-05-01-preview).
  async function handleDiagnosticSettings(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    log: LoggedRequest,
  ): Promise<void> {
    const apiVersion = new URL(req.url ?? '/', 'https://x').searchParams.get('api-version');
    if (req.method !== 'GET' || apiVersion !== '2021-05-01-preview') {
      log.status = 400;
      send(res, 400, {
        error: {
          code: 'InvalidApiVersionParameter',
          message: `api-version ${apiVersion ?? '(none)'} is not supported here`,
        },
      });
      return;
    }
    const fault = takeFault('arm');
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status') {
      log.status = fault.status;
      send(
        res,
        fault.status,
        fault.body ?? { error: { code: 'InternalServerError', message: 'Encountered an internal server error.' } },
        fault.headers,
      );
      return;
    }
    const resourceId = decodeURIComponent(path.replace(/\/providers\/Microsoft\.Insights\/diagnosticSettings$/i, ''));
    if (options.answers.mayRead && !options.answers.mayRead(log.subject, resourceId)) {
      log.status = 403;
      send(res, 403, {
        error: {
          code: 'AuthorizationFailed',
          message: `The client does not have authorization to perform action 'Microsoft.Insights/diagnosticSettings/read' over scope '${resourceId}'.`,
        },
      });
      return;
    }
    const body = options.answers.diagnosticSettings?.(resourceId) ?? null;
    log.status = body === null ? 404 : 200;
    if (body === null)
      send(res, 404, { error: { code: 'ResourceNotFound', message: `The Resource '${resourceId}' was not found.` } });
    else send(res, 200, body);
  }

  const server: Server = createServer({ key, cert }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const service: Service | 'other' = path.startsWith('/providers/Microsoft.ResourceGraph/')
      ? 'arg'
      : /\/providers\/Microsoft\.Insights\/diagnosticSettings$/i.test(path)
        ? 'arm'
        : path.startsWith('/v1/workspaces/')
          ? 'logs'
          : /^\/[^/]+\/(v2\.0\/\.well-known|oauth2\/v2\.0\/token)/.test(path)
            ? 'token'
            : 'other';
    const log: LoggedRequest = { service, method: req.method ?? 'GET', path, at: Date.now(), status: 0 };
    requests.push(log);
    const handle = async (): Promise<void> => {
      if (service === 'token') return handleToken(req, res, path, log);
      if (service === 'other') {
        log.status = 404;
        send(res, 404, { error: { code: 'NotFound', message: `no route ${path}` } });
        return;
      }
      const auth = authorize(req);
      if (!auth.ok) {
        log.status = 401;
        send(
          res,
          401,
          { error: { code: auth.code, message: auth.message } },
          {
            'www-authenticate': `Bearer authorization_uri="${url}/${options.tenantId}", error="invalid_token", error_description="${auth.message}"`,
          },
        );
        return;
      }
      log.subject = auth.subject;
      if (service === 'arg') return handleArg(req, res, log);
      if (service === 'arm') return handleDiagnosticSettings(req, res, path, log);
      return handleLogs(req, res, path, log);
    };
    handle().catch((error: unknown) => {
      log.status = 500;
      if (!res.headersSent) send(res, 500, { error: { code: 'InternalServerError', message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ca: cert,
    requests,
    fault(service, fault, times = 1) {
      for (let i = 0; i < times; i++) faults[service].push(fault);
    },
    expireTokens() {
      for (const t of tokens.values()) t.expiresAt = 0;
    },
    count(service) {
      return requests.filter((r) => r.service === service).length;
    },
    reset() {
      requests.length = 0;
      faults.arg.length = 0;
      faults.logs.length = 0;
      faults.token.length = 0;
      faults.arm.length = 0;
      quotaBlockedUntil = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
