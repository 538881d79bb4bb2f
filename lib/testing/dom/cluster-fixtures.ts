import type { PanelContext, PanelData, QueryFailure } from '@/lib/fleet/cluster/panels';
import { resolveRange } from '@/lib/fleet/cluster/time-range';
import type { ClusterSummary } from '@/lib/fleet/types';
import { DEFAULT_VIEW, type ClusterView } from '@/lib/url-state/cluster';

/**
 * Plain data for the cluster panel renderers, as loadPanel would hand them over: one healthy
 * AKS cluster, the default view, and a panel in whatever state a test asks for.
 */

export const NOW = 1_764_000_000;

export function clusterSummary(change: Partial<ClusterSummary> = {}): ClusterSummary {
  return {
    id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod-1',
    name: 'aks-prod-1',
    provider: 'aks',
    distribution: 'aks',
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    resourceGroup: 'rg-prod',
    region: 'westeurope',
    kubernetesVersion: '1.33.2',
    kubernetesMinor: '1.33',
    versionSupport: 'supported',
    powerState: 'Running',
    tags: {},
    health: { status: 'healthy', reasons: [], score: 0 },
    nodes: { ready: 3, total: 3 },
    nodePools: 1,
    pods: { running: 40, pending: 0, failed: 0 },
    containers: { crashLooping: 0, restartsLastHour: 0 },
    workloads: { down: 0, partial: 0 },
    cpu: { utilization: 0.4 },
    memory: { utilization: 0.5 },
    lastUpgrade: null,
    monitoring: { metrics: true, nodeSource: 'prometheus', containerInsights: true, managedPrometheus: true },
    ...change,
  };
}

export function panelContext(
  change: { cluster?: Partial<ClusterSummary>; view?: Partial<ClusterView> } = {},
): PanelContext {
  const cluster = clusterSummary(change.cluster);
  const view = { ...DEFAULT_VIEW, ...change.view };
  const range = resolveRange(view.range, NOW);
  return { cluster, view, range, at: range.end, prom: { clusterLabel: 'cluster', cluster: cluster.name } };
}

export function panelData(change: Partial<PanelData> = {}): PanelData {
  return {
    id: 'test-panel',
    page: 'nodes',
    title: 'Test panel',
    description: null,
    wide: false,
    status: 'ok',
    empty: 'No data for this range.',
    unavailable: null,
    view: null,
    notices: [],
    executed: [],
    failures: [],
    ...change,
  };
}

/** One failure of each kind a panel tells apart, as the runner reports it. */
export const FAILURES = {
  forbidden: {
    source: 'logs',
    failure: 'forbidden',
    status: 403,
    scope: 'ws-prod',
    message: 'The provided credentials have insufficient access',
  },
  notFound: { source: 'arm', failure: 'bad-query', status: 404, message: 'ResourceNotFound: the cluster was deleted' },
  throttled: { source: 'arg', failure: 'throttled', status: 429, retryAfterSeconds: 12, message: 'Too many requests' },
  timeout: { source: 'prom', failure: 'timeout', message: 'no answer within 30 s' },
  notConfigured: { source: 'logs', failure: 'not-configured', message: 'set AZURE_TENANT_ID to read Log Analytics' },
  generic: {
    source: 'prom',
    failure: 'server-error',
    status: 500,
    message: 'internal error: query processing would load too many samples',
  },
} satisfies Record<string, QueryFailure>;

/** A namespace four times the longest Kubernetes allows: what a layout must not break on. */
export const LONG_NAME = `team-${'x'.repeat(191)}-end`;

/** Strings a hostile cluster could put in a name, a label or a log line; each must read as text. */
export const HOSTILE = {
  script: '<script>window.__pwned = true</script>',
  markup: '"><img src=x onerror="window.__pwned=true">',
  quotes: `it's "quoted" & <b>bold</b>`,
  rtl: '\u202Eexe.tnelav\u202C ns-עברית-عربي',
  emoji: '🔥 prod-ns 👩‍👩‍👧 🚀',
} as const;
