import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decompressBounded } from './bounded-lz';
import { MAX_Z_CHARS, parseMetricsExplore } from './explore';

/** A deterministic generator, so a failure names the case that broke. */
function* samples(): Generator<string> {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const alphabets = ['abc', 'sum by (cluster) (rate(x[5m])) ', 'ÄÖü—€→🙂 \\"\n', 'a'];
  for (let i = 0; i < 300; i += 1) {
    const letters = [...alphabets[i % alphabets.length]!];
    const length = next() % 3000;
    yield Array.from({ length }, () => letters[next() % letters.length]).join('');
  }
  yield JSON.stringify(['up', 'sum(rate(container_cpu_usage_seconds_total{namespace!~"kube-system"}[5m]))']);
}

describe('bounded lz-string decompression', () => {
  it('reads exactly what lz-string writes', () => {
    for (const text of samples()) {
      const z = compressToEncodedURIComponent(text);
      expect(decompressBounded(z, text.length)).toBe(text);
      // Form decoding turns '+' into a space; the library reads it back the same way.
      expect(decompressBounded(z.replaceAll('+', ' '), text.length)).toBe(decompressFromEncodedURIComponent(z));
    }
  });

  it('stops at the bound instead of producing what a crafted link asks for', () => {
    const bomb = compressToEncodedURIComponent('a'.repeat(300_000));
    expect(bomb.length).toBeLessThan(2_000);
    // The library itself would hand back every character: 150 times the link's length.
    expect(decompressFromEncodedURIComponent(bomb)).toHaveLength(300_000);
    expect(decompressBounded(bomb, 299_999)).toBeNull();
    expect(decompressBounded(bomb, MAX_Z_CHARS)).toBeNull();
  });

  it('refuses input that is not lz-string output', () => {
    for (const bad of ['', 'garbage!', 'A', '====', compressToEncodedURIComponent('up').slice(0, 3)]) {
      expect(decompressBounded(bad, 1000)).toBeNull();
    }
  });

  it('a link with a decompression bomb in z= is refused as bad input, naming z', () => {
    const bomb = compressToEncodedURIComponent(JSON.stringify(['x'.repeat(300_000)]));
    const parsed = parseMetricsExplore(new URLSearchParams({ z: bomb }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.param)).toEqual(['z']);
    expect(parsed.value.queries).toEqual([]);
  });
});
