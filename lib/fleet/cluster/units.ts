/** Units of panel values and how they read; pure so server tables and client charts agree. */

export type ValueUnit = 'percent' | 'bytes' | 'cores' | 'count' | 'rps' | 'seconds';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function bytes(v: number): string {
  let i = 0;
  let n = Math.abs(v);
  while (n >= 1024 && i < BYTE_UNITS.length - 1) {
    n /= 1024;
    i++;
  }
  return `${(Math.sign(v) * n).toFixed(n >= 100 || i === 0 ? 0 : 1)} ${BYTE_UNITS[i]}`;
}

/** `short` for axis ticks, the full form for tooltips and tables. */
export function formatValue(v: number, unit: ValueUnit, short: boolean): string {
  if (!Number.isFinite(v)) return '—';
  switch (unit) {
    case 'percent': {
      // Error ratios live below 1 %: keep enough digits that ticks do not repeat.
      const pct = Math.abs(v * 100);
      const digits = pct === 0 || pct >= 10 ? (short ? 0 : 1) : pct >= 1 ? 1 : 2;
      return `${(v * 100).toFixed(digits)}%`;
    }
    case 'bytes':
      return bytes(v);
    case 'cores':
      // Whole cores read as "8 cores", fractions keep millicore precision.
      return `${short ? Number(v.toFixed(2)) : Number(v.toFixed(3))}${short ? '' : ' cores'}`;
    case 'count':
      return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(1);
    case 'rps': {
      // Throttled and failed requests trickle at hundredths of a request per second: keep them apart from zero.
      const a = Math.abs(v);
      const digits = a >= 100 ? 0 : a >= 1 || a === 0 ? 1 : a >= 0.1 ? 2 : 3;
      return `${v.toFixed(digits)}${short ? '' : ' req/s'}`;
    }
    case 'seconds':
      return v < 1
        ? `${(v * 1000).toFixed(short ? 0 : 1)}${short ? 'ms' : ' ms'}`
        : `${v.toFixed(2)}${short ? 's' : ' s'}`;
  }
}

/**
 * What a chart's value axis is in, written over it: request rates' ticks are bare numbers,
 * so "req/s" is said there; durations and sizes also carry their unit in every tick.
 */
export const AXIS_UNIT: Record<ValueUnit, string> = {
  percent: '%',
  bytes: 'bytes',
  cores: 'cores',
  count: 'count',
  rps: 'req/s',
  seconds: 'duration',
};
