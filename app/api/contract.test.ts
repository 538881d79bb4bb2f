import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { sourceFailureBody } from '@/lib/api/errors';
import {
  apiErrorSchema,
  costResponseSchema,
  fleetResponseSchema,
  healthResponseSchema,
  kqlCheckResponseSchema,
  logsTailResponseSchema,
  onboardingResponseSchema,
  panelResponseSchema,
  promApiResponseSchema,
} from '@/lib/api/schemas';
import { getDemoFleet } from '@/lib/demo/fleet';
import { CLUSTER_PANELS } from '@/lib/fleet/cluster/panels';
import { getConfig } from '@/lib/server/config';
import type { QueryFailure } from '@/lib/sources/runner';
import { GET as costGET } from './cost/route';
import { GET as logsGET } from './clusters/[cluster]/logs/route';
import { GET as panelGET } from './clusters/[cluster]/panels/[id]/route';
import { POST as kqlPOST } from './explore/kql/route';
import { GET as promGET } from './explore/prometheus/[...path]/route';
import { GET as fleetGET } from './fleet/route';
import { GET as healthGET } from './health/route';
import { GET as onboardingGET } from './onboarding/route';

/**
 * Every /api route, called as Next calls it in demo mode, against the exported schemas: the
 * success bodies parse strictly (an unknown field fails), every error is the one envelope.
 */

const { seed, clusters } = getConfig().demo;
const fleet = getDemoFleet(seed, clusters).clusters;
const aks = fleet.find((c) => c.provider === 'aks' && c.monitoring.containerInsights && c.monitoring.managedPrometheus)
  ?.name as string;
const arc = fleet.find((c) => c.provider === 'arc')?.name as string;
const withoutInsights = fleet.find((c) => !c.monitoring.containerInsights)?.name as string;
const url = (path: string): string => `http://localhost${path}`;

async function body<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  const json: unknown = await res.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${res.status} ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  return parsed.data;
}

describe('/api answers match the exported schemas', () => {
  it('fleet, cost, onboarding, health', async () => {
    const f = await body(
      await fleetGET(new NextRequest(url('/api/fleet?health=critical&sort=name&limit=5'))),
      fleetResponseSchema,
    );
    expect(f.clusters.length).toBeGreaterThan(0);
    expect(f.clusters.every((c) => c.health.status === 'critical')).toBe(true);
    const c = await body(await costGET(new NextRequest(url('/api/cost?group=team'))), costResponseSchema);
    expect(c.totals.nodeCents).toBe(c.totals.allocatedCents + c.totals.idleCents);
    const o = await body(
      await onboardingGET(new NextRequest(url('/api/onboarding?persona=platform-engineer'))),
      onboardingResponseSchema,
    );
    expect(o.rows.length).toBeGreaterThan(0);
    await body(healthGET(), healthResponseSchema);
  });

  it('every panel of an AKS and an Arc cluster', async () => {
    for (const name of [aks, arc]) {
      for (const spec of CLUSTER_PANELS) {
        const res = await panelGET(new NextRequest(url(`/api/clusters/${name}/panels/${spec.id}?from=now-1h`)), {
          params: Promise.resolve({ cluster: name, id: spec.id }),
        });
        expect(res.status, `${name}/${spec.id}`).toBe(200);
        const panel = await body(res, panelResponseSchema);
        expect(panel.id).toBe(spec.id);
      }
    }
  }, 60_000);

  it('the live tail and the KQL checker', async () => {
    const after = new Date(Date.now() - 30 * 60_000).toISOString();
    const tail = await body(
      await logsGET(new NextRequest(url(`/api/clusters/${aks}/logs?after=${after}`)), {
        params: Promise.resolve({ cluster: aks }),
      }),
      logsTailResponseSchema,
    );
    expect(tail.lines.length).toBeGreaterThan(0);
    const post = new NextRequest(url('/api/explore/kql'), {
      method: 'POST',
      body: JSON.stringify({ query: 'KubePodInventory | where' }),
    });
    const kql = await body(await kqlPOST(post), kqlCheckResponseSchema);
    expect(kql.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('the Prometheus proxy speaks Prometheus: success data, 400 bad_data for a bad selector', async () => {
    const ok = await promGET(new NextRequest(url('/api/explore/prometheus/api/v1/labels')), {
      params: Promise.resolve({ path: ['api', 'v1', 'labels'] }),
    });
    expect(await body(ok, promApiResponseSchema)).toMatchObject({ status: 'success' });
    const bad = await promGET(new NextRequest(url('/api/explore/prometheus/api/v1/series')), {
      params: Promise.resolve({ path: ['api', 'v1', 'series'] }),
    });
    expect(bad.status).toBe(400);
    expect(await body(bad, promApiResponseSchema)).toMatchObject({ status: 'error', errorType: 'bad_data' });
  });
});

describe('errors are one envelope with a status that means what it says', () => {
  const cases: Array<[string, () => Promise<Response>, number, string]> = [
    ['fleet: bad filter', () => fleetGET(new NextRequest(url('/api/fleet?health=purple'))), 400, 'bad_request'],
    ['cost: unknown cluster', () => costGET(new NextRequest(url('/api/cost?cluster=nope'))), 400, 'bad_request'],
    [
      'onboarding: bad persona',
      () => onboardingGET(new NextRequest(url('/api/onboarding?persona=ceo'))),
      400,
      'bad_request',
    ],
    [
      'panel: unknown panel',
      () =>
        panelGET(new NextRequest(url(`/api/clusters/${aks}/panels/nope`)), {
          params: Promise.resolve({ cluster: aks, id: 'nope' }),
        }),
      404,
      'not_found',
    ],
    [
      'panel: unknown cluster',
      () =>
        panelGET(new NextRequest(url('/api/clusters/nope/panels/node-cpu')), {
          params: Promise.resolve({ cluster: 'nope', id: 'node-cpu' }),
        }),
      404,
      'not_found',
    ],
    [
      'panel: bad time',
      () =>
        panelGET(new NextRequest(url(`/api/clusters/${aks}/panels/node-cpu?from=yesterday`)), {
          params: Promise.resolve({ cluster: aks, id: 'node-cpu' }),
        }),
      400,
      'bad_request',
    ],
    [
      'logs: bad cursor',
      () =>
        logsGET(new NextRequest(url(`/api/clusters/${aks}/logs?after=yesterday`)), {
          params: Promise.resolve({ cluster: aks }),
        }),
      400,
      'bad_request',
    ],
    [
      'logs: unknown cluster',
      () => logsGET(new NextRequest(url('/api/clusters/nope/logs')), { params: Promise.resolve({ cluster: 'nope' }) }),
      404,
      'not_found',
    ],
    [
      'logs: no Container insights',
      () =>
        logsGET(new NextRequest(url(`/api/clusters/${withoutInsights}/logs`)), {
          params: Promise.resolve({ cluster: withoutInsights }),
        }),
      404,
      'not_collected',
    ],
    [
      'kql: not JSON',
      () => kqlPOST(new NextRequest(url('/api/explore/kql'), { method: 'POST', body: 'nope' })),
      400,
      'bad_request',
    ],
  ];
  for (const [name, call, status, code] of cases) {
    it(name, async () => {
      const res = await call();
      expect(res.status).toBe(status);
      const { error } = await body(res, apiErrorSchema);
      expect(error).toMatchObject({ status, code });
      if (code === 'bad_request') expect(error.params?.length).toBeGreaterThan(0);
    });
  }

  it('a failed source answers with its own status and names itself', () => {
    const failure = (f: QueryFailure['failure'], extra: Partial<QueryFailure> = {}): QueryFailure => ({
      source: 'logs',
      failure: f,
      message: 'm',
      ...extra,
    });
    expect(sourceFailureBody(failure('not-configured')).error).toMatchObject({
      status: 503,
      code: 'not_configured',
      source: 'Log Analytics',
    });
    expect(sourceFailureBody(failure('forbidden')).error).toMatchObject({ status: 403, code: 'source_forbidden' });
    expect(sourceFailureBody(failure('throttled', { retryAfterSeconds: 7 })).error).toMatchObject({
      status: 429,
      code: 'source_throttled',
      retryAfterSeconds: 7,
    });
    expect(sourceFailureBody(failure('timeout')).error).toMatchObject({ status: 504, code: 'source_timeout' });
    expect(sourceFailureBody(failure('server-error'), 'ContainerLogV2 | take 1').error).toMatchObject({
      status: 502,
      code: 'source_failed',
      query: 'ContainerLogV2 | take 1',
    });
    for (const f of ['not-configured', 'forbidden', 'throttled', 'timeout', 'unreachable', 'bad-response'] as const)
      expect(apiErrorSchema.safeParse(sourceFailureBody(failure(f))).success).toBe(true);
  });
});
