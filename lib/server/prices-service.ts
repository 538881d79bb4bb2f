import 'server-only';
import type { ClusterInventoryRow } from '../catalog/queries/fleet/inventory';
import type { CostNodePoolRow } from '../catalog/queries/cost';
import { getSnapshotPrices, priceTable, SNAPSHOT_DATE, type PriceTable } from '../fleet/prices';
import type { PanelNotice } from '../fleet/types';
import { VM_SIZES } from '../fleet/vm-sizes';
import { SOURCE_NAMES } from '../catalog/sources';
import { isVmSizeName, vmRetailPrices, type RetailPriceItem } from '../catalog/queries/rest';
import { createRetailPricesBackend } from '../sources/azure/retail-prices';
import { createQueryRunner, type QueryOutcome, type QueryRunner } from '../sources/runner';
import type { AppConfig } from './config';
import { processShared } from './cache';
import { getInsightsConfig, type InsightsConfig } from './insights-config';

export interface LoadedPrices {
  table: PriceTable;
  /** Why the snapshot stands in for live prices, when it does. */
  notice: PanelNotice | null;
  /** Filters this load asked the Retail Prices API for (0 when all were in memory, or the snapshot serves). */
  requests: number;
}

/** A failed fetch is not retried on every page view. */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;
/** VM sizes per filter: a longer `or` list makes a URL some proxies refuse. */
const SKUS_PER_FILTER = 15;
/** Filters kept: every region of a large fleet with room to spare; the oldest goes first. */
const MAX_FILTERS = 500;

interface CachedFilter {
  until: number;
  askedAt: number;
  outcome: Promise<QueryOutcome<RetailPriceItem>>;
}

/**
 * One price list per process, kept per filter (region × sizes), whichever page or route asked
 * first: the fleet's cost view and a cluster's cost panel share the regions they have in common.
 */
const cache = (): Map<string, CachedFilter> =>
  processShared('prices.retail.filters', () => new Map<string, CachedFilter>());

/** The Retail Prices backend for an endpoint: public prices, so one per process for everyone. */
function pricesRunner(endpoint: string, ca: string | undefined): QueryRunner {
  return processShared(`prices.runner.${endpoint}|${ca ?? ''}`, () =>
    createQueryRunner({ arg: null, logs: null, prom: null, prices: createRetailPricesBackend({ endpoint, ca }) }),
  );
}

export function usesRetailApi(config: AppConfig, settings: InsightsConfig): boolean {
  return (
    settings.prices === 'retail' || (settings.prices === 'auto' && config.mode === 'live' && config.azure !== null)
  );
}

/** What to ask for: every size the advice compares (and the pools' own) in every AKS region of the fleet. */
export function wantedPrices(
  inventory: readonly ClusterInventoryRow[],
  pools: readonly CostNodePoolRow[] | null,
): { regions: string[]; skus: string[] } {
  const regions = [
    ...new Set(inventory.filter((c) => c.clusterKind === 'aks').map((c) => c.location.toLowerCase())),
  ].sort();
  const skus = new Set([...VM_SIZES.values()].map((s) => s.name));
  for (const c of inventory) for (const p of c.nodePools) if (p.vmSize) skus.add(p.vmSize);
  for (const p of pools ?? []) if (/^Standard_/i.test(p.InstanceType)) skus.add(p.InstanceType);
  return { regions, skus: [...skus].filter(isVmSizeName).sort() };
}

/**
 * Node prices for the cost views: the Retail Prices API in Azure mode (kept for
 * FLEETWATCH_PRICES_HOURS, shared by every user: prices are public), the snapshot in the
 * demo. If any filter cannot be read, the snapshot stands in (a half price list is never
 * used) and the notice says so.
 */
export async function loadPrices(
  config: AppConfig,
  inventory: readonly ClusterInventoryRow[],
  pools: readonly CostNodePoolRow[] | null,
  options: { nowMs?: number; ca?: string; settings?: InsightsConfig } = {},
): Promise<LoadedPrices> {
  const settings = options.settings ?? getInsightsConfig();
  if (!usesRetailApi(config, settings)) return { table: getSnapshotPrices(), notice: null, requests: 0 };
  const wanted = wantedPrices(inventory, pools);
  if (wanted.regions.length === 0) return { table: getSnapshotPrices(), notice: null, requests: 0 };
  const now = options.nowMs ?? Date.now();
  const runner = pricesRunner(settings.retailPricesUrl, options.ca);
  const filters = cache();
  let requests = 0;
  const asks = wanted.regions.flatMap((region) =>
    Array.from({ length: Math.ceil(wanted.skus.length / SKUS_PER_FILTER) }, (_, i) => ({
      region,
      skus: wanted.skus.slice(i * SKUS_PER_FILTER, (i + 1) * SKUS_PER_FILTER),
    })),
  );
  const answers = await Promise.all(
    asks.map((params) => {
      const key = `${settings.retailPricesUrl}|${params.region}|${params.skus.join(',')}`;
      const hit = filters.get(key);
      if (hit && hit.until > now) return hit;
      requests++;
      // Shared with every caller until it expires: no one caller's AbortSignal may cancel it.
      const entry: CachedFilter = {
        until: now + settings.pricesHours * 3_600_000,
        askedAt: now,
        outcome: runner.run(vmRetailPrices, params, { kind: 'instant', at: now / 1000 }),
      };
      void entry.outcome.then((o) => {
        if (!o.ok) entry.until = now + RETRY_AFTER_FAILURE_MS;
      });
      filters.delete(key);
      filters.set(key, entry);
      for (const old of filters.keys()) {
        if (filters.size <= MAX_FILTERS) break;
        filters.delete(old);
      }
      return entry;
    }),
  );
  const outcomes = await Promise.all(answers.map((a) => a.outcome));
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) {
    return {
      table: getSnapshotPrices(),
      notice: {
        queryId: vmRetailPrices.id,
        panel: 'Node prices',
        severity: 'warning',
        source: SOURCE_NAMES.prices,
        message: `${failed.error.message}; prices come from the snapshot of ${SNAPSHOT_DATE} instead`,
        failure: failed.error.failure,
      },
      requests,
    };
  }
  const items = outcomes.flatMap((o) => (o.ok ? o.rows : []));
  const askedAt = Math.min(...answers.map((a) => a.askedAt));
  return {
    table: priceTable(
      items,
      items[0]?.currencyCode ?? 'USD',
      new Date(askedAt).toISOString().slice(0, 10),
      'retail-api',
    ),
    notice: null,
    requests,
  };
}

/** Test support: forget the prices fetched so far. */
export function forgetPrices(): void {
  cache().clear();
}
