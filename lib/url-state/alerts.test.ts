import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERTS, parseAlertParams, serializeAlertParams } from './alerts';

describe('alerts URL state', () => {
  it('round-trips a view and omits defaults', () => {
    const view = { group: 'rule', severity: 'Sev3', q: 'prod', coverageGaps: true } as const;
    const qs = serializeAlertParams(view);
    expect(qs).toBe('group=rule&sev=Sev3&q=prod&cov=gaps');
    expect(parseAlertParams(new URLSearchParams(qs))).toEqual({ ok: true, value: view });
    expect(serializeAlertParams(DEFAULT_ALERTS)).toBe('');
  });

  it('names the bad parameter and falls back', () => {
    const r = parseAlertParams(new URLSearchParams('sev=critical&cov=all&group=cluster'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.param)).toEqual(['sev', 'cov']);
    expect(r.value).toEqual(DEFAULT_ALERTS);
  });
});
