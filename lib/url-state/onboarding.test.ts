import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ONBOARDING,
  parseOnboardingApiParams,
  parseOnboardingParams,
  serializeOnboardingParams,
} from './onboarding';

describe('onboarding URL state', () => {
  it('round-trips a view', () => {
    const view = {
      persona: 'network-engineer',
      gapsOnly: true,
      q: 'aks prod',
      capability: 'defender',
      selected: 'aks-prod-weu-001~defender',
    } as const;
    const qs = serializeOnboardingParams(view);
    expect(qs).toBe('persona=network-engineer&cap=defender&q=aks+prod&gaps=1&sel=aks-prod-weu-001~defender');
    expect(parseOnboardingParams(new URLSearchParams(qs.replace('~', '%7E')))).toEqual({ ok: true, value: view });
    expect(parseOnboardingParams(new URLSearchParams(qs))).toEqual({ ok: true, value: view });
  });

  it('omits defaults', () => {
    expect(serializeOnboardingParams(DEFAULT_ONBOARDING)).toBe('');
    expect(parseOnboardingParams(new URLSearchParams(''))).toEqual({ ok: true, value: DEFAULT_ONBOARDING });
  });

  it('names the bad parameter and keeps the rest', () => {
    const r = parseOnboardingParams(new URLSearchParams('persona=ceo&cap=defender&sel=%01~x'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.param)).toEqual(['persona', 'sel']);
    expect(r.value.capability).toBe('defender');
    expect(r.value.persona).toBe('all');
  });

  it('the API refuses unknown and repeated parameters and bad formats', () => {
    const r = parseOnboardingApiParams(new URLSearchParams('format=xml&foo=1&q=a&q=b'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.param).sort()).toEqual(['foo', 'format', 'q']);
    expect(parseOnboardingApiParams(new URLSearchParams('format=csv&persona=developer'))).toMatchObject({
      ok: true,
      value: { format: 'csv' },
    });
  });
});
