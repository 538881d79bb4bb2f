import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { getDemoFleet } from '@/lib/demo/fleet';
import type { PanelData } from '@/lib/fleet/cluster/panels';
import { getConfig } from '@/lib/server/config';
import { GET } from './route';

/** The panel route in demo mode without sign-in, as the e2e server runs it. */

const { seed, clusters } = getConfig().demo;
const cluster = getDemoFleet(seed, clusters).clusters[0]?.name as string;

async function get(name: string, id: string, query = ''): Promise<{ status: number; body: unknown }> {
  const res = await GET(
    new NextRequest(`http://localhost/api/clusters/${encodeURIComponent(name)}/panels/${id}${query}`),
    { params: Promise.resolve({ cluster: name, id }) },
  );
  return { status: res.status, body: await res.json() };
}

describe('GET /api/clusters/{cluster}/panels/{id}', () => {
  it('answers one panel as the page renders it', async () => {
    const { status, body } = await get(cluster, 'node-cpu', '?from=now-6h');
    expect(status).toBe(200);
    const data = body as PanelData;
    expect(data).toMatchObject({ id: 'node-cpu', page: 'nodes', view: { kind: 'timeseries', unit: 'percent' } });
    expect(data.executed[0]?.time).toMatchObject({ kind: 'range' });
    const time = data.executed[0]?.time;
    expect(time?.kind === 'range' && time.end - time.start).toBe(6 * 3600);
  });

  it('answers 404 for a panel or a cluster that does not exist, in the one error shape', async () => {
    expect(await get(cluster, 'no-such-panel')).toMatchObject({
      status: 404,
      body: { error: { status: 404, message: expect.stringContaining('no-such-panel') } },
    });
    expect(await get('no-such-cluster', 'node-cpu')).toMatchObject({ status: 404, body: { error: { status: 404 } } });
  });

  it('answers 400 for a bad or unknown view parameter', async () => {
    expect(await get(cluster, 'node-cpu', '?from=yesterday')).toMatchObject({
      status: 400,
      body: { error: { params: [{ param: 'from' }] } },
    });
    expect(await get(cluster, 'node-cpu', `?node=${encodeURIComponent('x"} or 1')}`)).toMatchObject({ status: 400 });
    expect(await get(cluster, 'node-cpu', '?unknown=1')).toMatchObject({
      status: 400,
      body: { error: { params: [{ param: 'unknown' }] } },
    });
  });
});
