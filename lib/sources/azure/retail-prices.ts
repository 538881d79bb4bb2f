import 'server-only';
import { RETAIL_PRICES_API_VERSION } from '../../catalog/queries/rest';
import type { QueryRequest } from '../../catalog/types';
import type { Backend, BackendResult, RunOptions } from '../backend';
import { SourceError } from '../errors';
import { limiter } from '../limiter';
import { httpsGet } from './https-get';

/**
 * The Azure Retail Prices API (public, no sign-in) as a backend: a catalog query's text is the
 * OData $filter; the backend asks GET {endpoint}/api/retail/prices?api-version=…&$filter=… and
 * follows NextPageLink (on the same host only) until the last page, answering one merged body.
 * https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices
 */

export interface RetailPricesOptions {
  /** https://prices.azure.com, or a mirror. */
  endpoint: string;
  timeoutMs?: number;
  /** Pages followed per filter before giving up (the service pages by 1,000 items). */
  maxPages?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Extra CA for a private mirror (tests); production trusts the system store. */
  ca?: string;
}

export function createRetailPricesBackend(o: RetailPricesOptions): Backend {
  const origin = new URL(o.endpoint).origin;
  const timeoutMs = o.timeoutMs ?? 15_000;
  const maxPages = o.maxPages ?? 20;
  const slot = limiter(Math.max(1, o.concurrency ?? 4));
  const fail = (message: string, failure: SourceError['failure'], status?: number): SourceError =>
    new SourceError(message, { source: 'prices', failure, status, endpoint: origin });

  async function getJson(url: URL, signal: AbortSignal | undefined): Promise<unknown> {
    const answer = await httpsGet(url, {
      headers: { accept: 'application/json' },
      timeoutMs,
      ca: o.ca,
      signal,
      timeoutError: () =>
        fail(`Azure Retail Prices did not answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout'),
    }).catch((error: unknown) => {
      if (error instanceof SourceError) throw error;
      if (signal?.aborted) throw fail('the request was cancelled', 'timeout');
      throw fail(
        `Azure Retail Prices is unreachable: ${error instanceof Error ? error.message : String(error)}`,
        'unreachable',
      );
    });
    if (answer.status !== 200) {
      const failure = answer.status === 429 ? 'throttled' : answer.status >= 500 ? 'server-error' : 'bad-query';
      throw fail(
        `Azure Retail Prices answered HTTP ${answer.status}${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`,
        failure,
        answer.status,
      );
    }
    try {
      return JSON.parse(answer.body) as unknown;
    } catch {
      throw fail('Azure Retail Prices answered with a body that is not JSON', 'bad-response');
    }
  }

  function pageOf(body: unknown): { currency: string | null; items: unknown[]; next: URL | null } {
    const b = body as { BillingCurrency?: unknown; Items?: unknown; NextPageLink?: unknown };
    if (typeof b !== 'object' || b === null || !Array.isArray(b.Items))
      throw fail('Azure Retail Prices answered without an Items list', 'bad-response');
    let next: URL | null = null;
    if (typeof b.NextPageLink === 'string' && b.NextPageLink) {
      next = new URL(b.NextPageLink);
      // Follow the service's own pages only: a link elsewhere is not a price page.
      if (next.origin !== origin)
        throw fail(`Azure Retail Prices sent a next page on another host (${next.origin})`, 'bad-response');
    }
    return {
      currency: typeof b.BillingCurrency === 'string' ? b.BillingCurrency : null,
      items: b.Items as unknown[],
      next,
    };
  }

  return {
    label: `Azure Retail Prices ${origin}`,
    kinds: ['prices'],
    async run(request: QueryRequest, runOptions?: RunOptions): Promise<BackendResult> {
      const signal = runOptions?.signal;
      return slot(async () => {
        const items: unknown[] = [];
        let currency = 'USD';
        let url: URL | null = new URL('/api/retail/prices', origin);
        url.searchParams.set('api-version', RETAIL_PRICES_API_VERSION);
        url.searchParams.set('$filter', request.text);
        for (let page = 0; url; page++) {
          if (page >= maxPages)
            throw fail(`Azure Retail Prices sent more than ${maxPages} pages for one filter`, 'bad-response');
          const answer = pageOf(await getJson(url, signal));
          currency = answer.currency ?? currency;
          items.push(...answer.items);
          url = answer.next;
        }
        return {
          wire: { BillingCurrency: currency, Items: items, NextPageLink: null },
          notices: [],
          executedText: request.text,
        };
      });
    },
  };
}
