import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, parseCostApiParams, parseCostParams, serializeCostParams } from './cost';

describe('cost URL state', () => {
  it('round-trips a view and omits defaults', () => {
    const view = { group: 'team', range: '7d', cluster: 'aks-prod-weu-001' } as const;
    const qs = serializeCostParams(view);
    // The window is written with the time codec every view shares.
    expect(qs).toBe('from=now-7d&group=team&cluster=aks-prod-weu-001');
    expect(parseCostParams(new URLSearchParams(qs))).toEqual({ ok: true, value: view });
    // Links from before read the same view.
    expect(parseCostParams(new URLSearchParams('range=7d&group=team&cluster=aks-prod-weu-001'))).toEqual({
      ok: true,
      value: view,
    });
    expect(serializeCostParams(DEFAULT_COST)).toBe('');
  });

  it('names the bad parameter and falls back', () => {
    const r = parseCostParams(new URLSearchParams('group=pod&range=1y&cluster=%22%3B+drop'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // An old name is named as the link spells it.
    expect(r.errors.map((e) => e.param)).toEqual(['range', 'group', 'cluster']);
    expect(parseCostParams(new URLSearchParams('from=now-1y')).ok).toBe(false);
    expect(r.value).toEqual(DEFAULT_COST);
  });

  it('the API refuses unknown parameters and formats', () => {
    const r = parseCostApiParams(new URLSearchParams('format=pdf&x=1'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.param).sort()).toEqual(['format', 'x']);
    expect(parseCostApiParams(new URLSearchParams('format=csv&group=cluster'))).toMatchObject({
      ok: true,
      value: { format: 'csv', view: { group: 'cluster' } },
    });
  });
});
