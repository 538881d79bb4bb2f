/** Relative ranges the explorers offer; absolute ranges are from/to in the URL. */
export const RELATIVE_RANGES = {
  'now-15m': 900,
  'now-1h': 3600,
  'now-6h': 6 * 3600,
  'now-24h': 86_400,
  'now-7d': 7 * 86_400,
  'now-30d': 30 * 86_400,
  'now-90d': 90 * 86_400,
} as const;
export type RelativeRange = keyof typeof RELATIVE_RANGES;

export type TimeRange = { kind: 'relative'; range: RelativeRange } | { kind: 'absolute'; from: number; to: number };

/** Start and end in unix seconds, "now" rounded down to the second. */
export function resolveRange(range: TimeRange, nowMs: number): { start: number; end: number } {
  if (range.kind === 'absolute') return { start: range.from, end: range.to };
  const end = Math.floor(nowMs / 1000);
  return { start: end - RELATIVE_RANGES[range.range], end };
}

/** The ISO-8601 duration Log Analytics takes as timespan, in whole minutes (at least one). */
export function isoDuration(seconds: number): string {
  const total = Math.max(60, Math.ceil(seconds / 60) * 60);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = (total % 3600) / 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
