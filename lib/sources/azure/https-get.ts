import 'server-only';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  body: string;
  headers: { get(name: string): string | undefined };
}

/**
 * One GET over node:https, for the REST endpoints no SDK covers (ARM diagnostic settings,
 * Retail Prices): an extra CA for private endpoints and tests, and a timeout that fails with
 * the caller's own error.
 */
export function httpsGet(url: URL, o: { headers: Record<string, string>; timeoutMs: number; ca?: string; timeoutError: () => Error }): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'GET', headers: o.headers, timeout: o.timeoutMs, ...(o.ca ? { ca: o.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = res.headers;
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: { get: (name) => { const v = raw[name.toLowerCase()]; return Array.isArray(v) ? v[0] : v; } },
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(o.timeoutError()));
    req.on('error', reject);
    req.end();
  });
}
