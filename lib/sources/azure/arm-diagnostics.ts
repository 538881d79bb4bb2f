import 'server-only';
import type { TokenCredential } from '@azure/identity';
import { SourceError, type SourceFailure } from '../errors';
import { WireFormatError } from '../../catalog/wire';
import { diagnosticSettingsPath, parseDiagnosticSettings, type DiagnosticSettingsReader, type DiagnosticSettingsResult } from './diagnostic-settings-wire';
import { httpsGet, type HttpAnswer } from './https-get';
import { retryAfterMs, scopeFor, sleep } from './shared';

/**
 * Diagnostic settings from Azure Resource Manager, which Resource Graph does not index:
 * GET {endpoint}{resourceId}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview
 * https://learn.microsoft.com/rest/api/monitor/diagnostic-settings/list
 * One request per cluster and per subscription, a few at a time; a resource that fails is
 * that resource's "unknown", never the page's.
 */

export interface ArmDiagnosticsOptions {
  /** ARM endpoint, e.g. https://management.azure.com (sovereign clouds and tests set their own). */
  endpoint: string;
  credential: TokenCredential;
  /** Requests in flight at once. */
  concurrency?: number;
  timeoutMs?: number;
  /** Retries after a 429 or 5xx, honouring Retry-After up to maxRetryAfterMs. */
  maxRetries?: number;
  maxRetryAfterMs?: number;
  /** Extra CA for a private endpoint (tests). */
  ca?: string;
}

const FAILURE: Record<number, SourceFailure> = { 400: 'bad-query', 401: 'unauthorized', 403: 'forbidden', 404: 'bad-query', 408: 'timeout', 429: 'throttled', 504: 'timeout' };

function errorMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const e = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: { code?: unknown; message?: unknown } }).error : undefined;
    return e && typeof e.message === 'string' ? `${typeof e.code === 'string' ? `${e.code}: ` : ''}${e.message}` : null;
  } catch {
    return null;
  }
}

export function createArmDiagnosticsReader(o: ArmDiagnosticsOptions): DiagnosticSettingsReader {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const maxRetries = o.maxRetries ?? 2;
  const maxRetryAfterMs = o.maxRetryAfterMs ?? 10_000;
  const endpoint = o.endpoint.replace(/\/+$/, '');

  async function readOne(resourceId: string, token: string): Promise<DiagnosticSettingsResult> {
    const url = new URL(`${endpoint}${diagnosticSettingsPath(resourceId)}`);
    for (let attempt = 0; ; attempt++) {
      let answer: HttpAnswer;
      try {
        answer = await httpsGet(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          timeoutMs,
          ca: o.ca,
          timeoutError: () => new SourceError(`Azure Resource Manager did not answer within ${Math.round(timeoutMs / 1000)} s`, { source: 'arg', failure: 'timeout', endpoint: url.origin }),
        });
      } catch (error) {
        const failure = error instanceof SourceError ? error.failure : 'unreachable';
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { source: 'arg', failure, message: failure === 'unreachable' ? `unable to reach Azure Resource Manager at ${endpoint}: ${message}` : message, scope: resourceId } };
      }
      if (answer.status === 200) {
        try {
          return { ok: true, settings: parseDiagnosticSettings(JSON.parse(answer.body)) };
        } catch (error) {
          const message = error instanceof WireFormatError ? error.message : 'Azure Resource Manager sent a response that is not valid JSON';
          return { ok: false, error: { source: 'arg', failure: 'bad-response', message, scope: resourceId, status: 200 } };
        }
      }
      const wait = retryAfterMs(answer.headers);
      if ((answer.status === 429 || answer.status >= 500) && attempt < maxRetries && (wait ?? 0) <= maxRetryAfterMs) {
        await sleep(wait ?? 500 * 2 ** attempt);
        continue;
      }
      const failure = FAILURE[answer.status] ?? (answer.status >= 500 ? 'server-error' : 'bad-query');
      const detail = errorMessage(answer.body) ?? `HTTP ${answer.status}`;
      return { ok: false, error: { source: 'arg', failure, status: answer.status, scope: resourceId, message: `Azure Resource Manager answered ${answer.status} for ${resourceId}: ${detail}` } };
    }
  }

  return {
    label: `Azure Resource Manager ${endpoint}`,
    async list(resourceIds) {
      const out = new Map<string, DiagnosticSettingsResult>();
      let token: string;
      try {
        // enableCae as the SDK clients ask: the same msal app, so no second OpenID configuration fetch.
        const t = await o.credential.getToken(scopeFor(endpoint), { enableCae: true });
        if (!t) throw new Error('the credential returned no token');
        token = t.token;
      } catch (error) {
        const message = `could not get an Entra ID token for Azure Resource Manager: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
        for (const id of resourceIds) out.set(id.toLowerCase(), { ok: false, error: { source: 'arg', failure: 'unauthorized', message } });
        return out;
      }
      const queue = [...resourceIds];
      const workers = Array.from({ length: Math.min(o.concurrency ?? 8, queue.length) }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) out.set(id.toLowerCase(), await readOne(id, token));
      });
      await Promise.all(workers);
      return out;
    },
  };
}
