import { describe, expect, it } from 'vitest';
import {
  describeRange,
  formatTimePoint,
  isoTimespan,
  parseTimePoint,
  pinRange,
  resolveRange,
  stepFor,
  type TimeRange,
} from './time-range';

const NOW = 1_764_000_000; // 2025-11-24T16:00:00Z
const rel = (from: string, to = 'now'): TimeRange => ({ from: parseTimePoint(from)!, to: parseTimePoint(to)! });

describe('time points', () => {
  it('reads relative and absolute points and writes them back the same', () => {
    for (const text of ['now', 'now-15m', 'now-6h', 'now-7d', '2026-11-24T20:00:00Z']) {
      const p = parseTimePoint(text);
      expect(p, text).not.toBeNull();
      expect(formatTimePoint(p!)).toBe(text);
    }
    expect(parseTimePoint('now-24h')).toEqual({ kind: 'now', offsetSeconds: 86_400 });
    expect(formatTimePoint(parseTimePoint('now-24h')!)).toBe('now-24h');
    expect(formatTimePoint(parseTimePoint('now-1d')!)).toBe('now-24h');
    expect(formatTimePoint(parseTimePoint('now-48h')!)).toBe('now-2d');
  });

  it('refuses times without a zone and anything else', () => {
    for (const bad of ['2026-11-24T20:00', 'yesterday', 'now+1h', 'now-1y', '', 'now-99999h', '1764000000'])
      expect(parseTimePoint(bad), bad).toBeNull();
  });
});

describe('resolving a range', () => {
  it('adapts the step to the span and keeps about 240 points', () => {
    expect(stepFor(3600)).toBe(15);
    expect(stepFor(6 * 3600)).toBe(120);
    expect(stepFor(86_400)).toBe(600);
    expect(stepFor(7 * 86_400)).toBe(3600);
    for (const span of [3600, 6 * 3600, 86_400, 7 * 86_400]) expect(span / stepFor(span)).toBeLessThanOrEqual(240);
  });

  it('never uses a step under 60 s for 48 h or more (managed Prometheus)', () => {
    expect(stepFor(48 * 3600)).toBeGreaterThanOrEqual(60);
    expect(resolveRange(rel('now-2d'), NOW).step).toBeGreaterThanOrEqual(60);
  });

  it('aligns a relative range to its step so viewers share one question', () => {
    const a = resolveRange(rel('now-6h'), NOW + 7);
    const b = resolveRange(rel('now-6h'), NOW + 100);
    expect(a).toEqual(b);
    expect(a.end % a.step).toBe(0);
    expect(a.end - a.start).toBe(6 * 3600);
    expect(a.relative).toBe(true);
  });

  it('keeps absolute ranges exactly, clamps the future and inverted ranges', () => {
    const r = resolveRange(rel('2025-11-24T10:00:00Z', '2025-11-24T12:00:00Z'), NOW);
    expect([r.start, r.end, r.relative]).toEqual([
      Date.parse('2025-11-24T10:00:00Z') / 1000,
      Date.parse('2025-11-24T12:00:00Z') / 1000,
      false,
    ]);
    const inverted = resolveRange(rel('2025-11-24T12:00:00Z', '2025-11-24T10:00:00Z'), NOW);
    expect(inverted.end - inverted.start).toBe(3600);
  });

  it('pins a relative range to the instants it covers now', () => {
    const pinned = pinRange(rel('now-6h'), NOW);
    const r = resolveRange(rel('now-6h'), NOW);
    expect(pinned.from).toEqual({ kind: 'absolute', at: r.start });
    expect(pinned.to).toEqual({ kind: 'absolute', at: r.end });
    expect(resolveRange(pinned, NOW + 86_400)).toMatchObject({ start: r.start, end: r.end });
  });

  it('names ranges and their Log Analytics timespan', () => {
    expect(describeRange(rel('now-24h'))).toBe('Last 24 hours');
    expect(describeRange(rel('now-1h'))).toBe('Last hour');
    expect(describeRange(rel('now-7d'))).toBe('Last 7 days');
    expect(isoTimespan(resolveRange(rel('now-6h'), NOW))).toBe('PT6H');
    expect(isoTimespan(resolveRange(rel('now-7d'), NOW))).toBe('P7D');
  });
});
