import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, type FleetFilters } from '../fleet/filter';
import { parseFleetApiParams } from './fleet-api';
import { parseOverviewParams, serializeOverviewParams } from './overview';

const parse = (qs: string) => parseOverviewParams(new URLSearchParams(qs));

describe('overview URL state', () => {
  it('is empty for the default view', () => {
    expect(serializeOverviewParams(DEFAULT_FILTERS)).toBe('');
    expect(parse('')).toEqual({ ok: true, value: DEFAULT_FILTERS });
  });

  it('round-trips a filtered, sorted view', () => {
    const view: FleetFilters = {
      q: 'prod "eu"',
      health: ['critical', 'warning'],
      provider: ['eks', 'aks'],
      region: ['westeurope'],
      version: ['1.33', '1.34'],
      sort: 'cpu',
      dir: 'asc',
    };
    const qs = serializeOverviewParams(view);
    expect(qs).toBe(
      'q=prod+%22eu%22&health=critical,warning&provider=aks,eks&region=westeurope&version=1.33,1.34&sort=cpu&dir=asc',
    );
    // URLSearchParams' spelling of the same view (links written before nuqs) reads the same.
    expect(
      parse(
        'q=prod+%22eu%22&health=critical%2Cwarning&provider=aks%2Ceks&region=westeurope&version=1.33%2C1.34&sort=cpu&dir=asc',
      ),
    ).toEqual(parse(qs));
    const back = parse(qs);
    expect(back.ok).toBe(true);
    expect(serializeOverviewParams(back.value)).toBe(qs);
    expect(back.value.provider.sort()).toEqual(['aks', 'eks']);
  });

  it('takes every provider value /api/fleet answers, and the distributions links always had', () => {
    for (const v of ['aks', 'arc', 'prometheus', 'eks', 'gke', 'k3s', 'openshift', 'other'])
      expect(parse(`provider=${v}`)).toMatchObject({ ok: true, value: { provider: [v] } });
    const r = parse('provider=metrics');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]?.message).toBe(
        'provider must be one of aks, arc, prometheus, eks, gke, k3s, openshift, other',
      );
  });

  it('keeps links written by hand working: spaces, duplicates and empty items', () => {
    expect(parse('health=critical, warning,,critical').value.health).toEqual(['critical', 'warning']);
  });

  it('names the parameter that is wrong and keeps the rest', () => {
    const r = parse('health=critical,bogus&region=westeurope&sort=sideways');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.param)).toEqual(['health', 'sort']);
    expect(r.errors[0]?.message).toBe('health must be one of critical, warning, unknown, healthy');
    expect(r.value.region).toEqual(['westeurope']);
    expect(r.value.sort).toBe(DEFAULT_FILTERS.sort);
  });

  it('refuses a 10 kB search and control characters', () => {
    expect(parse(`q=${'a'.repeat(10_000)}`).ok).toBe(false);
    expect(parse('q=a%00b').ok).toBe(false);
    expect(parse(`q=${'a'.repeat(200)}`).ok).toBe(true);
  });
});

describe('/api/fleet parameters', () => {
  const api = (qs: string) => parseFleetApiParams(new URLSearchParams(qs));

  it('accepts paging', () => {
    expect(api('limit=10&offset=20')).toMatchObject({ ok: true, value: { limit: 10, offset: 20 } });
  });

  it.each([
    ['limit=abc', 'limit', 'limit must be a number'],
    ['limit=1.5', 'limit', 'limit must be a whole number'],
    ['limit=0', 'limit', 'limit must be at least 1'],
    ['offset=-1', 'offset', 'offset must be at least 0'],
    ['limit=', 'limit', 'limit must be a number'],
    ['helth=critical', 'helth', 'unknown parameter helth'],
    ['health=ok', 'health', 'health must be one of critical, warning, unknown, healthy'],
    ['sort=cpu&sort=name', 'sort', 'sort is given more than once'],
  ])('%s → 400 naming %s', (qs, param, message) => {
    const r = api(qs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ param, message });
  });
});
