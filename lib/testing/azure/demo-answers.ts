import { CATALOG } from '../../catalog';
import type { CatalogQuery, QueryRequest } from '../../catalog/types';
import type { ArgResponse, LogsResponse } from '../../catalog/wire';
import { answerDemoQuery, isoDurationSeconds } from '../../demo/answers';
import { clustersInWorkspace, demoWorkspaces, subFleet } from '../../demo/azure-workspaces';
import { demoDiagnosticSettingsWire } from '../../demo/onboarding-answers';
import type { DemoFleet } from '../../demo/fleet-model';
import type { ArgRequestBody, LocalCloudAnswers } from './local-cloud';

/**
 * The local servers answer from the demo fleet: the query text they receive is matched to
 * the catalog query that builds it (with its default parameters, or parameters a test
 * registers), and the demo's wire answer is returned, restricted to the request's scope
 * (subscriptions for Resource Graph, the named workspaces for Log Analytics).
 */

export interface KnownQuery {
  query: CatalogQuery;
  params: unknown;
}

function defaultQueries(): KnownQuery[] {
  const out: KnownQuery[] = [];
  for (const entry of CATALOG.values()) {
    // The catalog stores queries with `never` params; here they are called with their own defaults.
    const query = entry as unknown as CatalogQuery;
    const parsed = query.params.safeParse({});
    if (parsed.success) out.push({ query, params: parsed.data });
  }
  return out;
}

/** The string lists of every `in~ (...)` in a query: one of them may be the catalog's cluster scope. */
function scopeLists(text: string): string[][] {
  return [...text.matchAll(/in~ \(((?:"(?:[^"\\]|\\.)*"(?:, )?)+)\)/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1] ?? ''}"`) as string),
  );
}

/** The parameters a catalog query scopes its clusters by: resource ids, or names on the inventory. */
const SCOPE_PARAMS = ['clusterIds', 'names'] as const;

function identify(known: KnownQuery[], kind: 'arg' | 'logs', text: string): KnownQuery {
  const lists = scopeLists(text);
  const candidates = known.flatMap((k) => {
    const scoped = lists.flatMap((ids) =>
      SCOPE_PARAMS.flatMap((key) => {
        const parsed = k.query.params.safeParse({ [key]: ids });
        return parsed.success ? [{ query: k.query, params: parsed.data }] : [];
      }),
    );
    return [...scoped, k];
  });
  const hit = candidates.find((k) => k.query.kind === kind && k.query.build(k.params) === text);
  if (!hit) throw new Error(`the local server does not know this ${kind} query: ${text.split('\n')[0]?.slice(0, 80)}…`);
  return hit;
}

/** Splits the REST `timespan` ("P90D", "P90D/<end>", "<start>/<end>") into an evaluation time and lookback. */
export function parseTimespan(
  timespan: string | undefined,
  nowSeconds: number,
): Pick<QueryRequest, 'time' | 'timespan'> {
  if (!timespan) return { time: { kind: 'instant', at: nowSeconds }, timespan: 'P1D' };
  const [a, b] = timespan.split('/');
  if (a && b && a.startsWith('P')) return { time: { kind: 'instant', at: Date.parse(b) / 1000 }, timespan: a };
  if (a && b && b.startsWith('P')) {
    const start = Date.parse(a) / 1000;
    return { time: { kind: 'instant', at: start + isoDurationSeconds(b) }, timespan: b };
  }
  if (a && b) {
    const start = Date.parse(a) / 1000;
    const end = Date.parse(b) / 1000;
    return { time: { kind: 'instant', at: end }, timespan: `PT${Math.max(1, Math.round((end - start) / 60))}M` };
  }
  return { time: { kind: 'instant', at: nowSeconds }, timespan };
}

export interface DemoCloudOptions {
  now?: () => number;
  extra?: KnownQuery[];
  /**
   * Azure RBAC of the demo tenant: the subscriptions a user (the subject of their on-behalf-of
   * token) may read, or null for all. The app's own identity (undefined) reads all.
   */
  readableSubscriptions?: (subject: string) => readonly string[] | null;
  /**
   * Workspaces (customer ids) nobody here may query: Log Analytics answers 403, as it does for
   * an identity without Log Analytics Reader. Resource Graph still lists them.
   */
  forbiddenWorkspaces?: readonly string[];
}

export function demoCloudAnswers(fleet: DemoFleet, options: DemoCloudOptions = {}): LocalCloudAnswers {
  const known = [...(options.extra ?? []), ...defaultQueries()];
  const now = options.now ?? (() => Date.now() / 1000);
  const workspaces = demoWorkspaces(fleet);
  const customerIds = new Set(workspaces.map((w) => w.customerId));
  const workspaceSubscription = new Map(workspaces.map((w) => [w.customerId, w.subscriptionId.toLowerCase()]));
  const readable = options.readableSubscriptions;
  const forbidden = new Set((options.forbiddenWorkspaces ?? []).map((w) => w.toLowerCase()));
  return {
    ...(readable || forbidden.size
      ? {
          mayRead(caller: string | undefined, target: string): boolean {
            if (forbidden.has(target.toLowerCase())) return false;
            if (!readable) return true;
            const subs = caller === undefined ? null : readable(caller);
            if (subs === null) return true;
            const sub =
              workspaceSubscription.get(target.toLowerCase()) ??
              /^\/subscriptions\/([^/]+)/i.exec(target)?.[1]?.toLowerCase();
            return sub !== undefined && subs.some((s) => s.toLowerCase() === sub);
          },
        }
      : {}),
    diagnosticSettings: (resourceId: string) => demoDiagnosticSettingsWire(fleet, resourceId),
    arg(body: ArgRequestBody): ArgResponse {
      const { query, params } = identify(known, 'arg', body.query);
      const wire = answerDemoQuery(fleet, {
        query,
        params,
        text: body.query,
        time: { kind: 'instant', at: now() },
      }) as ArgResponse;
      if (!body.subscriptions?.length) return wire;
      // Resource Graph answers only for the subscriptions in the request.
      const subs = new Set(body.subscriptions.map((s) => s.toLowerCase()));
      const data = wire.data.filter(
        (row) => typeof row.subscriptionId !== 'string' || subs.has(row.subscriptionId.toLowerCase()),
      );
      return { ...wire, totalRecords: data.length, count: data.length, data };
    },
    logs(workspaces: string[], text: string, timespan: string | undefined): LogsResponse {
      const { query, params } = identify(known, 'logs', text);
      const clusters = [...new Set(workspaces.flatMap((w) => clustersInWorkspace(fleet, w)))];
      const { time, timespan: lookback } = parseTimespan(timespan, now());
      return answerDemoQuery(subFleet(fleet, clusters), {
        query,
        params,
        text,
        time,
        timespan: lookback,
      }) as LogsResponse;
    },
    knowsWorkspace(id: string): boolean {
      return customerIds.has(id.toLowerCase());
    },
  };
}
