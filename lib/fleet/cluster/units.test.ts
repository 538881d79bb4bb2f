import { describe, expect, it } from 'vitest';
import { formatValue } from './units';

describe('panel value formats', () => {
  it('keeps small percentages distinguishable', () => {
    expect(formatValue(0.004, 'percent', true)).toBe('0.40%');
    expect(formatValue(0.012, 'percent', true)).toBe('1.2%');
    expect(formatValue(0.66, 'percent', true)).toBe('66%');
    expect(formatValue(0.66, 'percent', false)).toBe('66.0%');
    expect(formatValue(0, 'percent', true)).toBe('0%');
  });

  it('reads bytes, cores, rates and seconds', () => {
    expect(formatValue(64 * 1024 ** 3, 'bytes', false)).toBe('64.0 GiB');
    expect(formatValue(8, 'cores', false)).toBe('8 cores');
    expect(formatValue(0.25, 'cores', false)).toBe('0.25 cores');
    expect(formatValue(12.34, 'rps', false)).toBe('12.3 req/s');
    expect(formatValue(0, 'rps', true)).toBe('0.0');
    expect(formatValue(0.25, 'rps', true)).toBe('0.25');
    expect(formatValue(0.0148, 'rps', false)).toBe('0.015 req/s');
    expect(formatValue(0.012, 'seconds', true)).toBe('12ms');
    expect(formatValue(Number.NaN, 'count', false)).toBe('—');
  });
});
