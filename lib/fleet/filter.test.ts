import { describe, expect, it } from 'vitest';
import { applyFleetFilters, DEFAULT_FILTERS, summarizeFleet } from './filter';
import type { ClusterSummary } from './types';

function cluster(name: string, over: Partial<ClusterSummary> = {}): ClusterSummary {
  return {
    id: `/subscriptions/s/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    provider: 'aks',
    distribution: 'aks',
    subscriptionId: 's',
    resourceGroup: `rg-${name}`,
    region: 'westeurope',
    kubernetesVersion: '1.35.1',
    kubernetesMinor: '1.35',
    versionSupport: 'supported',
    powerState: 'Running',
    tags: { team: 'payments' },
    health: { status: 'healthy', reasons: [], score: 0 },
    nodes: { ready: 3, total: 3 },
    nodePools: 1,
    pods: { running: 30, pending: 0, failed: 0 },
    containers: { crashLooping: 0, restartsLastHour: 0 },
    workloads: { down: 0, partial: 0 },
    cpu: { utilization: 0.5 },
    memory: { utilization: 0.5 },
    lastUpgrade: null,
    monitoring: { metrics: true, nodeSource: 'prometheus', containerInsights: true, managedPrometheus: true },
    ...over,
  };
}

const fleet = [
  cluster('alpha', { health: { status: 'critical', reasons: [], score: 0 }, cpu: { utilization: 0.95 } }),
  cluster('bravo', {
    provider: 'arc',
    distribution: 'eks',
    region: 'eastus',
    kubernetesVersion: '1.33.2',
    kubernetesMinor: '1.33',
    versionSupport: 'out-of-support',
    health: { status: 'warning', reasons: [], score: 0 },
  }),
  cluster('charlie', {
    cpu: { utilization: null },
    health: { status: 'unknown', reasons: [], score: 0 },
    tags: { team: 'search' },
  }),
  cluster('delta', { cpu: { utilization: 0.2 } }),
];
const names = (list: ClusterSummary[]) => list.map((c) => c.name);

describe('fleet filters', () => {
  it('filters by how a cluster is known or by its distribution, as links always could', () => {
    const metrics = [
      cluster('eks-m', { provider: 'prometheus', distribution: 'eks' }),
      cluster('aks-m', { provider: 'prometheus', distribution: 'aks' }),
      cluster('edge-m', { provider: 'prometheus', distribution: 'other' }),
    ];
    const all = [...fleet, ...metrics];
    expect(
      names(applyFleetFilters(all, { ...DEFAULT_FILTERS, provider: ['prometheus'], sort: 'name', dir: 'asc' })),
    ).toEqual(['aks-m', 'edge-m', 'eks-m']);
    expect(names(applyFleetFilters(all, { ...DEFAULT_FILTERS, provider: ['eks'], sort: 'name', dir: 'asc' }))).toEqual([
      'bravo',
      'eks-m',
    ]);
    expect(names(applyFleetFilters(all, { ...DEFAULT_FILTERS, provider: ['arc'] }))).toEqual(['bravo']);
    expect(names(applyFleetFilters(all, { ...DEFAULT_FILTERS, provider: ['other'] }))).toEqual(['edge-m']);
    // The table sorts by the name it shows.
    expect(names(applyFleetFilters(metrics, { ...DEFAULT_FILTERS, sort: 'provider', dir: 'asc' }))).toEqual([
      'aks-m',
      'eks-m',
      'edge-m',
    ]);
  });

  it('a Prometheus-only fleet is summarised as metrics only, never as Arc or AKS', () => {
    const s = summarizeFleet([
      cluster('eks-1', { provider: 'prometheus', distribution: 'eks' }),
      cluster('eks-2', { provider: 'prometheus', distribution: 'eks' }),
      cluster('k3s-1', { provider: 'prometheus', distribution: 'k3s' }),
    ]);
    expect(s.byProvider).toEqual([
      { key: 'eks', label: 'EKS · metrics only', provider: 'prometheus', count: 2 },
      { key: 'k3s', label: 'k3s · metrics only', provider: 'prometheus', count: 1 },
    ]);
  });

  it('sorts worst health first by default', () => {
    expect(names(applyFleetFilters(fleet, DEFAULT_FILTERS))).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
  });

  it('within a status, the higher severity score first, whatever the names', () => {
    const critical = (name: string, score: number) =>
      cluster(name, { health: { status: 'critical', reasons: [], score } });
    const rows = [critical('a-one-of-eight', 22.5), critical('z-seventeen-of-sixty', 38.33), critical('m-quiet', 10)];
    expect(names(applyFleetFilters(rows, DEFAULT_FILTERS))).toEqual([
      'z-seventeen-of-sixty',
      'a-one-of-eight',
      'm-quiet',
    ]);
  });

  it('combines health, provider, region and version filters', () => {
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, health: ['warning', 'healthy'] }))).toEqual([
      'bravo',
      'delta',
    ]);
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, provider: ['arc'] }))).toEqual(['bravo']);
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, provider: ['eks'] }))).toEqual(['bravo']);
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, region: ['westeurope'], version: ['1.35'] }))).toEqual([
      'alpha',
      'charlie',
      'delta',
    ]);
  });

  it('searches names, groups and tag values, case-insensitively', () => {
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, q: 'SEARCH' }))).toEqual(['charlie']);
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, q: 'rg-del' }))).toEqual(['delta']);
    expect(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, q: 'nothing-like-this' })).toEqual([]);
  });

  it('keeps clusters without a value last in either direction', () => {
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, sort: 'cpu', dir: 'desc' }))).toEqual([
      'alpha',
      'bravo',
      'delta',
      'charlie',
    ]);
    expect(names(applyFleetFilters(fleet, { ...DEFAULT_FILTERS, sort: 'cpu', dir: 'asc' }))).toEqual([
      'delta',
      'bravo',
      'alpha',
      'charlie',
    ]);
  });

  it('sorts versions numerically', () => {
    const list = [cluster('x', { kubernetesVersion: '1.9.0' }), cluster('y', { kubernetesVersion: '1.33.0' })];
    expect(names(applyFleetFilters(list, { ...DEFAULT_FILTERS, sort: 'version', dir: 'asc' }))).toEqual(['x', 'y']);
  });

  it('summarises health, providers, minors and nodes', () => {
    const s = summarizeFleet(fleet);
    expect(s.byHealth).toEqual({ critical: 1, warning: 1, unknown: 1, healthy: 1 });
    expect(s.byProvider).toEqual([
      { key: 'aks', label: 'AKS', provider: 'aks', count: 3 },
      { key: 'eks', label: 'EKS · Arc-connected', provider: 'arc', count: 1 },
    ]);
    expect(s.byMinor).toEqual([
      { minor: '1.35', count: 3, supported: true },
      { minor: '1.33', count: 1, supported: false },
    ]);
    expect(s.nodes).toEqual({ ready: 12, total: 12, unknown: 0 });
  });
});
