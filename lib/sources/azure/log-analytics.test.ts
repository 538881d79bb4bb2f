import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientSecretCredential } from '@azure/identity';
import { fleet as q } from '../../catalog';
import { logsResponseSchema } from '../../catalog/wire';
import { answerDemoQuery } from '../../demo/answers';
import { containerLogV2 } from '../../demo/azure-tables';
import { demoWorkspaces, subFleet } from '../../demo/azure-workspaces';
import { getDemoFleet } from '../../demo/fleet';
import {
  LOCAL_CLIENT_ID,
  LOCAL_CLIENT_SECRET,
  LOCAL_TENANT,
  localCredential,
  startDemoCloud,
} from '../../testing/azure/fixtures';
import { startLocalCloud, type LocalCloud } from '../../testing/azure/local-cloud';
import { createQueryRunner } from '../runner';
import { createLogAnalyticsBackend, mergeTables, tableToWire, type LogAnalyticsBackendOptions } from './log-analytics';

const fleet = getDemoFleet('fleetwatch', 300);
const workspaces = demoWorkspaces(fleet);
const workspaceIds = workspaces.map((w) => w.customerId);
const instant = { kind: 'instant', at: 1_764_000_000 } as const;

let cloud: LocalCloud;
let credential: ClientSecretCredential;

beforeAll(async () => {
  cloud = await startDemoCloud(fleet, { now: () => instant.at });
});
afterAll(() => cloud.close());
beforeEach(() => {
  credential = localCredential(cloud);
});
afterEach(() => cloud.reset());

function runnerWith(extra: Partial<LogAnalyticsBackendOptions> = {}) {
  const logs = createLogAnalyticsBackend({
    endpoint: cloud.url,
    credential,
    workspaces: () => workspaceIds,
    workspacesPerRequest: 1,
    clientOptions: { tlsOptions: { ca: cloud.ca } },
    retry: { baseDelayMs: 20 },
    ...extra,
  });
  return createQueryRunner({ arg: null, logs, prom: null });
}

const logsRequests = () => cloud.requests.filter((r) => r.service === 'logs');

/** What the demo fleet says, for the clusters that report to some workspace. */
function expectedLastUpgrades() {
  const clusters = workspaces.flatMap((w) => w.clusters);
  const wire = answerDemoQuery(subFleet(fleet, clusters), {
    query: q.lastUpgradeByCluster,
    params: {},
    text: '',
    time: instant,
    timespan: 'P90D',
  } as Parameters<typeof answerDemoQuery>[1]);
  return q.lastUpgradeByCluster.parse(wire, {});
}

const byId = <T extends { ResourceId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.ResourceId.localeCompare(b.ResourceId));

describe('Log Analytics backend over HTTPS with the real SDK', () => {
  it('asks each workspace once and unions the answers (datetime back to ISO strings)', async () => {
    expect(workspaces.length).toBeGreaterThan(3);
    const outcome = await runnerWith().run(q.lastUpgradeByCluster, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const expected = expectedLastUpgrades();
    expect(expected.length).toBeGreaterThan(20);
    // The SDK's Date has millisecond precision; the demo's timestamps are whole seconds.
    expect(byId(outcome.rows)).toEqual(byId(expected));
    expect(logsRequests()).toHaveLength(workspaces.length);
    expect(new Set(logsRequests().map((r) => r.workspaces?.[0]))).toEqual(new Set(workspaceIds));
    for (const r of logsRequests()) {
      expect(r.timespan).toBe(`P90D/${new Date(instant.at * 1000).toISOString()}`);
      expect(r.prefer).toBe('wait=60');
    }
  });

  it('asks many workspaces in one cross-workspace request when configured to', async () => {
    const outcome = await runnerWith({ workspacesPerRequest: 100 }).run(q.lastUpgradeByCluster, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(byId(outcome.rows)).toEqual(byId(expectedLastUpgrades()));
    expect(logsRequests()).toHaveLength(1);
    expect(logsRequests()[0]?.workspaces).toEqual(workspaceIds);
  });

  it('asks the workspaces of a refused cross-workspace request one by one, so only the broken one is lost', async () => {
    const refused = {
      kind: 'status',
      status: 403,
      body: {
        error: {
          code: 'InsufficientAccessError',
          message: 'The provided credentials have insufficient access to perform the requested operation',
        },
      },
    } as const;
    // The group request and then the first workspace on its own are refused; the others answer.
    cloud.fault('logs', refused, 2);
    const outcome = await runnerWith({ workspacesPerRequest: 100, concurrency: 1 }).run(
      q.lastUpgradeByCluster,
      {},
      instant,
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    const lost = new Set(workspaces[0]?.clusters.map((c) => c.id.toLowerCase()));
    expect(byId(outcome.rows)).toEqual(byId(expectedLastUpgrades().filter((r) => !lost.has(r.ResourceId))));
    expect(logsRequests().map((r) => r.workspaces?.length)).toEqual([workspaces.length, ...workspaces.map(() => 1)]);
    expect(outcome.notices).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('insufficient access') }),
    ]);
  });

  it('does not split a throttled cross-workspace request', async () => {
    cloud.fault('logs', {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '600' },
      body: { error: { code: 'TooManyRequests', message: 'slow down' } },
    });
    const outcome = await runnerWith({ workspacesPerRequest: 100 }).run(q.lastUpgradeByCluster, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.failure).toBe('throttled');
    expect(logsRequests()).toHaveLength(1);
  });

  it('turns a PartialError into rows and a notice', async () => {
    cloud.fault('logs', { kind: 'partial' });
    const outcome = await runnerWith({ concurrency: 1 }).run(q.lastUpgradeByCluster, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(byId(outcome.rows)).toEqual(byId(expectedLastUpgrades()));
    expect(outcome.notices).toEqual([
      expect.objectContaining({
        severity: 'warning',
        source: 'logs',
        message: expect.stringContaining(`partial result for workspace ${workspaceIds[0]}`),
      }),
    ]);
  });

  it('retries a 500 and then succeeds', async () => {
    cloud.fault('logs', { kind: 'status', status: 500 });
    const outcome = await runnerWith({ concurrency: 1 }).run(q.lastUpgradeByCluster, {}, instant);
    expect(outcome.ok).toBe(true);
    expect(logsRequests().map((r) => r.status)).toEqual([500, ...workspaceIds.map(() => 200)]);
  });

  it('a workspace that keeps failing costs its rows and says so; the others answer', async () => {
    cloud.fault('logs', { kind: 'status', status: 503 }, 3);
    const outcome = await runnerWith({ concurrency: 1 }).run(q.lastUpgradeByCluster, {}, instant);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const lost = new Set(workspaces[0]?.clusters.map((c) => c.id.toLowerCase()));
    expect(byId(outcome.rows)).toEqual(byId(expectedLastUpgrades().filter((r) => !lost.has(r.ResourceId))));
    expect(outcome.notices).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining(`workspace ${workspaceIds[0]}`) }),
    ]);
  });

  it('every workspace failing is the panel error', async () => {
    cloud.fault('logs', { kind: 'status', status: 500 }, 3 * workspaces.length);
    const outcome = await runnerWith().run(q.lastUpgradeByCluster, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ source: 'logs', failure: 'server-error', status: 500 });
  });

  it('reports malformed JSON as a bad response', async () => {
    cloud.fault('logs', { kind: 'malformed' });
    const outcome = await runnerWith({ workspaces: () => workspaceIds.slice(0, 1) }).run(
      q.lastUpgradeByCluster,
      {},
      instant,
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.failure).toBe('bad-response');
  });

  it('times out a response slower than its deadline', async () => {
    cloud.fault('logs', { kind: 'delay', ms: 2000 });
    const started = Date.now();
    const outcome = await runnerWith({ workspaces: () => workspaceIds.slice(0, 1), timeoutMs: 400 }).run(
      q.lastUpgradeByCluster,
      {},
      instant,
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ failure: 'timeout' });
  });

  it('reports an expired token as unauthorized', async () => {
    const runner = runnerWith({ workspaces: () => workspaceIds.slice(0, 1) });
    expect((await runner.run(q.lastUpgradeByCluster, {}, instant)).ok).toBe(true);
    cloud.expireTokens();
    const outcome = await runner.run(q.lastUpgradeByCluster, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ failure: 'unauthorized', status: 401 });
  });

  it('reports a query the service rejects as a bad query with its message', async () => {
    cloud.fault('logs', {
      kind: 'status',
      status: 400,
      body: {
        error: {
          code: 'BadArgumentError',
          message: 'The request had some invalid properties',
          details: [{ code: 'SemanticError', message: "Failed to resolve table 'AzureActivity'" }],
        },
      },
    });
    const outcome = await runnerWith({ workspaces: () => workspaceIds.slice(0, 1) }).run(
      q.lastUpgradeByCluster,
      {},
      instant,
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatchObject({ failure: 'bad-query', status: 400 });
      expect(outcome.error.message).toContain("Failed to resolve table 'AzureActivity'");
    }
  });

  it('says when there is no workspace to ask', async () => {
    const outcome = await runnerWith({ workspaces: () => [] }).run(q.lastUpgradeByCluster, {}, instant);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.failure).toBe('not-configured');
    expect(logsRequests()).toHaveLength(0);
  });
});

describe('tableToWire and mergeTables', () => {
  it('turns the SDK types back into the wire: Date → ISO string, parsed dynamic kept, non-finite reals', () => {
    const wire = tableToWire({
      name: 'PrimaryResult',
      columnDescriptors: [
        { name: 'TimeGenerated', type: 'datetime' },
        { name: 'Labels', type: 'dynamic' },
        { name: 'Count', type: 'long' },
        { name: 'Ratio', type: 'real' },
        { name: 'Bad', type: 'datetime' },
      ],
      rows: [[new Date('2026-11-20T10:00:00Z'), { app: 'web' }, 3, 'NaN', new Date('nope')]],
    });
    expect(logsResponseSchema.parse({ tables: [wire] }).tables[0]?.rows).toEqual([
      ['2026-11-20T10:00:00.000Z', { app: 'web' }, 3, Number.NaN, null],
    ]);
  });

  it('aligns columns by name when workspaces answer with different columns', () => {
    const merged = mergeTables([
      {
        name: 'PrimaryResult',
        columns: [
          { name: 'a', type: 'string' },
          { name: 'b', type: 'long' },
        ],
        rows: [['x', 1]],
      },
      {
        name: 'PrimaryResult',
        columns: [
          { name: 'b', type: 'long' },
          { name: 'c', type: 'string' },
        ],
        rows: [[2, 'y']],
      },
    ]);
    expect(merged.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(merged.rows).toEqual([
      ['x', 1, null],
      [null, 2, 'y'],
    ]);
  });
});

describe('typed columns over HTTPS', () => {
  it('the SDK parses datetime and dynamic cells; the backend hands back ISO strings and JSON values', async () => {
    const monitored = fleet.clusters.filter((c) => c.monitoring.containerInsights);
    const table = containerLogV2(monitored, instant.at);
    const [first] = demoWorkspaces(fleet);
    if (!first) throw new Error('fixture: no workspace');
    const local = await startLocalCloud({
      tenantId: LOCAL_TENANT,
      clientId: LOCAL_CLIENT_ID,
      clientSecret: LOCAL_CLIENT_SECRET,
      answers: {
        // The service sends dynamic values as JSON text and datetimes with 7 fractional digits.
        logs: () => ({
          tables: [
            {
              name: 'PrimaryResult',
              columns: table.columns,
              rows: table.rows.map((r) => [String(r[0]).replace('.000Z', '.1234567Z'), ...r.slice(1)]),
            },
          ],
        }),
        arg: () => ({ totalRecords: 0, count: 0, resultTruncated: 'false', data: [] }),
        knowsWorkspace: () => true,
      },
    });
    try {
      const backend = createLogAnalyticsBackend({
        endpoint: local.url,
        credential: localCredential(local),
        workspaces: () => [first.customerId],
        clientOptions: { tlsOptions: { ca: local.ca } },
      });
      const result = await backend.run({
        query: q.upgradeStatus,
        params: {},
        text: 'ContainerLogV2 | take 100',
        time: instant,
        timespan: 'PT1H',
      } as Parameters<typeof backend.run>[0]);
      const [wire] = logsResponseSchema.parse(result.wire).tables;
      const col = (name: string) => wire?.columns.findIndex((c) => c.name === name) ?? -1;
      const row = wire?.rows[0] ?? [];
      expect(wire?.rows).toHaveLength(table.rows.length);
      expect(row[col('TimeGenerated')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.123Z$/);
      expect(row[col('LogMessage')]).toMatchObject({ level: 'error', attempt: 1 });
      expect(row[col('KubernetesMetadata')]).toMatchObject({ image: expect.stringContaining(':1.4.0') });
      expect(typeof row[col('PodName')]).toBe('string');
    } finally {
      await local.close();
    }
  });
});
