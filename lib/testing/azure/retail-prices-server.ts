import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import snapshot from '../../fleet/prices/retail-prices.snapshot.json';
import { makeTestCertificate } from './tls';

/**
 * A local HTTPS Azure Retail Prices API: GET /api/retail/prices with api-version and an OData
 * $filter on serviceName, priceType, armRegionName and armSkuName (case-sensitive, as the
 * service's 2023-01-01-preview is), answered from the repository's price snapshot times a
 * factor (so a test can tell live prices from the snapshot), paged through NextPageLink.
 */

export type RetailFault =
  { kind: 'status'; status: number } | { kind: 'malformed' } | { kind: 'foreign-next' } | { kind: 'delay'; ms: number };

export interface RetailPricesServer {
  url: string;
  ca: string;
  requests: Array<{ filter: string; skip: number; status: number }>;
  fault(fault: RetailFault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

type Item = (typeof snapshot.Items)[number];

function literals(filter: string, field: string): string[] {
  const re = new RegExp(`${field} eq '((?:[^']|'')*)'`, 'g');
  return [...filter.matchAll(re)].map((m) => (m[1] ?? '').replace(/''/g, "'"));
}

export async function startRetailPricesServer(
  options: { factor?: number; pageSize?: number } = {},
): Promise<RetailPricesServer> {
  const { key, cert } = makeTestCertificate();
  const factor = options.factor ?? 1;
  const pageSize = options.pageSize ?? 1000;
  const requests: RetailPricesServer['requests'] = [];
  const faults: RetailFault[] = [];
  let base = '';
  const server: Server = createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const filter = url.searchParams.get('$filter') ?? '';
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const log = { filter, skip, status: 200 };
    requests.push(log);
    const send = (status: number, body: string): void => {
      log.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
    };
    const answer = (): void => {
      if (url.pathname !== '/api/retail/prices' || req.method !== 'GET')
        return send(404, JSON.stringify({ Error: { Code: 'NotFound', Message: 'no such route' } }));
      if (url.searchParams.get('api-version') !== '2023-01-01-preview')
        return send(
          400,
          JSON.stringify({
            Error: { Code: 'InvalidApiVersion', Message: 'api-version 2023-01-01-preview expected here' },
          }),
        );
      if (!filter.includes("serviceName eq 'Virtual Machines'") || !filter.includes("priceType eq 'Consumption'"))
        return send(
          400,
          JSON.stringify({ Error: { Code: 'BadRequest', Message: 'this server answers VM consumption prices only' } }),
        );
      const fault = faults.shift();
      if (fault?.kind === 'status')
        return send(fault.status, JSON.stringify({ Error: { Code: 'Failure', Message: `injected ${fault.status}` } }));
      if (fault?.kind === 'malformed') return send(200, '{"BillingCurrency":"USD","Items":[');
      const regions = new Set(literals(filter, 'armRegionName'));
      const skus = new Set(literals(filter, 'armSkuName'));
      const matching = (snapshot.Items as Item[])
        .filter((i) => regions.has(i.armRegionName) && skus.has(i.armSkuName))
        .map((i) => ({
          ...i,
          retailPrice: Math.round(i.retailPrice * factor * 1e6) / 1e6,
          unitPrice: Math.round(i.unitPrice * factor * 1e6) / 1e6,
        }));
      const page = matching.slice(skip, skip + pageSize);
      let next: string | null = null;
      if (skip + pageSize < matching.length) {
        const link = new URL(url.toString());
        link.searchParams.set('$skip', String(skip + pageSize));
        next =
          fault?.kind === 'foreign-next'
            ? `https://prices.example.invalid${link.pathname}${link.search}`
            : link.toString();
      }
      send(
        200,
        JSON.stringify({
          BillingCurrency: 'USD',
          CustomerEntityId: 'Default',
          CustomerEntityType: 'Retail',
          Items: page,
          NextPageLink: next,
          Count: page.length,
        }),
      );
    };
    const fault = faults[0];
    if (fault?.kind === 'delay') {
      faults.shift();
      setTimeout(answer, fault.ms);
    } else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    ca: cert,
    requests,
    fault(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    clearFaults() {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
