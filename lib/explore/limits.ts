/**
 * The explorers' guard rails, chosen so one ad-hoc query cannot hurt the portal or the
 * engine behind it. Managed Prometheus enforces the same range and step limits.
 */
export const EXPLORE_LIMITS = {
  /** Longest range a query may cover (Azure Monitor managed Prometheus: 32 days). */
  maxRangeSeconds: 32 * 86_400,
  /** Prometheus refuses more than 11,000 points per series. */
  maxPointsPerSeries: 11_000,
  /** Points a chart needs to look smooth; the automatic step aims for this. */
  targetPoints: 240,
  /** Ranges of 48 h or more need a step of at least 60 s (managed Prometheus). */
  longRangeSeconds: 48 * 3600,
  longRangeMinStep: 60,
  /** Series sent to the browser; more are cut with a notice. */
  maxSeries: 200,
  /** Log rows sent to the browser; more are cut with a notice. */
  maxRows: 10_000,
  /** Queries on one chart. */
  maxQueries: 5,
} as const;

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** The smallest step that keeps the chart near its target points and inside every limit. */
export function minimumStep(rangeSeconds: number): number {
  const floor = Math.max(1, Math.ceil(rangeSeconds / EXPLORE_LIMITS.maxPointsPerSeries));
  return rangeSeconds >= EXPLORE_LIMITS.longRangeSeconds ? Math.max(floor, EXPLORE_LIMITS.longRangeMinStep) : floor;
}

export function autoStep(rangeSeconds: number): number {
  const wanted = Math.max(minimumStep(rangeSeconds), rangeSeconds / EXPLORE_LIMITS.targetPoints);
  return NICE_STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted);
}

/** A requested step, raised to what the range allows; null asks for the automatic step. */
export function effectiveStep(rangeSeconds: number, requested: number | null): number {
  return requested === null ? autoStep(rangeSeconds) : Math.max(requested, minimumStep(rangeSeconds));
}
