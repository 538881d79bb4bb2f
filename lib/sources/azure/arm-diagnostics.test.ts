import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDemoFleet } from '../../demo/fleet';
import { createDemoDiagnosticsReader, demoDiagnosticSettingsWire } from '../../demo/onboarding-answers';
import { demoCloudAnswers } from '../../testing/azure/demo-answers';
import { LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, LOCAL_TENANT, localCredential } from '../../testing/azure/fixtures';
import { startLocalCloud, type LocalCloud } from '../../testing/azure/local-cloud';
import { createArmDiagnosticsReader } from './arm-diagnostics';

const fleet = getDemoFleet('fleetwatch', 40);
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({
    tenantId: LOCAL_TENANT,
    clientId: LOCAL_CLIENT_ID,
    clientSecret: LOCAL_CLIENT_SECRET,
    answers: { ...demoCloudAnswers(fleet), diagnosticSettings: (id) => demoDiagnosticSettingsWire(fleet, id) },
  });
});
afterAll(() => cloud.close());
afterEach(() => cloud.reset());

const reader = () => createArmDiagnosticsReader({ endpoint: cloud.url, credential: localCredential(cloud), ca: cloud.ca, concurrency: 4 });
const aks = fleet.clusters.filter((c) => c.provider === 'aks').slice(0, 6);
const sub = `/subscriptions/${aks[0]?.subscriptionId ?? ''}`;

describe('diagnostic settings from Azure Resource Manager over HTTPS', () => {
  it('reads clusters and a subscription, exactly as the demo reads them', async () => {
    const ids = [...aks.map((c) => c.id), sub];
    const [real, demo] = await Promise.all([reader().list(ids), createDemoDiagnosticsReader(fleet).list(ids)]);
    expect([...real.keys()].sort()).toEqual(ids.map((i) => i.toLowerCase()).sort());
    expect(real).toEqual(demo);
    const arm = cloud.requests.filter((r) => r.service === 'arm');
    expect(arm).toHaveLength(ids.length);
    expect(arm.every((r) => r.status === 200 && r.path.endsWith('/providers/Microsoft.Insights/diagnosticSettings'))).toBe(true);
  });

  it('one missing or forbidden resource costs only that resource', async () => {
    cloud.fault('arm', { kind: 'status', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization.' } } });
    const missing = `${aks[0]?.id ?? ''}-gone`;
    const out = await createArmDiagnosticsReader({ endpoint: cloud.url, credential: localCredential(cloud), ca: cloud.ca, concurrency: 1 }).list([aks[1]?.id ?? '', missing, aks[2]?.id ?? '']);
    const first = out.get((aks[1]?.id ?? '').toLowerCase());
    expect(first).toMatchObject({ ok: false, error: { failure: 'forbidden', status: 403 } });
    expect(out.get(missing.toLowerCase())).toMatchObject({ ok: false, error: { status: 404 } });
    expect(out.get((aks[2]?.id ?? '').toLowerCase())?.ok).toBe(true);
  });

  it('waits for Retry-After on a 429, then reads', async () => {
    cloud.fault('arm', { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } });
    const started = Date.now();
    const out = await reader().list([aks[0]?.id ?? '']);
    expect(out.get((aks[0]?.id ?? '').toLowerCase())?.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a credential that cannot sign in marks every resource unauthorized', async () => {
    const out = await createArmDiagnosticsReader({ endpoint: cloud.url, credential: localCredential(cloud, 'wrong-secret'), ca: cloud.ca }).list([sub]);
    expect(out.get(sub.toLowerCase())).toMatchObject({ ok: false, error: { failure: 'unauthorized' } });
  });
});
