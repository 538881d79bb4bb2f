/**
 * A classic histogram with constant observation rates per bucket: its cumulative bucket
 * counters grow linearly, so rate() of every bucket is exact and histogram_quantile of the
 * rates has one exact answer, computed here the way Prometheus interpolates.
 */
export interface HistogramModel {
  /** Upper bounds, +Inf implied. */
  bounds: readonly number[];
  /** Observations per second falling into each bucket (bounds.length + 1 entries, the last is +Inf). */
  rates: readonly number[];
  /** Seconds observed per second (the _sum counter's rate). */
  sumRate: number;
}

/** Observations at each bucket's midpoint (the +Inf bucket's at twice the last bound), so _sum agrees with the buckets. */
export function histogram(bounds: readonly number[], totalRate: number, shares: readonly number[]): HistogramModel {
  if (shares.length !== bounds.length + 1)
    throw new Error(`histogram needs ${bounds.length + 1} shares, got ${shares.length}`);
  const rates = shares.map((s) => s * totalRate);
  const mid = (i: number): number =>
    i === 0
      ? (bounds[0] as number) / 2
      : i < bounds.length
        ? ((bounds[i - 1] as number) + (bounds[i] as number)) / 2
        : 2 * (bounds[bounds.length - 1] as number);
  return { bounds, rates, sumRate: rates.reduce((a, r, i) => a + r * mid(i), 0) };
}

/** Cumulative rate of the `le` bucket i (i = bounds.length is +Inf). */
export function cumulativeRates(h: HistogramModel): number[] {
  let acc = 0;
  return h.rates.map((r) => (acc += r));
}

export function countRate(h: HistogramModel): number {
  return h.rates.reduce((a, b) => a + b, 0);
}

/** Sums histograms with the same bounds, as `sum by (le)` does. */
export function addHistograms(hs: readonly HistogramModel[]): HistogramModel | null {
  const [first] = hs;
  if (!first) return null;
  return {
    bounds: first.bounds,
    rates: first.rates.map((_, i) => hs.reduce((a, h) => a + (h.rates[i] as number), 0)),
    sumRate: hs.reduce((a, h) => a + h.sumRate, 0),
  };
}

/** histogram_quantile(q, …) over the bucket rates: linear interpolation within the bucket holding rank q·count. */
export function quantile(q: number, h: HistogramModel): number {
  const cum = cumulativeRates(h);
  const total = cum[cum.length - 1] as number;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let i = cum.findIndex((c) => c >= rank);
  if (i === h.bounds.length) return h.bounds[h.bounds.length - 1] as number;
  if (i < 0) i = 0;
  const lower = i === 0 ? 0 : (h.bounds[i - 1] as number);
  const below = i === 0 ? 0 : (cum[i - 1] as number);
  const inBucket = (cum[i] as number) - below;
  return lower + ((h.bounds[i] as number) - lower) * ((rank - below) / inBucket);
}
