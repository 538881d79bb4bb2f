import { formatTimePoint, resolvePoint, type TimeRange } from '../fleet/cluster/time-range';

export type { TimeRange } from '../fleet/cluster/time-range';

/** The relative ranges the explorers offer in their picker; a link may carry any other `now-<n>`. */
export const RELATIVE_CHOICES = ['now-15m', 'now-1h', 'now-6h', 'now-24h', 'now-7d', 'now-30d', 'now-90d'] as const;

export const relativeRange = (offsetSeconds: number): TimeRange => ({
  from: { kind: 'now', offsetSeconds },
  to: { kind: 'now', offsetSeconds: 0 },
});

/** Start and end in unix seconds, "now" rounded down to the second; unlike the cluster pages, not aligned to a step. */
export function resolveRange(range: TimeRange, nowMs: number): { start: number; end: number } {
  const now = Math.floor(nowMs / 1000);
  return { start: resolvePoint(range.from, now), end: resolvePoint(range.to, now) };
}

/** "now-6h" when the range runs up to now, null when it is absolute somewhere. */
export function relativeText(range: TimeRange): string | null {
  return range.from.kind === 'now' && range.to.kind === 'now' && range.to.offsetSeconds === 0
    ? formatTimePoint(range.from)
    : null;
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
