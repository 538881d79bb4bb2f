import { z } from 'zod';
import snapshot from './prices/retail-prices.snapshot.json';
import { retailPriceItemSchema, type RetailPriceItem } from '../catalog/queries/rest';
import type { VmSize } from './vm-sizes';

/**
 * Node prices per VM size and region, from a body in the Azure Retail Prices API shape
 * (https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices).
 * Arc clusters run on machines Azure does not sell: they are priced per vCPU-hour and
 * GiB-hour from configuration.
 */

export const SNAPSHOT_DATE = '2026-10-01';
export const HOURS_PER_MONTH = 730;

const bodySchema = z.object({
  BillingCurrency: z.string(),
  Items: z.array(retailPriceItemSchema),
  NextPageLink: z.string().nullable(),
});

export interface PriceTable {
  currency: string;
  date: string;
  /** The snapshot in the repository, or the Retail Prices API asked on `date`. */
  source: 'snapshot' | 'retail-api';
  /** USD per hour by `${armSkuName}|${armRegionName}`, lower-cased. */
  hourly: ReadonlyMap<string, number>;
}

/** A body in the Retail Prices API shape (the snapshot's), as a price table. */
export function parseRetailPrices(body: unknown, date: string, source: PriceTable['source'] = 'snapshot'): PriceTable {
  const parsed = bodySchema.parse(body);
  return priceTable(parsed.Items, parsed.BillingCurrency, date, source);
}

/** Keeps hourly pay-as-you-go prices (not Spot, not Low Priority, not reservations) of items already read. */
export function priceTable(
  items: readonly RetailPriceItem[],
  currency: string,
  date: string,
  source: PriceTable['source'],
): PriceTable {
  const hourly = new Map<string, number>();
  for (const item of items) {
    if (item.type !== 'Consumption' || item.unitOfMeasure !== '1 Hour' || /spot|low priority/i.test(item.meterName))
      continue;
    const key = `${item.armSkuName}|${item.armRegionName}`.toLowerCase();
    const prev = hourly.get(key);
    // Several meters can match (Linux and Windows): the lowest is the Linux price.
    if (prev === undefined || item.retailPrice < prev) hourly.set(key, item.retailPrice);
  }
  return { currency, date, source, hourly };
}

let cached: PriceTable | null = null;
export function getSnapshotPrices(): PriceTable {
  cached ??= parseRetailPrices(snapshot, SNAPSHOT_DATE);
  return cached;
}

export interface ArcRates {
  vcpuHour: number;
  gibHour: number;
}

export type NodePrice = { hourly: number; source: 'retail' | 'arc-rate' } | { hourly: null; source: 'unknown' };

/** The hourly price of one node: the retail price for Azure sizes, the configured rates for the rest. */
export function nodeHourlyPrice(
  prices: PriceTable,
  vm: VmSize | null,
  instanceType: string,
  region: string,
  provider: 'aks' | 'arc',
  arc: ArcRates,
): NodePrice {
  const retail = prices.hourly.get(`${instanceType}|${region}`.toLowerCase());
  if (provider === 'aks' && retail !== undefined) return { hourly: retail, source: 'retail' };
  if (provider === 'arc' && vm)
    return { hourly: vm.vcpus * arc.vcpuHour + vm.memoryGiB * arc.gibHour, source: 'arc-rate' };
  if (retail !== undefined) return { hourly: retail, source: 'retail' };
  return { hourly: null, source: 'unknown' };
}
