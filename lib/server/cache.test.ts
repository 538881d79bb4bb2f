import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetProcessShared, processSharedNames } from '../process-shared';

/**
 * Next.js evaluates route handlers and pages in separate module graphs. vi.resetModules()
 * gives the same situation: a second, fresh copy of every module in one process. The
 * caches must be the same objects in both copies.
 */

type FleetService = typeof import('./fleet-service');
type Access = typeof import('./access');

async function freshGraph(): Promise<{ fleet: FleetService; access: Access }> {
  vi.resetModules();
  return { fleet: await import('./fleet-service'), access: await import('./access') };
}

afterEach(() => forgetProcessShared());

describe('process-wide caches', () => {
  it('a second module graph gets the same access and the same cached overview, not a second run', async () => {
    const page = await freshGraph();
    const route = await freshGraph();
    expect(route.access).not.toBe(page.access);
    const pageAccess = page.access.dataAccess(null);
    expect(route.access.dataAccess(null)).toBe(pageAccess);
    const now = Date.now();
    const first = await page.fleet.loadFleetOverview(pageAccess, now);
    const second = await route.fleet.loadFleetOverview(route.access.dataAccess(null), now);
    expect(second).toBe(first);
    expect(processSharedNames()).toEqual(expect.arrayContaining(['server.access', 'ttl-cache.fleet.overview']));
  });

  it('without the shared registry each graph would run its own overview (the defect this guards)', async () => {
    const page = await freshGraph();
    const now = Date.now();
    const first = await page.fleet.loadFleetOverview(page.access.dataAccess(null), now);
    forgetProcessShared();
    const route = await freshGraph();
    expect(await route.fleet.loadFleetOverview(route.access.dataAccess(null), now)).not.toBe(first);
  });

  it('a changed cache period starts an empty cache', async () => {
    const { sharedTtlCache } = await import('./cache');
    const a = sharedTtlCache<number>('test', 1000);
    expect(sharedTtlCache<number>('test', 1000)).toBe(a);
    expect(sharedTtlCache<number>('test', 2000)).not.toBe(a);
  });
});
