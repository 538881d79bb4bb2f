import 'server-only';
import { cache } from 'react';
import { getServerAuth } from '../auth/server';
import type { AuthUser } from '../auth/verify';
import type { PanelContext } from '../fleet/cluster/panels';
import { resolveRange, type ResolvedRange } from '../fleet/cluster/time-range';
import type { ClusterSummary } from '../fleet/types';
import { parseClusterView, type ClusterView } from '../url-state/cluster';
import type { ParamError, SearchInput } from '../url-state/codec';
import { dataAccess, type DataAccess } from './access';
import type { QueryFailure } from '../sources/runner';
import { findCluster, type ClusterLookup } from './cluster-service';
import type { AppConfig } from './config';

/**
 * Everything a cluster page or route needs to know about its request, worked out once: whose
 * rights (access), the configuration, "now", the view and time range in the URL, and the
 * cluster when the path names one. Pages get it through getRequestContext (memoised per render,
 * so the layout and the page share one lookup); route handlers build it from their checked user.
 */
export interface RequestContext {
  access: DataAccess;
  config: AppConfig;
  /** Unix seconds, read once per request so every panel asks about the same instant. */
  now: number;
  view: ClusterView;
  /** Link parameters that were ignored, and why. */
  viewErrors: ParamError[];
  range: ResolvedRange;
  /** Null when the path names no cluster, or one not in the fleet (or not in the user's rights). */
  cluster: ClusterSummary | null;
  /** When the path names a cluster the inventory could not look up: the failing source, never a false "not found". */
  lookupFailure: QueryFailure | null;
  /**
   * Aborts when the client goes away (route handlers: the request's own signal), cancelling the
   * HTTP calls its panels started. Server components get none: React does not expose one.
   */
  signal?: AbortSignal;
}

export interface ClusterContext extends RequestContext {
  cluster: ClusterSummary;
  /** The plain part panels are built from and renderers read. */
  panel: PanelContext;
}

export type RequestContextResult = { ok: true; ctx: RequestContext } | { ok: false; status: 401 | 403 | 503 };

/** The cluster a path names; memoised per render so the layout and the page look it up once. */
const clusterNamed = cache((access: DataAccess, name: string): Promise<ClusterLookup> => findCluster(access, name));

/** Builds the context for a checked user; route handlers call it directly. */
export async function createRequestContext(
  access: DataAccess,
  options: { cluster: string | null; search?: SearchInput; now?: number; signal?: AbortSignal },
): Promise<RequestContext> {
  const now = options.now ?? Date.now() / 1000;
  const parsed = parseClusterView(options.search ?? new URLSearchParams());
  const lookup = options.cluster === null ? null : await clusterNamed(access, options.cluster);
  return {
    access,
    config: access.config,
    now,
    view: parsed.value,
    viewErrors: parsed.ok ? [] : parsed.errors,
    range: resolveRange(parsed.value.range, now),
    cluster: lookup?.cluster ?? null,
    lookupFailure: lookup?.unavailable ?? null,
    signal: options.signal,
  };
}

/** For route handlers: the context of a request `requireAuth` already checked; `signal` is the request's. */
export function routeContext(
  user: AuthUser | null,
  cluster: string | null,
  search?: SearchInput,
  signal?: AbortSignal,
): Promise<RequestContext> {
  return createRequestContext(dataAccess(user), { cluster, search, signal });
}

const requestNow = cache((): number => Date.now() / 1000);

/**
 * For server components: the request's context, or the sign-in status to show instead.
 * `search` is the query string (without "?"), a plain string so the memo can key on it.
 */
export const getRequestContext = cache(async (cluster: string | null, search = ''): Promise<RequestContextResult> => {
  const auth = await getServerAuth();
  if (!auth.ok) return { ok: false, status: auth.status };
  return {
    ok: true,
    ctx: await createRequestContext(dataAccess(auth.user), {
      cluster,
      search: new URLSearchParams(search),
      now: requestNow(),
    }),
  };
});

/** The context narrowed to one cluster, with the plain panel context; null when there is no cluster. */
export function clusterContext(ctx: RequestContext): ClusterContext | null {
  const { cluster } = ctx;
  if (!cluster) return null;
  const panel: PanelContext = {
    cluster,
    view: ctx.view,
    range: ctx.range,
    at: ctx.range.end,
    prom: { clusterLabel: ctx.config.prometheus.clusterLabel, cluster: cluster.name },
  };
  return { ...ctx, cluster, panel };
}

/** Next's searchParams object as a query string, first value of each key (as the parsers read it). */
export function searchString(sp: Record<string, string | string[] | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out.set(k, first);
  }
  return out.toString();
}
