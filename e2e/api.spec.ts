import { expect, test } from '@playwright/test';
import { apiErrorSchema, fleetResponseSchema } from '../lib/api/schemas';

test.describe('JSON API', () => {
  test('GET /api/health answers 200', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  test('GET /api/fleet returns the 40 demo clusters with the documented fields', async ({ request }) => {
    const res = await request.get('/api/fleet');
    expect(res.status()).toBe(200);
    const body = fleetResponseSchema.parse(await res.json());
    expect(Date.parse(body.generatedAt)).not.toBeNaN();
    expect(body.clusters).toHaveLength(40);
    for (const c of body.clusters) {
      expect(c.id).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\//);
      expect(['aks', 'arc']).toContain(c.provider);
      expect(c.kubernetesVersion).toMatch(/^1\.\d+\.\d+$/);
      expect(['healthy', 'warning', 'critical', 'unknown']).toContain(c.health.status);
      if (c.health.status !== 'healthy') expect(c.health.reasons.length).toBeGreaterThan(0);
      expect(c.nodes.total).toBeGreaterThan(0);
      for (const u of [c.cpu.utilization, c.memory.utilization]) {
        if (u === null) continue;
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThanOrEqual(1);
      }
      expect(Object.keys(c.pods).sort()).toEqual(['failed', 'pending', 'running']);
    }
  });

  test('filters, sorts and pages like the page does', async ({ request }) => {
    const all = fleetResponseSchema.parse(await (await request.get('/api/fleet')).json());
    const critical = fleetResponseSchema.parse(
      await (await request.get('/api/fleet?health=critical&sort=name&dir=asc')).json(),
    );
    expect(critical.clusters.map((c) => c.name)).toEqual(
      all.clusters
        .filter((c) => c.health.status === 'critical')
        .map((c) => c.name)
        .sort(),
    );
    const page = fleetResponseSchema.parse(
      await (await request.get('/api/fleet?sort=name&dir=asc&limit=5&offset=5')).json(),
    );
    expect(page.matching).toBe(40);
    expect(page.clusters.map((c) => c.name)).toEqual(
      all.clusters
        .map((c) => c.name)
        .sort()
        .slice(5, 10),
    );
  });

  for (const [query, param] of [
    ['health=sick', 'health'],
    [`q=${'x'.repeat(10_000)}`, 'q'],
    ['limit=ten', 'limit'],
    ['offset=1e3x', 'offset'],
    ['sort=colour', 'sort'],
    ['clusterz=1', 'clusterz'],
  ] as const) {
    test(`answers 400 naming "${param}" for bad input`, async ({ request }) => {
      const res = await request.get(`/api/fleet?${query}`);
      expect(res.status()).toBe(400);
      const body = apiErrorSchema.parse(await res.json());
      expect((body.error.params ?? []).map((p) => p.param)).toContain(param);
      expect(body.error.message).toContain(param);
    });
  }
});
