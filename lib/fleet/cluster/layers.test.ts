import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../catalog/types';
import { CLUSTER_PAGES, clusterPageHref, landingPage, navOrder, pageForLayer, safeDecode } from './layers';

describe('personas and layer pages', () => {
  it('each persona lands on its own page and sees it first; every page stays reachable', () => {
    expect(landingPage(null)).toBe('summary');
    expect(landingPage('fleet-architect')).toBe('summary');
    expect(landingPage('platform-engineer')).toBe('nodes');
    expect(landingPage('developer')).toBe('applications');
    for (const p of [null, ...PERSONAS]) {
      const order = navOrder(p);
      expect(order[0]).toBe(landingPage(p));
      expect([...order].sort()).toEqual([...CLUSTER_PAGES].sort());
    }
    expect(navOrder('developer')).toEqual([
      'applications',
      'workloads',
      'summary',
      'nodes',
      'control-plane',
      'network',
    ]);
    expect(landingPage('network-engineer')).toBe('network');
  });

  it("maps a health reason's layer to the page that shows it", () => {
    expect(pageForLayer('L1')).toBe('nodes');
    expect(pageForLayer('L2')).toBe('control-plane');
    expect(pageForLayer('L3')).toBe('workloads');
    expect(pageForLayer('L4')).toBe('applications');
    expect(pageForLayer('L5')).toBe('network');
    expect(pageForLayer('fleet')).toBe('summary');
  });

  it('builds hrefs with an escaped cluster name and the view query', () => {
    expect(clusterPageHref('aks-prod-weu-01', 'nodes', 'persona=developer')).toBe(
      '/clusters/aks-prod-weu-01/nodes?persona=developer',
    );
    expect(clusterPageHref('a/b c', 'summary')).toBe('/clusters/a%2Fb%20c/summary');
    expect(safeDecode('a%2Fb')).toBe('a/b');
    expect(safeDecode('bad%E0%A4%A')).toBe('bad%E0%A4%A');
  });
});
