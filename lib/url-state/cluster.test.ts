import { describe, expect, it } from 'vitest';
import { parseClusterView, serializeClusterView } from './cluster';

const parse = (qs: string) => parseClusterView(new URLSearchParams(qs));

describe('cluster view URL state', () => {
  it('round-trips persona, time, refresh and selection in a fixed order', () => {
    const qs =
      'persona=developer&from=now-6h&refresh=30s&node=aks-nodepool1-0&namespace=payments&workload=checkout&q=timeout+error';
    const v = parse(qs);
    expect(v.ok).toBe(true);
    expect(serializeClusterView(v.value)).toBe(qs);
    expect(serializeClusterView(parse('workload=checkout&persona=developer&namespace=payments').value)).toBe(
      'persona=developer&namespace=payments&workload=checkout',
    );
  });

  it('omits defaults: the default view has an empty query string', () => {
    expect(serializeClusterView(parse('').value)).toBe('');
    expect(serializeClusterView(parse('from=now-1h&to=now&refresh=off').value)).toBe('');
  });

  it('keeps absolute ranges', () => {
    const v = parse('from=2026-11-24T18:00:00Z&to=2026-11-24T20:00:00Z');
    expect(serializeClusterView(v.value)).toBe('from=2026-11-24T18:00:00Z&to=2026-11-24T20:00:00Z');
    expect(parse('from=2026-11-24T18%3A00%3A00Z&to=2026-11-24T20%3A00%3A00Z').value).toEqual(v.value);
  });

  it('old links keep working: range=6h is from=now-6h, ns is namespace', () => {
    const old = parse('range=6h&ns=payments&persona=platform-engineer');
    expect(old.ok).toBe(true);
    expect(old.value.range.from).toEqual({ kind: 'now', offsetSeconds: 6 * 3600 });
    expect(old.value.namespace).toBe('payments');
    expect(serializeClusterView(old.value)).toBe('persona=platform-engineer&from=now-6h&namespace=payments');
    // The current name wins over the old one.
    expect(parse('range=6h&from=now-24h').value.range.from).toEqual({ kind: 'now', offsetSeconds: 86_400 });
  });

  it('reports bad values and falls back to defaults', () => {
    const v = parse(
      'persona=ceo&from=tomorrow&refresh=1s&node=Bad%20Node&workload=x%22%7D&q=' + encodeURIComponent('a\u0000b'),
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => e.param).sort()).toEqual(['from', 'node', 'persona', 'q', 'refresh', 'workload']);
    expect(serializeClusterView(v.value)).toBe('');
  });
});
