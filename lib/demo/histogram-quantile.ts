import { bucketCount, type HistogramPoint } from './family-kit';
import { counterRate } from './signals';

/**
 * PromQL's histogram_quantile over classic `_bucket{le}` series, so the demo answers
 * percentile queries with the numbers a real Prometheus computes from the same samples.
 */

export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * Prometheus' bucketQuantile (promql/quantile.go, as in the 2.42 server Debian ships): linear
 * interpolation inside the bucket the rank falls in, 0 as the lowest bucket's lower bound, the
 * second-highest bound when the rank falls in +Inf. NaN without +Inf, with fewer than two
 * buckets or with no observations.
 * https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length === 0 || sorted[sorted.length - 1]?.upperBound !== Infinity) return NaN;
  // coalesceBuckets: the same bound twice (e.g. "1" and "1.0") counts once.
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ ...b });
  }
  // ensureMonotonic: counts never fall as the bound grows.
  let max = buckets[0]?.count ?? 0;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
  if (buckets.length < 2) return NaN;
  const observations = (buckets[buckets.length - 1] as Bucket).count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search over all buckets but +Inf: the first whose count reaches the rank.
  let b = buckets.findIndex((x, i) => i < buckets.length - 1 && x.count >= rank);
  if (b === -1) b = buckets.length - 1;
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).upperBound;
  const here = buckets[b] as Bucket;
  if (b === 0 && here.upperBound <= 0) return here.upperBound;
  let start = 0;
  let count = here.count;
  if (b > 0) {
    const below = buckets[b - 1] as Bucket;
    start = below.upperBound;
    count -= below.count;
    rank -= below.count;
  }
  return start + (here.upperBound - start) * (rank / count);
}

export interface DemoHistogramSeries {
  labels: Record<string, string>;
  value: (t: number) => HistogramPoint | null;
}

export interface BucketGroup {
  labels: Record<string, string>;
  buckets: Bucket[];
}

/**
 * `sum by (<by>, le) (rate(<name>_bucket[<range>]))` over demo histogram series: the per-second
 * increase of every bucket, from the exact samples the telemetry export writes (bucketCount),
 * summed per group. A series without two samples in the window has no rate and adds nothing.
 */
export function bucketRates(
  series: Iterable<DemoHistogramSeries>,
  bounds: readonly number[],
  by: readonly string[],
  t: number,
  range = 300,
): BucketGroup[] {
  const groups = new Map<string, BucketGroup>();
  const les = [...bounds, Infinity];
  for (const s of series) {
    const points = new Map<number, HistogramPoint | null>();
    const pointAt = (at: number): HistogramPoint | null => {
      if (!points.has(at)) points.set(at, s.value(at));
      return points.get(at) ?? null;
    };
    const rates = les.map((le) =>
      counterRate(
        (at) => {
          const point = pointAt(at);
          return point === null ? null : bucketCount(point, le);
        },
        t,
        range,
        true,
      ),
    );
    if (rates.some((r) => r === null)) continue;
    const labels = Object.fromEntries(by.map((k) => [k, s.labels[k] ?? '']));
    const key = JSON.stringify(labels);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { labels, buckets: les.map((upperBound) => ({ upperBound, count: 0 })) }));
    rates.forEach((r, i) => {
      (group.buckets[i] as Bucket).count += r ?? 0;
    });
  }
  return [...groups.values()];
}

/** The percentiles the cluster pages draw, named as the catalog's `percentile` label names them. */
export const PERCENTILES = [
  ['p50', 0.5],
  ['p95', 0.95],
  ['p99', 0.99],
] as const;
