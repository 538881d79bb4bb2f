import type { Layer, Persona } from '../../catalog/types';
import type { HealthReason } from '../types';
import { DEFAULT_ALERTS, serializeAlertParams } from '../../url-state/alerts';

/**
 * The cluster pages and the order personas meet them. The persona decides where a cluster
 * link lands and the order of the navigation; every page stays in the navigation for
 * everyone, so nothing is hidden that a user cannot reach another way.
 */

export const CLUSTER_PAGES = ['summary', 'nodes', 'control-plane', 'workloads', 'applications', 'network'] as const;
export type ClusterPage = (typeof CLUSTER_PAGES)[number];

export interface ClusterPageInfo {
  page: ClusterPage;
  layer: Layer | null;
  title: string;
  short: string;
}

export const PAGE_INFO: Record<ClusterPage, ClusterPageInfo> = {
  summary: { page: 'summary', layer: null, title: 'Summary', short: 'Summary' },
  nodes: { page: 'nodes', layer: 'L1', title: 'L1 Nodes', short: 'L1 Nodes' },
  'control-plane': { page: 'control-plane', layer: 'L2', title: 'L2 Control plane', short: 'L2 Control plane' },
  workloads: { page: 'workloads', layer: 'L3', title: 'L3 Workloads', short: 'L3 Workloads' },
  applications: { page: 'applications', layer: 'L4', title: 'L4 Applications', short: 'L4 Applications' },
  network: { page: 'network', layer: 'L5', title: 'L5 Network and external', short: 'L5 Network' },
};

/** Per persona: the pages it lives on first (its landing page leads), then the rest. */
const FEATURED: Record<Persona, readonly ClusterPage[]> = {
  'fleet-architect': ['summary'],
  'platform-engineer': ['nodes', 'control-plane', 'workloads'],
  developer: ['applications', 'workloads'],
  'network-engineer': ['network', 'nodes'],
};

export const PERSONA_NAMES: Record<Persona, string> = {
  'fleet-architect': 'Fleet architect',
  'platform-engineer': 'Platform engineer',
  developer: 'Developer',
  'network-engineer': 'Network engineer',
};

export function featuredPages(persona: Persona | null): readonly ClusterPage[] {
  return persona ? FEATURED[persona] : [];
}

/** Navigation order: the persona's pages first, the others after in layer order. */
export function navOrder(persona: Persona | null): ClusterPage[] {
  const first = featuredPages(persona);
  return [...first, ...CLUSTER_PAGES.filter((p) => !first.includes(p))];
}

export function landingPage(persona: Persona | null): ClusterPage {
  return featuredPages(persona)[0] ?? 'summary';
}

/** The page that shows a health reason's layer (reasons from the fleet rollup carry one). */
export function pageForLayer(layer: Layer): ClusterPage {
  const found = CLUSTER_PAGES.find((p) => PAGE_INFO[p].layer === layer);
  return found ?? 'summary';
}

/** Where a health reason is explained: firing alerts on /alerts, every other signal on its layer's page. */
export function reasonHref(cluster: string, reason: Pick<HealthReason, 'signal' | 'layer'>): string {
  if (reason.signal === 'alerts') return `/alerts?${serializeAlertParams({ ...DEFAULT_ALERTS, q: cluster })}`;
  return clusterPageHref(cluster, pageForLayer(reason.layer));
}

/** A cluster page's URL; the view's query string rides along so persona, time and selection stay. */
export function clusterPageHref(cluster: string, page: ClusterPage, query = ''): string {
  return `/clusters/${encodeURIComponent(cluster)}/${page}${query && !query.startsWith('?') ? `?${query}` : query}`;
}

/** A path segment as Next.js hands it over, decoded once; a malformed escape stays as it came. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
