import { describe, expect, it } from 'vitest';
import { bucketQuantile, bucketRates, type Bucket } from './histogram-quantile';
import { shiftedExponentialCdf } from './family-kit';

const b = (pairs: Array<[number, number]>): Bucket[] => pairs.map(([upperBound, count]) => ({ upperBound, count }));

describe('bucketQuantile (Prometheus histogram_quantile)', () => {
  it('interpolates linearly inside the bucket the rank falls in, from 0 below the first bound', () => {
    const buckets = b([
      [1, 10],
      [2, 20],
      [4, 40],
      [Infinity, 40],
    ]);
    expect(bucketQuantile(0.25, buckets)).toBe(1); // rank 10: the top of the first bucket
    expect(bucketQuantile(0.125, buckets)).toBe(0.5);
    expect(bucketQuantile(0.375, buckets)).toBe(1.5);
    expect(bucketQuantile(0.75, buckets)).toBe(3);
    // Order of the input does not matter; the function sorts by bound.
    expect(bucketQuantile(0.75, [...buckets].reverse())).toBe(3);
  });

  it('answers the second-highest bound when the rank falls in +Inf', () => {
    expect(
      bucketQuantile(
        0.99,
        b([
          [0.1, 50],
          [1, 90],
          [Infinity, 100],
        ]),
      ),
    ).toBe(1);
  });

  it('has Prometheus special cases: NaN without +Inf or observations, ±Inf outside [0, 1], a bound ≤ 0 as is', () => {
    expect(
      bucketQuantile(
        0.5,
        b([
          [1, 10],
          [2, 20],
        ]),
      ),
    ).toBeNaN();
    expect(
      bucketQuantile(
        0.5,
        b([
          [1, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeNaN();
    expect(bucketQuantile(0.5, b([[Infinity, 5]]))).toBeNaN();
    expect(
      bucketQuantile(
        -0.1,
        b([
          [1, 1],
          [Infinity, 1],
        ]),
      ),
    ).toBe(-Infinity);
    expect(
      bucketQuantile(
        1.1,
        b([
          [1, 1],
          [Infinity, 1],
        ]),
      ),
    ).toBe(Infinity);
    expect(
      bucketQuantile(
        0.5,
        b([
          [-1, 5],
          [1, 8],
          [Infinity, 10],
        ]),
      ),
    ).toBe(-1);
  });

  it('forces counts monotonic and merges equal bounds before searching', () => {
    // The 2-bucket dips below the 1-bucket; Prometheus lifts it to 10.
    expect(
      bucketQuantile(
        0.5,
        b([
          [1, 10],
          [2, 8],
          [3, 20],
          [Infinity, 20],
        ]),
      ),
    ).toBe(1);
    expect(
      bucketQuantile(
        0.5,
        b([
          [1, 4],
          [1, 6],
          [2, 20],
          [Infinity, 20],
        ]),
      ),
    ).toBe(1);
  });
});

describe('bucketRates', () => {
  const series = (labels: Record<string, string>, perSecond: number) => ({
    labels,
    // count grows by perSecond each second; half the observations are ≤ 0.1 s.
    value: (t: number) => ({
      count: Math.floor(t * perSecond),
      sum: 0,
      cdf: (le: number) => (le >= 0.1 ? (le >= 1 ? 1 : 0.5) : 0),
    }),
  });

  it('sums the per-second increase of every bucket per group, +Inf last', () => {
    const groups = bucketRates(
      [series({ node: 'a', x: '1' }, 2), series({ node: 'a', x: '2' }, 4), series({ node: 'b', x: '1' }, 10)],
      [0.1, 1],
      ['node'],
      1_000_000,
    );
    expect(groups.map((g) => g.labels)).toEqual([{ node: 'a' }, { node: 'b' }]);
    const [a, b2] = groups;
    expect(a?.buckets.map((x) => x.upperBound)).toEqual([0.1, 1, Infinity]);
    expect(a?.buckets.map((x) => x.count)).toEqual([3, 6, 6]);
    expect(b2?.buckets.map((x) => x.count)).toEqual([5, 10, 10]);
    expect(bucketQuantile(0.5, a?.buckets ?? [])).toBeCloseTo(0.1, 12);
  });

  it('leaves out a series without two samples in the window', () => {
    const young = {
      labels: { node: 'new' },
      value: (t: number) => (t < 1_000_000 ? null : { count: 5, sum: 0, cdf: () => 1 }),
    };
    expect(bucketRates([young], [1], ['node'], 1_000_000)).toEqual([]);
  });

  it("recovers the quantiles of a smooth distribution within a bucket's width", () => {
    const cdf = shiftedExponentialCdf(0.01, 0.05);
    const s = { labels: {}, value: (t: number) => ({ count: Math.floor(t * 100), sum: 0, cdf }) };
    const bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    const [g] = bucketRates([s], bounds, [], 1_800_000);
    const exact = (q: number): number => 0.01 - 0.05 * Math.log(1 - q);
    for (const q of [0.5, 0.95, 0.99]) {
      const got = bucketQuantile(q, g?.buckets ?? []);
      const bound = bounds.findIndex((x) => x >= exact(q));
      expect(got, `q=${q}`).toBeGreaterThan(bounds[bound - 1] ?? 0);
      expect(got, `q=${q}`).toBeLessThanOrEqual(bounds[bound] ?? Infinity);
    }
  });
});
