import { LONG_RANGE_MIN_STEP, LONG_RANGE_SECONDS, MAX_RANGE_SECONDS } from '../../catalog/query-limits';

/**
 * Time ranges of the cluster pages: relative (`now-6h` … `now`) or absolute (ISO-8601),
 * as they live in the URL, and the step a range query uses for them.
 */

export type TimePoint = { kind: 'now'; offsetSeconds: number } | { kind: 'absolute'; at: number };

export interface TimeRange {
  from: TimePoint;
  to: TimePoint;
}

export const RELATIVE_CHOICES = ['now-1h', 'now-6h', 'now-24h', 'now-7d'] as const;
export const DEFAULT_FROM = 'now-1h';

const UNIT: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };
const MAX_SPAN = MAX_RANGE_SECONDS;

/** Parses `now`, `now-15m`, `now-6h`, `now-7d`, or an ISO-8601 instant; null when it is none. */
export function parseTimePoint(text: string): TimePoint | null {
  const t = text.trim();
  if (t === 'now') return { kind: 'now', offsetSeconds: 0 };
  const rel = /^now-(\d{1,4})([mhdw])$/.exec(t);
  if (rel) return { kind: 'now', offsetSeconds: Number(rel[1]) * (UNIT[rel[2] as string] ?? 0) };
  // Absolute times must be explicit ISO-8601 with a zone, so a link means the same instant everywhere.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? { kind: 'absolute', at: Math.floor(ms / 1000) } : null;
}

export function formatTimePoint(p: TimePoint): string {
  if (p.kind === 'absolute') return new Date(p.at * 1000).toISOString().replace('.000Z', 'Z');
  if (p.offsetSeconds === 0) return 'now';
  // Days from two on, so the picker's "now-24h" stays the text it was chosen as.
  if (p.offsetSeconds % 86_400 === 0 && p.offsetSeconds > 86_400) return `now-${p.offsetSeconds / 86_400}d`;
  for (const [unit, secs] of [
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (p.offsetSeconds % secs === 0) return `now-${p.offsetSeconds / secs}${unit}`;
  }
  return `now-${Math.round(p.offsetSeconds / 60)}m`;
}

export function resolvePoint(p: TimePoint, now: number): number {
  return p.kind === 'absolute' ? p.at : now - p.offsetSeconds;
}

export interface ResolvedRange {
  start: number;
  end: number;
  step: number;
  /** Whether the range moves with the clock (auto-refresh makes sense). */
  relative: boolean;
}

const STEPS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 86_400];
/** About this many points per chart: enough to see shape, cheap on every backend. */
const TARGET_POINTS = 240;

/** The step for a span: a round number near span/240, never below the catalog's long-range minimum. */
export function stepFor(span: number): number {
  const wanted = span / TARGET_POINTS;
  let step = STEPS.find((s) => s >= wanted) ?? (STEPS[STEPS.length - 1] as number);
  if (span >= LONG_RANGE_SECONDS) step = Math.max(step, LONG_RANGE_MIN_STEP);
  return step;
}

/**
 * Resolves a range at `now`: end aligned down to the step, so every viewer of a relative
 * link within the same step asks the backend the same question (and hits the cache).
 */
export function resolveRange(range: TimeRange, now: number): ResolvedRange {
  let end = resolvePoint(range.to, now);
  let start = resolvePoint(range.from, now);
  if (end > now) end = now;
  if (start >= end) start = end - 3600;
  if (end - start > MAX_SPAN) start = end - MAX_SPAN;
  const step = stepFor(end - start);
  const relative = range.to.kind === 'now';
  if (relative) {
    const aligned = Math.floor(end / step) * step;
    start -= end - aligned;
    end = aligned;
  }
  return { start, end, step, relative };
}

/** "Pin to absolute": the same instants, written as ISO times that no longer move. */
export function pinRange(range: TimeRange, now: number): TimeRange {
  const r = resolveRange(range, now);
  return { from: { kind: 'absolute', at: r.start }, to: { kind: 'absolute', at: r.end } };
}

/** The ISO-8601 duration Log Analytics is asked to cover for a resolved range. */
export function isoTimespan(r: ResolvedRange): string {
  const minutes = Math.max(1, Math.ceil((r.end - r.start) / 60));
  return minutes % 1440 === 0 ? `P${minutes / 1440}D` : minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
}

/** Short label: "Last 6 hours", or the absolute span in UTC. */
export function describeRange(range: TimeRange): string {
  if (range.to.kind === 'now' && range.to.offsetSeconds === 0 && range.from.kind === 'now') {
    const s = range.from.offsetSeconds;
    if (s % 86_400 === 0) return `Last ${s / 86_400 === 1 ? '24 hours' : `${s / 86_400} days`}`;
    if (s % 3600 === 0) return `Last ${s / 3600 === 1 ? 'hour' : `${s / 3600} hours`}`;
    return `Last ${Math.round(s / 60)} minutes`;
  }
  const f = (p: TimePoint): string =>
    p.kind === 'absolute' ? new Date(p.at * 1000).toISOString().slice(0, 16).replace('T', ' ') : formatTimePoint(p);
  return `${f(range.from)} → ${f(range.to)} UTC`;
}
