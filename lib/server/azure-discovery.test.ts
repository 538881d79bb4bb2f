import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { azure as az, fleet as q } from '../catalog';
import { demoPrometheusLinks, demoWorkspaces } from '../demo/azure-workspaces';
import { getDemoFleet } from '../demo/fleet';
import { localAzureConfig, localCredential, LOCAL_TENANT, startDemoCloud } from '../testing/azure/fixtures';
import type { LocalCloud } from '../testing/azure/local-cloud';
import { createQueryRunner } from '../sources/runner';
import { createAzureBackends } from './azure-backends';
import type { AzureConfig } from './azure-config';
import { ConfigError, readConfig } from './config';

const fleet = getDemoFleet('fleetwatch', 300);
const instant = { kind: 'instant', at: 1_764_000_000 } as const;
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startDemoCloud(fleet, { now: () => instant.at });
});
afterAll(() => cloud.close());
afterEach(() => cloud.reset());

const azureConfig = (extra: Partial<AzureConfig> = {}): AzureConfig => localAzureConfig(cloud, extra);

function backends(extra: Partial<AzureConfig> = {}) {
  return createAzureBackends(azureConfig(extra), { credential: localCredential(cloud), ca: cloud.ca });
}

const count = (service: 'arg' | 'logs') => cloud.requests.filter((r) => r.service === service).length;

describe('Azure discovery over Resource Graph', () => {
  it('finds every cluster, the workspace it reports to and its managed-Prometheus endpoint, with six queries', async () => {
    const { discovery } = backends();
    const found = await discovery.get();
    expect(found.clusters).toHaveLength(300);
    expect(found.workspaceIds).toEqual(
      demoWorkspaces(fleet)
        .map((w) => w.customerId)
        .sort(),
    );
    for (const c of fleet.clusters) {
      const d = found.clusters.find((x) => x.id === c.id);
      const ws = demoWorkspaces(fleet).find((w) => w.clusters.includes(c));
      expect(d?.workspaceId ?? null).toBe(ws?.customerId ?? null);
      const link = demoPrometheusLinks(fleet).find((l) => l.cluster === c);
      expect(d?.prometheusQueryEndpoints).toEqual(link ? [link.account.prometheusQueryEndpoint] : []);
    }
    expect(found.prometheusQueryEndpoints.length).toBeGreaterThan(1);
    expect(found.notices).toEqual([]);
    expect(count('arg')).toBe(6);
    // Cached: a second look costs nothing.
    await discovery.get();
    expect(count('arg')).toBe(6);
  });

  it('does not cache a failed discovery', async () => {
    const { discovery } = backends();
    cloud.fault(
      'arg',
      { kind: 'status', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no access' } } },
      1,
    );
    // The six discovery queries run in parallel; whichever got the 403, retry until the inventory is the one.
    let failed = false;
    for (let i = 0; i < 6 && !failed; i++) {
      try {
        await discovery.get();
        cloud.fault(
          'arg',
          { kind: 'status', status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no access' } } },
          1,
        );
      } catch (error) {
        failed = true;
        expect(String(error)).toContain('discovery could not list clusters');
      }
    }
    expect(failed).toBe(true);
    cloud.reset();
    expect((await discovery.get()).clusters).toHaveLength(300);
  });

  it('sends fleet-wide Log Analytics questions to each discovered workspace once, plus configured ones', async () => {
    const extra = '0f0f0f0f-0000-4000-8000-000000000000';
    const { arg, logs } = backends({ workspaceIds: [] });
    const runner = createQueryRunner({ arg, logs, prom: null });
    const outcome = await runner.run(q.lastUpgradeByCluster, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(count('logs')).toBe(demoWorkspaces(fleet).length);
    expect(outcome.rows.length).toBeGreaterThan(10);

    cloud.reset();
    const withExtra = backends({ workspaceIds: [extra] });
    const partly = await createQueryRunner({ arg: withExtra.arg, logs: withExtra.logs, prom: null }).run(
      q.lastUpgradeByCluster,
      {},
      instant,
    );
    // The extra workspace does not exist on this server: its 404 is a notice, the rest answer.
    expect(partly.ok).toBe(true);
    expect(partly.notices).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining(extra) }),
    ]);
  });

  it('sends a question about some clusters only to their workspaces', async () => {
    const ws = demoWorkspaces(fleet)[0];
    const cluster = ws?.clusters[0];
    if (!ws || !cluster) throw new Error('fixture: no workspace');
    const { arg, logs } = backends();
    const runner = createQueryRunner({ arg, logs, prom: null });
    const outcome = await runner.run(az.nodeStateByCluster, { clusterIds: [cluster.id] }, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.rows.map((r) => r.ClusterId)).toEqual(cluster.nodes.length ? [cluster.id.toLowerCase()] : []);
    expect(cloud.requests.filter((r) => r.service === 'logs').map((r) => r.workspaces)).toEqual([[ws.customerId]]);
  });

  it('the discovered Prometheus backend says so when no cluster sends to an Azure Monitor workspace', async () => {
    const empty = getDemoFleet('fleetwatch', 0);
    const other = await startDemoCloud(empty);
    try {
      const b = createAzureBackends(
        {
          ...azureConfig(),
          resourceManagerEndpoint: other.url,
          logAnalyticsEndpoint: other.url,
          authorityHost: other.url,
        },
        { credential: localCredential(other), ca: other.ca },
      );
      const outcome = await createQueryRunner({ arg: null, logs: null, prom: b.prom }).run(
        q.nodeReadiness,
        { clusterLabel: 'cluster' },
        instant,
      );
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.failure).toBe('not-configured');
    } finally {
      await other.close();
    }
  });
});

describe('Azure configuration', () => {
  const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

  it('stays in demo mode without a tenant', () => {
    expect(readConfig(env({})).azure).toBeNull();
    expect(readConfig(env({})).mode).toBe('demo');
    expect(readConfig(env({ AZURE_TENANT_ID: LOCAL_TENANT })).azure).toMatchObject({
      workspacesPerRequest: 10,
      subscriptionIds: [],
      discoverySeconds: 300,
    });
  });

  it('switches to live mode with AZURE_TENANT_ID and reads the rest', () => {
    const config = readConfig(
      env({
        AZURE_TENANT_ID: LOCAL_TENANT,
        AZURE_SUBSCRIPTION_IDS: '11111111-1111-4111-8111-111111111111, 22222222-2222-4222-8222-222222222222',
        AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.usgovcloudapi.net/',
        AZURE_LOG_ANALYTICS_WORKSPACES_PER_REQUEST: '25',
      }),
    );
    expect(config.mode).toBe('live');
    expect(config.azure).toMatchObject({
      tenantId: LOCAL_TENANT,
      subscriptionIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
      resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
      logAnalyticsEndpoint: 'https://api.loganalytics.io',
      workspacesPerRequest: 25,
      disableInstanceDiscovery: false,
    });
  });

  it('rejects bad values with the variable name', () => {
    expect(() => readConfig(env({ AZURE_TENANT_ID: 'contoso' }))).toThrow(ConfigError);
    expect(() => readConfig(env({ AZURE_TENANT_ID: LOCAL_TENANT, AZURE_SUBSCRIPTION_IDS: 'prod' }))).toThrow(
      /AZURE_SUBSCRIPTION_IDS/,
    );
    expect(() =>
      readConfig(env({ AZURE_TENANT_ID: LOCAL_TENANT, AZURE_LOG_ANALYTICS_ENDPOINT: 'http://insecure' })),
    ).toThrow(/AZURE_LOG_ANALYTICS_ENDPOINT/);
  });
});
