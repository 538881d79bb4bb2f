import 'server-only';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  body: string;
  headers: { get(name: string): string | undefined };
}

/**
 * One GET over node:https, for the REST endpoints no SDK covers (ARM diagnostic settings,
 * Retail Prices): an extra CA for private endpoints and tests, a timeout that fails with the
 * caller's own error, and the caller's signal, which destroys the socket when it aborts.
 */
export function httpsGet(
  url: URL,
  o: {
    headers: Record<string, string>;
    timeoutMs: number;
    ca?: string;
    timeoutError: () => Error;
    signal?: AbortSignal;
  },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(o.signal.reason instanceof Error ? o.signal.reason : new Error('the request was cancelled'));
      return;
    }
    const req = httpsRequest(
      url,
      { method: 'GET', headers: o.headers, timeout: o.timeoutMs, signal: o.signal, ...(o.ca ? { ca: o.ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = res.headers;
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: {
              get: (name) => {
                const v = raw[name.toLowerCase()];
                return Array.isArray(v) ? v[0] : v;
              },
            },
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(o.timeoutError()));
    req.on('error', reject);
    req.end();
  });
}
