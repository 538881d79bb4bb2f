import 'server-only';
import { SourceError } from '../errors';
import { httpsGet } from './https-get';

/**
 * The Azure Retail Prices API (public, no sign-in):
 * GET {endpoint}/api/retail/prices?api-version=2023-01-01-preview&$filter=…, paged through
 * NextPageLink. https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices
 * One filter per region and a handful of VM sizes keeps each answer to a page or two.
 */

export const RETAIL_PRICES_API_VERSION = '2023-01-01-preview';

export interface RetailPricesOptions {
  /** https://prices.azure.com, or a mirror. */
  endpoint: string;
  timeoutMs?: number;
  /** Pages followed per filter before giving up (the service pages by 1,000 items). */
  maxPages?: number;
  /** VM sizes per request: a longer `or` list makes a URL some proxies refuse. */
  skusPerRequest?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Extra CA for a private mirror (tests); production trusts the system store. */
  ca?: string;
}

export interface RetailPriceItem {
  currencyCode: string;
  retailPrice: number;
  armRegionName: string;
  armSkuName: string;
  unitOfMeasure: string;
  type: string;
  meterName: string;
  effectiveStartDate: string;
  [other: string]: unknown;
}

/** The API's body shape, merged over every request: what parseRetailPrices reads. */
export interface RetailPricesBody {
  BillingCurrency: string;
  Items: RetailPriceItem[];
  NextPageLink: null;
}

export interface RetailPricesAnswer {
  body: RetailPricesBody;
  requests: number;
}

/** An OData string literal: a quote inside is doubled (OData ABNF, SQUOTE-in-string). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The $filter for pay-as-you-go VM meters of some sizes in one region (values are case-sensitive). */
export function retailPricesFilter(region: string, skus: readonly string[]): string {
  const sizes = skus.map((s) => `armSkuName eq ${odataString(s)}`).join(' or ');
  return `serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq ${odataString(region)} and (${sizes})`;
}

async function getJson(url: URL, timeoutMs: number, ca: string | undefined): Promise<unknown> {
  const endpoint = url.origin;
  const answer = await httpsGet(url, {
    headers: { accept: 'application/json' },
    timeoutMs,
    ca,
    timeoutError: () => new SourceError(`Azure Retail Prices did not answer within ${Math.round(timeoutMs / 1000)} s`, { source: 'arg', failure: 'timeout', endpoint }),
  }).catch((error: unknown) => {
    throw error instanceof SourceError ? error : new SourceError(`Azure Retail Prices is unreachable: ${error instanceof Error ? error.message : String(error)}`, { source: 'arg', failure: 'unreachable', endpoint });
  });
  if (answer.status !== 200) {
    throw new SourceError(`Azure Retail Prices answered HTTP ${answer.status}${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`, {
      source: 'arg', failure: answer.status === 429 ? 'throttled' : answer.status >= 500 ? 'server-error' : 'bad-query', status: answer.status, endpoint,
    });
  }
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    throw new SourceError('Azure Retail Prices answered with a body that is not JSON', { source: 'arg', failure: 'bad-response', endpoint });
  }
}

function pageOf(body: unknown, origin: string): { currency: string; items: RetailPriceItem[]; next: URL | null } {
  const b = body as { BillingCurrency?: unknown; Items?: unknown; NextPageLink?: unknown };
  if (typeof b !== 'object' || b === null || !Array.isArray(b.Items)) {
    throw new SourceError('Azure Retail Prices answered without an Items list', { source: 'arg', failure: 'bad-response', endpoint: origin });
  }
  let next: URL | null = null;
  if (typeof b.NextPageLink === 'string' && b.NextPageLink) {
    next = new URL(b.NextPageLink);
    // Follow the service's own pages only: a link elsewhere is not a price page.
    if (next.origin !== origin) throw new SourceError(`Azure Retail Prices sent a next page on another host (${next.origin})`, { source: 'arg', failure: 'bad-response', endpoint: origin });
  }
  return { currency: typeof b.BillingCurrency === 'string' ? b.BillingCurrency : 'USD', items: b.Items as RetailPriceItem[], next };
}

/** Prices of these VM sizes in these regions; fails as a whole so a half price list is never used. */
export async function fetchRetailPrices(o: RetailPricesOptions, wanted: { regions: readonly string[]; skus: readonly string[] }): Promise<RetailPricesAnswer> {
  const origin = new URL(o.endpoint).origin;
  const timeoutMs = o.timeoutMs ?? 15_000;
  const maxPages = o.maxPages ?? 20;
  const perRequest = o.skusPerRequest ?? 15;
  const filters: string[] = [];
  const skus = [...new Set(wanted.skus)].sort();
  for (const region of [...new Set(wanted.regions)].sort()) {
    for (let i = 0; i < skus.length; i += perRequest) filters.push(retailPricesFilter(region, skus.slice(i, i + perRequest)));
  }
  const items: RetailPriceItem[] = [];
  let currency = 'USD';
  let requests = 0;
  const queue = [...filters];
  let failed = false;
  const worker = async (): Promise<void> => {
    try {
      await drain();
    } catch (error) {
      failed = true; // the other workers stop: a half price list is not used anyway
      throw error;
    }
  };
  const drain = async (): Promise<void> => {
    for (let filter = queue.shift(); filter !== undefined && !failed; filter = queue.shift()) {
      let url: URL | null = new URL('/api/retail/prices', origin);
      url.searchParams.set('api-version', RETAIL_PRICES_API_VERSION);
      url.searchParams.set('$filter', filter);
      for (let page = 0; url; page++) {
        if (page >= maxPages) throw new SourceError(`Azure Retail Prices sent more than ${maxPages} pages for one filter`, { source: 'arg', failure: 'bad-response', endpoint: origin });
        requests++;
        const answer = pageOf(await getJson(url, timeoutMs, o.ca), origin);
        currency = answer.currency;
        items.push(...answer.items);
        url = answer.next;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 4, Math.max(1, filters.length)) }, worker));
  return { body: { BillingCurrency: currency, Items: items, NextPageLink: null }, requests };
}
