import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clusterProm, fleet as q, promInventory } from '../../catalog';
import { detectLabelProfile, PROFILE_DETECTION_QUERY, profileEvidence } from '../../catalog/label-profiles';
import type { PromQuery, QueryRequest, QueryTime } from '../../catalog/types';
import { promVector } from '../../catalog/wire';
import { getFleetOverview } from '../../fleet/overview';
import { SourceError } from '../errors';
import { createQueryRunner } from '../runner';
import { createPrometheusBackend, type PrometheusBackendOptions } from './backend';
import { createPrometheusClient } from './client';
import { freePort } from './testing/local-prometheus';
import { sendJson, startFakePrometheus, type FakeHandler, type FakePrometheus } from './testing/fake-prometheus';

const AT = 1_795_000_000;
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, 'testdata', name), 'utf8'));
const vector = (rows: Array<[Record<string, string>, number]>) => ({
  status: 'success',
  data: { resultType: 'vector', result: rows.map(([metric, v]) => ({ metric, value: [AT, String(v)] })) },
});

let fake: FakePrometheus;
beforeAll(async () => {
  fake = await startFakePrometheus((_, res) => sendJson(res, 200, vector([])));
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.requests.length = 0;
});

function backend(overrides: Partial<PrometheusBackendOptions> = {}) {
  // A fixed label profile: these tests count wire requests, and detection would add one (tested on its own below).
  return createPrometheusBackend({
    urls: [fake.url],
    auth: { kind: 'none' },
    timeoutMs: 2000,
    retryDelayMs: 10,
    labelProfile: 'azure-managed-prometheus',
    ...overrides,
  });
}

function requestFor<P, R>(query: PromQuery<P, R>, time: QueryTime): QueryRequest {
  const params = query.params.parse({ clusterLabel: 'cluster' });
  return { query, params, text: query.build(params), time } as QueryRequest;
}
const request = (time: QueryTime = { kind: 'instant', at: AT }): QueryRequest => requestFor(q.nodeReadiness, time);

async function failureOf(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe('Prometheus backend: the wire', () => {
  it('POSTs the query and time to /api/v1/query and hands back the envelope untouched', async () => {
    const body = vector([[{ cluster: 'a', status: 'true' }, 3]]);
    fake.setHandler((_, res) => sendJson(res, 200, body));
    const r = request();
    const result = await backend().run(r);
    expect(result.wire).toEqual(body);
    expect(result.notices).toEqual([]);
    expect(result.executedText).toBe(r.text);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/query' });
    expect(fake.requests[0]?.params.get('query')).toBe(r.text);
    expect(fake.requests[0]?.params.get('time')).toBe(String(AT));
  });

  it('sends range queries to /api/v1/query_range with start, end and step', async () => {
    fake.setHandler((_, res) => sendJson(res, 200, { status: 'success', data: { resultType: 'matrix', result: [] } }));
    await backend().run(request({ kind: 'range', start: AT - 3600, end: AT, step: 60 }));
    expect(fake.requests[0]?.path).toBe('/api/v1/query_range');
    expect(Object.fromEntries(['start', 'end', 'step'].map((k) => [k, fake.requests[0]?.params.get(k)]))).toEqual({
      start: String(AT - 3600),
      end: String(AT),
      step: '60',
    });
  });

  it('surfaces warnings and infos as notices', async () => {
    fake.setHandler((_, res) =>
      sendJson(res, 200, {
        ...vector([]),
        warnings: ['PromQL info: query result is partial'],
        infos: ['metric might not be a counter'],
      }),
    );
    const result = await backend().run(request());
    expect(result.notices).toEqual([
      { severity: 'warning', source: 'prom', message: 'PromQL info: query result is partial' },
      { severity: 'info', source: 'prom', message: 'metric might not be a counter' },
    ]);
  });

  it('authenticates with a bearer token, basic auth, or an Entra token for the Azure Monitor workspace', async () => {
    await backend({ auth: { kind: 'bearer', token: 's3cret' } }).run(request());
    await backend({ auth: { kind: 'basic', username: 'fleet', password: 'p:w' } }).run(request());
    const scopes: string[] = [];
    const credential: TokenCredential = {
      getToken: async (scopes_: string | string[], _options?: GetTokenOptions): Promise<AccessToken> => {
        scopes.push(...(Array.isArray(scopes_) ? scopes_ : [scopes_]));
        return { token: 'entra-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    await backend({ auth: { kind: 'azure', credential } }).run(request());
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer s3cret',
      `Basic ${Buffer.from('fleet:p:w').toString('base64')}`,
      'Bearer entra-token',
    ]);
    expect(scopes).toEqual(['https://prometheus.monitor.azure.com/.default']);
  });
});

describe('Prometheus backend: faults become SourceErrors that name the endpoint', () => {
  it('Prometheus down: unreachable, after bounded retries', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const error = await failureOf(backend({ urls: [url] }).run(request()));
    expect(error).toMatchObject({ source: 'prom', failure: 'unreachable', endpoint: `${url}/api/v1/query` });
    expect(error.message).toMatch(/unable to reach the server/);
  });

  it('slower than the timeout: timeout, without waiting for the answer', async () => {
    fake.setHandler((_, res) => void setTimeout(() => sendJson(res, 200, vector([])), 3000));
    const started = Date.now();
    const error = await failureOf(backend({ timeoutMs: 300 }).run(request()));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toMatchObject({ failure: 'timeout', endpoint: `${fake.url}/api/v1/query` });
    expect(error.message).toMatch(/no answer within 300 ms/);
  });

  it('503: retried twice, then a server error', async () => {
    fake.setHandler((_, res) =>
      sendJson(res, 503, { status: 'error', errorType: 'unavailable', error: 'too many queries' }),
    );
    const error = await failureOf(backend().run(request()));
    expect(fake.requests).toHaveLength(3);
    expect(error).toMatchObject({ failure: 'server-error', status: 503 });
    expect(error.message).toContain('HTTP 503: unavailable: too many queries');
  });

  it('503 once, then an answer: the retry recovers', async () => {
    let calls = 0;
    fake.setHandler((_, res) =>
      calls++ === 0 ? sendJson(res, 503, 'overloaded') : sendJson(res, 200, vector([[{ cluster: 'a' }, 1]])),
    );
    const result = await backend().run(request());
    expect(promVector(result.wire)).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('422 (bad query): a bad-query error with Prometheus’ message, not retried', async () => {
    fake.setHandler((_, res) =>
      sendJson(res, 422, {
        status: 'error',
        errorType: 'execution',
        error: 'vector cannot contain metrics with the same labelset',
      }),
    );
    const error = await failureOf(backend().run(request()));
    expect(fake.requests).toHaveLength(1);
    expect(error).toMatchObject({ failure: 'bad-query', status: 422, endpoint: `${fake.url}/api/v1/query` });
    expect(error.message).toContain('execution: vector cannot contain metrics with the same labelset');
  });

  it('400: bad-query, not retried', async () => {
    fake.setHandler((_, res) =>
      sendJson(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error: 'invalid parameter "query": 1:1: parse error',
      }),
    );
    expect(await failureOf(backend().run(request()))).toMatchObject({ failure: 'bad-query', status: 400 });
    expect(fake.requests).toHaveLength(1);
  });

  it('malformed JSON: a bad response', async () => {
    fake.setHandler((_, res) => sendJson(res, 200, '{"status":"success","data":{"resultType":"vec'));
    const error = await failureOf(backend().run(request()));
    expect(error).toMatchObject({ failure: 'bad-response', status: 200 });
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('no Entra token: unauthorized, and nothing is sent', async () => {
    const credential: TokenCredential = {
      getToken: async (): Promise<AccessToken> => {
        throw new Error('DefaultAzureCredential failed to retrieve a token');
      },
    };
    const error = await failureOf(backend({ auth: { kind: 'azure', credential } }).run(request()));
    expect(error).toMatchObject({ failure: 'unauthorized' });
    expect(error.message).toContain('DefaultAzureCredential failed to retrieve a token');
    expect(fake.requests).toHaveLength(0);
  });

  it('never puts credentials in what it shows', async () => {
    const b = createPrometheusBackend({
      urls: ['https://user:pw@prom.example.test:9090/prom/'],
      auth: { kind: 'none' },
      timeoutMs: 100,
      retries: 0,
    });
    expect(b.label).toBe('Prometheus https://prom.example.test:9090/prom');
  });
});

describe('Prometheus backend: several URLs', () => {
  it('merges the answers, and one URL failing costs a notice, not the answer', async () => {
    let other: FakePrometheus | null = null;
    try {
      other = await startFakePrometheus((_, res) =>
        sendJson(
          res,
          200,
          vector([
            [{ cluster: 'b', status: 'true' }, 5],
            [{ cluster: 'a', status: 'true' }, 3],
          ]),
        ),
      );
      fake.setHandler((_, res) => sendJson(res, 200, vector([[{ cluster: 'a', status: 'true' }, 3]])));
      const both = await backend({ urls: [fake.url, other.url] }).run(request());
      expect(promVector(both.wire).map((s) => [s.labels['cluster'], s.value])).toEqual([
        ['a', 3],
        ['b', 5],
      ]);

      const down = `http://127.0.0.1:${await freePort()}`;
      const partial = await backend({ urls: [down, other.url] }).run(request());
      expect(promVector(partial.wire)).toHaveLength(2);
      expect(partial.notices).toHaveLength(1);
      expect(partial.notices[0]?.severity).toBe('warning');
      expect(partial.notices[0]?.message).toContain(`${down}/api/v1/query`);
      expect(partial.notices[0]?.message).toContain('showing the answer of the other 1 endpoint');

      const error = await failureOf(backend({ urls: [down, `http://127.0.0.1:${await freePort()}`] }).run(request()));
      expect(error.message).toMatch(/^all 2 Prometheus endpoints failed/);
    } finally {
      await other?.close();
    }
  });
});

describe('Azure Monitor managed Prometheus limits', () => {
  const managed = () =>
    backend({ urls: ['https://fleet-abcd.westeurope.prometheus.monitor.azure.com'], retries: 0, timeoutMs: 100 });
  it('refuses ranges over 32 days and fine steps over 48 hours before sending anything', async () => {
    const long = await failureOf(
      managed().run(request({ kind: 'range', start: AT - 33 * 86_400, end: AT, step: 3600 })),
    );
    expect(long).toMatchObject({ failure: 'bad-query' });
    expect(long.message).toMatch(/at most 32 days/);
    const fine = await failureOf(managed().run(request({ kind: 'range', start: AT - 3 * 86_400, end: AT, step: 30 })));
    expect(fine.message).toMatch(/step of at least 60 s/);
  });

  it('refuses metadata calls the workspace API does not support', async () => {
    const client = createPrometheusClient({
      url: 'https://fleet-abcd.westeurope.prometheus.monitor.azure.com',
      auth: { kind: 'none' },
      timeoutMs: 100,
      managed: true,
    });
    await expect(client.labelValues('cluster')).rejects.toMatchObject({
      failure: 'unsupported',
      message: expect.stringMatching(/__name__ only/),
    });
    await expect(client.series(['kube_node_info{cluster=~"aks-.*"}'])).rejects.toMatchObject({
      failure: 'unsupported',
    });
  });

  it('counts range selectors into the 32 days', async () => {
    const error = await failureOf(
      managed().run(
        requestFor(q.containerRestarts, { kind: 'range', start: AT - 32 * 86_400 + 1800, end: AT, step: 3600 }),
      ),
    );
    expect(error.message).toMatch(/at most 32 days/);
  });
});

describe('Prometheus client: metadata endpoints', () => {
  const client = () =>
    createPrometheusClient({ url: fake.url, auth: { kind: 'none' }, timeoutMs: 2000, retryDelayMs: 10 });
  it('reads series, labels and label values', async () => {
    const answers: Record<string, unknown> = {
      '/api/v1/series': fixture('api.series.json'),
      '/api/v1/labels': fixture('api.labels.json'),
      '/api/v1/label/job/values': fixture('api.label-values.job.json'),
    };
    fake.setHandler((r, res) => sendJson(res, 200, answers[r.path] ?? { status: 'error', error: 'not found' }));
    expect((await client().series(['up'], { start: AT - 60, end: AT })).data[0]).toEqual({
      __name__: 'up',
      job: 'prometheus',
      instance: 'localhost:9090',
    });
    expect(fake.requests[0]?.params.getAll('match[]')).toEqual(['up']);
    expect((await client().labels()).data).toContain('job');
    expect((await client().labelValues('job', ['up'])).data).toEqual(['node', 'prometheus']);
    await expect(client().labelValues('job"/../x')).rejects.toMatchObject({ failure: 'bad-query' });
  });

  it('reads alerts and rules', async () => {
    const alert = {
      labels: { alertname: 'KubePodCrashLooping', cluster: 'a' },
      annotations: {},
      state: 'firing',
      activeAt: '2026-11-24T10:00:00Z',
      value: '1e+00',
    };
    fake.setHandler((r, res) =>
      sendJson(
        res,
        200,
        r.path === '/api/v1/alerts'
          ? { status: 'success', data: { alerts: [alert] } }
          : {
              status: 'success',
              data: {
                groups: [
                  {
                    name: 'kubernetes-apps',
                    file: 'k.yaml',
                    interval: 30,
                    rules: [
                      {
                        type: 'alerting',
                        name: 'KubePodCrashLooping',
                        query: 'x >= 1',
                        duration: 900,
                        labels: {},
                        annotations: {},
                        alerts: [alert],
                        health: 'ok',
                      },
                    ],
                  },
                ],
              },
            },
      ),
    );
    expect((await client().alerts()).data).toEqual([alert]);
    const groups = (await client().rules('alert')).data;
    expect(groups[0]?.rules[0]).toMatchObject({ type: 'alerting', name: 'KubePodCrashLooping', duration: 900 });
    expect(fake.requests[1]?.params.get('type')).toBe('alert');
  });

  it('rejects a success envelope whose data has the wrong shape', async () => {
    fake.setHandler((_, res) => sendJson(res, 200, { status: 'success', data: { not: 'a list' } }));
    await expect(client().labels()).rejects.toMatchObject({
      failure: 'bad-response',
      endpoint: `${fake.url}/api/v1/labels`,
    });
  });
});

describe('a failing Prometheus query costs only its panel', () => {
  const inventory = vector([
    [{ cluster: 'edge-1', kubelet_version: 'v1.34.2+k3s1', provider: 'k3s' }, 3],
    [{ cluster: 'aks-1', kubelet_version: 'v1.35.1', provider: 'azure' }, 4],
  ]);
  const readiness = vector([
    [{ cluster: 'edge-1', status: 'true' }, 3],
    [{ cluster: 'aks-1', status: 'true' }, 3],
    [{ cluster: 'aks-1', status: 'false' }, 1],
  ]);
  const handler =
    (fault: FakeHandler): FakeHandler =>
    (r, res) => {
      const text = r.params.get('query') ?? '';
      if (text.includes('node_cpu_seconds_total')) return fault(r, res);
      if (text.includes('kube_node_info')) return sendJson(res, 200, inventory);
      if (text.includes('kube_node_status_condition')) return sendJson(res, 200, readiness);
      return sendJson(res, 200, vector([]));
    };
  const faults: Array<[string, FakeHandler, string]> = [
    [
      '503',
      (_, res) => sendJson(res, 503, { status: 'error', errorType: 'timeout', error: 'query timed out' }),
      'timeout',
    ],
    [
      '422',
      (_, res) =>
        sendJson(res, 422, { status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed' }),
      'bad-query',
    ],
    ['malformed JSON', (_, res) => sendJson(res, 200, '<html>proxy error</html>'), 'bad-response'],
    ['slow', (_, res) => void setTimeout(() => sendJson(res, 200, vector([])), 2000), 'timeout'],
  ];

  it.each(faults)(
    '%s on the CPU query: every cluster still listed, one panel says what failed',
    async (_name, fault, failure) => {
      fake.setHandler(handler(fault));
      const prom = backend({ timeoutMs: 400 });
      const overview = await getFleetOverview(createQueryRunner({ arg: null, logs: null, prom }), {
        now: AT,
        clusterLabel: 'cluster',
        latestMinor: 36,
      });
      expect(overview.clusters.map((c) => [c.name, c.distribution, c.provider, c.kubernetesVersion, c.nodes])).toEqual([
        ['aks-1', 'aks', 'prometheus', '1.35.1', { ready: 3, total: 4 }],
        ['edge-1', 'k3s', 'prometheus', '1.34.2', { ready: 3, total: 3 }],
      ]);
      expect(overview.clusters.every((c) => c.cpu.utilization === null)).toBe(true);
      expect(overview.clusters.find((c) => c.name === 'aks-1')?.health.reasons.map((r) => r.signal)).toContain(
        'node-readiness',
      );
      const errors = overview.notices.filter((n) => n.severity === 'error');
      expect(errors).toEqual([
        expect.objectContaining({ queryId: q.cpuUtilization.id, source: 'Prometheus', failure }),
      ]);
      expect(errors[0]?.message).toContain(`${fake.url}/api/v1/query`);
      expect(overview.queries[0]?.id).toBe(promInventory.promFleetInventory.id);
    },
  );

  it('Prometheus down: no clusters to discover, and the page says why', async () => {
    const prom = createPrometheusBackend({
      urls: [`http://127.0.0.1:${await freePort()}`],
      auth: { kind: 'none' },
      timeoutMs: 1000,
      retryDelayMs: 10,
    });
    const overview = await getFleetOverview(createQueryRunner({ arg: null, logs: null, prom }), {
      now: AT,
      clusterLabel: 'cluster',
      latestMinor: 36,
    });
    expect(overview.clusters).toEqual([]);
    expect(overview.notices.find((n) => n.queryId === promInventory.promFleetInventory.id)).toMatchObject({
      severity: 'error',
      failure: 'unreachable',
    });
  });
});

describe('Prometheus backend: label profiles per endpoint', () => {
  const detectionAnswer = (rows: Array<Record<string, string>>) => vector(rows.map((labels) => [labels, 1]));
  const kubePrometheusStack = detectionAnswer([
    { job: 'node-exporter', family: 'node-exporter' },
    { job: 'kubelet', family: 'kubelet', has_node: 'yes' },
  ]);

  function answering(detection: unknown) {
    fake.setHandler((seen, res) => {
      const query = seen.params.get('query') ?? '';
      sendJson(res, 200, query === PROFILE_DETECTION_QUERY ? detection : vector([]));
    });
  }
  const nodeCpuRequest = (): QueryRequest => {
    const params = clusterProm.nodeCpu.params.parse({ cluster: 'c1' });
    return {
      query: clusterProm.nodeCpu,
      params,
      text: clusterProm.nodeCpu.build(params),
      time: { kind: 'range', start: AT - 600, end: AT, step: 60 },
    } as QueryRequest;
  };

  it('detects kube-prometheus-stack from the data once, and asks with that endpoint’s conventions', async () => {
    answering(kubePrometheusStack);
    const b = backend({ labelProfile: undefined });
    const first = await b.run(nodeCpuRequest());
    await b.run(nodeCpuRequest());
    const sent = fake.requests.map((r) => r.params.get('query'));
    expect(sent.filter((t) => t === PROFILE_DETECTION_QUERY)).toHaveLength(1);
    const asked = sent.filter((t) => t !== PROFILE_DETECTION_QUERY);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toContain(
      'group_left (node) topk by (cluster, namespace, pod) (1, max by (cluster, namespace, pod, node) (kube_pod_info',
    );
    expect(first.executedText).toBe(asked[0]);
    expect(first.label).toContain('kube-prometheus-stack');
  });

  it('uses PROMETHEUS_LABEL_PROFILE without asking, and leaves queries without a profile parameter untouched', async () => {
    answering(kubePrometheusStack);
    const b = backend({ labelProfile: 'k8s-monitoring' });
    await b.run(nodeCpuRequest());
    const explore = request();
    await b.run(explore);
    const sent = fake.requests.map((r) => r.params.get('query'));
    expect(sent).not.toContain(PROFILE_DETECTION_QUERY);
    expect(sent[0]).toContain('"node", "$1", "instance", "(.+)"');
    expect(sent[1]).toBe(explore.text);
  });

  it('falls back to Azure managed Prometheus labels when the endpoint holds no known exporter, and asks again later', async () => {
    answering(detectionAnswer([]));
    let clock = 1_000_000;
    const b = backend({ labelProfile: undefined, now: () => clock });
    expect(await b.profileOf(0)).toBe('azure-managed-prometheus');
    clock += 30_000;
    await b.profileOf(0);
    clock += 31_000;
    await b.profileOf(0);
    expect(fake.requests.filter((r) => r.params.get('query') === PROFILE_DETECTION_QUERY)).toHaveLength(2);
  });

  it('a dead endpoint costs one deadline: queries waiting on its detection share the failure, the next query asks again', async () => {
    // Accepts the connection and never answers: every request runs into the deadline.
    let hung = 0;
    fake.setHandler(() => {
      hung++;
    });
    const b = backend({ labelProfile: undefined, timeoutMs: 300, retries: 0 });
    const started = Date.now();
    const failures = await Promise.all([failureOf(b.run(nodeCpuRequest())), failureOf(b.run(nodeCpuRequest()))]);
    const elapsed = Date.now() - started;
    expect(failures.map((f) => f.failure)).toEqual(['timeout', 'timeout']);
    // One detection request, no query behind it, and well under two deadlines.
    expect(hung).toBe(1);
    expect(elapsed).toBeLessThan(550);
    // The endpoint comes back: the next query is sent (with the default labels until detection re-runs).
    fake.setHandler((_, res) => sendJson(res, 200, vector([[{ cluster: 'c1', node: 'n1' }, 0.5]])));
    const next = await b.run(nodeCpuRequest());
    expect(fake.requests.at(-1)?.params.get('query')).toBe(next.executedText);
    expect(next.label).toContain('Azure');
  });

  it('reads every profile from its jobs and node labels', () => {
    const detect = (rows: Array<Record<string, string>>) =>
      detectLabelProfile(profileEvidence(rows.map((labels) => ({ labels }))));
    expect(
      detect([
        { job: 'node', family: 'node-exporter' },
        { job: 'kubelet', family: 'kubelet' },
      ]),
    ).toBe('azure-managed-prometheus');
    expect(
      detect([
        { job: 'node-exporter', family: 'node-exporter' },
        { job: 'kubelet', family: 'kubelet', has_node: 'yes' },
      ]),
    ).toBe('kube-prometheus-stack');
    expect(
      detect([
        { job: 'node-exporter', family: 'node-exporter' },
        { job: 'kubelet', family: 'kubelet' },
      ]),
    ).toBe('victoria-metrics-k8s-stack');
    expect(detect([{ job: 'integrations/node_exporter', family: 'node-exporter' }])).toBe('k8s-monitoring');
    expect(
      detect([
        { job: 'kubernetes-service-endpoints', family: 'node-exporter', has_node: 'yes' },
        { job: 'kubernetes-nodes', family: 'kubelet' },
      ]),
    ).toBe('kubernetes-sd');
    expect(detect([])).toBeNull();
  });
});
