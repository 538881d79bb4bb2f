import 'server-only';
import type { ClusterInventoryRow } from '../catalog/queries/fleet';
import type { CostNodePoolRow } from '../catalog/queries/cost';
import { getSnapshotPrices, parseRetailPrices, SNAPSHOT_DATE, type PriceTable } from '../fleet/prices';
import type { PanelNotice } from '../fleet/types';
import { VM_SIZES } from '../fleet/vm-sizes';
import { fetchRetailPrices } from '../sources/azure/retail-prices';
import type { AppConfig } from './config';
import { processShared } from './cache';
import { getInsightsConfig, type InsightsConfig } from './insights-config';

export interface LoadedPrices {
  table: PriceTable;
  /** Why the snapshot stands in for live prices, when it does. */
  notice: PanelNotice | null;
  /** Requests this load sent to the Retail Prices API (0 when served from memory or the snapshot). */
  requests: number;
}

/** A failed fetch is not retried on every page view. */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

interface PriceCache {
  last: { key: string; expiry: { until: number }; value: Promise<LoadedPrices> } | null;
}

/** One price list per process, whichever page or route asked first. */
const prices = (): PriceCache => processShared<PriceCache>('prices.retail', () => ({ last: null }));

export function usesRetailApi(config: AppConfig, settings: InsightsConfig): boolean {
  return settings.prices === 'retail' || (settings.prices === 'auto' && config.mode === 'live' && config.azure !== null);
}

/** What to ask for: every size the advice compares (and the pools' own) in every AKS region of the fleet. */
export function wantedPrices(inventory: readonly ClusterInventoryRow[], pools: readonly CostNodePoolRow[] | null): { regions: string[]; skus: string[] } {
  const regions = [...new Set(inventory.filter((c) => c.clusterKind === 'aks').map((c) => c.location.toLowerCase()))].sort();
  const skus = new Set([...VM_SIZES.values()].map((s) => s.name));
  for (const c of inventory) for (const p of c.nodePools) if (p.vmSize) skus.add(p.vmSize);
  for (const p of pools ?? []) if (/^Standard_/i.test(p.InstanceType)) skus.add(p.InstanceType);
  return { regions, skus: [...skus].sort() };
}

/**
 * Node prices for the cost views: the Retail Prices API in Azure mode (kept for
 * FLEETWATCH_PRICES_HOURS, shared by every user: prices are public), the snapshot in the
 * demo. If the API cannot be read, the snapshot stands in and the notice says so.
 */
export function loadPrices(
  config: AppConfig,
  inventory: readonly ClusterInventoryRow[],
  pools: readonly CostNodePoolRow[] | null,
  options: { nowMs?: number; ca?: string; settings?: InsightsConfig } = {},
): Promise<LoadedPrices> {
  const settings = options.settings ?? getInsightsConfig();
  if (!usesRetailApi(config, settings)) return Promise.resolve({ table: getSnapshotPrices(), notice: null, requests: 0 });
  const wanted = wantedPrices(inventory, pools);
  if (wanted.regions.length === 0) return Promise.resolve({ table: getSnapshotPrices(), notice: null, requests: 0 });
  const now = options.nowMs ?? Date.now();
  const key = `${settings.retailPricesUrl}|${wanted.regions.join(',')}|${wanted.skus.join(',')}`;
  const cache = prices();
  const cached = cache.last;
  if (cached?.key === key && cached.expiry.until > now) return cached.value.then((v) => ({ ...v, requests: 0 }));
  const expiry = { until: now + settings.pricesHours * 3_600_000 };
  const value = fetchRetailPrices({ endpoint: settings.retailPricesUrl, ca: options.ca }, wanted).then(
    (answer): LoadedPrices => ({ table: parseRetailPrices(answer.body, new Date(now).toISOString().slice(0, 10), 'retail-api'), notice: null, requests: answer.requests }),
    (error: unknown): LoadedPrices => {
      expiry.until = now + RETRY_AFTER_FAILURE_MS;
      const message = error instanceof Error ? error.message : String(error);
      return {
        table: getSnapshotPrices(),
        notice: { queryId: 'azure.retail-prices', panel: 'Node prices', severity: 'warning', source: 'Azure Retail Prices', message: `${message}; prices come from the snapshot of ${SNAPSHOT_DATE} instead` },
        requests: 0,
      };
    },
  );
  cache.last = { key, expiry, value };
  return value;
}

/** Test support: forget the price list fetched last. */
export function forgetPrices(): void {
  prices().last = null;
}
