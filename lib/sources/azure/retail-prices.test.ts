import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fleet as fq, rest } from '../../catalog';
import { getSnapshotPrices, parseRetailPrices } from '../../fleet/prices';
import { VM_SIZES } from '../../fleet/vm-sizes';
import { forgetPrices, loadPrices, wantedPrices } from '../../server/prices-service';
import { readConfig } from '../../server/config';
import { readInsightsConfig } from '../../server/insights-config';
import { startRetailPricesServer, type RetailPricesServer } from '../../testing/azure/retail-prices-server';
import { createDemoBackend } from '../demo-backend';
import { createQueryRunner } from '../runner';
import { odataString, retailPricesFilter } from '../../catalog/queries/rest';
import { createRetailPricesBackend } from './retail-prices';

/** The Retail Prices client and the price service against a local HTTPS server that speaks the API. */

let server: RetailPricesServer;
const skus = [...VM_SIZES.values()].map((s) => s.name);

beforeAll(async () => {
  // Live prices 10 % above the snapshot, in pages of 7 so paging is exercised.
  server = await startRetailPricesServer({ factor: 1.1, pageSize: 7 });
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
  server.clearFaults();
  forgetPrices();
});

const runnerOf = (o: { timeoutMs?: number } = {}) =>
  createQueryRunner({
    arg: null,
    logs: null,
    prom: null,
    prices: createRetailPricesBackend({ endpoint: server.url, ca: server.ca, ...o }),
  });
const at = { kind: 'instant', at: 1_795_000_000 } as const;

describe('Azure Retail Prices as a catalog query', () => {
  it('asks one filter per region and chunk of sizes, follows NextPageLink, and returns the live prices', async () => {
    const runner = runnerOf();
    const asks = ['eastus', 'westeurope'].flatMap((region) =>
      Array.from({ length: Math.ceil(skus.length / 15) }, (_, i) => ({
        region,
        skus: skus.slice(i * 15, i * 15 + 15),
      })),
    );
    const outcomes = await Promise.all(asks.map((p) => runner.run(rest.vmRetailPrices, p, at)));
    expect(outcomes.flatMap((o) => (o.ok ? [] : [o.error.message]))).toEqual([]);
    expect(new Set(server.requests.map((r) => r.filter)).size).toBe(asks.length);
    expect(server.requests.some((r) => r.skip > 0)).toBe(true);
    expect(outcomes[0]?.executed).toMatchObject({
      kind: 'prices',
      text: retailPricesFilter('eastus', skus.slice(0, 15)),
    });
    const items = outcomes.flatMap((o) => (o.ok ? o.rows : []));
    const live = parseRetailPrices(
      { BillingCurrency: 'USD', Items: items, NextPageLink: null },
      '2026-11-24',
      'retail-api',
    );
    const snap = getSnapshotPrices();
    const key = 'standard_d4s_v5|eastus';
    expect(live.hourly.get(key)).toBeCloseTo((snap.hourly.get(key) ?? NaN) * 1.1, 6);
    // Every price of those regions in the snapshot came back, none twice.
    const expected = [...snap.hourly.keys()].filter((k) => k.endsWith('|eastus') || k.endsWith('|westeurope'));
    expect([...live.hourly.keys()].sort()).toEqual(expected.sort());
  });

  it('quotes every value as an OData literal, and refuses a value that is no size before asking', async () => {
    const hostile = "Standard_D4s_v5') or (armSkuName ne 'x";
    expect(odataString(hostile)).toBe("'Standard_D4s_v5'') or (armSkuName ne ''x'");
    expect(retailPricesFilter('eastus', [hostile])).toContain(`armSkuName eq ${odataString(hostile)}`);
    const out = await runnerOf().run(rest.vmRetailPrices, { region: 'eastus', skus: [hostile] }, at);
    expect(out).toMatchObject({ ok: false, error: { failure: 'bad-query' } });
    expect(server.requests).toHaveLength(0);
    // The price service leaves such a size out rather than failing the list.
    expect(
      wantedPrices(
        [],
        [
          {
            ClusterId: 'x',
            Pool: 'p',
            InstanceType: hostile,
            Nodes: 1,
            CpuCores: null,
            MemoryGiB: null,
            NodesWithCapacity: 0,
          },
        ],
      ).skus,
    ).not.toContain(hostile);
  });

  it('fails as a whole, named Azure Retail Prices, on a server error, a body that is not JSON, a next page on another host, or a timeout', async () => {
    // One filter with more items than a page, so the first answer has a next page.
    const ask = async (timeoutMs = 5000) => {
      const o = await runnerOf({ timeoutMs }).run(
        rest.vmRetailPrices,
        { region: 'eastus', skus: skus.slice(0, 15) },
        at,
      );
      expect(o.ok || o.error.source).toBe('prices');
      return o.ok ? null : o.error.failure;
    };
    server.fault({ kind: 'status', status: 503 });
    expect(await ask()).toBe('server-error');
    server.fault({ kind: 'malformed' });
    expect(await ask()).toBe('bad-response');
    server.fault({ kind: 'foreign-next' });
    expect(await ask()).toBe('bad-response');
    server.fault({ kind: 'delay', ms: 1500 });
    expect(await ask(300)).toBe('timeout');
  });
});

describe('price service', () => {
  const azureMode = readConfig({ AZURE_TENANT_ID: '72f988bf-0000-4000-8000-00000000f1ee' });
  const demoMode = readConfig({});
  const settings = () => ({ ...readInsightsConfig({} as NodeJS.ProcessEnv), retailPricesUrl: server.url });
  const inventory = async () => {
    const demo = createDemoBackend({ seed: 'prices-test', clusters: 30 });
    const outcome = await createQueryRunner({ arg: demo, logs: null, prom: null }).run(
      fq.fleetInventory,
      {},
      { kind: 'instant', at: 1_795_000_000 },
    );
    if (!outcome.ok) throw new Error('no inventory');
    return outcome.rows;
  };

  it("uses the live API in Azure mode, once per period, for the fleet's AKS regions", async () => {
    const rows = await inventory();
    const first = await loadPrices(azureMode, rows, null, { ca: server.ca, settings: settings(), nowMs: 0 });
    expect(first.notice).toBeNull();
    expect(first.table.source).toBe('retail-api');
    expect(first.requests).toBeGreaterThan(0);
    const regions = new Set(
      server.requests.flatMap((r) => [...r.filter.matchAll(/armRegionName eq '([^']+)'/g)].map((m) => m[1])),
    );
    expect([...regions].sort()).toEqual(wantedPrices(rows, null).regions);
    const again = await loadPrices(azureMode, rows, null, { ca: server.ca, settings: settings(), nowMs: 60_000 });
    expect(again.requests).toBe(0);
    expect(again.table).toEqual(first.table);
    // After the period the list is asked again.
    const later = await loadPrices(azureMode, rows, null, {
      ca: server.ca,
      settings: settings(),
      nowMs: 25 * 3_600_000,
    });
    expect(later.requests).toBeGreaterThan(0);
  });

  it('falls back to the snapshot with a notice when the API cannot be read, and tries again later', async () => {
    const rows = await inventory();
    server.fault({ kind: 'status', status: 500 }, 50);
    const failed = await loadPrices(azureMode, rows, null, { ca: server.ca, settings: settings(), nowMs: 0 });
    expect(failed.table.source).toBe('snapshot');
    expect(failed.notice).toMatchObject({ severity: 'warning', source: 'Azure Retail Prices' });
    expect(failed.notice?.message).toMatch(/HTTP 500.*snapshot of 2026-10-01/);
    server.clearFaults();
    server.requests.length = 0;
    await loadPrices(azureMode, rows, null, { ca: server.ca, settings: settings(), nowMs: 60_000 });
    expect(server.requests).toHaveLength(0);
    // Five minutes on, the API is asked again and its prices replace the snapshot.
    const recovered = await loadPrices(azureMode, rows, null, {
      ca: server.ca,
      settings: settings(),
      nowMs: 6 * 60_000,
    });
    expect(recovered.table.source).toBe('retail-api');
    expect(recovered.notice).toBeNull();
  });

  it('keeps the snapshot in the demo, or when told to', async () => {
    const rows = await inventory();
    expect((await loadPrices(demoMode, rows, null, { ca: server.ca, settings: settings() })).table.source).toBe(
      'snapshot',
    );
    expect(
      (await loadPrices(azureMode, rows, null, { ca: server.ca, settings: { ...settings(), prices: 'snapshot' } }))
        .table.source,
    ).toBe('snapshot');
    expect(server.requests).toHaveLength(0);
  });
});
